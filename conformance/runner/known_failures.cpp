#include "known_failures.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace gosem_conformance {

std::map<std::string, std::string> read_known_failures(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        std::fprintf(stderr, "cannot read expectations file %s\n", path.c_str());
        std::exit(1);
    }
    std::map<std::string, std::string> known;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string id;
        if (!(fields >> id) || id.starts_with('#')) continue;
        std::string reason;
        std::getline(fields >> std::ws, reason);
        known[id] = reason;
    }
    return known;
}

}  // namespace gosem_conformance
