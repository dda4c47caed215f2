// Port of Go's test/chan/select2.go (Go 1.19): 100,000 selects that each wait on a busy and an
// idle channel must not grow the heap. Go measures with runtime.ReadMemStats after a GC; C++ has
// no GC, so this measures the bytes the allocator has handed out and not taken back: glibc's
// mallinfo2 (which also sees operator new), or the sanitizer allocator's count under ASan or TSan,
// which replace malloc. The bound is Go's, growth of at most 110,000 bytes between a warm-up
// round and a second round, plus room for growth the runtime makes once, such as an M that
// starts during the second round (its 64 KiB signal stack and its record): on 2 Ps about 1 run
// in 40 exceeded Go's bound by some 25 KB. A leak of even two bytes per select exceeds this one.
#include <gosem/gosem.hpp>

#include <cstddef>

#include "stress.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define STRESS_SANITIZER_HEAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define STRESS_SANITIZER_HEAP 1
#endif
#endif

#ifdef STRESS_SANITIZER_HEAP
// From the sanitizer runtime (declared in clang's <sanitizer/allocator_interface.h>, which GCC
// does not install).
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#else
#include <malloc.h>
#endif

using namespace gosem;

namespace {

// Bytes currently allocated from the heap by the whole process.
std::size_t heap_in_use() {
#ifdef STRESS_SANITIZER_HEAP
    return __sanitizer_get_current_allocated_bytes();
#else
    const struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
#endif
}

void sender(chan<int> c, int n) {
    for (int i = 0; i < n; ++i) c.send(1);
}

void receiver(chan<int> c, chan<int> dummy, int n) {
    for (int i = 0; i < n; ++i) {
        gosem::select(recv_case(c), recv_case(dummy, [] { throw gosem::panic("dummy"); }));
    }
}

}  // namespace

TEST_CASE("test/chan/select2.go") {
    constexpr std::size_t max_growth = 110000 + 90000;
    const int n = stress::size(100000, 5000);
    stress::each_run([&](int procs) {
        std::size_t warm = 0, after = 0;
        stress::expect_returns(procs, [&] {
            auto c = make_chan<int>(), dummy = make_chan<int>();
            go(sender, c, n);
            receiver(c, dummy, n);
            warm = heap_in_use();
            go(sender, c, n);
            receiver(c, dummy, n);
            after = heap_in_use();
        });
        INFO("GOMAXPROCS ", procs, ": heap in use ", warm, " bytes after the warm-up, ", after,
             " after ", n, " more selects");
        CHECK((after <= warm || after - warm <= max_growth));
    });
}
