package main

import (
	"fmt"
	"math"
	"strings"
)

func init() {
	twin("CH-SEL-01", func() {
		var order strings.Builder
		ready := make(chan int, 1)
		idle := make(chan int)
		ready <- 1
		operand := func(name string, ch chan int) chan int {
			order.WriteString(name)
			return ch
		}
		value := func(name string) int {
			order.WriteString(name)
			return 2
		}
		chosen := -1
		select {
		case operand("a", idle) <- value("b"):
			chosen = 0
		case <-operand("c", ready):
			chosen = 1
		}
		checkEq(chosen, 1, "the ready case")
		checkEq(order.Len(), 3, "each operand evaluated exactly once")
		check(strings.Index(order.String(), "a") < strings.Index(order.String(), "b"),
			"a send case's channel before its value")
	})

	twin("CH-SEL-02", func() {
		a := make(chan int, 1)
		b := make(chan int, 1)
		b <- 5
		aValue, aOk := -1, true
		bValue, bOk := -1, false
		chosen := -1
		select {
		case aValue, aOk = <-a:
			chosen = 0
		case bValue, bOk = <-b:
			chosen = 1
		}
		checkEq(chosen, 1, "the ready case")
		check(aValue == -1 && aOk, "the case not chosen is left alone")
		check(bValue == 5 && bOk, "the chosen case got the value")
	})

	twin("CH-SEL-03", func() {
		const trials = 30000
		a, b, c := make(chan int), make(chan int), make(chan int)
		close(a)
		close(b)
		close(c)
		var hits [3]int
		for i := 0; i < trials; i++ {
			select {
			case <-a:
				hits[0]++
			case <-b:
				hits[1]++
			case <-c:
				hits[2]++
			}
		}
		expected, chi2 := trials/3.0, 0.0
		for _, h := range hits {
			chi2 += (float64(h) - expected) * (float64(h) - expected) / expected
		}
		check(chi2 < 27.63, fmt.Sprintf("chi-squared of the three cases' counts: %f", chi2))
	})

	twin("CH-SEL-04", func() {
		const trials = 10000
		c1 := make(chan int, trials+1)
		c2 := make(chan int, trials+1)
		for i := 0; i < trials+1; i++ {
			c1 <- 1
			c2 <- 2
		}
		first := 0
		for i := 0; i < trials; i++ {
			select {
			case <-c1:
				first++
			case <-c2:
			}
		}
		deviation := math.Abs(float64(first)/trials - 0.5)
		check(deviation <= fairnessBound(trials),
			fmt.Sprintf("share of the first case off one half by %f", deviation))
	})

	twin("CH-SEL-05", func() {
		const trials = 10000
		c1 := make(chan int, trials)
		c2 := make(chan int, trials)
		first := 0
		for i := 0; i < trials; i++ {
			select {
			case c1 <- i:
				first++
			case c2 <- i:
			}
		}
		deviation := math.Abs(float64(first)/trials - 0.5)
		check(deviation <= fairnessBound(trials),
			fmt.Sprintf("share of the first send case off one half by %f", deviation))
	})

	twin("CH-SEL-06", func() {
		in := make(chan int, 1)
		out := make(chan int, 1)
		out <- 0
		pick := func() int {
			select {
			case <-in:
				return 0
			case out <- 1:
				return 1
			default:
				return -1
			}
		}
		checkEq(pick(), -1, "nothing ready: default")
		in <- 3
		checkEq(pick(), 0, "the receive is ready")
		<-out
		checkEq(pick(), 1, "the send is ready")
	})

	twin("CH-SEL-07", func() {
		closed := make(chan int)
		close(closed)
		for i := 0; i < 1000; i++ {
			value, ok := 7, true
			select {
			case value, ok = <-closed:
			default:
				check(false, "the closed channel's case, not default")
			}
			check(value == 0 && !ok, "(0, false)")
		}
	})

	twin("CH-SEL-08", func() {
		a := make(chan int)
		b := make(chan int)
		result := make(chan int, 1)
		go func() {
			select {
			case <-a:
				result <- -1
			case v, ok := <-b:
				if ok {
					result <- v
				} else {
					result <- -1
				}
			}
		}()
		waitBlocked(1)
		checkEq(len(result), 0, "the select waits")
		b <- 42
		checkEq(<-result, 42, "the case that became ready ran, with its value")
	})

	twin("CH-SEL-10", func() {
		select {}
	})

	twin("CH-SEL-13", func() {
		ch := make(chan int, 1)
		close(ch)
		select {
		case ch <- 1:
		default:
		}
	})

	twin("CH-SEL-14", func() {
		const values = 3000
		c1, c2, c3 := make(chan int), make(chan int), make(chan int)
		collected := make(chan int, values)
		go func() {
			for i := 0; i < values; i++ {
				select {
				case c1 <- i:
				case c2 <- i:
				case c3 <- i:
				}
			}
		}()
		for _, c := range []chan int{c1, c2, c3} {
			go func(c chan int) {
				for {
					collected <- <-c
				}
			}(c)
		}
		times := make([]int, values)
		for i := 0; i < values; i++ {
			times[<-collected]++
		}
		for i := 0; i < values; i++ {
			checkEq(times[i], 1, "each value delivered once")
		}
	})

	twin("CH-SEL-15", func() {
		ch := make(chan int)
		select {
		case ch <- 1:
		case <-ch:
		}
	})

	twin("CH-SEL-16", func() {
		c := make(chan int)
		d := make(chan int)
		e := make(chan int)
		bGot := make(chan int, 1)
		go func() {
			select {
			case <-c:
			case <-c:
			case <-d:
			}
			e <- 9
		}()
		waitBlocked(1)
		go func() { bGot <- <-c }()
		waitBlocked(2)
		d <- 7
		checkEq(<-e, 9, "A ran")
		c <- 8
		checkEq(<-bGot, 8, "B got the value sent on c")
	})

	twin("CH-SEL-17", func() {
		done := make(chan bool, 1)
		for i := 0; i < 1000; i++ {
			c1 := make(chan int, 1)
			c2 := make(chan int, 1)
			c1 <- 1
			go func() {
				select {
				case <-c1:
				case <-c2:
				default:
					done <- false
					return
				}
				done <- true
			}()
			c2 <- 1
			select {
			case <-c1:
			default:
			}
			check(<-done, "a non-blocking select found no channel ready although one was")
		}
	})

	twin("CH-SEL-20", func() {
		a := make(chan int)
		b := make(chan int)
		selected := make(chan int, 1)
		later := make(chan int, 1)
		go func() {
			select {
			case <-a:
				selected <- 0
			case <-b:
				selected <- 1
			}
		}()
		waitBlocked(1)
		a <- 1
		checkEq(<-selected, 0, "the select ran its case on a")
		go func() { later <- <-b }()
		waitBlocked(1)
		b <- 2
		checkEq(<-later, 2, "the later receiver on b got the value")
	})

	twin("CH-SEL-21", func() {
		nonblocking(func(i int) int { return i }, func(v, i int) bool { return v == i })
		nonblocking(func(int) struct{} { return struct{}{} }, func(struct{}, int) bool { return true })
		nonblocking(func(i int) *int { return &i }, func(v *int, i int) bool { return v != nil && *v == i })
		nonblocking(func(i int) string { return fmt.Sprint("v", i) },
			func(v string, i int) bool { return v == fmt.Sprint("v", i) })
	})

	twin("CH-SEL-22", func() {
		var c [5]chan int
		for i := range c {
			c[i] = make(chan int, 1)
		}
		one := func() int {
			select {
			case <-c[0]:
				return 0
			default:
				return -1
			}
		}
		two := func(block bool) int {
			if block {
				select {
				case <-c[0]:
					return 0
				case <-c[1]:
					return 1
				}
			}
			select {
			case <-c[0]:
				return 0
			case <-c[1]:
				return 1
			default:
				return -1
			}
		}
		five := func(block bool) int {
			if block {
				select {
				case <-c[0]:
					return 0
				case <-c[1]:
					return 1
				case <-c[2]:
					return 2
				case <-c[3]:
					return 3
				case <-c[4]:
					return 4
				}
			}
			select {
			case <-c[0]:
				return 0
			case <-c[1]:
				return 1
			case <-c[2]:
				return 2
			case <-c[3]:
				return 3
			case <-c[4]:
				return 4
			default:
				return -1
			}
		}
		checkEq(one(), -1, "one case, none ready")
		c[0] <- 1
		chosen := -1
		select {
		case <-c[0]:
			chosen = 0
		}
		checkEq(chosen, 0, "one case, ready")
		checkEq(two(false), -1, "two cases, none ready")
		c[1] <- 1
		checkEq(two(true), 1, "two cases, the second ready")
		checkEq(five(false), -1, "five cases, none ready")
		for k := 0; k < 5; k++ {
			c[k] <- 1
			checkEq(five(true), k, "five cases, only one ready")
		}
	})
}

// nonblocking is CH-SEL-21 for one element type.
func nonblocking[T any](value func(int) T, same func(T, int) bool) {
	for _, n := range []int{0, 1} {
		ch := make(chan T, n)
		select {
		case <-ch:
			check(false, "receive from empty: default")
		default:
		}
		sent := -1
		select {
		case ch <- value(1):
			sent = 0
		default:
		}
		want := 0
		if n == 0 {
			want = -1
		}
		checkEq(sent, want, "send: default unbuffered, sent with room")
		got := -1
		var v T
		ok := false
		select {
		case v, ok = <-ch:
			got = 0
		default:
		}
		checkEq(got, want, "receive what was sent")
		if n == 1 {
			check(ok && same(v, 1), "the value sent without blocking")
		}
	}
}
