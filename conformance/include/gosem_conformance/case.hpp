// gosem_conformance/case.hpp: how a conformance case is declared (the format is in CASES.md).
//
//   // A send on a closed channel panics; uncaught, the panic ends the program.
//   GOSEM_CASE(CH_SND_06,
//              .rules = "CH-SND-06 RT-08",
//              .area = "close",
//              .expect = panics("send on closed channel"))
//   {
//       auto ch = make_chan<int>(rt, 1);
//       ch.close();
//       ch.send(1);
//   }
//
// The identifier is the case id with `-` written `_`; a lowercase tail after the rule part names
// a variant and is joined with `.`: CH_SND_06_parked is the case "CH-SND-06.parked". The body is
// a function template over the adapter type R, with the adapter object in scope as `rt`.
// Metadata fields must appear in the order case_info declares them (designated initializers).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gosem_conformance/capability.hpp"

namespace gosem_conformance {

// What a case's program does when run, as Go 1.19 does it.
enum class outcome : std::uint8_t {
    returns,           // main returns and every check held
    panics,            // an uncaught panic with `message` ends the program (exit 2)
    fatal_error,       // `fatal error: message` ends the program (exit 2)
    deadlock,          // Go's deadlock report; `message`, if set, is main's wait reason
    blocks,            // nothing is reported and the program is still running at the timeout
    does_not_compile,  // the line marked GOSEM_VIOLATION makes the program ill-formed
};

struct expectation {
    outcome kind = outcome::returns;
    std::string_view message{};
};
constexpr expectation returns() { return {outcome::returns, {}}; }
constexpr expectation panics(std::string_view message) { return {outcome::panics, message}; }
constexpr expectation fatal_error(std::string_view message) {
    return {outcome::fatal_error, message};
}
constexpr expectation deadlocks(std::string_view main_wait_reason = {}) {
    return {outcome::deadlock, main_wait_reason};
}
constexpr expectation blocks() { return {outcome::blocks, {}}; }
constexpr expectation does_not_compile() { return {outcome::does_not_compile, {}}; }

// Facts about a case that a report shows and a scheduler of runs may use.
enum class flag : std::uint32_t {
    none = 0,
    nondeterministic = 1u << 0,  // the interleaving varies between runs; the outcome does not
    statistical = 1u << 1,       // checks a distribution over a fixed number of trials
    impl_defined = 1u << 2,      // what Go's gc does, not what the spec promises
    slow = 1u << 3,              // takes seconds; gets a longer timeout
};
constexpr flag operator|(flag a, flag b) {
    return static_cast<flag>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
constexpr bool has(flag set, flag f) {
    return (static_cast<std::uint32_t>(set) & static_cast<std::uint32_t>(f)) != 0;
}

// The GOMAXPROCS values a case runs at; each is a separate run of the whole program, with
// GOMAXPROCS=n in its environment as a Go program finds it. `unset` is one run without
// GOMAXPROCS in the environment (written 0), where the runtime starts at its default.
enum class procs : std::uint8_t { one = 1, two = 2, both = 3, unset = 4 };
constexpr bool runs_at(procs set, int n) {
    if (n == 0) return set == procs::unset;
    return n >= 1 && n <= 2 && (static_cast<int>(set) & n) != 0;
}

// A case's metadata. `rules` is a space-separated list of rule ids from rules.tsv; `notes` is a
// section of the source notes (N1..N19) or empty; `area` is the case's ctest label.
struct case_info {
    std::string_view rules;
    std::string_view notes{};
    std::string_view area;
    expectation expect = returns();
    flag flags = flag::none;
    cap needs = cap::none;
    procs gomaxprocs = procs::both;
    int timeout_ms = 0;  // 0: the default for the expected outcome
    int goroutines = 0;  // the most alive at once, declared where it is thousands (see max_goroutines)
};

namespace detail {
// "CH_SND_06_parked" -> "CH-SND-06.parked": upper-case and digit words joined by '-', then the
// first word with a lower-case letter starts the variant, after a '.'.
template <std::size_t N>
consteval std::array<char, N> case_id_from_identifier(const char (&ident)[N]) {
    std::array<char, N> id{};
    bool in_variant = false;
    for (std::size_t i = 0; i + 1 < N; ++i) {
        char c = ident[i];
        if (c == '_') {
            bool next_lower = i + 2 < N && ident[i + 1] >= 'a' && ident[i + 1] <= 'z';
            id[i] = (!in_variant && next_lower) ? '.' : '-';
            in_variant = in_variant || next_lower;
        } else {
            id[i] = c;
        }
    }
    return id;
}
}  // namespace detail

// Defined by the registry, which knows the adapter the runner was built for.
template <class Case>
bool register_case(const char* file, int line);

}  // namespace gosem_conformance

// Marks the one line of a does_not_compile case that must make it ill-formed. The line is
// compiled only by that case's compile test; without it the case must compile (the control).
#ifdef GOSEM_CONFORMANCE_VIOLATE
#define GOSEM_VIOLATION(...) __VA_ARGS__
#else
#define GOSEM_VIOLATION(...)
#endif

#define GOSEM_CASE(name, ...)                                                                    \
    struct name {                                                                                \
        static constexpr auto id_text =                                                          \
            ::gosem_conformance::detail::case_id_from_identifier(#name);                         \
        static constexpr std::string_view id{id_text.data(), id_text.size() - 1};                \
        static constexpr ::gosem_conformance::case_info info{__VA_ARGS__};                       \
        template <class R>                                                                       \
        static void body(R& rt);                                                                 \
    };                                                                                           \
    inline const bool name##_registered =                                                        \
        ::gosem_conformance::register_case<name>(__FILE__, __LINE__);                            \
    template <class R>                                                                           \
    void name::body([[maybe_unused]] R& rt)
