// Runs a fuzz program on gosem under the seeded scheduler (its seed, one P) and records what each
// goroutine saw, as a Go program with a deferred recover around each op would.
#pragma once

#include "outcome.hpp"
#include "program.hpp"

namespace fuzz {

observation run_on_gosem(const program& p);

}  // namespace fuzz
