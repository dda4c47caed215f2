// workerpool: a fixed pool of workers drains a job channel (the Collatz step counts of 1..SIZE)
// and sends results back; a WaitGroup and a close end the result stream.
package main

import (
	"sync"

	"gosem/baselines/internal/harness"
)

// workers and buffer are the same in every system's version (baselines/common/workerpool.hpp).
const (
	workers = 8
	buffer  = 255
)

func collatzSteps(x int64) int64 {
	var steps int64
	for ; x != 1; steps++ {
		if x%2 == 0 {
			x /= 2
		} else {
			x = 3*x + 1
		}
	}
	return steps
}

func main() {
	args := harness.Parse(1_000_000)
	clock := harness.Start()
	jobs := make(chan int64, buffer)
	results := make(chan int64, buffer)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- collatzSteps(j)
			}
		}()
	}
	go func() {
		for j := int64(1); j <= args.Size; j++ {
			jobs <- j
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var got int64
	for r := range results {
		got += r
	}
	elapsed := clock.Read()
	var want int64
	for j := int64(1); j <= args.Size; j++ {
		want += collatzSteps(j)
	}
	harness.Finish(elapsed, got, want)
}
