// sieve: the first SIZE primes from Go's concurrent prime sieve, a daisy chain of one goroutine
// per prime found, joined by unbuffered channels. The generator and the filters are abandoned
// when main returns, as in the original.
package main

import "gosem/baselines/internal/harness"

func generate(out chan<- int64) {
	for i := int64(2); ; i++ {
		out <- i
	}
}

func filter(in <-chan int64, out chan<- int64, prime int64) {
	for {
		if i := <-in; i%prime != 0 {
			out <- i
		}
	}
}

// sumOfFirstPrimes sums the first count primes, found with the sieve of Eratosthenes.
func sumOfFirstPrimes(count int64) int64 {
	for limit := int64(64); ; limit *= 2 {
		composite := make([]bool, limit)
		var found, sum int64
		for i := int64(2); i < limit && found < count; i++ {
			if composite[i] {
				continue
			}
			found++
			sum += i
			for m := i * i; m < limit; m += i {
				composite[m] = true
			}
		}
		if found == count {
			return sum
		}
	}
}

func main() {
	args := harness.Parse(2000)
	clock := harness.Start()
	ch := make(chan int64)
	go generate(ch)
	var got int64
	for i := int64(0); i < args.Size; i++ {
		prime := <-ch
		got += prime
		next := make(chan int64)
		go filter(ch, next, prime)
		ch = next
	}
	harness.Finish(clock.Read(), got, sumOfFirstPrimes(args.Size))
}
