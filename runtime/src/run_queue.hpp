// run_queue.hpp: operations on a P's local run queue (the structure is in runtime_internal.hpp).
#pragma once

#include "runtime_internal.hpp"

namespace gosem::detail {

// Owner only. Returns false when the ring was full: then `overflow` holds *n_overflow goroutines
// (half the ring, then g) that the caller must put on the global queue.
bool runq_push(run_queue& q, G* g, G** overflow, std::uint32_t* n_overflow);
// Owner only: the resume stack's top first, then `next` (both inherit the time slice: true in
// *inherit_slice), then the ring's head.
G* runq_pop(run_queue& q, bool* inherit_slice);
// Owner only: the ring's head, passing over the resume stack and `next`.
G* runq_pop_ring(run_queue& q);
// Owner only: the resume stack (work-first spawning). Push only when it is not full.
bool runq_resume_full(const run_queue& q);
void runq_push_resume(run_queue& q, G* g);
// Any thread: takes half of the ring (or, when the ring is empty and take_next, the `next` slot).
std::uint32_t runq_grab(run_queue& q, G** batch, bool take_next);

}  // namespace gosem::detail
