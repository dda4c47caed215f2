// sieve: the first SIZE primes from Go's concurrent prime sieve: a generator of 2, 3, 4, ...
// feeding a daisy chain with one filter task per prime found, over unbuffered channels. The
// result is their sum, checked against the sieve of Eratosthenes.
#pragma once

#include <cstdint>
#include <vector>

namespace baselines::sieve {

inline constexpr std::int64_t default_size = 2000;

inline std::int64_t expected(std::int64_t count) {
    for (std::int64_t limit = 64;; limit *= 2) {
        std::vector<bool> composite(static_cast<std::size_t>(limit));
        std::int64_t found = 0, sum = 0;
        for (std::int64_t i = 2; i < limit && found < count; ++i) {
            if (composite[i]) continue;
            ++found;
            sum += i;
            for (std::int64_t m = i * i; m < limit; m += i) composite[m] = true;
        }
        if (found == count) return sum;
    }
}

}  // namespace baselines::sieve
