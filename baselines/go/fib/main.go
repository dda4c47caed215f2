// fib: fork-join fib(SIZE): each call at or above the cutoff computes fib(n-1) in a new goroutine
// and fib(n-2) itself, then joins; below the cutoff it recurses sequentially.
package main

import "gosem/baselines/internal/harness"

// cutoff is the same in every system's version (baselines/common/fib.hpp).
const cutoff = 10

func sequentialFib(n int) int64 {
	if n < 2 {
		return int64(n)
	}
	return sequentialFib(n-1) + sequentialFib(n-2)
}

func fib(n int) int64 {
	if n < cutoff {
		return sequentialFib(n)
	}
	left := make(chan int64, 1)
	go func() { left <- fib(n - 1) }()
	right := fib(n - 2)
	return <-left + right
}

func iterativeFib(n int) int64 {
	a, b := int64(0), int64(1)
	for i := 0; i < n; i++ {
		a, b = b, a+b
	}
	return a
}

func main() {
	args := harness.Parse(32)
	if args.Size > 90 {
		harness.Usage("SIZE must be at most 90")
	}
	n := int(args.Size)
	clock := harness.Start()
	got := fib(n)
	harness.Finish(clock.Read(), got, iterativeFib(n))
}
