// bench/main.cpp: Google Benchmark's driver, except that a benchmark whose own check failed
// (SkipWithError) makes gosem_bench exit with status 1, so ctest and scripts see the failure.
#include <benchmark/benchmark.h>

#include <vector>

namespace {

// Forwards to the console reporter and remembers whether any run reported an error.
// Invariant: failed() is true once any run with error_occurred has passed through.
class failure_watch : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const Run& run : runs) failed_ = failed_ || run.error_occurred;
        ConsoleReporter::ReportRuns(runs);
    }
    bool failed() const { return failed_; }

private:
    bool failed_ = false;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    failure_watch console;
    benchmark::RunSpecifiedBenchmarks(&console);
    benchmark::Shutdown();
    return console.failed() ? 1 : 0;
}
