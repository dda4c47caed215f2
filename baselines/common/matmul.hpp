// matmul: C = A x B for SIZE x SIZE row-major matrices of doubles. The entries are small
// integers, so every sum is exact and the weighted checksum sum (i+1)(j+1)C[i][j] can be
// predicted in O(SIZE^2) from A and B alone. Task-based versions take `rows_per_task` rows of C
// per task (Go's copy: baselines/go/matmul); TBB's partitioner picks its own.
#pragma once

#include <cstddef>
#include <cstdint>

#include "harness.hpp"

namespace baselines::matmul {

inline constexpr std::int64_t default_size = 1024;
inline constexpr std::size_t rows_per_task = 16;

inline double a_entry(std::size_t i, std::size_t k) { return static_cast<double>((i * 7 + k * 3) % 11); }
inline double b_entry(std::size_t k, std::size_t j) { return static_cast<double>((k * 5 + j) % 13); }

struct problem {
    std::size_t n;
    huge_page_vector<double> a, b, c;  // c starts zeroed

    explicit problem(std::size_t size) : n(size), a(n * n), b(n * n), c(n * n) {
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < n; ++j) {
                a[i * n + j] = a_entry(i, j);
                b[i * n + j] = b_entry(i, j);
            }
        }
    }

    // Computes rows [begin, end) of C.
    BASELINES_KERNEL void multiply_rows(std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            double* c_row = &c[i * n];
            for (std::size_t k = 0; k < n; ++k) {
                const double a_ik = a[i * n + k];
                const double* b_row = &b[k * n];
                for (std::size_t j = 0; j < n; ++j) c_row[j] += a_ik * b_row[j];
            }
        }
    }

    std::int64_t checksum() const {
        std::int64_t s = 0;
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < n; ++j) {
                s += static_cast<std::int64_t>(i + 1) * static_cast<std::int64_t>(j + 1) *
                     static_cast<std::int64_t>(c[i * n + j]);
            }
        }
        return s;
    }

    // checksum() of A x B: the sum over k of (sum_i (i+1)A[i][k]) * (sum_j (j+1)B[k][j]).
    std::int64_t expected_checksum() const {
        std::int64_t s = 0;
        for (std::size_t k = 0; k < n; ++k) {
            std::int64_t weighted_a = 0, weighted_b = 0;
            for (std::size_t i = 0; i < n; ++i) {
                weighted_a += static_cast<std::int64_t>(i + 1) * static_cast<std::int64_t>(a_entry(i, k));
            }
            for (std::size_t j = 0; j < n; ++j) {
                weighted_b += static_cast<std::int64_t>(j + 1) * static_cast<std::int64_t>(b_entry(k, j));
            }
            s += weighted_a * weighted_b;
        }
        return s;
    }
};

}  // namespace baselines::matmul
