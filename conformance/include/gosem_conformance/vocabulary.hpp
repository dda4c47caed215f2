// gosem_conformance/vocabulary.hpp: the words a case body is written in, on top of the adapter.
//
// Inside a case, `rt` is the adapter. Channels come from make_chan<T>(rt, n) and nil_chan<T>(rt);
// a select is select(rt, recv_case{a}, send_case{b, v}) or select_default(rt, ...), which
// returns -1 when default ran. Element-type sweeps use for_each_element_type with make_value,
// same_value and is_zero, so that one body checks int, a zero-size type, a move-only type and a
// type that owns memory.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "gosem_conformance/adapter.hpp"
#include "gosem_conformance/check.hpp"

namespace gosem_conformance {

template <class T, class R>
chan_t<R, T> make_chan(R& rt, std::int64_t size = 0) {
    return rt.template make_chan<T>(size);
}

template <class T, class R>
chan_t<R, T> nil_chan(R& rt) {
    return rt.template nil_chan<T>();
}

// Go's select without default: blocks until a case can run; returns its index.
template <class R, class... Cases>
int select(R& rt, Cases&&... cases) {
    return rt.select(false, cases...);
}

// Go's select with a default case: returns -1 when no case was ready.
template <class R, class... Cases>
int select_default(R& rt, Cases&&... cases) {
    return rt.select(true, cases...);
}

// The capacities Go's own channel tests sweep: unbuffered, one, several.
inline constexpr std::int64_t swept_capacities[] = {0, 1, 5};

// Element values numbered by i, for every swept element type.
template <class T> T make_value(int i);
template <> inline int make_value<int>(int i) { return i; }
template <> inline empty_value make_value<empty_value>(int) { return {}; }
template <> inline move_only_value make_value<move_only_value>(int i) {
    return std::make_unique<int>(i);
}
template <> inline std::string make_value<std::string>(int i) { return "v" + std::to_string(i); }

// Whether v is the value numbered i (a zero-size value is every number).
inline bool same_value(int v, int i) { return v == i; }
inline bool same_value(empty_value, int) { return true; }
inline bool same_value(const move_only_value& v, int i) { return v && *v == i; }
inline bool same_value(const std::string& v, int i) { return v == make_value<std::string>(i); }

// Whether v is its type's zero value (what a closed channel yields).
inline bool is_zero(int v) { return v == 0; }
inline bool is_zero(empty_value) { return true; }
inline bool is_zero(const move_only_value& v) { return v == nullptr; }
inline bool is_zero(const std::string& v) { return v.empty(); }

// Calls f.template operator()<T>() for each swept element type, as Go's tests repeat a check
// for several types (test/chan/nonblock.go, zerosize.go).
template <class F>
void for_each_element_type(F&& f) {
    f.template operator()<int>();
    f.template operator()<empty_value>();
    f.template operator()<move_only_value>();
    f.template operator()<std::string>();
}

}  // namespace gosem_conformance
