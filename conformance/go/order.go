package main

import (
	"runtime"
	"strconv"
)

func init() {
	twin("CH-ORD-01", func() {
		fifo(sweptInt)
		fifo(sweptEmpty)
		fifo(sweptPtr)
		fifo(sweptString)
	})

	twin("CH-ORD-01.senders", func() {
		const senders, perSender = 4, 200
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			for s := 0; s < senders; s++ {
				go func(s int) {
					for i := 0; i < perSender; i++ {
						ch <- s*perSender + i
					}
				}(s)
			}
			var next [senders]int
			for i := 0; i < senders*perSender; i++ {
				v := <-ch
				check(v >= 0 && v < senders*perSender, "a value that was sent")
				checkEq(v%perSender, next[v/perSender], "each sender's values in its order")
				next[v/perSender]++
			}
		}
	})

	twin("CH-ORD-01.synch", func() {
		const links = 10
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			start := make(chan int)
			in := start
			for i := 0; i < links; i++ {
				out := make(chan int)
				go func(in, out chan int, i int) {
					<-in
					checkEq(<-ch, i, "the i-th goroutine gets the i-th value")
					out <- 1
				}(in, out, i)
				in = out
			}
			start <- 0
			for i := 0; i < links; i++ {
				ch <- i
			}
			<-in
		}
	})

	twin("CH-ORD-01.wrap", func() {
		ch := make(chan int, 5)
		sent, received := 0, 0
		for sent < 5 {
			ch <- sent
			sent++
		}
		for round := 0; round < 1000; round++ {
			for k := 0; k < 2; k++ {
				checkEq(<-ch, received, "FIFO across the wrap")
				received++
			}
			for k := 0; k < 2; k++ {
				ch <- sent
				sent++
			}
		}
		for received < sent {
			checkEq(<-ch, received, "FIFO to the end")
			received++
		}
	})

	twin("CH-ORD-01.select", func() {
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			quit := make(chan int)
			go func() {
				for i := 0; i < 200; i++ {
					select {
					case ch <- i:
					case <-quit:
					}
				}
			}()
			for i := 0; i < 200; i++ {
				select {
				case v := <-ch:
					checkEq(v, i, "FIFO order")
				case <-quit:
					check(false, "the channel's case")
				}
			}
		}
	})

	twin("CH-ORD-02", func() {
		const links, values = 100, 100
		checkChainKeepsOrder(links, values, 0, func(in, out chan int) { out <- <-in })
	})

	twin("CH-ORD-02.sieve", func() {
		isPrime := func(v int) bool {
			for d := 2; d*d <= v; d++ {
				if v%d == 0 {
					return false
				}
			}
			return v >= 2
		}
		ch := make(chan int)
		go func(ch chan int) {
			for i := 2; ; i++ {
				ch <- i
			}
		}(ch)
		previous := 1
		for i := 0; i < 100; i++ {
			prime := <-ch
			check(prime > previous && isPrime(prime), "the next prime")
			for v := previous + 1; v < prime; v++ {
				check(!isPrime(v), "no prime skipped")
			}
			previous = prime
			filtered := make(chan int)
			go func(in chan int, prime int) {
				for {
					if v := <-in; v%prime != 0 {
						filtered <- v
					}
				}
			}(ch, prime)
			ch = filtered
		}
		checkEq(previous, 541, "the 100th prime")
	})

	twin("CH-ORD-02.daisy", func() {
		const links, values = 1000, 10
		leftmost := make(chan int)
		left := leftmost
		for i := 0; i < links; i++ {
			right := make(chan int)
			go func(left, right chan int) {
				for k := 0; k < values; k++ {
					left <- 1 + <-right
				}
			}(left, right)
			left = right
		}
		go func(right chan int) {
			for k := 0; k < values; k++ {
				right <- k * 10000
			}
		}(left)
		for k := 0; k < values; k++ {
			checkEq(<-leftmost, k*10000+links, "raised by each link, in order")
		}
	})

	twin("CH-ORD-02.buffered", func() {
		const links, values = 50, 200
		for _, n := range []int{1, 5} {
			checkChainKeepsOrder(links, values, n, func(in, out chan int) { out <- <-in })
		}
	})

	twin("CH-ORD-02.select", func() {
		const links, values = 20, 200
		quit := make(chan int)
		checkChainKeepsOrder(links, values, 0, func(in, out chan int) {
			v := -1
			select {
			case v = <-in:
			case <-quit:
				check(false, "a value to forward")
			}
			select {
			case out <- v:
			case <-quit:
				check(false, "forwarded")
			}
		})
	})

	twin("CH-ORD-03", func() {
		exactlyOnce(sweptInt, func(v int) int { return v })
	})

	twin("CH-ORD-03.types", func() {
		exactlyOnce(sweptPtr, func(v *int) int {
			if v == nil {
				return -1
			}
			return *v
		})
		exactlyOnce(sweptString, func(v string) int {
			if len(v) <= 1 {
				return -1
			}
			n, _ := strconv.Atoi(v[1:])
			return n
		})
	})

	twin("CH-ORD-03.multi-consumer", func() {
		const workers, iterations = 23, 20000
		pn := []int{2, 3, 7, 11, 13, 17, 19, 23, 27, 31}
		q := make(chan int, workers*3)
		r := make(chan int, workers*3)
		ended := make(chan int, workers)
		for w := 0; w < workers; w++ {
			go func(w int) {
				for v := range q {
					if pn[w%len(pn)] == v {
						runtime.Gosched()
					}
					r <- v
				}
				ended <- w
			}(w)
		}
		expect := 0
		for i := 0; i < iterations; i++ {
			expect += pn[i%len(pn)]
		}
		go func() {
			for i := 0; i < iterations; i++ {
				q <- pn[i%len(pn)]
			}
			close(q)
			for w := 0; w < workers; w++ {
				<-ended
			}
			close(r)
		}()
		count, sum := 0, 0
		for v := range r {
			count++
			sum += v
		}
		checkEq(count, iterations, "every value received once")
		checkEq(sum, expect, "the sum of the values sent")
	})

	twin("CH-ORD-04", func() {
		const receivers = 5
		checkReceiversServedInOrder(receivers, func(ch chan int, _ int) int { return <-ch })
	})

	twin("CH-ORD-04.senders", func() {
		const senders = 5
		ch := make(chan int)
		for i := 0; i < senders; i++ {
			go func(i int) { ch <- i }(i)
			waitBlocked(i + 1)
		}
		for i := 0; i < senders; i++ {
			checkEq(<-ch, i, "the i-th sender's value i-th")
		}
	})

	twin("CH-ORD-04.buffered", func() {
		ch := make(chan int, 2)
		ch <- 100
		ch <- 101
		for i := 0; i < 3; i++ {
			go func(i int) { ch <- i }(i)
			waitBlocked(i + 1)
		}
		for _, want := range []int{100, 101, 0, 1, 2} {
			checkEq(<-ch, want, "buffer, then senders in order")
		}
	})

	twin("CH-ORD-04.select", func() {
		const receivers = 6
		idle := make(chan int)
		checkReceiversServedInOrder(receivers, func(ch chan int, i int) int {
			if i%2 == 0 {
				return <-ch // a plain receive
			}
			v := -1
			select {
			case v = <-ch:
			case <-idle:
			}
			return v
		})
	})
}

