// Runs a program in a child process and collects how it ended, so that outcomes which end the
// process (panics, fatal errors, deadlocks) and outcomes which never end it (a program still
// blocked) can be judged from outside, on exit status and output together.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace gosem_conformance {

struct child_result {
    int exit_status = -1;  // the child's exit status, or -1 when a signal ended it
    int signal = 0;        // the signal that ended it (SIGKILL after a timeout), or 0
    bool timed_out = false;
    long elapsed_ms = 0;
    std::string out;       // stdout, truncated to output_limit
    std::string err;       // stderr, truncated to output_limit
};

inline constexpr std::size_t output_limit = 256 * 1024;

// Forks; the child runs `body` and exits with its result without running atexit handlers or
// static destructors (the runtime under test may have threads still running). After
// `timeout_ms` the child is killed and timed_out is set.
child_result run_in_child(const std::function<int()>& body, int timeout_ms);

// Runs argv[0] with arguments argv (a PATH search) in a child, with the same collection.
child_result run_command(const std::vector<std::string>& argv, int timeout_ms);

}  // namespace gosem_conformance
