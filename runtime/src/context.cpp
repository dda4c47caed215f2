// The context tree behind gosem::context (Go's context package).
#include <atomic>
#include <limits>
#include <unordered_map>

#include "gosem/context.hpp"
#include "gosem/detail/sched.hpp"
#include "gosem/detail/runtime_lock.hpp"

namespace gosem {

namespace detail {

// A node of the context tree. Nodes are immutable once built, except the cancellation state
// of a cancel_node. Each node holds its parent; a parent that can be cancelled also holds its
// registered children (Go's children map) until it or they are cancelled.
struct context_node {
    virtual ~context_node() = default;
    // The nearest node, this one or an ancestor, that can be cancelled; null if none can.
    virtual cancel_node* canceler() noexcept = 0;
    virtual std::optional<time_point> deadline() const = 0;
    // The value stored under `key` here or in the nearest ancestor that has one, or null.
    virtual const void* find_value(const void* key) const = 0;
};

// background() and todo().
struct empty_node final : context_node {
    cancel_node* canceler() noexcept override { return nullptr; }
    std::optional<time_point> deadline() const override { return std::nullopt; }
    const void* find_value(const void*) const override { return nullptr; }
};

// with_value.
struct value_node final : context_node {
    value_node(std::shared_ptr<context_node> p, const void* k, std::shared_ptr<const void> v)
        : parent(std::move(p)), key(k), value(std::move(v)) {}
    cancel_node* canceler() noexcept override { return parent->canceler(); }
    std::optional<time_point> deadline() const override { return parent->deadline(); }
    const void* find_value(const void* k) const override {
        return k == key ? value.get() : parent->find_value(k);
    }

    const std::shared_ptr<context_node> parent;
    const void* const key;
    const std::shared_ptr<const void> value;
};

// with_cancel (and the base of with_deadline).
// Invariants: `err` goes from nil to its cause once, under mu, and `done` is closed right after
// (so whoever sees done closed sees err). While err is nil, `registered_with` is the nearest
// cancellable ancestor, whose `children` holds this node; cancelling clears both links, which
// is what frees a child whose parent lives on. No two nodes' locks are ever held together:
// children are cancelled, and a parent is told to forget a child, after the own lock is dropped.
struct cancel_node : context_node, std::enable_shared_from_this<cancel_node> {
    explicit cancel_node(std::shared_ptr<context_node> p)
        : parent(std::move(p)), done(make_chan<empty>()) {}
    cancel_node* canceler() noexcept override { return this; }
    std::optional<time_point> deadline() const override { return parent->deadline(); }
    const void* find_value(const void* k) const override { return parent->find_value(k); }

    // Cancels this node and its descendants with `cause`, unless it already was (the first
    // cause wins). `remove_from_parent` is false when the parent is cancelling its children.
    virtual void cancel(bool remove_from_parent, error cause) {
        mu.lock();
        if (err.load(std::memory_order_relaxed)) {
            mu.unlock();
            return;
        }
        err.store(cause, std::memory_order_release);
        auto kids = std::move(children);
        children.clear();
        auto ancestor = std::move(registered_with);
        mu.unlock();
        done.close();
        // A child registering from now on finds err set and cancels itself.
        for (auto& kid : kids) kid.second->cancel(false, cause);
        if (remove_from_parent && ancestor) ancestor->remove_child(this);
    }

    void remove_child(cancel_node* child) {
        std::shared_ptr<cancel_node> removed;  // released after the lock
        mu.lock();
        if (auto it = children.find(child); it != children.end()) {
            removed = std::move(it->second);
            children.erase(it);
        }
        mu.unlock();
    }

    const std::shared_ptr<context_node> parent;
    const chan<empty> done;
    std::atomic<error> err{};
    runtime_lock mu;
    std::unordered_map<cancel_node*, std::shared_ptr<cancel_node>> children;
    std::shared_ptr<cancel_node> registered_with;
};

// with_deadline: a cancel_node that its timer cancels with deadline_exceeded.
// Invariant (under mu): while the timer is pending, `keep_alive` holds this node, so the timer
// never outlives it; exactly one of the timer's fire and a successful timer_stop drops it.
// timer_stop is called outside mu (it waits for a running fire, which takes mu).
struct timer_node final : cancel_node {
    timer_node(std::shared_ptr<context_node> p, time_point d) : cancel_node(std::move(p)), when(d) {
        t.fire = on_fire;
        t.discard = on_discard;
        t.arg = this;
    }
    std::optional<time_point> deadline() const override { return when; }

    // Cancelled by its cancel_func or its parent: the timer is no longer needed.
    void cancel(bool remove_from_parent, error cause) override {
        cancel_node::cancel(remove_from_parent, cause);
        if (!timer_stop(&t)) return;  // not pending: never armed, or its fire has the node
        std::shared_ptr<cancel_node> stopped;  // released after the lock
        mu.lock();
        stopped = std::move(keep_alive);
        mu.unlock();
    }

    void arm(std::int64_t when_ns) {
        mu.lock();
        if (!err.load(std::memory_order_relaxed)) {  // not cancelled by its parent meanwhile
            keep_alive = shared_from_this();
            timer_start(&t, when_ns);
        }
        mu.unlock();
    }

