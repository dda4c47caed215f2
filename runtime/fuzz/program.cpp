#include "program.hpp"

#include <sstream>

#include "outcome.hpp"

namespace fuzz {

namespace {

// Reads the input front to back; past its end every byte is 0.
class byte_reader {
public:
    explicit byte_reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
    std::uint8_t next() { return pos_ < bytes_.size() ? bytes_[pos_++] : 0; }
    std::uint64_t next_u64() {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= std::uint64_t{next()} << (8 * i);
        return v;
    }

private:
    std::span<const std::uint8_t> bytes_;
    std::size_t pos_ = 0;
};

// One byte in eight names the nil channel; the others a real one.
int decode_chan(std::uint8_t b, int nchans) {
    return b % 8 == 7 ? nchans : (b >> 3) % nchans;
}

op decode_op(byte_reader& in, int nchans) {
    // Sends, receives and selects twice as likely as close and len/cap.
    static constexpr op_kind kinds[8] = {op_kind::send,   op_kind::recv, op_kind::select,
                                         op_kind::send,   op_kind::recv, op_kind::select,
                                         op_kind::close,  op_kind::len};
    const std::uint8_t b = in.next();
    op o;
    o.kind = kinds[b % 8];
    if (o.kind == op_kind::len && ((b >> 3) & 1)) o.kind = op_kind::cap;
    o.recover = (b >> 4) != 0xF;  // one op in sixteen lets its panic end the program
    if (o.kind != op_kind::select) {
        o.chan = decode_chan(in.next(), nchans);
        return o;
    }
    const std::uint8_t s = in.next();
    const int ncases = s % (max_select_cases + 1);
    o.has_default = (s >> 2) & 1;
    o.with_list = (s >> 3) & 1;
    for (int k = 0; k < ncases; ++k) {
        const std::uint8_t c = in.next();
        o.cases.push_back({static_cast<bool>(c & 1), decode_chan(c >> 1, nchans)});
    }
    return o;
}

std::string chan_name(const program& p, int c) {
    return c == p.nil_chan() ? "cnil" : "c" + std::to_string(c);
}

bool may_panic(const op& o) {
    switch (o.kind) {
        case op_kind::send:
        case op_kind::close: return true;
        case op_kind::select:
            for (const auto& c : o.cases) {
                if (c.is_send) return true;
            }
            return false;
        default: return false;
    }
}

// The panic an unrecovered op can end the program with, known from the op alone: a close
// panics by its channel's nilness, a send (or a select's send case) on a closed channel.
int static_panic_kind(const program& p, const op& o) {
    panic_kind k = panic_kind::send_on_closed;
    if (o.kind == op_kind::close) {
        k = o.chan == p.nil_chan() ? panic_kind::close_of_nil : panic_kind::close_of_closed;
    }
    return static_cast<int>(k);
}

// The Go statements of one op; `rec(...)` records its outcome as the C++ run does.
void op_to_go(std::ostringstream& out, const program& p, int g, int index, const op& o) {
    const std::string ind = "\t\t";
    auto rec = [&](const std::string& chosen, const std::string& value, const std::string& ok,
                   const std::string& number) {
        return "rec(" + std::to_string(g) + ", " + chosen + ", " + value + ", " + ok + ", " +
               number + ", 0)";
    };
    std::ostringstream body;
    switch (o.kind) {
        case op_kind::send:
            body << chan_name(p, o.chan) << " <- " << program::sent_value(g, index, -1) << "; "
                 << rec("-1", "0", "false", "-1");
            break;
        case op_kind::recv:
            body << "v, ok := <-" << chan_name(p, o.chan) << "; " << rec("-1", "v", "ok", "-1");
            break;
        case op_kind::close:
            body << "close(" << chan_name(p, o.chan) << "); " << rec("-1", "0", "false", "-1");
            break;
        case op_kind::len:
            body << rec("-1", "0", "false", "len(" + chan_name(p, o.chan) + ")");
            break;
        case op_kind::cap:
            body << rec("-1", "0", "false", "cap(" + chan_name(p, o.chan) + ")");
            break;
        case op_kind::select:
            body << "chosen, v, ok := -1, 0, false; _, _ = v, ok; select {";
            for (std::size_t k = 0; k < o.cases.size(); ++k) {
                const auto& c = o.cases[k];
                if (c.is_send) {
                    body << " case " << chan_name(p, c.chan) << " <- "
                         << program::sent_value(g, index, static_cast<int>(k)) << ": chosen = " << k << ";";
                } else {
                    body << " case x, y := <-" << chan_name(p, c.chan) << ": chosen, v, ok = " << k
                         << ", x, y;";
                }
            }
            if (o.has_default) body << " default:";
            body << " }; " << rec("chosen", "v", "ok", "-1");
            break;
    }
    if (!may_panic(o)) {
        out << ind << "{ " << body.str() << " }\n";
    } else if (o.recover) {
        out << ind << "func() { defer recovered(" << g << "); " << body.str() << " }()\n";
    } else {
        out << ind << "func() { done := false; defer func() { if !done { rec(" << g
            << ", -1, 0, false, -1, " << static_panic_kind(p, o) << ") } }(); " << body.str()
            << "; done = true }()\n";
    }
}

}  // namespace

program decode(std::span<const std::uint8_t> bytes) {
    byte_reader in(bytes);
    program p;
    p.seed = in.next_u64();
    if (p.seed == 0) p.seed = 1;
    const int nchans = 1 + in.next() % max_chans;
    for (int c = 0; c < nchans; ++c) p.caps.push_back(in.next() % (max_cap + 1));
    const int ngoroutines = min_goroutines + in.next() % (max_goroutines - min_goroutines + 1);
    p.goroutines.resize(ngoroutines);
    for (auto& ops : p.goroutines) {
        const int nops = 1 + in.next() % max_ops;
        for (int i = 0; i < nops; ++i) ops.push_back(decode_op(in, nchans));
    }
    return p;
}

std::string to_go(const program& p) {
    std::ostringstream out;
    out << "// A gosem fuzz program; gosem ran it with GOSEM_SCHED_SEED=" << p.seed << ".\n"
        << "// Each line of output is one operation's outcome: goroutine, chosen case, received\n"
        << "// value and ok, len or cap, panic (1 send on closed, 2 close of closed, 3 close of nil).\n"
        << "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\n"
        << "var mu sync.Mutex\n\n"
        << "func rec(g, chosen, value int, ok bool, number, panicKind int) {\n"
        << "\tmu.Lock()\n\tdefer mu.Unlock()\n"
        << "\tb := 0\n\tif ok {\n\t\tb = 1\n\t}\n"
        << "\tfmt.Printf(\"g%d %d %d %d %d %d\\n\", g, chosen, value, b, number, panicKind)\n}\n\n"
        << "func recovered(g int) {\n"
        << "\tr := recover()\n\tif r == nil {\n\t\treturn\n\t}\n"
        << "\tkinds := map[string]int{\"send on closed channel\": 1, \"close of closed channel\": 2, "
           "\"close of nil channel\": 3}\n"
        << "\tk, known := kinds[fmt.Sprint(r)]\n\tif !known {\n\t\tk = 4\n\t}\n"
        << "\trec(g, -1, 0, false, -1, k)\n}\n\n"
        << "func main() {\n";
    for (int c = 0; c < p.nil_chan(); ++c) {
        out << "\tc" << c << " := make(chan int, " << p.caps[c] << ")\n";
    }
    out << "\tvar cnil chan int\n\t_ = cnil\n";
    for (int c = 0; c < p.nil_chan(); ++c) out << "\t_ = c" << c << "\n";
    for (int g = 1; g < static_cast<int>(p.goroutines.size()); ++g) {
        out << "\tgo func() {\n";
        for (int i = 0; i < static_cast<int>(p.goroutines[g].size()); ++i) {
            op_to_go(out, p, g, i, p.goroutines[g][i]);
        }
        out << "\t}()\n";
    }
    out << "\tfunc() {\n";
    for (int i = 0; i < static_cast<int>(p.goroutines[0].size()); ++i) {
        op_to_go(out, p, 0, i, p.goroutines[0][i]);
    }
    out << "\t}()\n}\n";
    return out.str();
}

}  // namespace fuzz
