// The reference model: Go's channel semantics as a sequential state machine, and the check that
// an observed run is one of its executions.
//
// What the model can decide. The program is concurrent, so no single expected result exists;
// replaying "the" interleaving is not possible either, because what a run records (each
// goroutine's outcomes in its own order) does not say when a parked goroutine's operation took
// effect: that happened at its partner's operation, before the parked goroutine ran again to
// record it. So the check asks: is there an interleaving of the model's atomic steps that gives
// every goroutine exactly the outcomes it recorded, in its order, and ends the way the run ended?
// It searches the model's interleavings depth-first, pruned by the recorded outcomes (a step is
// taken only if its outcome is the one recorded next) and memoised on states; the programs are
// small, so the search is exhaustive. The observation is accepted iff such an interleaving
// exists. This decides the properties at once: values received exactly once and in FIFO
// order per sender, panics exactly where the model can panic, len and cap consistent with some
// state of the channels, and a deadlock reported iff the model reaches a state where every
// goroutine is parked (or done) while main is parked; a run that returned or panicked must end in
// a state where the model could have ended it so.
//
// The model's semantics (Go 1.19 spec and runtime):
//   - A goroutine is active (about to run its next op), parked in it, or finished. An active
//     goroutine's op runs as one atomic step: if it can complete (a parked partner, buffer room or
//     a buffered value, a closed channel) it completes, choosing freely among the ready cases of a
//     select; otherwise it takes default if it has one, else parks. Nil channels are never ready.
//   - A parked goroutine's op completes only within another goroutine's step: a send hands its
//     value to a parked receiver (also on a buffered channel, whose buffer is then empty); a
//     receive from a full buffer takes the head and moves a parked sender's value in; close wakes
//     every parked receiver with (0, false) and makes every parked sender panic; a parked select
//     woken this way runs the case that was used (any one, if several could be).
//   - Panics: send on a closed channel, close of a closed or nil channel, a select that chooses a
//     send case on a closed channel. A recovered panic is that op's outcome; an unrecovered one
//     ends the program (at once if its goroutine was running; when it next runs if the panic came
//     from being woken by close).
//   - The end of a run is allowed to cut goroutines short: when main returns or a panic ends the
//     program, a goroutine may have had its current op completed by a partner, or may have
//     completed it and been switched out, without having recorded it yet. The model allows each
//     goroutine at most one such unrecorded op, and none when the run ended in a deadlock (every
//     goroutine was parked, so every completed op was recorded).
// Where Go's runtime is more specific than the spec (FIFO order among parked receivers or
// senders, recvq before sendq on close), the model allows any order.
#pragma once

#include <string>

#include "outcome.hpp"
#include "program.hpp"

namespace fuzz {

// Empty if the model has an execution that produces `obs`; otherwise why not.
std::string check_against_model(const program& p, const observation& obs);

}  // namespace fuzz
