// The command line and report every baseline program shares, the same as the Go programs'
// (baselines/go/internal/harness):
//
//   PROGRAM THREADS [SIZE]
//
// On success a program prints one line, `elapsed_ns=N cpu_ns=C result=R peak_rss_kib=K`: N is
// the wall time of the workload alone (no setup, no check), C the CPU time every thread of the
// process spent in that time (user and system: a thread spinning for work counts), K the
// process's peak resident memory so far (Linux's VmHWM, or -1 where there is none). VmHWM rather
// than the parent's wait4: on Linux a child's ru_maxrss starts from its parent's at fork, so a
// small program run by a big driver would report the driver's size. On a wrong result a program
// prints what it got and what it expected on stderr and exits 1; on bad arguments it exits 64.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include <sys/mman.h>
#include <sys/resource.h>

// Marks a workload's kernel (the part every C++ system runs alike): one out-of-line function at
// a 64-byte boundary, so that each system's program runs the same machine code at the same
// alignment. Inlined into each caller instead, a loop's speed depended on where the linker put
// it: the worker pool's Collatz loop ran 7% slower when a change in the runtime moved it by 16
// bytes, and the comparison would have measured that.
#define BASELINES_KERNEL [[gnu::noinline, gnu::aligned(64)]]

namespace baselines {

// Go 1.19 asks the kernel for transparent huge pages on its whole heap (madvise MADV_HUGEPAGE,
// runtime/mem_linux.go), so a Go program's big arrays sit on 2 MiB pages; glibc's malloc does
// not ask, and on a kernel set to grant them only when asked (`madvise`, Debian's default), a C++
// array sits on 4 KiB pages and a loop over it misses the TLB 512 times as often. Every C++
// system's large workload arrays come from here, so that they start equal with Go's.
template <class T>
struct huge_page_allocator {
    using value_type = T;
    static constexpr std::size_t huge_page = std::size_t{2} << 20;

    huge_page_allocator() = default;
    template <class U>
    huge_page_allocator(const huge_page_allocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        const std::size_t bytes = (n * sizeof(T) + huge_page - 1) / huge_page * huge_page;
        void* p = std::aligned_alloc(huge_page, bytes);
        if (!p) throw std::bad_alloc();
        madvise(p, bytes, MADV_HUGEPAGE);  // advice: where the kernel refuses, 4 KiB pages remain
        return static_cast<T*>(p);
    }
    void deallocate(T* p, std::size_t) noexcept { std::free(p); }
    template <class U>
    bool operator==(const huge_page_allocator<U>&) const noexcept { return true; }
};

template <class T>
using huge_page_vector = std::vector<T, huge_page_allocator<T>>;

struct args {
    int threads;
    std::int64_t size;
};

[[noreturn]] inline void usage(const char* program, const char* why) {
    std::fprintf(stderr, "usage: %s THREADS [SIZE]: %s\n", program, why);
    std::exit(64);
}

inline args parse_args(int argc, char** argv, std::int64_t default_size) {
    if (argc < 2 || argc > 3) usage(argv[0], "expected THREADS [SIZE]");
    auto positive = [&](const char* text, const char* why) {
        char* end = nullptr;
        long long v = std::strtoll(text, &end, 10);
        if (*text == '\0' || *end != '\0' || v < 1) usage(argv[0], why);
        return static_cast<std::int64_t>(v);
    };
    args a{static_cast<int>(positive(argv[1], "THREADS must be a positive integer")),
           default_size};
    if (argc == 3) a.size = positive(argv[2], "SIZE must be a positive integer");
    return a;
}

// What a workload spent: wall time, and the CPU time of all the process's threads meanwhile.
struct spent {
    std::int64_t wall_ns;
    std::int64_t cpu_ns;
};

// Measures from construction. CPU time comes from getrusage, as the Go programs' does.
class stopwatch {
public:
    spent read() const {
        using std::chrono::nanoseconds;
        const auto wall = std::chrono::duration_cast<nanoseconds>(clock::now() - wall_start_);
        return {wall.count(), process_cpu_ns() - cpu_start_};
    }

private:
    using clock = std::chrono::steady_clock;
    static std::int64_t process_cpu_ns() {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        auto ns = [](const timeval& t) { return t.tv_sec * 1'000'000'000LL + t.tv_usec * 1'000LL; };
        return ns(usage.ru_utime) + ns(usage.ru_stime);
    }
    clock::time_point wall_start_ = clock::now();
    std::int64_t cpu_start_ = process_cpu_ns();
};

inline long peak_rss_kib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    }
    return -1;
}

// Prints the report and returns the exit status: 0, or 1 when got is not want. The caller reads
// the stopwatch before it computes want, so that the check is not timed.
template <class T>
int finish(const spent& elapsed, const T& got, const T& want) {
    if (got != want) {
        std::cerr << "wrong result: got " << got << ", want " << want << "\n";
        return 1;
    }
    std::cout << "elapsed_ns=" << elapsed.wall_ns << " cpu_ns=" << elapsed.cpu_ns
              << " result=" << got
              << " peak_rss_kib=" << peak_rss_kib() << std::endl;
    return 0;
}

}  // namespace baselines
