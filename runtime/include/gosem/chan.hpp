// gosem/chan.hpp: Go channels. chan<T> is `chan T`, send_chan<T> is `chan<- T`, recv_chan<T> is
// `<-chan T`.
//
//   auto ch = gosem::make_chan<int>(3);   // make(chan int, 3); make_chan<int>() is unbuffered
//   ch.send(1);                           // ch <- 1
//   int v = ch.recv();                    // v := <-ch
//   auto [w, ok] = ch.recv_ok();          // w, ok := <-ch
//   ch.close();                           // close(ch)
//   for (int x : ch) { ... }              // for x := range ch
//
// A handle is a reference: copies share one channel, and a default-constructed handle is nil
// (sends and receives on it block forever; closing it panics). Two handles compare equal iff they
// come from the same make_chan, or both are nil. A chan<T> converts implicitly to send_chan<T> and
// recv_chan<T>; those never convert back or to each other, and each offers only its direction's
// operations, so misuse does not compile (Go's rules CH-DIR-*).
//
// T must be move-constructible and default-constructible (the zero value a closed channel
// yields). Panics are gosem::panic with Go's messages: `send on closed channel`,
// `close of closed channel`, `close of nil channel`, `makechan: size out of range`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <new>
#include <optional>
#include "gosem/source_location.hpp"
#include <type_traits>
#include <utility>

#include "gosem/detail/chan_core.hpp"

namespace gosem {

// Go's struct{}: the element of a channel used only to signal (a context's done channel).
struct empty {};

template <class T>
struct received {
    T value;
    bool ok;
};

namespace detail {

// Raw storage a receive fills; the value is moved out and destroyed by take().
template <class T>
struct recv_slot {
    alignas(T) unsigned char bytes[sizeof(T)];
    T take() {
        T* p = std::launder(reinterpret_cast<T*>(bytes));
        T out(std::move(*p));
        p->~T();
        return out;
    }
};

// The shared handle: one counted reference to a chan_core, or nil.
class chan_ref {
public:
    chan_ref() noexcept = default;
    explicit chan_ref(chan_core* c) noexcept : core_(c) {}  // adopts one reference
    chan_ref(const chan_ref& o) noexcept : core_(o.core_) { chan_retain(core_); }
    chan_ref(chan_ref&& o) noexcept : core_(std::exchange(o.core_, nullptr)) {}
    chan_ref& operator=(chan_ref o) noexcept {
        std::swap(core_, o.core_);
        return *this;
    }
    ~chan_ref() { chan_release(core_); }
    chan_core* core() const noexcept { return core_; }

private:
    chan_core* core_ = nullptr;
};

template <class T>
class chan_ops_base {
public:
    static_assert(std::is_move_constructible_v<T> && std::is_default_constructible_v<T>,
                  "a channel's element type must be move- and default-constructible");
    using value_type = T;

    std::size_t len() const noexcept { return chan_len(ref_.core()); }
    std::size_t cap() const noexcept { return chan_cap(ref_.core()); }
    bool is_nil() const noexcept { return ref_.core() == nullptr; }
    chan_core* core() const noexcept { return ref_.core(); }


protected:
    chan_ops_base() noexcept = default;
    explicit chan_ops_base(chan_ref r) noexcept : ref_(std::move(r)) {}

    void do_send(T value, gosem::source_location where) const {
        chan_send(ref_.core(), &value, true, where);
    }
    received<T> do_recv(gosem::source_location where) const {
        recv_slot<T> slot;
        bool ok = false;
        chan_recv(ref_.core(), slot.bytes, &ok, true, where);
        return {slot.take(), ok};
    }
    void do_close(gosem::source_location where) const { chan_close(ref_.core(), where); }

