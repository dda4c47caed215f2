package main

import "strconv"

func init() {
	twin("CH-ORD-01", func() {
		fifo(func(i int) int { return i }, func(v, i int) bool { return v == i })
		fifo(func(int) struct{} { return struct{}{} }, func(struct{}, int) bool { return true })
		fifo(func(i int) *int { return &i }, func(v *int, i int) bool { return v != nil && *v == i })
		fifo(func(i int) string { return "v" + strconv.Itoa(i) },
			func(v string, i int) bool { return v == "v"+strconv.Itoa(i) })
	})

	twin("CH-ORD-02", func() {
		const links, values = 100, 100
		first := make(chan int)
		in := first
		for i := 0; i < links; i++ {
			out := make(chan int)
			go func(in, out chan int) {
				for k := 0; k < values; k++ {
					out <- <-in
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
	})

	twin("CH-ORD-03", func() {
		const senders, receivers, perSender = 4, 4, 250
		const total = senders * perSender
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			received := make(chan int, total)
			for s := 0; s < senders; s++ {
				go func(s int) {
					for i := 0; i < perSender; i++ {
						ch <- s*perSender + i
					}
				}(s)
			}
			for r := 0; r < receivers; r++ {
				go func() {
					for {
						received <- <-ch
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
	})

	twin("CH-ORD-04", func() {
		const receivers = 5
		ch := make(chan int)
		got := make(chan int, receivers)
		for i := 0; i < receivers; i++ {
			go func(i int) {
				if <-ch == i {
					got <- 1
				} else {
					got <- 0
				}
			}(i)
			waitBlocked(i + 1)
		}
		for i := 0; i < receivers; i++ {
			ch <- i
		}
		for i := 0; i < receivers; i++ {
			checkEq(<-got, 1, "the i-th receiver got value i")
		}
	})
}

// fifo is CH-ORD-01 for one element type.
func fifo[T any](value func(int) T, same func(T, int) bool) {
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		go func() {
			for i := 0; i < 100; i++ {
				ch <- value(i)
			}
		}()
		for i := 0; i < 100; i++ {
			check(same(<-ch, i), "FIFO order")
		}
	}
}
