// pingpong: SIZE round trips between two goroutines over two unbuffered channels; the partner
// answers each value v with v+1.
package main

import "gosem/baselines/internal/harness"

func main() {
	args := harness.Parse(1_000_000)
	clock := harness.Start()
	ping, pong := make(chan int64), make(chan int64)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
	}()
	var got int64
	for i := int64(0); i < args.Size; i++ {
		ping <- i
		got += <-pong
	}
	close(ping)
	harness.Finish(clock.Read(), got, args.Size*(args.Size+1)/2)
}