// fifo is CH-ORD-01 for one element type.
func fifo[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		go func() {
			for i := 0; i < 100; i++ {
				ch <- e.value(i)
			}
		}()
		for i := 0; i < 100; i++ {
			check(e.same(<-ch, i), "FIFO order")
		}
	}
}

// exactlyOnce is CH-ORD-03 for one element type: four senders and four receivers on one channel,
// at every capacity; every value sent is received exactly once, numberOf reading its number.
func exactlyOnce[T any](e sweptElem[T], numberOf func(T) int) {
	const senders, receivers, perSender = 4, 4, 250
	const total = senders * perSender
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		received := make(chan int, total)
		for s := 0; s < senders; s++ {
			go func(s int) {
				for i := 0; i < perSender; i++ {
					ch <- e.value(s*perSender + i)
				}
			}(s)
		}
		for r := 0; r < receivers; r++ {
			go func() {
				for {
					received <- numberOf(<-ch)
				}
			}()
		}
		times := make([]int, total)
		for i := 0; i < total; i++ {
			v := <-received
			check(v >= 0 && v < total, "a value that was sent")
			times[v]++
		}
		for v := 0; v < total; v++ {
			checkEq(times[v], 1, "each value received once")
		}
	}
}

// checkChainKeepsOrder builds a chain of links goroutines over channels of capacity n, each link
// passing values values on, one at a time, by forward(in, out); 0, 1, ... sent into the first
// channel must come out of the last in order.
func checkChainKeepsOrder(links, values, n int, forward func(in, out chan int)) {
	first := make(chan int, n)
	in := first
	for i := 0; i < links; i++ {
		out := make(chan int, n)
		go func(in, out chan int) {
			for k := 0; k < values; k++ {
				forward(in, out)
			}
		}(in, out)
		in = out
	}
	go func() {
		for k := 0; k < values; k++ {
			first <- k
		}
	}()
	for k := 0; k < values; k++ {
		checkEq(<-in, k, "order at the end of the chain")
	}
}

// checkReceiversServedInOrder parks receivers one after another on an unbuffered channel, each
// queued before the next starts, each taking one value by receive(ch, i); sent 0, 1, ..., the
// i-th receiver must get i.
func checkReceiversServedInOrder(receivers int, receive func(ch chan int, i int) int) {
	ch := make(chan int)
	got := make(chan int, receivers)
	for i := 0; i < receivers; i++ {
		go func(i int) {
			if receive(ch, i) == i {
				got <- 1
			} else {
				got <- 0
			}
		}(i)
		waitBlocked(i + 1) // receiver i is queued before receiver i+1 starts
	}
	for i := 0; i < receivers; i++ {
		ch <- i
	}
	for i := 0; i < receivers; i++ {
		checkEq(<-got, 1, "the i-th receiver got value i")
	}
}