    chan_ref ref_;
};

// Range-for over a channel: receives until the channel is closed and drained.
template <class T>
class chan_iterator {
public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    chan_iterator() = default;
    explicit chan_iterator(chan_ref c) : chan_(std::move(c)) { advance(); }
    T& operator*() { return *current_; }
    chan_iterator& operator++() {
        advance();
        return *this;
    }
    void operator++(int) { advance(); }
    friend bool operator==(const chan_iterator& it, std::default_sentinel_t) {
        return !it.current_.has_value();
    }

private:
    void advance() {
        current_.reset();
        recv_slot<T> slot;
        bool ok = false;
        chan_recv(chan_.core(), slot.bytes, &ok, true, gosem::source_location::current());
        T v = slot.take();
        if (ok) current_.emplace(std::move(v));
    }
    chan_ref chan_;  // the range expression, evaluated once and kept alive by the loop (CH-RNG-05)
    std::optional<T> current_;
};

}  // namespace detail

template <class T> class send_chan;
template <class T> class recv_chan;

// chan T
template <class T>
class chan : public detail::chan_ops_base<T> {
    using base = detail::chan_ops_base<T>;

public:
    chan() noexcept = default;
    chan(std::nullptr_t) noexcept {}
    explicit chan(detail::chan_ref r) noexcept : base(std::move(r)) {}

    void send(T value, gosem::source_location where = gosem::source_location::current()) const {
        this->do_send(std::move(value), where);
    }
    T recv(gosem::source_location where = gosem::source_location::current()) const {
        return std::move(this->do_recv(where).value);
    }
    received<T> recv_ok(gosem::source_location where = gosem::source_location::current()) const {
        return this->do_recv(where);
    }
    void close(gosem::source_location where = gosem::source_location::current()) const {
        this->do_close(where);
    }
    detail::chan_iterator<T> begin() const { return detail::chan_iterator<T>(this->ref_); }
    std::default_sentinel_t end() const noexcept { return {}; }

    const detail::chan_ref& ref() const noexcept { return this->ref_; }

    // Go compares a channel with its own views, and views of one direction with each other;
    // a send-only and a receive-only view do not compare (mismatched types).
    friend bool operator==(const chan& a, std::nullptr_t) noexcept { return a.is_nil(); }
    friend bool operator==(const chan& a, const chan& b) noexcept { return a.core() == b.core(); }
    friend bool operator==(const chan& a, const send_chan<T>& b) noexcept { return a.core() == b.core(); }
    friend bool operator==(const chan& a, const recv_chan<T>& b) noexcept { return a.core() == b.core(); }
};

// chan<- T
template <class T>
class send_chan : public detail::chan_ops_base<T> {
    using base = detail::chan_ops_base<T>;

public:
    send_chan() noexcept = default;
    send_chan(std::nullptr_t) noexcept {}
    send_chan(const chan<T>& c) noexcept : base(c.ref()) {}

    void send(T value, gosem::source_location where = gosem::source_location::current()) const {
        this->do_send(std::move(value), where);
    }
    void close(gosem::source_location where = gosem::source_location::current()) const {
        this->do_close(where);
    }
    friend bool operator==(const send_chan& a, std::nullptr_t) noexcept { return a.is_nil(); }
    friend bool operator==(const send_chan& a, const send_chan& b) noexcept {
        return a.core() == b.core();
    }
};

// <-chan T
template <class T>
class recv_chan : public detail::chan_ops_base<T> {
    using base = detail::chan_ops_base<T>;

public:
    recv_chan() noexcept = default;
    recv_chan(std::nullptr_t) noexcept {}
    recv_chan(const chan<T>& c) noexcept : base(c.ref()) {}

    T recv(gosem::source_location where = gosem::source_location::current()) const {
        return std::move(this->do_recv(where).value);
    }
    received<T> recv_ok(gosem::source_location where = gosem::source_location::current()) const {
        return this->do_recv(where);
    }
    detail::chan_iterator<T> begin() const { return detail::chan_iterator<T>(this->ref_); }
    std::default_sentinel_t end() const noexcept { return {}; }
    friend bool operator==(const recv_chan& a, std::nullptr_t) noexcept { return a.is_nil(); }
    friend bool operator==(const recv_chan& a, const recv_chan& b) noexcept {
        return a.core() == b.core();
    }
};

// make(chan T) and make(chan T, size). A negative size panics `makechan: size out of range`.
template <class T>
chan<T> make_chan(std::int64_t size = 0) {
    return chan<T>(detail::chan_ref(detail::chan_make(&detail::elem_ops_of<T>, size)));
}

}  // namespace gosem
