#include "verdict.hpp"

#include <string_view>

#include "gosem_conformance/check.hpp"

namespace gosem_conformance {
namespace {

constexpr std::string_view deadlock_message = "all goroutines are asleep - deadlock!";

// The rest of the first line of `text` that starts with `prefix`, if any.
bool line_after(const std::string& text, std::string_view prefix, std::string* rest) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + pos, end - pos);
        if (line.starts_with(prefix)) {
            *rest = std::string(line.substr(prefix.size()));
            return true;
        }
        pos = end + 1;
    }
    return false;
}

// `goroutine 1 [chan receive]:` or `goroutine 1 [chan receive, 2 minutes]:` gives the reason.
std::string main_wait_reason(const std::string& err) {
    std::string rest;
    if (!line_after(err, "goroutine 1 [", &rest)) return {};
    std::size_t end = rest.find_first_of(",]");
    return end == std::string::npos ? rest : rest.substr(0, end);
}

}  // namespace

verdict classify(const child_result& r) {
    std::string rest;
    if (r.timed_out) return {verdict_kind::blocked, {}};
    if (line_after(r.err, unsupported_marker, &rest)) return {verdict_kind::unsupported, rest};
    // A twin's check fails with a panic, so the marker may follow `panic: `.
    if (std::size_t at = r.err.find(check_failed_marker); at != std::string::npos) {
        std::size_t from = at + check_failed_marker.size();
        return {verdict_kind::check_failed, r.err.substr(from, r.err.find('\n', from) - from)};
    }
    if (r.exit_status == 0) return {verdict_kind::returned, {}};
    if (r.exit_status == 2 && line_after(r.err, "fatal error: ", &rest)) {
        if (rest == deadlock_message) return {verdict_kind::deadlock, main_wait_reason(r.err)};
        return {verdict_kind::fatal_error, rest};
    }
    if (r.exit_status == 2 && line_after(r.err, "panic: ", &rest)) {
        constexpr std::string_view recovered = " [recovered]";
        if (rest.ends_with(recovered)) rest.resize(rest.size() - recovered.size());
        return {verdict_kind::panicked, rest};
    }
    if (r.signal != 0) return {verdict_kind::crashed, "signal " + std::to_string(r.signal)};
    return {verdict_kind::crashed, "exit status " + std::to_string(r.exit_status)};
}

bool satisfies(const verdict& v, const expectation& e) {
    switch (e.kind) {
        case outcome::returns: return v.kind == verdict_kind::returned;
        case outcome::panics: return v.kind == verdict_kind::panicked && v.message == e.message;
        case outcome::fatal_error:
            return v.kind == verdict_kind::fatal_error && v.message == e.message;
        case outcome::deadlock:
            return v.kind == verdict_kind::deadlock && (e.message.empty() || v.message == e.message);
        case outcome::blocks: return v.kind == verdict_kind::blocked;
        case outcome::does_not_compile: return v.kind == verdict_kind::rejected;
    }
    return false;
}

const char* to_string(verdict_kind k) {
    switch (k) {
        case verdict_kind::returned: return "returned";
        case verdict_kind::check_failed: return "check_failed";
        case verdict_kind::panicked: return "panicked";
        case verdict_kind::fatal_error: return "fatal_error";
        case verdict_kind::deadlock: return "deadlock";
        case verdict_kind::blocked: return "blocked";
        case verdict_kind::crashed: return "crashed";
        case verdict_kind::unsupported: return "unsupported";
        case verdict_kind::compiled: return "compiled";
        case verdict_kind::rejected: return "rejected";
    }
    return "?";
}

const char* to_string(outcome k) {
    switch (k) {
        case outcome::returns: return "returns";
        case outcome::panics: return "panics";
        case outcome::fatal_error: return "fatal_error";
        case outcome::deadlock: return "deadlock";
        case outcome::blocks: return "blocks";
        case outcome::does_not_compile: return "does_not_compile";
    }
    return "?";
}

std::string describe(const verdict& v) {
    std::string s = to_string(v.kind);
    if (!v.message.empty()) s += " \"" + v.message + "\"";
    return s;
}

std::string describe(const expectation& e) {
    std::string s = to_string(e.kind);
    if (!e.message.empty()) s += " \"" + std::string(e.message) + "\"";
    return s;
}

}  // namespace gosem_conformance
