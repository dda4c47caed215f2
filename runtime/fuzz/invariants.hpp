// Properties every interleaving has, checked directly on a run: they follow from the model too,
// but a direct check names the broken property (a value received twice, out of order, from no
// sender, a wrong cap, an outcome the op cannot have).
#pragma once

#include <string>

#include "outcome.hpp"
#include "program.hpp"

namespace fuzz {

// Empty if every invariant holds; otherwise the first one broken.
std::string check_invariants(const program& p, const observation& obs);

}  // namespace fuzz
