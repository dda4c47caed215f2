// skynet: a 10-ary tree of goroutines with SIZE leaves (a power of 10); each leaf sends its
// number, each inner node the sum of its children's.
package main

import "gosem/baselines/internal/harness"

const fanout = 10

func skynet(out chan<- int64, num, size int64) {
	if size == 1 {
		out <- num
		return
	}
	children := make(chan int64, fanout)
	sub := size / fanout
	for i := int64(0); i < fanout; i++ {
		go skynet(children, num+i*sub, sub)
	}
	var sum int64
	for i := 0; i < fanout; i++ {
		sum += <-children
	}
	out <- sum
}

func main() {
	args := harness.Parse(1_000_000)
	for s := args.Size; s > 1; s /= fanout {
		if s%fanout != 0 {
			harness.Usage("SIZE must be a power of 10")
		}
	}
	clock := harness.Start()
	root := make(chan int64)
	go skynet(root, 0, args.Size)
	got := <-root
	harness.Finish(clock.Read(), got, args.Size*(args.Size-1)/2)
}
