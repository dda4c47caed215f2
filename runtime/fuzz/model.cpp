#include "model.hpp"

#include <cstdint>
#include <sstream>
#include <unordered_set>
#include <utility>
#include <vector>

namespace fuzz {

namespace {

enum class gstatus : std::uint8_t {
    active,    // about to run the op at pc
    parked,    // parked in the op at pc
    dying,     // its op's unrecovered panic will end the program when it next runs
    frozen,    // completed the op at pc - 1 without recording it: the run ended first
    finished,  // ran every op
};

// One goroutine in the model: how far it got and what it is doing.
struct gstate {
    int pc = 0;  // ops completed so far
    gstatus status = gstatus::active;
};

// The model's state. Invariants: a channel's buffer holds at most its capacity; goroutines
// parked receiving on a channel exist only while its buffer is empty, parked senders only while
// it is full; a closed channel has no parked senders.
struct state {
    std::vector<std::vector<int>> buffers;  // per real channel, head first
    std::vector<bool> closed;
    std::vector<gstate> gs;
    panic_kind ended = panic_kind::none;    // the program ended by this panic

    std::string key() const {
        std::string k;
        for (std::size_t c = 0; c < buffers.size(); ++c) {
            k += closed[c] ? 'C' : 'O';
            for (int v : buffers[c]) k += std::to_string(v) + ',';
            k += '|';
        }
        for (const auto& g : gs) {
            k += static_cast<char>('0' + g.pc);
            k += static_cast<char>('a' + static_cast<int>(g.status));
        }
        k += static_cast<char>('A' + static_cast<int>(ended));
        return k;
    }
};

// A parked goroutine that can take part in a communication, and which of its cases (-1: a plain
// send or receive) would be used.
struct partner {
    int g;
    int case_index;
};

// Depth-first search of the model's interleavings for one that reproduces an observation.
// A step is taken only if every outcome it produces matches what the goroutine recorded next;
// `failed_` holds the states from which no accepting state is reachable (the search is
// exhaustive, so a state's result never changes).
class model_search {
public:
    model_search(const program& p, const observation& obs) : p_(p), obs_(obs) {}

    bool run() {
        state s;
        s.buffers.resize(p_.caps.size());
        s.closed.assign(p_.caps.size(), false);
        s.gs.resize(p_.goroutines.size());
        return explore(s);
    }

    // The most recorded outcomes any explored state had matched (for the failure message).
    int best_matched() const { return best_; }

private:
    const program& p_;
    const observation& obs_;
    std::unordered_set<std::string> failed_;
    int best_ = 0;

    const op& current_op(const state& s, int g) const { return p_.goroutines[g][s.gs[g].pc]; }
    bool is_nil(int c) const { return c == p_.nil_chan(); }

    bool explore(const state& s) {
        int matched = 0;
        for (const auto& g : s.gs) matched += g.pc;
        if (matched > best_) best_ = matched;
        if (accepts(s)) return true;
        if (s.ended != panic_kind::none) return false;
        std::string key = s.key();
        if (failed_.count(key)) return false;
        for (const state& next : successors(s)) {
            if (explore(next)) return true;
        }
        failed_.insert(std::move(key));
        return false;
    }

    // Whether the run could have ended in state s, the way it did.
    bool accepts(const state& s) const {
        for (std::size_t g = 0; g < s.gs.size(); ++g) {
            const int recorded = static_cast<int>(obs_.traces[g].size());
            const int want = s.gs[g].status == gstatus::frozen ? recorded + 1 : recorded;
            if (s.gs[g].pc != want) return false;
        }
        switch (obs_.how) {
            case ending::returned:
                if (s.ended != panic_kind::none || s.gs[0].status != gstatus::finished) return false;
                for (const auto& g : s.gs) {
                    if (g.status == gstatus::dying) return false;
                }
                return true;
            case ending::panic: return s.ended != panic_kind::none && s.ended == obs_.ended_by;
            case ending::deadlock:
                if (s.ended != panic_kind::none || s.gs[0].status != gstatus::parked) return false;
                for (const auto& g : s.gs) {
                    if (g.status != gstatus::parked && g.status != gstatus::finished) return false;
                }
                return true;
        }
        return false;
    }

