// matmul: C = A x B for SIZE x SIZE matrices of doubles, one goroutine per block of 16 rows,
// joined with a WaitGroup. The entries are small integers, so every product is exact and a
// weighted checksum of C can be predicted in O(SIZE^2) (baselines/common/matmul.hpp).
package main

import (
	"sync"

	"gosem/baselines/internal/harness"
)

const rowsPerTask = 16

func aEntry(i, k int) float64 { return float64((i*7 + k*3) % 11) }
func bEntry(k, j int) float64 { return float64((k*5 + j) % 13) }

func multiplyRows(a, b, c []float64, n, lo, hi int) {
	for i := lo; i < hi; i++ {
		cRow := c[i*n : (i+1)*n]
		for k := 0; k < n; k++ {
			aik := a[i*n+k]
			bRow := b[k*n : (k+1)*n]
			for j := range cRow {
				cRow[j] += aik * bRow[j]
			}
		}
	}
}

// checksum is the sum over (i, j) of (i+1)(j+1)C[i][j], in exact integers.
func checksum(c []float64, n int) int64 {
	var s int64
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			s += int64(i+1) * int64(j+1) * int64(c[i*n+j])
		}
	}
	return s
}

// expectedChecksum is checksum(A x B) computed as the sum over k of
// (sum_i (i+1)A[i][k]) * (sum_j (j+1)B[k][j]).
func expectedChecksum(n int) int64 {
	var s int64
	for k := 0; k < n; k++ {
		var wa, wb int64
		for i := 0; i < n; i++ {
			wa += int64(i+1) * int64(aEntry(i, k))
		}
		for j := 0; j < n; j++ {
			wb += int64(j+1) * int64(bEntry(k, j))
		}
		s += wa * wb
	}
	return s
}

func main() {
	args := harness.Parse(1024)
	n := int(args.Size)
	a, b, c := make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			a[i*n+j], b[i*n+j] = aEntry(i, j), bEntry(i, j)
		}
	}
	clock := harness.Start()
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += rowsPerTask {
		hi := lo + rowsPerTask
		if hi > n {
			hi = n
		}
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			multiplyRows(a, b, c, n, lo, hi)
		}(lo, hi)
	}
	wg.Wait()
	harness.Finish(clock.Read(), checksum(c, n), expectedChecksum(n))
}
