#include "fiber.hpp"

#include <pthread.h>

#if defined(__SANITIZE_ADDRESS__)
#define GOSEM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GOSEM_ASAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define GOSEM_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define GOSEM_TSAN 1
#endif
#endif

#ifdef GOSEM_ASAN
#include <sanitizer/asan_interface.h>
#endif
#ifdef GOSEM_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace gosem::detail {

namespace bctx = boost::context::detail;

fcontext make_context(void* bottom, std::size_t size, void (*entry)(transfer),
                      fiber_identity& id) {
    id.stack_bottom = bottom;
    id.stack_size = size;
#ifdef GOSEM_ASAN
    // A pooled stack still carries the poisoned redzones of the goroutine that ran on it last
    // (its frames never returned): clear them, or ASan reports the new frames.
    __asan_unpoison_memory_region(bottom, size);
#endif
#ifdef GOSEM_TSAN
    // A new fiber per goroutine: the frames an exited goroutine never returned from stay on its
    // fiber's shadow stack, and a reused fiber overflows TSan's stack depot after ~32k spawns.
    if (id.tsan_fiber) __tsan_destroy_fiber(id.tsan_fiber);
    id.tsan_fiber = __tsan_create_fiber(0);
#endif
    return bctx::make_fcontext(static_cast<char*>(bottom) + size, size, entry);
}

void adopt_thread(fiber_identity& id) {
    // ASan needs the bounds of the stack a goroutine switches back to.
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void* addr = nullptr;
        std::size_t size = 0;
        if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
            id.stack_bottom = addr;
            id.stack_size = size;
        }
        pthread_attr_destroy(&attr);
    }
#ifdef GOSEM_TSAN
    id.tsan_fiber = __tsan_get_current_fiber();
#endif
}

void forget_context(fiber_identity& id) {
#ifdef GOSEM_TSAN
    if (id.tsan_fiber) __tsan_destroy_fiber(id.tsan_fiber);
    id.tsan_fiber = nullptr;
#else
    (void)id;
#endif
}

transfer switch_context(fcontext to, void* data, fiber_identity& from, fiber_identity& to_id,
                        bool from_exits) {
#ifdef GOSEM_ASAN
    __sanitizer_start_switch_fiber(from_exits ? nullptr : &from.asan_fake_stack,
                                   to_id.stack_bottom, to_id.stack_size);
#endif
#ifdef GOSEM_TSAN
    __tsan_switch_to_fiber(to_id.tsan_fiber, 0);
#endif
    (void)from_exits;
    (void)to_id;
    transfer t = bctx::jump_fcontext(to, data);
#ifdef GOSEM_ASAN
    const void* prev_bottom = nullptr;
    std::size_t prev_size = 0;
    __sanitizer_finish_switch_fiber(from.asan_fake_stack, &prev_bottom, &prev_size);
#endif
    (void)from;
    return t;
}

void finish_first_switch(fiber_identity& self) {
#ifdef GOSEM_ASAN
    const void* prev_bottom = nullptr;
    std::size_t prev_size = 0;
    __sanitizer_finish_switch_fiber(self.asan_fake_stack, &prev_bottom, &prev_size);
#endif
    (void)self;
}

}  // namespace gosem::detail