    // Goroutine g's op completes with outcome r (`woken`: within another goroutine's step).
    // False if that contradicts what g recorded.
    bool complete(state& s, int g, const outcome& r, bool woken) const {
        gstate& gs = s.gs[g];
        const auto& trace = obs_.traces[g];
        const op& o = current_op(s, g);
        ++gs.pc;
        if (gs.pc > static_cast<int>(trace.size())) {
            // Not recorded: only a run cut short by main's return or a panic allows that.
            if (obs_.how == ending::deadlock) return false;
            gs.status = gstatus::frozen;
            return true;
        }
        if (!(trace[gs.pc - 1] == r)) return false;
        if (r.panic != panic_kind::none && !o.recover) {
            if (woken) {
                gs.status = gstatus::dying;
            } else {
                gs.status = gstatus::finished;
                s.ended = r.panic;
            }
            return true;
        }
        gs.status = gs.pc == static_cast<int>(p_.goroutines[g].size()) ? gstatus::finished
                                                                          : gstatus::active;
        return true;
    }

    // Parked goroutines waiting to receive from (or send to) channel c.
    std::vector<partner> parked_on(const state& s, int c, bool sending) const {
        std::vector<partner> found;
        for (int h = 0; h < static_cast<int>(s.gs.size()); ++h) {
            if (s.gs[h].status != gstatus::parked) continue;
            const op& o = current_op(s, h);
            const op_kind plain = sending ? op_kind::send : op_kind::recv;
            if (o.kind == plain && o.chan == c) found.push_back({h, -1});
            if (o.kind != op_kind::select) continue;
            for (int k = 0; k < static_cast<int>(o.cases.size()); ++k) {
                if (o.cases[k].chan == c && o.cases[k].is_send == sending) found.push_back({h, k});
            }
        }
        return found;
    }

    int value_sent_by(const state& s, const partner& sender) const {
        return program::sent_value(sender.g, s.gs[sender.g].pc, sender.case_index);
    }

    static outcome received(int case_index, int value, bool ok) {
        outcome r;
        r.chosen = case_index;
        r.value = value;
        r.ok = ok;
        return r;
    }
    static outcome sent(int case_index) {
        outcome r;
        r.chosen = case_index;
        return r;
    }
    static outcome panicked(panic_kind k) {
        outcome r;
        r.panic = k;
        return r;
    }

    // Goroutine g (active) sends `value` on non-nil channel c as case `case_index`; adds every
    // resulting state to `out`. Returns whether the send was ready.
    bool try_send(const state& s, int g, int c, int value, int case_index,
                  std::vector<state>& out) const {
        if (s.closed[c]) {
            state n = s;
            if (complete(n, g, panicked(panic_kind::send_on_closed), false)) out.push_back(std::move(n));
            return true;
        }
        const auto receivers = parked_on(s, c, false);
        for (const partner& r : receivers) {
            state n = s;
            if (complete(n, r.g, received(r.case_index, value, true), true) &&
                complete(n, g, sent(case_index), false)) {
                out.push_back(std::move(n));
            }
        }
        if (!receivers.empty()) return true;
        if (static_cast<int>(s.buffers[c].size()) < p_.caps[c]) {
            state n = s;
            n.buffers[c].push_back(value);
            if (complete(n, g, sent(case_index), false)) out.push_back(std::move(n));
            return true;
        }
        return false;
    }

    // Goroutine g (active) receives from non-nil channel c as case `case_index`.
    bool try_recv(const state& s, int g, int c, int case_index, std::vector<state>& out) const {
        const auto senders = parked_on(s, c, true);
        if (!s.buffers[c].empty()) {
            // Take the head; a parked sender (there is one only if the buffer was full) moves
            // its value in and completes.
            state taken = s;
            const int v = taken.buffers[c].front();
            taken.buffers[c].erase(taken.buffers[c].begin());
            if (senders.empty()) {
                if (complete(taken, g, received(case_index, v, true), false)) out.push_back(std::move(taken));
            }
            for (const partner& w : senders) {
                state n = taken;
                n.buffers[c].push_back(value_sent_by(s, w));
                if (complete(n, w.g, sent(w.case_index), true) &&
                    complete(n, g, received(case_index, v, true), false)) {
                    out.push_back(std::move(n));
                }
            }
            return true;
        }
        for (const partner& w : senders) {
            state n = s;
            const int v = value_sent_by(s, w);
            if (complete(n, w.g, sent(w.case_index), true) &&
                complete(n, g, received(case_index, v, true), false)) {
                out.push_back(std::move(n));
            }
        }
        if (!senders.empty()) return true;
        if (s.closed[c]) {
            state n = s;
            if (complete(n, g, received(case_index, 0, false), false)) out.push_back(std::move(n));
            return true;
        }
        return false;
    }

