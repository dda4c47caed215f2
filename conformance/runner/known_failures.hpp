// A runtime's expectations file: the cases it is known to fail, each with the reason.
//
//   # comment
//   CH-CLS-02   Boost.Fiber closes a closed channel again without complaint
//
// One case id per line, then the reason. A listed case that fails is XFAIL (not a regression);
// a listed case that passes is XPASS, reported so that the line gets removed.
#pragma once

#include <map>
#include <string>

namespace gosem_conformance {

// id -> reason. An unreadable file is an error (exit 1): a typo must not hide regressions.
std::map<std::string, std::string> read_known_failures(const std::string& path);

}  // namespace gosem_conformance
