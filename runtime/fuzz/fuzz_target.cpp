// The fuzz target: input bytes -> a small channel program -> run on gosem under the seeded
// scheduler -> checked against the invariants, the reference model, and a second run with the
// same seed (which must replay the first exactly). Any failure prints the program (as Go), the
// seed and the run, and aborts, which libFuzzer reports as a crash and the replay driver as a
// failed input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>

#include "invariants.hpp"
#include "model.hpp"
#include "run_on_gosem.hpp"

namespace {

[[noreturn]] void report_failure(const fuzz::program& p, const fuzz::observation& obs,
                                 const std::string& problem) {
    std::fprintf(stderr,
                 "gosem fuzz: FAILED: %s\n"
                 "rerun: GOSEM_SCHED_SEED=%llu (the seed is part of the input)\n"
                 "what the run recorded:\n%s"
                 "runtime report: %s\n"
                 "the program, as Go:\n%s\n",
                 problem.c_str(), static_cast<unsigned long long>(p.seed),
                 fuzz::to_string(obs).c_str(), obs.report.empty() ? "(none)" : obs.report.c_str(),
                 fuzz::to_go(p).c_str());
    std::fflush(stderr);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::program p = fuzz::decode(std::span<const std::uint8_t>(data, size));
    const fuzz::observation obs = fuzz::run_on_gosem(p);
    std::string problem = fuzz::check_invariants(p, obs);
    if (problem.empty()) problem = fuzz::check_against_model(p, obs);
    if (!problem.empty()) report_failure(p, obs, problem);
    const fuzz::observation again = fuzz::run_on_gosem(p);
    if (!(again == obs)) {
        report_failure(p, obs, "the same seed did not replay the same run; the second run:\n" +
                                   fuzz::to_string(again));
    }
    return 0;
}
