// chan_internal.hpp: the steps of a channel operation, shared by chan.cpp and select.cpp.
// Each runs under c->lock.
#pragma once

#include "gosem/detail/chan_core.hpp"

namespace gosem::detail {

void chan_send_direct(chan_core* c, waiter* receiver, void* elem);
void chan_recv_direct(chan_core* c, waiter* sender, void* elem);
void chan_buffer_put(chan_core* c, void* elem);
void chan_buffer_take(chan_core* c, void* elem);

}  // namespace gosem::detail
