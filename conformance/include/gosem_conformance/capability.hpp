// gosem_conformance/capability.hpp: the optional parts of the adapter boundary.
//
// A case lists the capabilities it needs; a runtime whose adapter lacks one reports the case
// UNSUPPORTED. Whether an adapter has a capability is read off its API (adapter.hpp), never
// declared, so an adapter cannot claim what it does not implement.
#pragma once

#include <cstdint>
#include <string>

namespace gosem_conformance {

enum class cap : std::uint32_t {
    none = 0,
    len_cap = 1u << 0,                // ch.len(), ch.cap()
    nil_chan = 1u << 1,               // rt.nil_chan<T>(): a nil channel
    direction = 1u << 2,              // R::send_chan<T>, R::recv_chan<T>, converted from R::chan<T>
    range = 1u << 3,                  // for (auto v : ch)
    select = 1u << 4,                 // rt.select(with_default, cases...)
    recover = 1u << 5,                // rt.recover(f), rt.panic(message)
    introspection = 1u << 6,          // rt.num_goroutine(), rt.gomaxprocs([n]), rt.wait_blocked(n)
    mutex = 1u << 7,                  // R::mutex
    rwmutex = 1u << 8,                // R::rwmutex
    waitgroup = 1u << 9,              // R::waitgroup
    time = 1u << 10,                  // rt.sleep(d), rt.after(d)
    context = 1u << 11,               // rt.background(), rt.with_cancel(p), rt.with_timeout(p, d)
    blocking_call = 1u << 12,         // rt.blocking_call(f): f may block its OS thread
    once = 1u << 13,                  // R::once: o.call(f)
    cond = 1u << 14,                  // R::cond over an R::mutex: wait, signal, broadcast
    context_deadline = 1u << 15,      // ctx.deadline(): the time point, if the context has one
    context_done_compare = 1u << 16,  // ctx.done() == other, also against a nil channel
};
inline constexpr int cap_count = 17;

constexpr cap operator|(cap a, cap b) {
    return static_cast<cap>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
constexpr cap operator&(cap a, cap b) {
    return static_cast<cap>(static_cast<std::uint32_t>(a) & static_cast<std::uint32_t>(b));
}
constexpr cap operator~(cap a) { return static_cast<cap>(~static_cast<std::uint32_t>(a)); }

constexpr const char* cap_name(int bit) {
    constexpr const char* names[cap_count] = {
        "len_cap", "nil_chan", "direction", "range", "select", "recover",
        "introspection", "mutex", "rwmutex", "waitgroup", "time", "context", "blocking_call",
        "once", "cond", "context_deadline", "context_done_compare",
    };
    return bit >= 0 && bit < cap_count ? names[bit] : "?";
}

// "select,time" for a set of capabilities.
inline std::string cap_names(cap set) {
    std::string out;
    for (int bit = 0; bit < cap_count; ++bit) {
        if ((static_cast<std::uint32_t>(set) >> bit) & 1u) {
            if (!out.empty()) out += ',';
            out += cap_name(bit);
        }
    }
    return out;
}

}  // namespace gosem_conformance
