// The stress binary's entry point: doctest's, plus `--quick` and `--rounds N` (see stress.hpp).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "stress.hpp"

int main(int argc, char** argv) {
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            stress::set_quick(true);
        } else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
            stress::set_rounds(std::atoi(argv[++i]));
        } else {
            rest.push_back(argv[i]);
        }
    }
    doctest::Context context(static_cast<int>(rest.size()), rest.data());
    return context.run();
}