    // Runs on a runtime thread; cancelling never blocks. It may free the node (and its timer)
    // as it returns, when nothing else refers to it.
    static void on_fire(timer* fired) {
        auto* self = static_cast<timer_node*>(fired->arg);
        self->mu.lock();
        std::shared_ptr<cancel_node> hold = std::move(self->keep_alive);
        self->mu.unlock();
        self->cancel_node::cancel(true, deadline_exceeded);  // not the override: no timer to stop
    }

    // The run ended before the deadline: the pending timer lets go of the node.
    static void on_discard(timer* t) {
        auto* self = static_cast<timer_node*>(t->arg);
        self->mu.lock();
        std::shared_ptr<cancel_node> hold = std::move(self->keep_alive);
        self->mu.unlock();
    }

    const time_point when;
    timer t;
    std::shared_ptr<cancel_node> keep_alive;
};

// The way in to the handles' nodes for the functions below.
struct context_access {
    // The node of a context being derived from: CTX-12 forbids a nil one.
    static const std::shared_ptr<context_node>& parent_node(const context& c) {
        if (c.node_ == nullptr) throw panic("cannot create context from nil parent");
        return c.node_;
    }
    static context make_context(std::shared_ptr<context_node> n) {
        context c;
        c.node_ = std::move(n);
        return c;
    }
    static cancelable make_cancelable(std::shared_ptr<cancel_node> n) {
        cancel_func f;
        f.node_ = n;
        return {make_context(std::move(n)), std::move(f)};
    }
};

namespace {

[[noreturn]] void nil_dereference() {
    throw panic("runtime error: invalid memory address or nil pointer dereference");
}

// Go's propagateCancel: ties `child` to the nearest cancellable ancestor of `parent`, or
// cancels it now if that ancestor already is.
void propagate_cancel(context_node& parent, const std::shared_ptr<cancel_node>& child) {
    cancel_node* ancestor = parent.canceler();
    if (ancestor == nullptr) return;  // nothing above can cancel it
    ancestor->mu.lock();
    if (error cause = ancestor->err.load(std::memory_order_relaxed)) {
        ancestor->mu.unlock();
        child->cancel(false, cause);
        return;
    }
    ancestor->children.emplace(child.get(), child);
    child->registered_with = ancestor->shared_from_this();  // no one else has the child yet
    ancestor->mu.unlock();
}

}  // namespace

context with_value_erased(const context& parent, const void* key,
                          std::shared_ptr<const void> value) {
    return context_access::make_context(
        std::make_shared<value_node>(context_access::parent_node(parent), key, std::move(value)));
}

}  // namespace detail

using detail::context_access;

recv_chan<empty> context::done() const {
    if (node_ == nullptr) detail::nil_dereference();
    detail::cancel_node* c = node_->canceler();
    return c ? recv_chan<empty>(c->done) : recv_chan<empty>();
}

error context::err() const {
    if (node_ == nullptr) detail::nil_dereference();
    detail::cancel_node* c = node_->canceler();
    return c ? c->err.load(std::memory_order_acquire) : error{};
}

std::optional<time_point> context::deadline() const {
    if (node_ == nullptr) detail::nil_dereference();
    return node_->deadline();
}

const void* context::find_value(const void* key) const {
    if (node_ == nullptr) detail::nil_dereference();
    return node_->find_value(key);
}

void cancel_func::operator()() const {
    if (node_ == nullptr) detail::nil_dereference();
    node_->cancel(true, canceled);
}

context background() {
    static const auto node = std::make_shared<detail::empty_node>();
    return context_access::make_context(node);
}

context todo() {
    static const auto node = std::make_shared<detail::empty_node>();
    return context_access::make_context(node);
}

cancelable with_cancel(const context& parent) {
    const auto& p = context_access::parent_node(parent);
    auto node = std::make_shared<detail::cancel_node>(p);
    detail::propagate_cancel(*p, node);
    return context_access::make_cancelable(std::move(node));
}

cancelable with_deadline(const context& parent, time_point d) {
    const auto& p = context_access::parent_node(parent);
    if (auto earlier = p->deadline(); earlier && *earlier < d) return with_cancel(parent);
    auto node = std::make_shared<detail::timer_node>(p, d);
    detail::propagate_cancel(*p, node);
    auto left = std::chrono::duration_cast<duration>(d - std::chrono::steady_clock::now());
    if (left <= duration::zero()) {
        node->cancel(true, deadline_exceeded);
    } else {
        std::int64_t now = detail::nanotime();
        constexpr std::int64_t never = std::numeric_limits<std::int64_t>::max();
        node->arm(left.count() > never - now ? never : now + left.count());
    }
    return context_access::make_cancelable(std::move(node));
}

cancelable with_timeout(const context& parent, duration timeout) {
    time_point now = std::chrono::steady_clock::now();
    bool overflows = timeout > std::chrono::duration_cast<duration>(time_point::max() - now);
    return with_deadline(parent, overflows ? time_point::max() : now + timeout);
}

}  // namespace gosem