    // close(c) by g on an open channel: every goroutine parked on c is woken, each parked select
    // through any one of its cases on c.
    void close_open(const state& s, int g, int c, std::vector<state>& out) const {
        state n = s;
        n.closed[c] = true;
        std::vector<int> waiting;
        for (int h = 0; h < static_cast<int>(s.gs.size()); ++h) {
            if (s.gs[h].status != gstatus::parked) continue;
            const op& o = current_op(s, h);
            bool on_c = (o.kind == op_kind::send || o.kind == op_kind::recv) && o.chan == c;
            for (const auto& k : o.cases) on_c = on_c || (o.kind == op_kind::select && k.chan == c);
            if (on_c) waiting.push_back(h);
        }
        wake_on_close(n, g, c, waiting, 0, out);
    }

    void wake_on_close(const state& s, int closer, int c, const std::vector<int>& waiting,
                       std::size_t next, std::vector<state>& out) const {
        if (next == waiting.size()) {
            state n = s;
            if (complete(n, closer, outcome{}, false)) out.push_back(std::move(n));
            return;
        }
        const int h = waiting[next];
        const op& o = current_op(s, h);
        auto wake = [&](const outcome& r) {
            state n = s;
            if (complete(n, h, r, true)) wake_on_close(n, closer, c, waiting, next + 1, out);
        };
        if (o.kind == op_kind::recv) wake(received(-1, 0, false));
        if (o.kind == op_kind::send) wake(panicked(panic_kind::send_on_closed));
        if (o.kind != op_kind::select) return;
        for (int k = 0; k < static_cast<int>(o.cases.size()); ++k) {
            if (o.cases[k].chan != c) continue;
            wake(o.cases[k].is_send ? panicked(panic_kind::send_on_closed) : received(k, 0, false));
        }
    }

    // Every state one step of goroutine g (active) leads to.
    void step(const state& s, int g, std::vector<state>& out) const {
        const op& o = current_op(s, g);
        const int pc = s.gs[g].pc;
        bool ready = false;
        switch (o.kind) {
            case op_kind::send:
                ready = !is_nil(o.chan) && try_send(s, g, o.chan, program::sent_value(g, pc, -1), -1, out);
                break;
            case op_kind::recv: ready = !is_nil(o.chan) && try_recv(s, g, o.chan, -1, out); break;
            case op_kind::close: {
                ready = true;
                state n = s;
                if (is_nil(o.chan)) {
                    if (complete(n, g, panicked(panic_kind::close_of_nil), false)) out.push_back(std::move(n));
                } else if (s.closed[o.chan]) {
                    if (complete(n, g, panicked(panic_kind::close_of_closed), false)) out.push_back(std::move(n));
                } else {
                    close_open(s, g, o.chan, out);
                }
                break;
            }
            case op_kind::len:
            case op_kind::cap: {
                ready = true;
                state n = s;
                outcome r;
                if (is_nil(o.chan)) r.number = 0;
                else if (o.kind == op_kind::len) r.number = static_cast<int>(s.buffers[o.chan].size());
                else r.number = p_.caps[o.chan];
                if (complete(n, g, r, false)) out.push_back(std::move(n));
                break;
            }
            case op_kind::select:
                for (int k = 0; k < static_cast<int>(o.cases.size()); ++k) {
                    const select_case& sc = o.cases[k];
                    if (is_nil(sc.chan)) continue;
                    const bool case_ready = sc.is_send
                        ? try_send(s, g, sc.chan, program::sent_value(g, pc, k), k, out)
                        : try_recv(s, g, sc.chan, k, out);
                    ready = ready || case_ready;
                }
                if (!ready && o.has_default) {
                    ready = true;
                    state n = s;
                    if (complete(n, g, sent(-1), false)) out.push_back(std::move(n));
                }
                break;
        }
        if (!ready) {
            state n = s;
            n.gs[g].status = gstatus::parked;
            out.push_back(std::move(n));
        }
    }

    std::vector<state> successors(const state& s) const {
        std::vector<state> out;
        for (int g = 0; g < static_cast<int>(s.gs.size()); ++g) {
            switch (s.gs[g].status) {
                case gstatus::active: step(s, g, out); break;
                case gstatus::dying:
                    if (obs_.how == ending::panic) {
                        state n = s;
                        n.ended = obs_.traces[g][s.gs[g].pc - 1].panic;
                        out.push_back(std::move(n));
                    }
                    break;
                default: break;
            }
        }
        return out;
    }
};

}  // namespace

std::string check_against_model(const program& p, const observation& obs) {
    model_search search(p, obs);
    if (search.run()) return {};
    int recorded = 0;
    for (const auto& t : obs.traces) recorded += static_cast<int>(t.size());
    std::ostringstream why;
    why << "no execution of the reference model produces this run (the best explored state "
           "matched "
        << search.best_matched() << " of " << recorded << " recorded outcomes)";
    return why.str();
}

}  // namespace fuzz
