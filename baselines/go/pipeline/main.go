// pipeline: generate -> square -> sum over SIZE items, one goroutine per stage, the stages joined
// by buffered channels that the upstream stage closes when it is done.
package main

import "gosem/baselines/internal/harness"

// buffer is the same in every system's version (baselines/common/pipeline.hpp).
const buffer = 255

// sumOfSquares is the sum of i*i for i < n, modulo 2^64: n(n-1)(2n-1)/6 with the divisions
// done before the (wrapping) multiplications.
func sumOfSquares(n uint64) uint64 {
	f := [3]uint64{n, n - 1, 2*n - 1}
	for _, d := range []uint64{2, 3} {
		for i := range f {
			if f[i]%d == 0 {
				f[i] /= d
				break
			}
		}
	}
	return f[0] * f[1] * f[2]
}

func main() {
	args := harness.Parse(10_000_000)
	n := uint64(args.Size)
	clock := harness.Start()
	numbers := make(chan uint64, buffer)
	go func() {
		for i := uint64(0); i < n; i++ {
			numbers <- i
		}
		close(numbers)
	}()
	squares := make(chan uint64, buffer)
	go func() {
		for x := range numbers {
			squares <- x * x
		}
		close(squares)
	}()
	var got uint64
	for s := range squares {
		got += s
	}
	harness.Finish(clock.Read(), got, sumOfSquares(n))
}
