// gosem_conformance/registry.hpp: every case of a runner, instantiated for its adapter.
//
// Included after the adapter header (which names selected_adapter) and before the case files.
// Each GOSEM_CASE adds one entry during static initialisation; the runner sorts them by id.
// A case whose needs the adapter lacks is registered without a body, so that it is listed and
// reported UNSUPPORTED but never instantiated (its body may use what the adapter lacks).
#pragma once

#include "gosem_conformance/adapter.hpp"
#include "gosem_conformance/case.hpp"
#include "gosem_conformance/case_entry.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance {

template <class R>
bool register_adapter() {
    registered_adapter() = {R::name, R::max_procs, capabilities_of<R>(), max_goroutines_of<R>()};
    return true;
}
inline const bool adapter_registered = register_adapter<selected_adapter>();

template <class Case>
bool register_case(const char* file, int line) {
    using R = selected_adapter;
    constexpr cap missing = Case::info.needs & ~capabilities_of<R>();
    int (*run)(int) = nullptr;
    if constexpr (missing == cap::none) {
        run = [](int procs) -> int {
            R rt;
            return rt.run(procs, [&rt] { Case::template body<R>(rt); });
        };
    }
    case_registry().push_back({Case::id, &Case::info, file, line, missing, run});
    return true;
}

}  // namespace gosem_conformance
