// gosem/context.hpp: Go's context package: cancellation and deadlines you can select on.
//
//   auto [ctx, cancel] = gosem::with_timeout(gosem::background(), 100ms);
//   gosem::go([ctx, jobs] {                      // a goroutine cannot be killed, only told (N16)
//       for (;;) {
//           bool stop = false;
//           gosem::select(gosem::recv_case(ctx.done(), [&] { stop = true; }),
//                         gosem::recv_case(jobs, [&](int job) { ... }));
//           if (stop) return;                    // ctx.err() says why
//       }
//   });
//   ...
//   cancel();                                    // idempotent, from any goroutine
//
// A context is a handle (copies share one node of the context tree); a default-constructed one
// is nil. Cancelling a node cancels every descendant, never its parent or siblings (CTX-05,
// CTX-06); the first cause wins (CTX-10). As in Go, a child stays registered with its parent
// until it is cancelled or expires: call its cancel_func when done with it.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>

#include "gosem/chan.hpp"
#include "gosem/time.hpp"

namespace gosem {

// A Go error value, in the small: nil, or one of a fixed set of errors identified by their text
// object (so `ctx.err() == gosem::canceled` compares identity, as Go's sentinel errors do).
class error {
public:
    constexpr error() noexcept = default;  // nil
    // `text` must have static storage duration; its address is the error's identity.
    constexpr explicit error(const char* text) noexcept : text_(text) {}
    explicit operator bool() const noexcept { return text_ != nullptr; }
    // Go's Error(); "<nil>" (what Go prints) for nil.
    std::string_view message() const noexcept { return text_ ? text_ : "<nil>"; }
    friend bool operator==(error a, error b) noexcept { return a.text_ == b.text_; }

private:
    const char* text_ = nullptr;
};

namespace detail {
inline constexpr char canceled_text[] = "context canceled";
inline constexpr char deadline_exceeded_text[] = "context deadline exceeded";
struct context_node;
struct cancel_node;
struct context_access;  // context.cpp's way in to the handles
}  // namespace detail

// context.Canceled and context.DeadlineExceeded.
inline constexpr error canceled{detail::canceled_text};
inline constexpr error deadline_exceeded{detail::deadline_exceeded_text};

// A key for context values. Its address is its identity (as an unexported key type is in Go)
// and T is the type of its values. Declare one per purpose, at namespace scope:
//   inline const gosem::context_key<std::string> request_id;
template <class T>
class context_key {
public:
    constexpr context_key() noexcept = default;
    context_key(const context_key&) = delete;
    context_key& operator=(const context_key&) = delete;
};

// context.Context. Every method of a nil context throws gosem::panic (Go's nil dereference).
class context {
public:
    context() noexcept = default;
    context(std::nullptr_t) noexcept {}

    // Closed when the context is cancelled or its deadline passes; the same channel on every
    // call; nil for a context that can never be cancelled (background(), todo()).
    recv_chan<empty> done() const;
    // Nil until done() is closed; then canceled or deadline_exceeded, whichever came first.
    error err() const;
    // The deadline, if this context or an ancestor has one (the earliest applies).
    std::optional<time_point> deadline() const;
    // The value stored under `key` by the nearest with_value, or nullopt.
    template <class T>
    std::optional<T> value(const context_key<T>& key) const {
        const void* v = find_value(&key);
        if (v == nullptr) return std::nullopt;
        return *static_cast<const T*>(v);
    }

    bool is_nil() const noexcept { return node_ == nullptr; }
    friend bool operator==(const context& a, std::nullptr_t) noexcept { return a.is_nil(); }
    // The same node of the context tree (a copy of the same handle).
    friend bool operator==(const context& a, const context& b) noexcept = default;

private:
    friend struct detail::context_access;
    const void* find_value(const void* key) const;
    std::shared_ptr<detail::context_node> node_;
};

// context.CancelFunc: cancels its context with `canceled` (if nothing cancelled it before) and
// releases its registration with the parent. Idempotent; safe from any goroutine (CTX-04).
// Calling a nil cancel_func throws gosem::panic.
class cancel_func {
public:
    cancel_func() noexcept = default;
    void operator()() const;

private:
    friend struct detail::context_access;
    std::shared_ptr<detail::cancel_node> node_;
};

// What with_cancel, with_deadline and with_timeout return: `auto [ctx, cancel] = ...`.
struct cancelable {
    context ctx;
    cancel_func cancel;
};

// context.Background and context.TODO: never cancelled, no deadline, no values.
context background();
context todo();

// The creation functions throw gosem::panic("cannot create context from nil parent") when the
// parent is nil (CTX-12).

// A child cancelled by `cancel` or with its parent. Starts cancelled if the parent is (CTX-07).
cancelable with_cancel(const context& parent);
// A child that also expires at `d` with deadline_exceeded: at once if d has passed (CTX-09).
// Under a parent whose deadline is earlier it is simply with_cancel(parent) (CTX-11).
cancelable with_deadline(const context& parent, time_point d);
cancelable with_timeout(const context& parent, duration timeout);
namespace detail {
context with_value_erased(const context& parent, const void* key,
                          std::shared_ptr<const void> value);
}
// A child that carries `value` under `key`; cancelled with its parent.
template <class T>
context with_value(const context& parent, const context_key<T>& key,
                   std::type_identity_t<T> value) {
    return detail::with_value_erased(parent, &key, std::make_shared<const T>(std::move(value)));
}

}  // namespace gosem
