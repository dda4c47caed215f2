#include "gosem_conformance/case_entry.hpp"

namespace gosem_conformance {

std::vector<case_entry>& case_registry() {
    static std::vector<case_entry> cases;
    return cases;
}

adapter_entry& registered_adapter() {
    static adapter_entry adapter;
    return adapter;
}

}  // namespace gosem_conformance
