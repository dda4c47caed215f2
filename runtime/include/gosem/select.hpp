// gosem/select.hpp: Go's select statement.
//
//   gosem::select(
//       gosem::recv_case(jobs, [&](int job, bool ok) { ... }),  // case job, ok := <-jobs:
//       gosem::recv_case(ctx_done, [&] { ... }),                 // case <-ctx.Done():
//       gosem::send_case(out, result, [&] { ... }),              // case out <- result:
//       gosem::default_case([&] { ... }));                       // default:
//
// Every channel operand and send value is evaluated once, on entry. Go evaluates them in source
// order; C++ evaluates function arguments in no fixed order, so when the order matters write the
// select with braces, `gosem::select{...}`, whose elements are evaluated left to right (within
// one send_case, bind the channel or the value to a variable first). If several cases are ready one is chosen uniformly at random; default runs only if
// none is; without default the goroutine waits until one is. Cases on nil channels are never
// ready; `select()` with no cases blocks forever. The chosen case's handler runs after the
// communication; `return` inside a handler leaves the case only, as `break` does in Go.
// select returns the chosen case's position (counting default among the arguments).
//
// For a list of cases built at run time (reflect.Select), see select_list below.
#pragma once

#include "gosem/source_location.hpp"
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "gosem/chan.hpp"

namespace gosem {

namespace detail {
struct no_handler {
    void operator()() const noexcept {}
};

template <class T, class F>
struct recv_case_t {
    chan_core* chan;
    F handler;
    recv_slot<T> slot;
    bool ok = false;

    select_case erase() { return {chan, slot.bytes, false}; }
    void fire() {
        T v = slot.take();
        if constexpr (std::is_invocable_v<F&, T&&, bool>) handler(std::move(v), ok);
        else if constexpr (std::is_invocable_v<F&, T&&>) handler(std::move(v));
        else handler();
    }
};

template <class T, class F>
struct send_case_t {
    chan_core* chan;
    T value;
    F handler;

    select_case erase() { return {chan, &value, true}; }
    void fire() { handler(); }
};

template <class F>
struct default_case_t {
    F handler;
};

template <class C> inline constexpr bool is_default_case = false;
template <class F> inline constexpr bool is_default_case<default_case_t<F>> = true;
}  // namespace detail

// case v, ok := <-ch  (handler takes (T, bool), (T) or nothing)
template <class Ch, class F = detail::no_handler>
auto recv_case(const Ch& ch, F handler = {}) {
    using T = typename Ch::value_type;
    static_assert(!std::is_same_v<Ch, send_chan<T>>, "receive from send-only channel");
    return detail::recv_case_t<T, F>{ch.core(), std::move(handler), {}};
}

// case ch <- value
template <class Ch, class V, class F = detail::no_handler>
auto send_case(const Ch& ch, V&& value, F handler = {}) {
    using T = typename Ch::value_type;
    static_assert(!std::is_same_v<Ch, recv_chan<T>>, "send to receive-only channel");
    return detail::send_case_t<T, F>{ch.core(), T(std::forward<V>(value)), std::move(handler)};
}

// default:
template <class F = detail::no_handler>
auto default_case(F handler = {}) {
    return detail::default_case_t<F>{std::move(handler)};
}

namespace detail {
// Not inlined: inlined into a caller that tests its result (a wrapper mapping the default to -1,
// as a conformance adapter does), GCC 12.2 at -O2 folded that test to a constant (its jump
// threading; -fno-thread-jumps or -fno-tree-vrp avoided it). The call costs a few nanoseconds;
// test_select.cpp holds the reproducer.
template <class... Cases>
[[gnu::noinline]] int select_impl(gosem::source_location where, Cases&... cs) {
    constexpr int n_default = (0 + ... + (is_default_case<Cases> ? 1 : 0));
    static_assert(n_default <= 1, "multiple defaults in select");
    constexpr int n = sizeof...(Cases) - n_default;
    select_case erased[n > 0 ? n : 1];
    int positions[n > 0 ? n : 1];  // argument position of each non-default case
    {
        int k = 0, pos = 0;
        [[maybe_unused]] auto add = [&](auto& c) {
            if constexpr (!is_default_case<std::remove_reference_t<decltype(c)>>) {
                erased[k] = c.erase();
                positions[k++] = pos;
            }
            ++pos;
        };
        (add(cs), ...);
    }
    bool ok = false;
    int chosen = n == 1 && n_default == 1 ? select_one_nonblocking(erased[0], &ok, where)
                                          : select_run(erased, n, n_default == 0, &ok, where);
    int pos = 0, result = -1;
    [[maybe_unused]] auto dispatch = [&](auto& c) {
        if constexpr (is_default_case<std::remove_reference_t<decltype(c)>>) {
            if (chosen < 0) {
                result = pos;
                c.handler();
            }
        } else if (chosen >= 0 && positions[chosen] == pos) {
            result = pos;
            if constexpr (requires { c.ok; }) c.ok = ok;
            c.fire();
        }
        ++pos;
    };
    (dispatch(cs), ...);
    return result;
}
}  // namespace detail

// The select statement; see the top of this file. The call site is recorded for the deadlock
// report (a class, so that it can follow the case pack).
template <class... Cases>
struct select {
    int chosen;
    explicit select(Cases&&... cases,
                    gosem::source_location where = gosem::source_location::current())
        : chosen(detail::select_impl(where, cases...)) {}
    operator int() const noexcept { return chosen; }
};
template <class... Cases>
select(Cases&&...) -> select<Cases...>;

// A select over cases built at run time, all on channels of one element type: Go's
// reflect.Select. A send case sends `value`; a receive case stores what it received in `value`
// and `ok`. Returns the chosen index into `cases`, or -1 (the default) when `with_default` is
// true and no case was ready.
template <class T>
struct dynamic_case {
    bool is_send = false;
    detail::chan_core* chan = nullptr;  // nil: never ready
    T value{};
    bool ok = false;
};
template <class Ch>
dynamic_case<typename Ch::value_type> dynamic_send(const Ch& ch, typename Ch::value_type v) {
    return {true, ch.core(), std::move(v), false};
}
template <class Ch>
dynamic_case<typename Ch::value_type> dynamic_recv(const Ch& ch) {
    return {false, ch.core(), {}, false};
}

template <class T>
int select_list(std::span<dynamic_case<T>> cases, bool with_default,
                gosem::source_location where = gosem::source_location::current()) {
    std::vector<detail::select_case> erased(cases.size());
    std::vector<detail::recv_slot<T>> slots(cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        erased[i] = {cases[i].chan, cases[i].is_send ? static_cast<void*>(&cases[i].value)
                                                     : static_cast<void*>(slots[i].bytes),
                     cases[i].is_send};
    }
    bool ok = false;
    int chosen = detail::select_run(erased.data(), static_cast<int>(erased.size()), !with_default,
                                    &ok, where);
    if (chosen >= 0 && !cases[chosen].is_send) {
        cases[chosen].value = slots[chosen].take();
        cases[chosen].ok = ok;
    }
    return chosen;
}

}  // namespace gosem
