// The conformance runner: one executable per runtime, holding every case instantiated for that
// runtime's adapter (gosem_add_conformance builds it).
//
//   runner --list                the cases, as JSON
//   runner --run ID [--procs N] [--expectations FILE] [--results DIR] [--compile-rsp FILE]
//
// --run judges one case: each GOMAXPROCS value it runs at is a fresh program in a child process
// (compile-fail cases: two compiler runs, the control and the violation). It prints the verdict,
// with what a failure needs to be understood and rerun, optionally writes DIR/ID.json, and exits
// 0 for PASS, XFAIL and XPASS, 1 for FAIL, 77 for UNSUPPORTED (ctest's SKIP_RETURN_CODE).
#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "gosem_conformance/case_entry.hpp"
#include "json.hpp"
#include "known_failures.hpp"
#include "result_json.hpp"
#include "runs.hpp"
#include "verdict.hpp"

namespace gosem_conformance {
namespace {

constexpr int exit_pass = 0, exit_fail = 1, exit_unsupported = 77;

struct options {
    std::string run_id;
    int only_procs = 0;
    std::string expectations;
    std::string results_dir;
    std::string compile_rsp;
};

[[noreturn]] void usage() {
    std::fprintf(stderr,
                 "usage: runner --list\n"
                 "       runner --run ID [--procs N] [--expectations FILE] [--results DIR]"
                 " [--compile-rsp FILE]\n");
    std::exit(2);
}

std::string self_path() {
    char buf[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("runner");
}

int list_cases() {
    const adapter_entry& a = registered_adapter();
    std::printf("{\"runtime\": %s, \"capabilities\": %s, \"max_procs\": %d, "
                "\"max_goroutines\": %ld, \"cases\": [\n",
                json_string(a.name).c_str(), json_string(cap_names(a.capabilities)).c_str(),
                a.max_procs, a.max_goroutines);
    const auto& cases = case_registry();
    for (std::size_t k = 0; k < cases.size(); ++k) {
        std::printf("  %s%s\n", case_json(cases[k]).c_str(), k + 1 < cases.size() ? "," : "");
    }
    std::printf("]}\n");
    return 0;
}

// The last lines of a stream, indented, for a failure report.
std::string tail(const std::string& text, int max_lines) {
    std::vector<std::string_view> lines;
    std::string_view rest = text;
    while (!rest.empty()) {
        std::size_t nl = rest.find('\n');
        lines.push_back(rest.substr(0, nl));
        rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    }
    std::string out;
    std::size_t from = lines.size() > std::size_t(max_lines) ? lines.size() - max_lines : 0;
    if (from > 0) out += "    | ...\n";
    for (std::size_t k = from; k < lines.size(); ++k) out += "    | " + std::string(lines[k]) + "\n";
    return out;
}

int run_case(const options& opt) {
    const auto& cases = case_registry();
    auto it = std::find_if(cases.begin(), cases.end(),
                           [&](const case_entry& c) { return c.id == opt.run_id; });
    if (it == cases.end()) {
        std::fprintf(stderr, "no case %s in this runner\n", opt.run_id.c_str());
        return exit_fail;
    }
    const case_entry& c = *it;
    const case_info& info = *c.info;
    std::string id(c.id);
    std::map<std::string, std::string> known;
    if (!opt.expectations.empty()) known = read_known_failures(opt.expectations);
    auto known_it = known.find(id);
    bool is_known = known_it != known.end();
    bool compile_case = info.expect.kind == outcome::does_not_compile;
    if (compile_case && c.missing == cap::none && opt.compile_rsp.empty()) {
        std::fprintf(stderr, "%s is a compile-fail case: --compile-rsp is required\n", id.c_str());
        return exit_fail;
    }

    std::string rerun = self_path() + " --run " + id;
    if (compile_case) rerun += " --compile-rsp " + opt.compile_rsp;

    std::vector<run_record> records;
    std::string status, reason;
    if (c.missing != cap::none) {
        status = "UNSUPPORTED";
        reason = "adapter lacks " + cap_names(c.missing);
    } else if (long limit = registered_adapter().max_goroutines; limit > 0 && info.goroutines > limit) {
        status = "UNSUPPORTED";
        reason = "needs " + std::to_string(info.goroutines) + " goroutines alive at once; the adapter "
                 "allows at most " + std::to_string(limit);
    } else {
        records = compile_case ? run_compile_case(c, opt.compile_rsp)
                               : run_program_case(c, opt.only_procs);
        if (records.empty()) {
            status = "UNSUPPORTED";
            reason = "no GOMAXPROCS value the case runs at is within the adapter's max_procs";
        } else if (records.back().result.kind == verdict_kind::unsupported) {
            status = "UNSUPPORTED";
            reason = records.back().result.message;
        } else {
            const run_record& last = records.back();
            bool passed = last.step != "control" && satisfies(last.result, info.expect);
            if (passed) {
                status = is_known ? "XPASS" : "PASS";
                if (is_known) reason = "listed as a known failure: " + known_it->second;
            } else {
                status = is_known ? "XFAIL" : "FAIL";
                if (is_known) reason = known_it->second;
                if (last.procs != 0) rerun += " --procs " + std::to_string(last.procs);
            }
        }
    }

    std::printf("%s %s on %s", status.c_str(), id.c_str(),
                std::string(registered_adapter().name).c_str());
    if (!reason.empty()) std::printf(" (%s)", reason.c_str());
    std::printf("\n");
    for (const run_record& r : records) {
        std::printf("  %-14s %s, %ld ms\n", r.step.c_str(), describe(r.result).c_str(),
                    r.raw.elapsed_ms);
    }
    if (status == "FAIL" || status == "XFAIL") {
        const run_record& last = records.back();
        std::printf("  rules:    %s\n", std::string(info.rules).c_str());
        if (!info.notes.empty()) std::printf("  notes:    %s\n", std::string(info.notes).c_str());
        std::printf("  expected: %s\n", describe(info.expect).c_str());
        if (last.step == "control") {
            std::printf("  actual:   the control (without the violation) does not compile\n");
        } else {
            std::printf("  actual:   %s (%s)\n", describe(last.result).c_str(), last.step.c_str());
        }
        if (!last.raw.err.empty()) std::printf("  stderr:\n%s", tail(last.raw.err, 30).c_str());
        if (!last.raw.out.empty()) std::printf("  stdout:\n%s", tail(last.raw.out, 10).c_str());
        std::printf("  declared: %s:%d\n", c.file, c.line);
        std::printf("  rerun:    %s\n", rerun.c_str());
    }
    if (status == "XPASS") {
        std::printf("  now passes: remove it from the expectations file %s\n",
                    opt.expectations.c_str());
    }
    std::fflush(stdout);
    if (!opt.results_dir.empty()) {
        std::string path = opt.results_dir + "/" + id + ".json";
        std::ofstream out(path);
        out << result_json(c, status, reason, records, rerun);
        if (!out) std::fprintf(stderr, "cannot write %s\n", path.c_str());
    }
    if (status == "FAIL") return exit_fail;
    if (status == "UNSUPPORTED") return exit_unsupported;
    return exit_pass;
}

}  // namespace
}  // namespace gosem_conformance

int main(int argc, char** argv) {
    using namespace gosem_conformance;
    auto& cases = case_registry();
    std::sort(cases.begin(), cases.end(),
              [](const case_entry& a, const case_entry& b) { return a.id < b.id; });
    for (std::size_t k = 1; k < cases.size(); ++k) {
        if (cases[k].id == cases[k - 1].id) {
            std::fprintf(stderr, "case %s is declared twice (%s:%d, %s:%d)\n",
                         std::string(cases[k].id).c_str(), cases[k - 1].file, cases[k - 1].line,
                         cases[k].file, cases[k].line);
            return 1;
        }
    }
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.size() == 1 && args[0] == "--list") return list_cases();
    options opt;
    for (std::size_t k = 0; k < args.size(); ++k) {
        auto value = [&]() -> std::string {
            if (k + 1 >= args.size()) usage();
            return std::string(args[++k]);
        };
        if (args[k] == "--run") opt.run_id = value();
        else if (args[k] == "--procs") opt.only_procs = std::atoi(value().c_str());
        else if (args[k] == "--expectations") opt.expectations = value();
        else if (args[k] == "--results") opt.results_dir = value();
        else if (args[k] == "--compile-rsp") opt.compile_rsp = value();
        else usage();
    }
    if (opt.run_id.empty()) usage();
    return run_case(opt);
}
