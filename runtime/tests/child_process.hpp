// Runs a function in a forked child and reports how the child ended, so that tests can check
// outcomes that end the process (panics, fatal errors, deadlocks) on exit status and stderr.
#pragma once

#include <functional>
#include <string>

namespace gosem_test {

struct child_outcome {
    int exit_status = -1;  // the child's exit status, or -1 if a signal ended it
    int signal = 0;        // the signal that ended it, or 0
    bool timed_out = false;
    std::string out;       // what the child wrote to stdout
    std::string err;       // what the child wrote to stderr
};

// Forks; the child runs `body` and exits with its return value. The parent collects stdout and
// stderr, and kills the child after `timeout_ms` (then timed_out is true).
child_outcome run_in_child(const std::function<int()>& body, int timeout_ms = 60000);

}  // namespace gosem_test
