// gosem: Go's concurrency semantics in C++20. This header brings in the whole public interface.
#pragma once

#include "gosem/chan.hpp"
#include "gosem/context.hpp"
#include "gosem/panic.hpp"
#include "gosem/runtime.hpp"
#include "gosem/select.hpp"
#include "gosem/sync.hpp"
#include "gosem/time.hpp"
