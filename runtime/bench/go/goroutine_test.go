package bench

import (
	"sync/atomic"
	"testing"
)

const million = 1_000_000

// BenchmarkPingPong: an op is one value sent to an echoing goroutine and received back, both
// unbuffered.
func BenchmarkPingPong(b *testing.B) {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
	}()
	for i := 0; i < b.N; i++ {
		ping <- i
		if <-pong != i {
			b.Fatal("the echo differs from the value sent")
		}
	}
	close(ping)
}

// BenchmarkSpawnJoin: an op spawns a million goroutines and waits until all have run; the last
// one to finish closes allDone.
func BenchmarkSpawnJoin(b *testing.B) {
	for i := 0; i < b.N; i++ {
		running := int64(million)
		allDone := make(chan bool)
		for g := 0; g < million; g++ {
			go func() {
				if atomic.AddInt64(&running, -1) == 0 {
					close(allDone)
				}
			}()
		}
		<-allDone
	}
}

// skynet sends the sum of [num, num+size) to out: a leaf sends its number, an inner node sums
// what its ten children send.
func skynet(num, size int, out chan<- int) {
	if size == 1 {
		out <- num
		return
	}
	children := make(chan int)
	childSize := size / 10
	for i := 0; i < 10; i++ {
		go skynet(num+i*childSize, childSize, children)
	}
	sum := 0
	for i := 0; i < 10; i++ {
		sum += <-children
	}
	out <- sum
}

// BenchmarkSkynet: an op is one whole skynet of a million leaves.
func BenchmarkSkynet(b *testing.B) {
	for i := 0; i < b.N; i++ {
		result := make(chan int)
		go skynet(0, million, result)
		if sum := <-result; sum != million*(million-1)/2 {
			b.Fatalf("skynet's sum is %d, not 499999500000", sum)
		}
	}
}
