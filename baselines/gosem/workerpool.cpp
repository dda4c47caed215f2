// workerpool on gosem: a fixed pool of workers drains a job channel and sends results back; a
// wait_group and a close end the result stream, as in Go.
#include <gosem/gosem.hpp>
#include <gosem/sync.hpp>

#include "common/harness.hpp"
#include "common/workerpool.hpp"

using namespace baselines;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, workerpool::default_size);
    int status = 0;
    gosem::run(gosem::config{.procs = a.threads}, [&] {
        stopwatch clock;
        auto jobs = gosem::make_chan<std::int64_t>(workerpool::buffer);
        auto results = gosem::make_chan<std::int64_t>(workerpool::buffer);
        gosem::wait_group wg;
        for (int w = 0; w < workerpool::workers; ++w) {
            wg.add(1);
            gosem::go([jobs, results, &wg] {
                for (std::int64_t job : jobs) results.send(workerpool::collatz_steps(job));
                wg.done();
            });
        }
        gosem::go([jobs, size = a.size] {
            for (std::int64_t j = 1; j <= size; ++j) jobs.send(j);
            jobs.close();
        });
        gosem::go([results, &wg] {
            wg.wait();
            results.close();
        });
        std::int64_t got = 0;
        for (std::int64_t r : results) got += r;
        const spent elapsed = clock.read();
        status = finish(elapsed, got, workerpool::expected(a.size));
    });
    return status;
}
