// gosem_conformance/check.hpp: assertions inside a case, and the adapter's way out.
//
// A failed check ends the case's program at once, from whichever goroutine made it: it writes
// `conformance check failed: WHAT (file:line)` to stderr and exits with check_failed_status. The
// Go twin's check panics with the same prefix, so a disagreement between the two shows as the
// same verdict. A check never throws: a throw could be recovered by the code under test.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace gosem_conformance {

inline constexpr int check_failed_status = 3;
inline constexpr int unsupported_status = 4;
inline constexpr std::string_view check_failed_marker = "conformance check failed: ";
inline constexpr std::string_view unsupported_marker = "conformance unsupported: ";

// Where a check was written. Not std::source_location, so that the suite also builds where the
// standard library lacks it (Clang 14 with libstdc++ 12).
struct call_site {
    const char* file;
    int line;
    static constexpr call_site current(const char* file = __builtin_FILE(),
                                       int line = __builtin_LINE()) {
        return {file, line};
    }
};

namespace detail {
[[noreturn]] inline void write_and_exit(std::string_view text, int status) {
    std::fflush(stdout);
    std::string line(text);
    line += '\n';
    for (std::size_t done = 0; done < line.size();) {
        ssize_t n = ::write(2, line.data() + done, line.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    ::_exit(status);
}

template <class T>
std::string printable(const T& v) {
    if constexpr (requires(std::ostream& os) { os << v; }) {
        std::ostringstream os;
        if constexpr (std::is_same_v<T, bool>) os << (v ? "true" : "false");
        else os << v;
        return os.str();
    } else {
        return "(unprintable)";
    }
}
}  // namespace detail

[[noreturn]] inline void fail(std::string_view what,
                              call_site where = call_site::current()) {
    std::string text(check_failed_marker);
    text += what;
    text += " (";
    text += where.file;
    text += ':';
    text += std::to_string(where.line);
    text += ')';
    detail::write_and_exit(text, check_failed_status);
}

inline void check(bool holds, std::string_view what,
                  call_site where = call_site::current()) {
    if (!holds) fail(what, where);
}

template <class A, class E>
void check_eq(const A& actual, const E& expected, std::string_view what,
              call_site where = call_site::current()) {
    if (actual == expected) return;
    std::string text(what);
    text += ": got " + detail::printable(actual) + ", want " + detail::printable(expected);
    fail(text, where);
}

// For an adapter: the runtime cannot express this request; the case reports UNSUPPORTED.
[[noreturn]] inline void unsupported(std::string_view why) {
    std::string text(unsupported_marker);
    text += why;
    detail::write_and_exit(text, unsupported_status);
}

}  // namespace gosem_conformance
