// gosem: Go's concurrency semantics in C++20. This header brings in the whole public interface.
#pragma once

#include "gosem/chan.hpp"
#include "gosem/panic.hpp"
#include "gosem/runtime.hpp"
#include "gosem/select.hpp"
