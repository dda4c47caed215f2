// reduce: the sum of SIZE int32 values (i % 1000), one goroutine per chunk of 2^20 values, the
// partial sums gathered through a channel.
package main

import "gosem/baselines/internal/harness"

// chunk is the same in every system's version (baselines/common/reduce.hpp).
const chunk = 1 << 20

func sum(values []int32) int64 {
	var s int64
	for _, v := range values {
		s += int64(v)
	}
	return s
}

func expected(n int64) int64 {
	rest := n % 1000
	return n/1000*(999*1000/2) + rest*(rest-1)/2
}

func main() {
	args := harness.Parse(200_000_000)
	data := make([]int32, args.Size)
	for i := range data {
		data[i] = int32(i % 1000)
	}
	clock := harness.Start()
	chunks := (len(data) + chunk - 1) / chunk
	partials := make(chan int64, chunks)
	for lo := 0; lo < len(data); lo += chunk {
		hi := lo + chunk
		if hi > len(data) {
			hi = len(data)
		}
		go func(part []int32) { partials <- sum(part) }(data[lo:hi])
	}
	var got int64
	for i := 0; i < chunks; i++ {
		got += <-partials
	}
	harness.Finish(clock.Read(), got, expected(args.Size))
}
