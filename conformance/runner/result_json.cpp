#include "result_json.hpp"

#include "json.hpp"

namespace gosem_conformance {
namespace {

std::vector<std::string_view> flag_names(flag f) {
    std::vector<std::string_view> names;
    if (has(f, flag::nondeterministic)) names.push_back("nondeterministic");
    if (has(f, flag::statistical)) names.push_back("statistical");
    if (has(f, flag::impl_defined)) names.push_back("impl_defined");
    if (has(f, flag::slow)) names.push_back("slow");
    return names;
}

template <class Items, class ToJson>
std::string json_array(const Items& items, ToJson to_json) {
    std::string out = "[";
    for (const auto& item : items) {
        if (out.size() > 1) out += ", ";
        out += to_json(item);
    }
    return out + "]";
}

std::vector<std::string_view> words(std::string_view text) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
        std::size_t sp = text.find(' ');
        if (sp != 0) out.push_back(text.substr(0, sp));
        text = sp == std::string_view::npos ? std::string_view{} : text.substr(sp + 1);
    }
    return out;
}

}  // namespace

std::string case_json(const case_entry& c) {
    const case_info& i = *c.info;
    auto as_string = [](std::string_view s) { return json_string(s); };
    std::string j = "{\"id\": " + json_string(c.id);
    j += ", \"rules\": " + json_array(words(i.rules), as_string);
    j += ", \"notes\": " + json_string(i.notes);
    j += ", \"area\": " + json_string(i.area);
    j += ", \"expect\": {\"kind\": " + json_string(to_string(i.expect.kind)) +
         ", \"message\": " + json_string(i.expect.message) + "}";
    j += ", \"flags\": " + json_array(flag_names(i.flags), as_string);
    j += ", \"needs\": " + json_string(cap_names(i.needs));
    j += ", \"procs\": " + json_array(procs_list(i.gomaxprocs), [](int n) { return std::to_string(n); });
    j += ", \"timeout_ms\": " + std::to_string(timeout_ms(i));
    j += ", \"goroutines\": " + std::to_string(i.goroutines);
    j += ", \"missing\": " + json_string(cap_names(c.missing));
    j += ", \"file\": " + json_string(c.file) + ", \"line\": " + std::to_string(c.line) + "}";
    return j;
}

std::string result_json(const case_entry& c, std::string_view status, std::string_view reason,
                        const std::vector<run_record>& records, std::string_view rerun) {
    std::string j = "{\"runtime\": " + json_string(registered_adapter().name);
    j += ", \"case\": " + case_json(c);
    j += ", \"status\": " + json_string(status) + ", \"reason\": " + json_string(reason);
    j += ", \"rerun\": " + json_string(rerun) + ", \"runs\": ";
    j += json_array(records, [](const run_record& r) {
        std::string o = "{\"step\": " + json_string(r.step) + ", \"procs\": " + std::to_string(r.procs);
        o += ", \"verdict\": " + json_string(to_string(r.result.kind));
        o += ", \"message\": " + json_string(r.result.message);
        o += ", \"exit_status\": " + std::to_string(r.raw.exit_status);
        o += ", \"signal\": " + std::to_string(r.raw.signal);
        o += ", \"elapsed_ms\": " + std::to_string(r.raw.elapsed_ms);
        o += ", \"stderr\": " + json_string(r.raw.err.substr(0, 16384)) + "}";
        return o;
    });
    return j + "}\n";
}

}  // namespace gosem_conformance
