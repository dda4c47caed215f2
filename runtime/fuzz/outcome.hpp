// What a run of a fuzz program shows: each goroutine's list of operation outcomes, in its own
// order, and how the program ended. The gosem run, the Go run of to_go()'s program and the model
// all speak this.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fuzz {

// The panics a channel operation can raise; numbered as to_go()'s Go program prints them.
enum class panic_kind : std::uint8_t {
    none = 0,
    send_on_closed = 1,   // "send on closed channel"
    close_of_closed = 2,  // "close of closed channel"
    close_of_nil = 3,     // "close of nil channel"
    other = 4,            // any other message: never allowed
};
panic_kind classify_panic(const std::string& message);
const char* panic_message(panic_kind k);

// One operation's outcome. Fields an operation does not produce keep their defaults, so that two
// outcomes of the same operation compare equal iff they are the same.
struct outcome {
    int chosen = -1;      // select: the case that ran; -1 for default (and for every other op)
    int value = 0;        // a receive's (or receive case's) value
    bool ok = false;      // and its ok
    int number = -1;      // len or cap
    panic_kind panic = panic_kind::none;  // set: the op panicked (then every other field is default)
    friend bool operator==(const outcome&, const outcome&) = default;
};

enum class ending : std::uint8_t { returned, deadlock, panic };

struct observation {
    std::vector<std::vector<outcome>> traces;  // per goroutine, [0] is main
    ending how = ending::returned;
    panic_kind ended_by = panic_kind::none;    // how == panic: which one
    std::string report;                        // the runtime's report, for failure messages
    friend bool operator==(const observation& a, const observation& b) {
        return a.traces == b.traces && a.how == b.how && a.ended_by == b.ended_by;
    }
};

std::string to_string(const outcome& o);
std::string to_string(const observation& obs);

}  // namespace fuzz
