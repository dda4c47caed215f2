#include "outcome.hpp"

#include <sstream>

namespace fuzz {

panic_kind classify_panic(const std::string& message) {
    for (panic_kind k : {panic_kind::send_on_closed, panic_kind::close_of_closed,
                         panic_kind::close_of_nil}) {
        if (message == panic_message(k)) return k;
    }
    return panic_kind::other;
}

const char* panic_message(panic_kind k) {
    switch (k) {
        case panic_kind::none: return "(none)";
        case panic_kind::send_on_closed: return "send on closed channel";
        case panic_kind::close_of_closed: return "close of closed channel";
        case panic_kind::close_of_nil: return "close of nil channel";
        case panic_kind::other: break;
    }
    return "(another panic)";
}

std::string to_string(const outcome& o) {
    std::ostringstream out;
    if (o.panic != panic_kind::none) {
        out << "panic: " << panic_message(o.panic);
        return out.str();
    }
    if (o.chosen >= 0) out << "case " << o.chosen << " ";
    if (o.number >= 0) out << "n=" << o.number;
    else if (o.value != 0 || o.ok) out << "v=" << o.value << " ok=" << o.ok;
    else out << "done (v=0 ok=0)";
    return out.str();
}

std::string to_string(const observation& obs) {
    std::ostringstream out;
    for (std::size_t g = 0; g < obs.traces.size(); ++g) {
        out << "  goroutine " << g << (g == 0 ? " (main)" : "") << ":";
        for (std::size_t i = 0; i < obs.traces[g].size(); ++i) {
            out << "\n    op " << i << ": " << to_string(obs.traces[g][i]);
        }
        out << "\n";
    }
    switch (obs.how) {
        case ending::returned: out << "  ended: main returned\n"; break;
        case ending::deadlock: out << "  ended: deadlock reported\n"; break;
        case ending::panic: out << "  ended: panic: " << panic_message(obs.ended_by) << "\n"; break;
    }
    return out.str();
}

}  // namespace fuzz
