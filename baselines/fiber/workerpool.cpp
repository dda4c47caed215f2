// workerpool on Boost.Fiber: a fixed pool of worker fibers drains a job channel and sends
// results back; a closer fiber joins the workers (Boost has no WaitGroup) and closes the results.
// Channels have capacity buffer+1: Boost's buffered channel holds capacity-1.
#include <boost/fiber/buffered_channel.hpp>
#include <boost/fiber/fiber.hpp>

#include <vector>

#include "common/harness.hpp"
#include "common/workerpool.hpp"
#include "work_stealing_pool.hpp"

using namespace baselines;
using channel = boost::fibers::buffered_channel<std::int64_t>;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, workerpool::default_size);
    work_stealing_pool pool(a.threads);
    stopwatch clock;
    channel jobs(workerpool::buffer + 1), results(workerpool::buffer + 1);
    std::vector<boost::fibers::fiber> workers;
    for (int w = 0; w < workerpool::workers; ++w) {
        workers.emplace_back([&jobs, &results] {
            for (std::int64_t job : jobs) results.push(workerpool::collatz_steps(job));
        });
    }
    boost::fibers::fiber produce([&jobs, size = a.size] {
        for (std::int64_t j = 1; j <= size; ++j) jobs.push(j);
        jobs.close();
    });
    boost::fibers::fiber closer([&workers, &results] {
        for (boost::fibers::fiber& w : workers) w.join();
        results.close();
    });
    std::int64_t got = 0;
    for (std::int64_t r : results) got += r;
    const spent elapsed = clock.read();
    produce.join();
    closer.join();
    return finish(elapsed, got, workerpool::expected(a.size));
}
