// gosem/panic.hpp: Go's panic as a C++ exception.
//
// A Go panic is `gosem::panic`; catching it is Go's recover. A panic that leaves a goroutine's
// function ends the program as in Go: `panic: MSG`, a blank line, `goroutine N [running]:` on
// stderr and exit status 2. Any other exception that leaves a goroutine is treated the same way,
// its what() and type taking the place of MSG.
#pragma once

#include <exception>
#include <string>
#include <utility>

namespace gosem {

class panic : public std::exception {
public:
    explicit panic(std::string message) : message_(std::move(message)) {}
    const char* what() const noexcept override { return message_.c_str(); }
    const std::string& message() const noexcept { return message_; }

private:
    std::string message_;
};

}  // namespace gosem
