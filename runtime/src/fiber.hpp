// fiber.hpp: one execution context switch, with the sanitizers told about it.
//
// A goroutine runs on its own stack; each OS thread's scheduler loop runs on the thread's own
// stack (Go's g0). Every switch goes goroutine -> g0 or g0 -> goroutine, never goroutine ->
// goroutine, so that the scheduler, not the goroutine, finishes a park (runs its unlock) once the
// goroutine's registers are saved. ASan and TSan must hear of each switch, or they report the new
// stack as overflow (ASan) or mix the two contexts' histories (TSan).
#pragma once

#include <boost/context/detail/fcontext.hpp>
#include <cstddef>

namespace gosem::detail {

using fcontext = boost::context::detail::fcontext_t;
using transfer = boost::context::detail::transfer_t;

// What a context needs for the sanitizers: its stack bounds and, under TSan, its fiber handle.
struct fiber_identity {
    const void* stack_bottom = nullptr;
    std::size_t stack_size = 0;
    void* tsan_fiber = nullptr;
    void* asan_fake_stack = nullptr;
};

// Prepares a context on [bottom, bottom+size) that will call `entry` on its first resume.
fcontext make_context(void* bottom, std::size_t size, void (*entry)(transfer), fiber_identity& id);
// The calling thread's own context (g0).
void adopt_thread(fiber_identity& id);
// Releases sanitizer state of a context that will never run again.
void forget_context(fiber_identity& id);

// Switches from `from` to the context `to` identified by `to_id`, passing `data`; returns what
// the context that later resumes `from` passed. `from_exits` says `from` will never be resumed.
transfer switch_context(fcontext to, void* data, fiber_identity& from, fiber_identity& to_id,
                        bool from_exits = false);
// Called first thing in a freshly started context (its entry function).
void finish_first_switch(fiber_identity& self);

}  // namespace gosem::detail
