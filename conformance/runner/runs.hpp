// Running one case: its program once per GOMAXPROCS value, each in a child process, or, for a
// compile-fail case, the compiler on its control and on its violation.
#pragma once

#include <string>
#include <vector>

#include "child.hpp"
#include "gosem_conformance/case_entry.hpp"
#include "verdict.hpp"

namespace gosem_conformance {

// One run and what it showed.
struct run_record {
    int procs = 0;     // the GOMAXPROCS it ran at; 0 for GOMAXPROCS unset and a compile step
    std::string step;  // "GOMAXPROCS=1", "GOMAXPROCS unset", "control", "violation"
    verdict result;
    child_result raw;
};

// The limit of one run, scaled by GOSEM_CONFORMANCE_TIMEOUT_SCALE. For `blocks` it is the window
// in which nothing may happen.
int timeout_ms(const case_info& info);

// The GOMAXPROCS values of a procs set, ascending (0: unset).
std::vector<int> procs_list(procs p);

// Runs the case's program at each of its GOMAXPROCS values within the adapter's max_procs (only
// at `only_procs` if that is not 0), stopping at the first run that misses the expectation or
// that the adapter cannot express.
std::vector<run_record> run_program_case(const case_entry& c, int only_procs);

// Compiles the case's file alone as `compile_rsp` says (its first line the driver source, the
// rest the compiler command): the control must compile, the violation must not. Stops after a
// control that does not compile.
std::vector<run_record> run_compile_case(const case_entry& c, const std::string& compile_rsp);

}  // namespace gosem_conformance
