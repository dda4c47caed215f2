// What the unit tests share: running a body inside gosem::run, waiting (on events, not time)
// until goroutines have parked, and matching reports.
#pragma once

#include <doctest/doctest.h>

#include <gosem/gosem.hpp>

#include <atomic>
#include <string>
#include <utility>

#include "child_process.hpp"

namespace gosem_test {

template <class F>
void in_run(F&& body, int procs = 2) {
    REQUIRE(gosem::run(gosem::config{.procs = procs}, std::forward<F>(body)) == 0);
}

inline int parked_count(gosem::wait_reason reason) {
    int parked = 0;
    for (auto& g : gosem::goroutines())
        if (g.state == gosem::goroutine_state::waiting && g.reason == reason) ++parked;
    return parked;
}

// Inside a run: yields until at least `count` goroutines wait with `reason`.
inline void wait_until_parked(gosem::wait_reason reason, int count = 1) {
    while (parked_count(reason) < count) gosem::yield();
}

// The same for waits that end by themselves (a sleep): yields until the goroutines waiting with
// `reason` and those that have already finished waiting (`finished`, which they count) make at
// least `count`. `finished` is read first, so that no goroutine is counted twice.
inline void wait_until_parked_or_finished(gosem::wait_reason reason, int count,
                                          const std::atomic<int>& finished) {
    for (;;) {
        int done = finished.load();
        if (done + parked_count(reason) >= count) return;
        gosem::yield();
    }
}

inline bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}
inline bool starts_with(const std::string& s, const std::string& prefix) {
    return s.rfind(prefix, 0) == 0;
}

}  // namespace gosem_test
