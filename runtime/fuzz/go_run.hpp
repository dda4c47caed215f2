// Reads back a run of to_go()'s Go program: its output lines (one per op outcome) and how it
// ended, as an observation the model can check. This is how the model itself is validated
// against Go (tools/fuzz.sh --check-model).
#pragma once

#include <string>

#include "outcome.hpp"
#include "program.hpp"

namespace fuzz {

// `output`: the program's stdout and stderr together; `exit_status`: 0 if main returned, 2 after
// an unrecovered panic or Go's deadlock error.
observation parse_go_run(const program& p, const std::string& output, int exit_status);

}  // namespace fuzz
