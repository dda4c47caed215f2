#include "run_on_gosem.hpp"

#include <gosem/gosem.hpp>

#include <cstddef>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

namespace fuzz {

namespace {

using channels = std::vector<gosem::chan<int>>;  // the program's channels, then the nil one

// gosem::select over the op's cases. The case kinds are known only at run time, so this builds
// the argument list one case at a time: each prefix of kinds is its own instantiation (at most
// 2 + 4 + 8 of them). The default, if any, goes last, so a case's position is its index.
template <class... Built>
int static_select(const op& o, const channels& chans, int g, int index, outcome& out,
                  std::tuple<Built...> built) {
    constexpr std::size_t k = sizeof...(Built);
    if (k == o.cases.size()) {
        return std::apply(
            [&](auto&&... cs) {
                if (o.has_default) return gosem::select(std::move(cs)..., gosem::default_case()).chosen;
                return gosem::select(std::move(cs)...).chosen;
            },
            std::move(built));
    }
    if constexpr (k < max_select_cases) {
        const select_case& c = o.cases[k];
        if (c.is_send) {
            auto send = gosem::send_case(chans[c.chan], program::sent_value(g, index, k));
            return static_select(o, chans, g, index, out,
                                 std::tuple_cat(std::move(built), std::tuple{std::move(send)}));
        }
        auto recv = gosem::recv_case(chans[c.chan], [&out](int v, bool ok) {
            out.value = v;
            out.ok = ok;
        });
        return static_select(o, chans, g, index, out,
                             std::tuple_cat(std::move(built), std::tuple{std::move(recv)}));
    } else {
        return -1;  // not reached: a select has at most max_select_cases cases
    }
}

// The same select through select_list, gosem's reflect.Select.
int list_select(const op& o, const channels& chans, int g, int index, outcome& out) {
    std::vector<gosem::dynamic_case<int>> cases;
    for (std::size_t k = 0; k < o.cases.size(); ++k) {
        const select_case& c = o.cases[k];
        cases.push_back(c.is_send ? gosem::dynamic_send(chans[c.chan],
                                                        program::sent_value(g, index, static_cast<int>(k)))
                                  : gosem::dynamic_recv(chans[c.chan]));
    }
    const int chosen = gosem::select_list<int>(cases, o.has_default);
    if (chosen >= 0 && !cases[chosen].is_send) {
        out.value = cases[chosen].value;
        out.ok = cases[chosen].ok;
    }
    return chosen;
}

outcome perform(const op& o, const channels& chans, int g, int index) {
    outcome out;
    const gosem::chan<int>& c = chans[o.chan];
    switch (o.kind) {
        case op_kind::send: c.send(program::sent_value(g, index, -1)); break;
        case op_kind::recv: {
            auto [v, ok] = c.recv_ok();
            out.value = v;
            out.ok = ok;
            break;
        }
        case op_kind::close: c.close(); break;
        case op_kind::len: out.number = static_cast<int>(c.len()); break;
        case op_kind::cap: out.number = static_cast<int>(c.cap()); break;
        case op_kind::select: {
            const int chosen = o.with_list ? list_select(o, chans, g, index, out)
                                           : static_select(o, chans, g, index, out, std::tuple<>{});
            out.chosen = chosen == static_cast<int>(o.cases.size()) ? -1 : chosen;
            break;
        }
    }
    return out;
}

// One goroutine's ops, each outcome recorded as soon as the op returns. A panic is recorded and
// then, unless the op recovers it, rethrown to end the program. Only gosem::panic is caught:
// the runtime unwinds abandoned goroutines with an exception of its own.
void run_goroutine(const program& p, int g, const channels& chans, std::vector<outcome>& trace) {
    const auto& ops = p.goroutines[g];
    for (int i = 0; i < static_cast<int>(ops.size()); ++i) {
        outcome out;
        try {
            out = perform(ops[i], chans, g, i);
        } catch (const gosem::panic& e) {
            out = outcome{};
            out.panic = classify_panic(e.message());
            trace.push_back(out);
            if (!ops[i].recover) throw;
            continue;
        }
        trace.push_back(out);
    }
}

}  // namespace

observation run_on_gosem(const program& p) {
    observation obs;
    obs.traces.resize(p.goroutines.size());
    const gosem::run_result result =
        gosem::run_for_result(gosem::config{.procs = 1, .sched_seed = p.seed}, [&] {
            channels chans;
            for (int cap : p.caps) chans.push_back(gosem::make_chan<int>(cap));
            chans.emplace_back();  // nil
            for (int g = 1; g < static_cast<int>(p.goroutines.size()); ++g) {
                gosem::go([&p, &obs, chans, g] { run_goroutine(p, g, chans, obs.traces[g]); });
            }
            run_goroutine(p, 0, chans, obs.traces[0]);
        });
    obs.report = result.report;
    switch (result.how) {
        case gosem::run_result::ending::returned: obs.how = ending::returned; break;
        case gosem::run_result::ending::deadlock: obs.how = ending::deadlock; break;
        case gosem::run_result::ending::panic: {
            obs.how = ending::panic;
            // "panic: MSG\n\ngoroutine N [running]:..."
            const std::string prefix = "panic: ";
            const std::size_t end = result.report.find('\n');
            obs.ended_by = result.report.rfind(prefix, 0) == 0
                               ? classify_panic(result.report.substr(prefix.size(), end - prefix.size()))
                               : panic_kind::other;
            break;
        }
    }
    return obs;
}

}  // namespace fuzz
