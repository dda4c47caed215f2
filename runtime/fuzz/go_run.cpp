#include "go_run.hpp"

#include <cstdio>
#include <sstream>

namespace fuzz {

observation parse_go_run(const program& p, const std::string& output, int exit_status) {
    observation obs;
    obs.traces.resize(p.goroutines.size());
    obs.report = output;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        int g = 0, chosen = 0, value = 0, ok = 0, number = 0, panic = 0;
        if (std::sscanf(line.c_str(), "g%d %d %d %d %d %d", &g, &chosen, &value, &ok, &number,
                        &panic) == 6 &&
            g >= 0 && g < static_cast<int>(obs.traces.size())) {
            obs.traces[g].push_back(outcome{chosen, value, ok != 0, number,
                                            static_cast<panic_kind>(panic)});
            continue;
        }
        if (line.rfind("fatal error: all goroutines are asleep - deadlock!", 0) == 0) {
            obs.how = ending::deadlock;
        } else if (line.rfind("panic: ", 0) == 0 && obs.how != ending::panic) {
            obs.how = ending::panic;
            obs.ended_by = classify_panic(line.substr(7));
        }
    }
    if (exit_status != 0 && obs.how == ending::returned) obs.how = ending::panic;  // unrecognised
    return obs;
}

}  // namespace fuzz
