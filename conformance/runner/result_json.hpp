// The JSON the runner writes: a case's metadata (--list) and a judged case's result file
// (<results>/<ID>.json), which tools/conformance.py reads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gosem_conformance/case_entry.hpp"
#include "runs.hpp"

namespace gosem_conformance {

std::string case_json(const case_entry& c);

// status: PASS, FAIL, XFAIL, XPASS or UNSUPPORTED; reason: why (known failure, missing
// capability); rerun: the command that runs the case alone.
std::string result_json(const case_entry& c, std::string_view status, std::string_view reason,
                        const std::vector<run_record>& records, std::string_view rerun);

}  // namespace gosem_conformance
