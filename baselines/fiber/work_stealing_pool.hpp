// Boost.Fiber's work_stealing scheduler on THREADS threads: the thread that creates the pool and
// THREADS-1 helper threads. The helpers only host the scheduler: their main fiber sleeps on a
// fiber condition variable, so their dispatchers run and steal fibers, until the pool is
// destroyed. Every fiber must have finished (or be sure to finish) by then: a thread's scheduler
// waits at exit for the fibers attached to it.
//
// What idle threads do is work_stealing's `suspend`, and neither choice suits every workload, so
// each program is built both ways (baselines/CMakeLists.txt) and the driver compares gosem with
// the faster. Spinning (`suspend` off, Boost's default) keeps a thread looking for fibers to steal:
// on a 2-core machine with other load it made the 2-thread pipeline take 15 s instead of 0.5 s.
// Sleeping (`suspend` on) lets a thread wake only when a fiber of its own becomes ready, never for
// a fiber it could steal: a helper that runs out of work early sleeps for the rest of the run,
// and the parallel loop then runs on one thread.
// work_stealing keeps its schedulers in statics, so a process makes at most one pool.
#pragma once

#include <boost/fiber/algo/work_stealing.hpp>
#include <boost/fiber/condition_variable.hpp>
#include <boost/fiber/mutex.hpp>
#include <boost/fiber/operations.hpp>

#include <mutex>
#include <thread>
#include <vector>

namespace baselines {

class work_stealing_pool {
    using algorithm = boost::fibers::algo::work_stealing;
#if defined(BASELINES_FIBER_IDLE_SPIN)
    static constexpr bool suspend = false;
#else
    static constexpr bool suspend = true;
#endif

public:
    explicit work_stealing_pool(int threads) {
        const auto count = static_cast<std::uint32_t>(threads);
        for (int i = 1; i < threads; ++i) {
            helpers_.emplace_back([this, count] {
                boost::fibers::use_scheduling_algorithm<algorithm>(count, suspend);
                std::unique_lock<boost::fibers::mutex> lock(mutex_);
                done_changed_.wait(lock, [this] { return done_; });
            });
        }
        // Returns once every thread has registered (work_stealing's constructor is a barrier).
        boost::fibers::use_scheduling_algorithm<algorithm>(count, suspend);
    }

    work_stealing_pool(const work_stealing_pool&) = delete;
    work_stealing_pool& operator=(const work_stealing_pool&) = delete;

    ~work_stealing_pool() {
        {
            std::unique_lock<boost::fibers::mutex> lock(mutex_);
            done_ = true;
        }
        done_changed_.notify_all();
        for (std::thread& t : helpers_) t.join();
    }

private:
    boost::fibers::mutex mutex_;  // guards done_
    boost::fibers::condition_variable_any done_changed_;
    bool done_ = false;
    std::vector<std::thread> helpers_;
};

}  // namespace baselines
