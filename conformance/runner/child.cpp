#include "child.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gosem_conformance {
namespace {

using clock = std::chrono::steady_clock;

void append_limited(std::string& to, const char* data, std::size_t n) {
    if (to.size() < output_limit) to.append(data, std::min(n, output_limit - to.size()));
}

// Forks, runs `in_child` there with stdout and stderr redirected into pipes, and collects both
// until the child has closed them and exited, or until the deadline.
child_result collect(const std::function<void()>& in_child, int timeout_ms) {
    int out_pipe[2], err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
        std::perror("pipe2");
        std::exit(1);
    }
    std::fflush(nullptr);
    auto start = clock::now();
    pid_t pid = ::fork();
    if (pid < 0) {
        std::perror("fork");
        std::exit(1);
    }
    if (pid == 0) {
        ::setpgid(0, 0);  // its own group, so that a timeout kills whatever it started
        ::dup2(out_pipe[1], 1);
        ::dup2(err_pipe[1], 2);
        in_child();
        ::_exit(127);
    }
    ::setpgid(pid, pid);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);

    child_result result;
    auto deadline = start + std::chrono::milliseconds(timeout_ms);
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open_pipes = 2;
    int status = 0;
    bool exited = false;
    char buf[8192];
    while (!exited || open_pipes > 0) {
        auto now = clock::now();
        if (now >= deadline) {
            ::kill(-pid, SIGKILL);
            result.timed_out = true;
            break;
        }
        int wait_ms = static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count());
        // Poll in short slices while the pipes are open so that an exit is noticed even when a
        // grandchild keeps a pipe open.
        int n = ::poll(fds, 2, std::min(wait_ms, 50) + 1);
        if (n < 0 && errno != EINTR) break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
            if (got > 0) {
                append_limited(*sinks[i], buf, static_cast<std::size_t>(got));
            } else if (got == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_pipes;
            }
        }
        if (!exited && ::waitpid(pid, &status, WNOHANG) == pid) exited = true;
        if (exited && open_pipes > 0 && n == 0) break;  // exited; the pipes are only held open
    }
    if (!exited) ::waitpid(pid, &status, 0);
    for (auto& fd : fds) {
        if (fd.fd >= 0) {
            ssize_t got;
            while ((got = ::read(fd.fd, buf, sizeof buf)) > 0) {
                append_limited(fd.fd == out_pipe[0] ? result.out : result.err, buf,
                               static_cast<std::size_t>(got));
            }
            ::close(fd.fd);
        }
    }
    result.elapsed_ms = static_cast<long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start).count());
    if (WIFEXITED(status)) {
        result.exit_status = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.signal = WTERMSIG(status);
    }
    return result;
}

}  // namespace

child_result run_in_child(const std::function<int()>& body, int timeout_ms) {
    return collect(
        [&body] {
            int status = body();
            std::fflush(nullptr);
            ::_exit(status);
        },
        timeout_ms);
}

child_result run_command(const std::vector<std::string>& argv, int timeout_ms) {
    return collect(
        [&argv] {
            std::vector<char*> args;
            for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            ::execvp(args[0], args.data());
            std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
            std::fflush(stderr);
            ::_exit(127);
        },
        timeout_ms);
}

}  // namespace gosem_conformance
