#include "invariants.hpp"

#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace fuzz {

namespace {

// Who sent a value: program::sent_value's inverse.
struct sender {
    int g, index, case_index;
};
sender decode_value(int v) {
    const int rest = (v - 1) % 1000;
    return {(v - 1) / 1000, rest / 10, rest % 10 - 1};
}

// The channel a sender's op sends on, or -1 if (g, index, case) is not a send in p.
int send_channel(const program& p, const sender& s) {
    if (s.g < 0 || s.g >= static_cast<int>(p.goroutines.size())) return -1;
    const auto& ops = p.goroutines[s.g];
    if (s.index < 0 || s.index >= static_cast<int>(ops.size())) return -1;
    const op& o = ops[s.index];
    if (s.case_index < 0) return o.kind == op_kind::send ? o.chan : -1;
    if (o.kind != op_kind::select || s.case_index >= static_cast<int>(o.cases.size())) return -1;
    const select_case& c = o.cases[s.case_index];
    return c.is_send ? c.chan : -1;
}

// The outcome's shape fits its op: which fields it may set.
std::string shape_error(const program& p, const op& o, const outcome& r) {
    if (r.panic != panic_kind::none) {
        if (r.panic == panic_kind::other) return "an unexpected panic";
        if (!(r == outcome{.panic = r.panic})) return "a panic outcome with other fields set";
        const bool can = (o.kind == op_kind::send && r.panic == panic_kind::send_on_closed) ||
                         (o.kind == op_kind::close && r.panic != panic_kind::send_on_closed) ||
                         (o.kind == op_kind::select && r.panic == panic_kind::send_on_closed);
        return can ? "" : "a panic this op cannot raise";
    }
    if (o.kind == op_kind::select) {
        if (r.chosen < -1 || r.chosen >= static_cast<int>(o.cases.size())) return "no such case";
        if (r.chosen == -1 && !o.has_default) return "default chosen in a select without one";
        if (r.chosen >= 0 && o.cases[r.chosen].chan == p.nil_chan()) return "a nil channel's case ran";
        const bool receiving = r.chosen >= 0 && !o.cases[r.chosen].is_send;
        if (!receiving && (r.value != 0 || r.ok)) return "a value without a receive";
        return r.number == -1 ? "" : "a number from a select";
    }
    if (r.chosen != -1) return "a case from a plain op";
    if ((o.kind == op_kind::len || o.kind == op_kind::cap) != (r.number >= 0)) {
        return "len/cap without a number, or a number from another op";
    }
    if (o.kind != op_kind::recv && (r.value != 0 || r.ok)) return "a value without a receive";
    return "";
}

}  // namespace

std::string check_invariants(const program& p, const observation& obs) {
    std::ostringstream why;
    std::set<int> received;
    // Per (receiver, channel, sending goroutine): the last sender op index seen.
    std::map<std::tuple<int, int, int>, int> last_from;
    for (int g = 0; g < static_cast<int>(obs.traces.size()); ++g) {
        const auto& trace = obs.traces[g];
        const auto& ops = p.goroutines[g];
        if (trace.size() > ops.size()) return "goroutine " + std::to_string(g) + " recorded more outcomes than it has ops";
        for (int i = 0; i < static_cast<int>(trace.size()); ++i) {
            const op& o = ops[i];
            const outcome& r = trace[i];
            if (std::string e = shape_error(p, o, r); !e.empty()) {
                why << "goroutine " << g << " op " << i << ": " << e;
                return why.str();
            }
            if (o.kind == op_kind::cap && r.number != (o.chan == p.nil_chan() ? 0 : p.caps[o.chan])) {
                why << "goroutine " << g << " op " << i << ": cap " << r.number;
                return why.str();
            }
            if (o.kind == op_kind::len && o.chan != p.nil_chan() && r.number > p.caps[o.chan]) {
                why << "goroutine " << g << " op " << i << ": len " << r.number << " above cap";
                return why.str();
            }
            if (!r.ok) continue;  // no value received
            const int chan = o.kind == op_kind::recv ? o.chan : o.cases[r.chosen].chan;
            const sender s = decode_value(r.value);
            if (send_channel(p, s) != chan) {
                why << "goroutine " << g << " op " << i << ": received " << r.value
                    << ", which no send on that channel sends";
                return why.str();
            }
            if (!received.insert(r.value).second) {
                why << "value " << r.value << " received twice";
                return why.str();
            }
            auto [it, first] = last_from.try_emplace({g, chan, s.g}, s.index);
            if (!first) {
                if (s.index <= it->second) {
                    why << "goroutine " << g << " op " << i << ": received goroutine " << s.g
                        << "'s op " << s.index << " after its op " << it->second
                        << " (not FIFO per sender)";
                    return why.str();
                }
                it->second = s.index;
            }
        }
    }
    return {};
}

}  // namespace fuzz
