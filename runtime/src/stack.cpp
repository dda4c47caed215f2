// stack.cpp: goroutine stacks.
//
// Each goroutine gets one mmap'd block: a guard page at the low end (PROT_NONE, so an overflow
// faults instead of overwriting a neighbour), the stack above it, and the G itself at the top.
// Blocks are pooled, per P and then globally, so a spawn makes no system call once the pools are
// warm. A fault inside a guard page ends the program with Go's stack-overflow message, exit 2.
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <atomic>
#include <new>

#include "runtime_internal.hpp"

namespace gosem::detail {

namespace {
constexpr std::size_t blocks_per_slab = 64;

#ifndef MADV_GUARD_INSTALL
#define MADV_GUARD_INSTALL 102  // Linux 6.13: a guard page that does not split the mapping
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14: fault pages in, writable
#endif

std::size_t round_up(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

constexpr std::size_t g_bytes = (sizeof(G) + 63) / 64 * 64;  // the G's place at a block's top

std::size_t block_bytes(const sched_state& s) {
    return round_up(s.page_size + s.stack_size + g_bytes, s.page_size);
}

// Guards the lowest page of a block. A lightweight guard (MADV_GUARD_INSTALL) keeps the slab one
// mapping; older kernels get mprotect, which costs two mappings per block (vm.max_map_count).
void guard(sched_state& s, unsigned char* block) {
    static std::atomic<bool> light_guards{true};
    if (light_guards.load(std::memory_order_relaxed)) {
        if (madvise(block, s.page_size, MADV_GUARD_INSTALL) == 0) return;
        light_guards.store(false, std::memory_order_relaxed);
    }
    if (mprotect(block, s.page_size, PROT_NONE) != 0) {
        std::fprintf(stderr,
                     "runtime: cannot protect a goroutine stack's guard page (mprotect: %s; "
                     "more live goroutines than vm.max_map_count allows?)\n",
                     std::strerror(errno));
        fatal("out of memory");
    }
}

// Guards every block of a new slab and faults in the page at each block's top (its G and its
// goroutine's first frames) in two system calls, where the kernel lets process_madvise advise
// the calling process (Linux 6.13), instead of a madvise and a page fault per block: about a
// third of the cost of a slab on this project's VMs. False if it cannot (the caller guards each
// block itself; the tops then fault in when first touched).
bool guard_and_populate(sched_state& s, int pidfd, unsigned char* mem, std::size_t one) {
    if (pidfd < 0 || s.slab_batching_failed.load(std::memory_order_relaxed)) return false;
    iovec guards[blocks_per_slab], tops[blocks_per_slab];
    for (std::size_t i = 0; i < blocks_per_slab; ++i) {
        guards[i] = {mem + i * one, s.page_size};
        tops[i] = {mem + (i + 1) * one - s.page_size, s.page_size};
    }
    const auto all = static_cast<long>(blocks_per_slab * s.page_size);
    if (syscall(SYS_process_madvise, pidfd, guards, blocks_per_slab, MADV_GUARD_INSTALL, 0) != all) {
        s.slab_batching_failed.store(true, std::memory_order_relaxed);
        return false;
    }
    // Only a speed-up: if it fails, the tops fault in one by one as they are touched.
    syscall(SYS_process_madvise, pidfd, tops, blocks_per_slab, MADV_POPULATE_WRITE, 0);
    return true;
}

// Maps a slab of blocks (one mmap for many goroutines) and readies each block's guard and G.
// Makes system calls that take a while (60-160 µs each under strace here), so runs without a lock;
// `pidfd` is this process's, or negative.
unsigned char* map_slab(sched_state& s, int pidfd) {
    std::size_t one = block_bytes(s);
    std::size_t size = one * blocks_per_slab;
    void* mem = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                     -1, 0);
    if (mem == MAP_FAILED) {
        std::fprintf(stderr, "runtime: cannot allocate goroutine stacks (mmap of %zu bytes: %s)\n",
                     size, std::strerror(errno));
        fatal("out of memory");
    }
    auto* base = static_cast<unsigned char*>(mem);
    const bool guarded = guard_and_populate(s, pidfd, base, one);
    for (std::size_t i = 0; i < blocks_per_slab; ++i) {
        unsigned char* block = base + i * one;
        if (!guarded) guard(s, block);
        G* g = ::new (block + one - g_bytes) G();
        g->block = block;
        g->block_size = one;
    }
    return base;
}

// Registers a slab's blocks, returns the first and puts the rest in the global pool. Called
// with s.allg_lock held.
G* add_slab_locked(sched_state& s, unsigned char* base) {
    std::size_t one = block_bytes(s);
    s.slabs.push_back({base, one * blocks_per_slab});
    G* first = nullptr;
    for (std::size_t i = 0; i < blocks_per_slab; ++i) {
        G* g = std::launder(reinterpret_cast<G*>(base + (i + 1) * one - g_bytes));
        s.allgs.push_back(g);
        if (!first) {
            first = g;
        } else {
            g->next = s.free_gs;
            s.free_gs = g;
            ++s.n_free_gs;
        }
    }
    return first;
}
}  // namespace

G* stack_alloc(sched_state& s, P* p) {
    if (p && p->n_free_gs > 0) {
        G* g = p->free_gs[--p->n_free_gs];
        // The block the next spawn here takes: start fetching its G now.
        if (p->n_free_gs > 0) __builtin_prefetch(p->free_gs[p->n_free_gs - 1], 1);
        return g;
    }
    std::unique_lock lk(s.allg_lock);
    if (!s.free_gs) {
        if (s.self_pidfd == -1) {
            auto fd = static_cast<int>(syscall(SYS_pidfd_open, getpid(), 0));
            s.self_pidfd = fd >= 0 ? fd : -2;
        }
        const int pidfd = s.self_pidfd;
        lk.unlock();
        unsigned char* slab = map_slab(s, pidfd);  // other Ms meanwhile take and return blocks
        lk.lock();
        return add_slab_locked(s, slab);
    }
    G* g = s.free_gs;
    s.free_gs = g->next;
    --s.n_free_gs;
    // Refill this P's cache to half in one go.
    while (p && s.free_gs && p->n_free_gs < P::stack_cache_size / 2) {
        p->free_gs[p->n_free_gs++] = s.free_gs;
        s.free_gs = s.free_gs->next;
        --s.n_free_gs;
    }
    return g;
}

void stack_free(sched_state& s, P* p, G* g) {
    g->status.store(gstatus::free, std::memory_order_relaxed);
    if (p && p->n_free_gs < P::stack_cache_size) {
        p->free_gs[p->n_free_gs++] = g;
        return;
    }
    std::lock_guard lk(s.allg_lock);
    g->next = s.free_gs;
    s.free_gs = g;
    ++s.n_free_gs;
    // Hand the older half of a full P cache to the global pool, so that one P's exits feed
    // others' spawns; the most recently used blocks, warmest in cache, stay here.
    if (!p) return;
    constexpr int half = P::stack_cache_size / 2;
    for (int i = 0; i < half; ++i) {
        p->free_gs[i]->next = s.free_gs;
        s.free_gs = p->free_gs[i];
    }
    s.n_free_gs += half;
    std::copy(p->free_gs + half, p->free_gs + p->n_free_gs, p->free_gs);
    p->n_free_gs -= half;
}

void stack_release_all(sched_state& s) {
    for (G* g : s.allgs) {
        forget_context(g->fiber);
        g->~G();
    }
    for (auto& slab : s.slabs) munmap(slab.base, slab.size);
    if (s.self_pidfd >= 0) close(s.self_pidfd);
    s.self_pidfd = -1;
    s.allgs.clear();
    s.slabs.clear();
    s.free_gs = nullptr;
    s.n_free_gs = 0;
}

// ---- stack overflow ----

namespace {
thread_local void* alt_stack = nullptr;
constexpr std::size_t alt_stack_size = 64 * 1024;
}  // namespace

#if !(defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__))
namespace {
sched_state* overflow_sched = nullptr;
struct sigaction previous_segv, previous_bus;

void on_fault(int sig, siginfo_t* info, void* uctx) {
    M* m = this_m();
    G* g = m ? m->curg : nullptr;
    auto* addr = static_cast<unsigned char*>(info->si_addr);
    if (g && overflow_sched && addr >= g->block && addr < g->block + overflow_sched->page_size) {
        char msg[200];
        int n = std::snprintf(msg, sizeof msg,
                              "runtime: goroutine stack exceeds %zu-byte limit\n"
                              "fatal error: stack overflow\n\ngoroutine %lld [running]:\n",
                              overflow_sched->stack_size, static_cast<long long>(g->id));
        ssize_t ignored = write(2, msg, static_cast<std::size_t>(n));
        (void)ignored;
        _exit(2);
    }
    // Not ours: let the previous handler (or the default action) have it.
    const struct sigaction& prev = sig == SIGSEGV ? previous_segv : previous_bus;
    if (prev.sa_flags & SA_SIGINFO) {
        if (prev.sa_sigaction) {
            prev.sa_sigaction(sig, info, uctx);
            return;
        }
    } else if (prev.sa_handler != SIG_DFL && prev.sa_handler != SIG_IGN) {
        prev.sa_handler(sig);
        return;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}
}  // namespace
#endif

void install_overflow_handler(sched_state& s) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    (void)s;  // the sanitizers report stack overflows themselves
#else
    overflow_sched = &s;
    struct sigaction sa {};
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &previous_segv);
    sigaction(SIGBUS, &sa, &previous_bus);
#endif
}

void remove_overflow_handler(sched_state& s) {
#if !(defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__))
    (void)s;
    sigaction(SIGSEGV, &previous_segv, nullptr);
    sigaction(SIGBUS, &previous_bus, nullptr);
    overflow_sched = nullptr;
#else
    (void)s;
#endif
}

// The fault handler cannot run on the overflowed stack: each M gets an alternate signal stack.
void thread_overflow_stack_init() {
    alt_stack = std::malloc(alt_stack_size);
    stack_t ss{};
    ss.ss_sp = alt_stack;
    ss.ss_size = alt_stack_size;
    sigaltstack(&ss, nullptr);
}

void thread_overflow_stack_fini() {
    stack_t ss{};
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, nullptr);
    std::free(alt_stack);
    alt_stack = nullptr;
}

}  // namespace gosem::detail
