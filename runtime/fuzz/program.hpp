// A small channel program, what the fuzzer's input bytes decode to: 2 to 4 goroutines (the first
// is main), each a straight line of channel operations on a few int channels of capacity 0 to 3
// (and one nil channel), plus the scheduler seed it runs under.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace fuzz {

enum class op_kind : std::uint8_t { send, recv, close, len, cap, select };

// One case of a select: a send of its own value, or a receive.
struct select_case {
    bool is_send = false;
    int chan = 0;  // index into program::caps; program::nil_chan() is the nil channel
};

// One operation. Invariant: `cases` and `has_default` are used only by select.
struct op {
    op_kind kind = op_kind::send;
    int chan = 0;          // the operand of send, recv, close, len and cap
    bool recover = true;   // a panic here is recovered (Go: a deferred recover around the op);
                           // false: the panic ends the program
    bool with_list = false;  // select: run through select_list instead of gosem::select
    std::vector<select_case> cases;
    bool has_default = false;
};

struct program {
    std::uint64_t seed = 1;               // the scheduler seed, never 0 (0 means "not seeded")
    std::vector<int> caps;                // capacity of each channel
    std::vector<std::vector<op>> goroutines;  // [0] is main

    int nil_chan() const { return static_cast<int>(caps.size()); }

    // The value goroutine g sends at its op number `index` (case `select_case_index` of a
    // select, -1 for a plain send). Unique per send and never 0, the zero value a closed channel
    // yields, so that every received value names its sender.
    static int sent_value(int g, int index, int select_case_index) {
        return 1 + g * 1000 + index * 10 + (select_case_index + 1);
    }
};

inline constexpr int max_chans = 3;
inline constexpr int max_cap = 3;
inline constexpr int min_goroutines = 2, max_goroutines = 4;
inline constexpr int max_ops = 6;
inline constexpr int max_select_cases = 3;

// Decodes any byte string into a program (missing bytes read as zeros), so every input is valid.
program decode(std::span<const std::uint8_t> bytes);

// The program as a runnable Go program that prints each op's outcome as it completes (read back
// by parse_go_run): for failure reports, and to check the model against Go itself.
std::string to_go(const program& p);

}  // namespace fuzz
