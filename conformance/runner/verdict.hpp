// What a run of a case's program did, read off its exit status and stderr, and whether that is
// what the case expects. tools/conformance.py classifies Go twins by the same rules (CASES.md,
// "Verdicts"); keep the two in step.
#pragma once

#include <string>

#include "child.hpp"
#include "gosem_conformance/case.hpp"

namespace gosem_conformance {

enum class verdict_kind {
    returned,      // exit 0
    check_failed,  // a check in the case failed (message: its text)
    panicked,      // exit 2 with `panic: MESSAGE`
    fatal_error,   // exit 2 with `fatal error: MESSAGE` (other than the deadlock report)
    deadlock,      // exit 2 with Go's deadlock report (message: main's wait reason, if shown)
    blocked,       // still running at the timeout, and killed
    crashed,       // any other ending (message: how)
    unsupported,   // the adapter said it cannot express the case (message: why)
    compiled,      // a compile test's program compiled
    rejected,      // a compile test's program did not compile
};

struct verdict {
    verdict_kind kind = verdict_kind::crashed;
    std::string message;
};

verdict classify(const child_result& r);
bool satisfies(const verdict& v, const expectation& e);

const char* to_string(verdict_kind k);
const char* to_string(outcome k);
std::string describe(const verdict& v);
std::string describe(const expectation& e);

}  // namespace gosem_conformance
