// gosem_conformance/case_entry.hpp: what the runner knows of each case and of its adapter,
// independent of which adapter that is.
#pragma once

#include <string_view>
#include <vector>

#include "gosem_conformance/capability.hpp"
#include "gosem_conformance/case.hpp"

namespace gosem_conformance {

struct case_entry {
    std::string_view id;
    const case_info* info;
    const char* file;  // the file that declares the case (a compile-fail case is compiled alone)
    int line;
    cap missing;           // what the adapter lacks of info->needs; none when supported
    int (*run)(int procs);  // runs the case's program in this process; null when unsupported
};

// What the runner knows about its adapter.
struct adapter_entry {
    std::string_view name;
    int max_procs = 1;
    cap capabilities = cap::none;
    long max_goroutines = 0;  // 0: no declared limit
};

std::vector<case_entry>& case_registry();
adapter_entry& registered_adapter();

}  // namespace gosem_conformance
