package main

import (
	"fmt"
	"math"
	"runtime"
	"strconv"
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

	twin("CH-SEL-01.default", func() {
		var order strings.Builder
		full := make(chan int, 1)
		empty := make(chan int, 1)
		full <- 0
		var nilChan chan int
		operand := func(name string, ch chan int) chan int {
			order.WriteString(name)
			return ch
		}
		value := func(name string) int {
			order.WriteString(name)
			return 1
		}
		chosen := -1
		select {
		case operand("a", full) <- value("b"):
			chosen = 0
		case <-operand("c", empty):
			chosen = 1
		case operand("d", nilChan) <- value("e"):
			chosen = 2
		default:
		}
		checkEq(chosen, -1, "nothing ready: default")
		checkEq(order.String(), "abcde", "every operand once, in source order")
		checkEq(len(full), 1, "the full channel still holds its one value")
	})

	twin("CH-SEL-01.blocked", func() {
		evaluated := make(chan int, 4)
		out := make(chan int)
		idle := make(chan int)
		go func() {
			for step := 1; step <= 3; step++ {
				checkEq(<-evaluated, step, "evaluation order")
			}
			checkEq(<-out, 42, "the value evaluated on entry")
		}()
		operand := func(step int, ch chan int) chan int {
			evaluated <- step
			return ch
		}
		value := func(step int) int {
			evaluated <- step
			return 42
		}
		chosen := -1
		select {
		case operand(1, out) <- value(2):
			chosen = 0
		case <-operand(3, idle):
			chosen = 1
		}
		checkEq(chosen, 0, "the send, once the goroutine took the value")
		checkEq(len(evaluated), 0, "no operand evaluated twice")
	})

	twin("CH-SEL-01.nested-receive", func() {
		in := make(chan int)
		out := make(chan int)
		quit := make(chan int)
		result := make(chan int, 1)
		close(quit)
		go func() {
			select {
			case out <- <-in:
				result <- 0
			case <-quit:
				result <- 1
			}
		}()
		waitBlocked(1)
		checkEq(len(result), 0, "the ready case did not run: operands come first")
		in <- 5
		checkEq(<-result, 1, "then the ready case ran (out has no receiver)")
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

	twin("CH-SEL-02.blocked", func() {
		a := make(chan int)
		b := make(chan int)
		go func() {
			waitBlocked(1)
			close(b)
		}()
		aValue, aOk := -1, true
		bValue, bOk := -1, true
		chosen := -1
		select {
		case aValue, aOk = <-a:
			chosen = 0
		case bValue, bOk = <-b:
			chosen = 1
		}
		checkEq(chosen, 1, "woken through b")
		check(bValue == 0 && !bOk, "b's case got (0, false)")
		check(aValue == -1 && aOk, "a's case is left alone")
	})

	twin("CH-SEL-02.send", func() {
		out := make(chan int, 1)
		in := make(chan int)
		v, ok := -1, true
		chosen := -1
		select {
		case out <- 4:
			chosen = 0
		case v, ok = <-in:
			chosen = 1
		}
		checkEq(chosen, 0, "the send, the only ready case")
		check(v == -1 && ok, "the receive case is left alone")
		checkEq(<-out, 4, "the value sent")
	})

	twin("CH-SEL-02.default", func() {
		empty := make(chan int, 1)
		var nilChan chan int
		emptyValue, emptyOk := 7, true
		nilValue, nilOk := 8, true
		chosen := -1
		select {
		case emptyValue, emptyOk = <-empty:
			chosen = 0
		case nilValue, nilOk = <-nilChan:
			chosen = 1
		default:
		}
		checkEq(chosen, -1, "default")
		check(emptyValue == 7 && emptyOk, "the empty channel's case is left alone")
		check(nilValue == 8 && nilOk, "the nil channel's case is left alone")
	})

	twin("CH-SEL-02.types", func() {
		selAssignsChosen(kindInt)
		selAssignsChosen(kindEmpty)
		selAssignsChosen(kindPtr)
		selAssignsChosen(kindString)
	})

	twin("CH-SEL-03", func() {
		const trials = 30000
		a, b, c := make(chan int), make(chan int), make(chan int)
		close(a)
		close(b)
		close(c)
		hits := make([]int, 3)
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
		chi2 := chiSquared(hits, trials)
		check(chi2 < 27.63, fmt.Sprintf("chi-squared of the three cases' counts: %f", chi2))
	})

	twin("CH-SEL-03.five", func() {
		const trials = 50000
		var c [5]chan int
		for k := range c {
			c[k] = make(chan int)
			close(c[k])
		}
		hits := make([]int, 5)
		for i := 0; i < trials; i++ {
			select {
			case <-c[0]:
				hits[0]++
			case <-c[1]:
				hits[1]++
			case <-c[2]:
				hits[2]++
			case <-c[3]:
				hits[3]++
			case <-c[4]:
				hits[4]++
			}
		}
		chi2 := chiSquared(hits, trials)
		check(chi2 < 33.38, fmt.Sprintf("chi-squared of the five cases' counts: %f", chi2))
	})

	twin("CH-SEL-03.buffered", func() {
		const trials = 30000
		var c [3]chan int
		for k := range c {
			c[k] = make(chan int, 1)
			c[k] <- k
		}
		hits := make([]int, 3)
		for i := 0; i < trials; i++ {
			chosen, value := -1, -1
			select {
			case value = <-c[0]:
				chosen = 0
			case value = <-c[1]:
				chosen = 1
			case value = <-c[2]:
				chosen = 2
			}
			checkEq(value, chosen, "the chosen channel's value")
			hits[chosen]++
			c[chosen] <- chosen
		}
		chi2 := chiSquared(hits, trials)
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

	twin("CH-SEL-04.idle", func() {
		const trials = 10000
		c1 := make(chan int, trials+1)
		c2 := make(chan int, trials+1)
		for i := 0; i < trials+1; i++ {
			c1 <- 1
			c2 <- 2
		}
		c3 := make(chan int)
		c4 := make(chan int)
		out := make(chan int)
		done := make(chan int)
		go func() {
			for {
				var b int
				select {
				case b = <-c3:
				case b = <-c4:
				case b = <-c1:
				case b = <-c2:
				}
				select {
				case out <- b:
				case <-done:
					return
				}
			}
		}()
		count1 := 0
		for i := 0; i < trials; i++ {
			b := <-out
			check(b == 1 || b == 2, "a value from a full channel")
			if b == 1 {
				count1++
			}
		}
		close(done)
		deviation := math.Abs(float64(count1)/trials - 0.5)
		check(deviation <= fairnessBound(trials),
			fmt.Sprintf("share of the first full channel off one half by %f", deviation))
	})

	twin("CH-SEL-04.closed", func() {
		const trials = 10000
		c1 := make(chan int)
		c2 := make(chan int)
		close(c1)
		close(c2)
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
			fmt.Sprintf("share of the first closed channel off one half by %f", deviation))
	})

	twin("CH-SEL-04.parked", func() {
		const batches, batch, trials = 20, 100, 20 * 100
		c1 := make(chan int)
		c2 := make(chan int)
		first := 0
		for b := 0; b < batches; b++ {
			for i := 0; i < batch; i++ {
				go func() { c1 <- 1 }()
				go func() { c2 <- 2 }()
			}
			waitBlocked(2 * batch)
			taken1 := 0
			for i := 0; i < batch; i++ {
				select {
				case <-c1:
					taken1++
				case <-c2:
				}
			}
			for i := taken1; i < batch; i++ {
				<-c1
			}
			for i := batch - taken1; i < batch; i++ {
				<-c2
			}
			first += taken1
		}
		deviation := math.Abs(float64(first)/trials - 0.5)
		check(deviation <= fairnessBound(trials),
			fmt.Sprintf("share of the first parked sender off one half by %f", deviation))
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

	twin("CH-SEL-05.three", func() {
		const trials = 30000
		var c [3]chan int
		for k := range c {
			c[k] = make(chan int, 1)
		}
		hits := make([]int, 3)
		for i := 0; i < trials; i++ {
			chosen := -1
			select {
			case c[0] <- 0:
				chosen = 0
			case c[1] <- 1:
				chosen = 1
			case c[2] <- 2:
				chosen = 2
			}
			checkEq(<-c[chosen], chosen, "the chosen case's value, in its channel")
			hits[chosen]++
		}
		chi2 := chiSquared(hits, trials)
		check(chi2 < 27.63, fmt.Sprintf("chi-squared of the three send cases' counts: %f", chi2))
	})

	twin("CH-SEL-05.mixed", func() {
		const trials = 10000
		in := make(chan int)
		out := make(chan int, 1)
		close(in)
		sends := 0
		for i := 0; i < trials; i++ {
			select {
			case <-in:
			case out <- i:
				checkEq(<-out, i, "the value sent")
				sends++
			}
		}
		deviation := math.Abs(float64(sends)/trials - 0.5)
		check(deviation <= fairnessBound(trials),
			fmt.Sprintf("share of the send case off one half by %f", deviation))
	})

	twin("CH-SEL-05.parked", func() {
		const batches, batch, trials = 20, 100, 20 * 100
		c1 := make(chan int)
		c2 := make(chan int)
		first := 0
		for b := 0; b < batches; b++ {
			for i := 0; i < batch; i++ {
				go func() { <-c1 }()
				go func() { <-c2 }()
			}
			waitBlocked(2 * batch)
			sent1 := 0
			for i := 0; i < batch; i++ {
				select {
				case c1 <- i:
					sent1++
				case c2 <- i:
				}
			}
			for i := sent1; i < batch; i++ {
				c1 <- 0
			}
			for i := batch - sent1; i < batch; i++ {
				c2 <- 0
			}
			first += sent1
		}
		deviation := math.Abs(float64(first)/trials - 0.5)
		check(deviation <= fairnessBound(trials),
			fmt.Sprintf("share of the first parked receiver off one half by %f", deviation))
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

	twin("CH-SEL-06.parked", func() {
		ch := make(chan int)
		got := make(chan int, 1)
		select {
		case <-ch:
			check(false, "no sender: default")
		default:
		}
		select {
		case ch <- 1:
			check(false, "no receiver: default")
		default:
		}
		go func() { ch <- 5 }()
		waitBlocked(1)
		select {
		case v := <-ch:
			checkEq(v, 5, "its value")
		default:
			check(false, "a parked sender makes the receive ready")
		}
		go func() { got <- <-ch }()
		waitBlocked(1)
		select {
		case ch <- 6:
		default:
			check(false, "a parked receiver makes the send ready")
		}
		checkEq(<-got, 6, "the receiver got the value")
		select {
		case <-ch:
			check(false, "no partner left: default")
		default:
		}
	})

	twin("CH-SEL-06.buffered", func() {
		for _, n := range []int{1, 5} {
			ch := make(chan int, n)
			select {
			case <-ch:
				check(false, "empty buffer: default")
			default:
			}
			for i := 0; i < n; i++ {
				select {
				case ch <- i:
				default:
					check(false, "room")
				}
			}
			select {
			case ch <- n:
				check(false, "full buffer: default")
			default:
			}
			for i := 0; i < n; i++ {
				select {
				case v := <-ch:
					checkEq(v, i, "in FIFO order")
				default:
					check(false, "a buffered value")
				}
			}
			select {
			case <-ch:
				check(false, "drained: default")
			default:
			}
		}
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

	twin("CH-SEL-07.drain", func() {
		selDrainsClosed(kindInt, true)
		selDrainsClosed(kindEmpty, true)
		selDrainsClosed(kindPtr, true)
		selDrainsClosed(kindString, true)
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

	twin("CH-SEL-08.send", func() {
		a := make(chan int)
		b := make(chan int)
		result := make(chan int, 1)
		go func() {
			select {
			case a <- 1:
				result <- 0
			case b <- 2:
				result <- 1
			}
		}()
		waitBlocked(1)
		checkEq(len(result), 0, "the select waits for a receiver")
		checkEq(<-b, 2, "b's value")
		checkEq(<-result, 1, "b's case ran")
		select {
		case <-a:
			check(false, "nothing was sent on a")
		default:
		}
	})

	twin("CH-SEL-08.pingpong", func() {
		const rounds = 1000
		ping := make(chan int)
		pong := make(chan int)
		quit := make(chan int)
		go func() {
			for i := 0; i < rounds; i++ {
				v := -1
				select {
				case v = <-ping:
				case <-quit:
					check(false, "ping")
				}
				select {
				case pong <- v + 1:
				case <-quit:
					check(false, "pong")
				}
			}
		}()
		for i := 0; i < rounds; i++ {
			select {
			case ping <- i:
			case <-quit:
				check(false, "sent ping")
			}
			select {
			case v := <-pong:
				checkEq(v, i+1, "the answer to this ping")
			case <-quit:
				check(false, "got pong")
			}
		}
	})

	twin("CH-SEL-08.waiters", func() {
		const waiters = 8
		a := make(chan int)
		b := make(chan int)
		got := make(chan int, waiters)
		for w := 0; w < waiters; w++ {
			go func() {
				select {
				case v := <-a:
					got <- v
				case v := <-b:
					got <- v
				}
			}()
		}
		waitBlocked(waiters)
		for i := 0; i < waiters; i++ {
			if i%2 == 0 {
				a <- i
			} else {
				b <- i
			}
		}
		times := make([]int, waiters)
		for i := 0; i < waiters; i++ {
			v := <-got
			check(v >= 0 && v < waiters, "a value that was sent")
			times[v]++
		}
		for v := 0; v < waiters; v++ {
			checkEq(times[v], 1, "each value received once")
		}
	})

	twin("CH-SEL-08.stress", func() {
		const n = 2000
		c := [4]chan int{make(chan int), make(chan int), make(chan int, 2), make(chan int, 3)}
		done := make(chan int, 10)
		for k := 0; k < 4; k++ {
			go func(ch chan int) {
				for i := 0; i < n; i++ {
					ch <- 0
				}
				done <- 0
			}(c[k])
			go func(ch chan int) {
				for i := 0; i < n; i++ {
					<-ch
				}
				done <- 0
			}(c[k])
		}
		go func() {
			c1 := c
			var count [4]int
			for i := 0; i < 4*n; i++ {
				k := -1
				select {
				case c1[3] <- 0:
					k = 3
				case c1[2] <- 0:
					k = 2
				case c1[0] <- 0:
					k = 0
				case c1[1] <- 0:
					k = 1
				}
				count[k]++
				if count[k] == n {
					c1[k] = nil
				}
			}
			for k := 0; k < 4; k++ {
				checkEq(count[k], n, "the selecting sender's count")
			}
			done <- 0
		}()
		go func() {
			c1 := c
			var count [4]int
			for i := 0; i < 4*n; i++ {
				k := -1
				select {
				case <-c1[0]:
					k = 0
				case <-c1[1]:
					k = 1
				case <-c1[2]:
					k = 2
				case <-c1[3]:
					k = 3
				}
				count[k]++
				if count[k] == n {
					c1[k] = nil
				}
			}
			for k := 0; k < 4; k++ {
				checkEq(count[k], n, "the selecting receiver's count")
			}
			done <- 0
		}()
		for i := 0; i < 10; i++ {
			<-done
		}
	})

	twin("CH-SEL-08.buffered", func() {
		for _, n := range []int{1, 5} {
			ch := make(chan int, n)
			idle := make(chan int)
			result := make(chan int, 1)
			for i := 0; i < n; i++ {
				ch <- i
			}
			go func(n int) {
				select {
				case ch <- n:
					result <- 0
				case <-idle:
					result <- 1
				}
			}(n)
			waitBlocked(1)
			checkEq(len(result), 0, "the select waits for room")
			for i := 0; i <= n; i++ {
				checkEq(<-ch, i, "the buffer, then the select's value")
			}
			checkEq(<-result, 0, "the send case ran")
		}
	})

	twin("CH-SEL-10", func() {
		select {}
	})

	twin("CH-SEL-10.goroutine", func() {
		go func() { select {} }()
		waitBlocked(1)
		checkEq(runtime.NumGoroutine(), 2, "the goroutine in select {} is still there")
	})

	twin("CH-SEL-10.others", func() {
		ch := make(chan int)
		go func() { <-ch }()
		select {}
	})

	twin("CH-SEL-12", func() {
		selClosedReceive(kindInt)
		selClosedReceive(kindEmpty)
		selClosedReceive(kindPtr)
		selClosedReceive(kindString)
	})

	twin("CH-SEL-12.drain", func() {
		selDrainsClosed(kindInt, false)
		selDrainsClosed(kindEmpty, false)
		selDrainsClosed(kindPtr, false)
		selDrainsClosed(kindString, false)
	})

	twin("CH-SEL-12.parked", func() {
		selWokenByClose(kindInt)
		selWokenByClose(kindEmpty)
		selWokenByClose(kindPtr)
		selWokenByClose(kindString)
	})

	twin("CH-SEL-13", func() {
		ch := make(chan int, 1)
		close(ch)
		select {
		case ch <- 1:
		default:
		}
	})

	twin("CH-SEL-13.recovered", func() {
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			close(ch)
			msg, panicked := recovered(func() {
				select {
				case ch <- 1:
				default:
				}
			})
			if !panicked {
				msg = "no panic"
			}
			checkEq(msg, "send on closed channel", "panic")
			v, ok := <-ch
			check(v == 0 && !ok, "the channel is still closed and empty")
		}
	})

	twin("CH-SEL-13.parked", func() {
		ch := make(chan int)
		idle := make(chan int)
		result := make(chan string, 1)
		go func() {
			msg, panicked := recovered(func() {
				select {
				case ch <- 1:
				case <-idle:
				}
			})
			if !panicked {
				msg = "no panic"
			}
			result <- msg
		}()
		waitBlocked(1)
		close(ch)
		checkEq(<-result, "send on closed channel", "the parked select panicked")
	})

	twin("CH-SEL-13.chosen", func() {
		closed := make(chan int, 1)
		ready := make(chan int, 1)
		close(closed)
		panics, receives := 0, 0
		for i := 0; i < 200; i++ {
			ready <- i
			chosen := -1
			msg, panicked := recovered(func() {
				select {
				case closed <- 1:
					chosen = 0
				case <-ready:
					chosen = 1
				}
			})
			if panicked {
				checkEq(msg, "send on closed channel", "the send case's panic")
				checkEq(len(ready), 1, "no receive happened")
				checkEq(<-ready, i, "the value is still there")
				panics++
			} else {
				checkEq(chosen, 1, "the receive case")
				checkEq(len(ready), 0, "the receive took the value")
				receives++
			}
		}
		check(panics > 0 && receives > 0,
			fmt.Sprintf("both cases chosen: %d panics, %d receives", panics, receives))
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

	twin("CH-SEL-14.doubleselect", func() {
		const values = 5000
		c := [4]chan int{make(chan int), make(chan int), make(chan int), make(chan int)}
		cmux := make(chan int)
		done := make(chan bool)
		go func() {
			for i := 0; i < values; i++ {
				select {
				case c[0] <- i:
				case c[1] <- i:
				case c[2] <- i:
				case c[3] <- i:
				}
			}
			for _, ch := range c {
				close(ch)
			}
		}()
		for _, in := range c {
			go func(in chan int) {
				for v := range in {
					cmux <- v
				}
				done <- true
			}(in)
		}
		go func() {
			for i := 0; i < 4; i++ {
				<-done
			}
			close(cmux)
		}()
		times := make([]int, values)
		received := 0
		for v := range cmux {
			check(v >= 0 && v < values, "a value that was sent")
			times[v]++
			checkEq(times[v], 1, "no value delivered twice")
			received++
		}
		checkEq(received, values, "every value delivered")
	})

	twin("CH-SEL-14.both", func() {
		const senders, receivers, perSender = 2, 2, 1000
		const total = senders * perSender
		for _, n := range sweptCapacities {
			c1 := make(chan int, n)
			c2 := make(chan int, n)
			c3 := make(chan int, n)
			collected := make(chan int, total)
			for s := 0; s < senders; s++ {
				go func(s int) {
					for i := s * perSender; i < (s+1)*perSender; i++ {
						select {
						case c1 <- i:
						case c2 <- i:
						case c3 <- i:
						}
					}
				}(s)
			}
			for r := 0; r < receivers; r++ {
				go func() {
					for {
						select {
						case v := <-c1:
							collected <- v
						case v := <-c2:
							collected <- v
						case v := <-c3:
							collected <- v
						}
					}
				}()
			}
			times := make([]int, total)
			for i := 0; i < total; i++ {
				v := <-collected
				check(v >= 0 && v < total, "a value that was sent")
				times[v]++
			}
			for v := 0; v < total; v++ {
				checkEq(times[v], 1, "each value received once")
			}
		}
	})

	twin("CH-SEL-14.sendrecv", func() {
		const trials = 1000
		in := make(chan int, trials)
		out := make(chan int, trials)
		for i := 0; i < trials; i++ {
			in <- i
		}
		for i := 0; i < trials; i++ {
			inBefore, outBefore := len(in), len(out)
			select {
			case out <- i:
				check(len(out) == outBefore+1 && len(in) == inBefore, "the send alone happened")
			case <-in:
				check(len(in) == inBefore-1 && len(out) == outBefore, "the receive alone happened")
			}
		}
	})

	twin("CH-SEL-15", func() {
		ch := make(chan int)
		select {
		case ch <- 1:
		case <-ch:
		}
	})

	twin("CH-SEL-15.partner", func() {
		ch := make(chan int)
		result := make(chan int, 1)
		selfSelect := func() {
			select {
			case ch <- 1:
				result <- -1
			case v := <-ch:
				result <- v
			}
		}
		go selfSelect()
		waitBlocked(1)
		checkEq(<-ch, 1, "main received the select's value")
		checkEq(<-result, -1, "the select's send case ran")
		go selfSelect()
		waitBlocked(1)
		ch <- 2
		checkEq(<-result, 2, "the select's receive case got main's value")
	})

	twin("CH-SEL-15.pair", func() {
		for _, capacity := range []int{0, 10} {
			c := make(chan int, capacity)
			done := make(chan int, 2)
			for p := 0; p < 2; p++ {
				go func(p int) {
					for i := 0; i < 1000; i++ {
						if p == 0 || i%2 == 0 {
							select {
							case c <- p:
							case v := <-c:
								if capacity == 0 {
									check(v != p, "no self receive")
								}
							}
						} else {
							select {
							case v := <-c:
								if capacity == 0 {
									check(v != p, "no self receive")
								}
							case c <- p:
							}
						}
					}
					done <- 0
				}(p)
			}
			<-done
			<-done
		}
	})

	twin("CH-SEL-15.buffered", func() {
		ch := make(chan int, 1)
		for i := 0; i < 10; i++ {
			chosen, v := -1, -1
			select {
			case ch <- i:
				chosen = 0
			case v = <-ch:
				chosen = 1
			}
			if i%2 == 0 {
				checkEq(chosen, 0, "empty buffer: only the send can run")
			} else {
				checkEq(chosen, 1, "full buffer: only the receive can run")
				checkEq(v, i-1, "its own earlier value")
			}
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

	twin("CH-SEL-16.uniform", func() {
		const trials = 30000
		c := make(chan int)
		d := make(chan int)
		close(c)
		close(d)
		hits := make([]int, 3)
		for i := 0; i < trials; i++ {
			select {
			case <-c:
				hits[0]++
			case <-c:
				hits[1]++
			case <-d:
				hits[2]++
			}
		}
		chi2 := chiSquared(hits, trials)
		check(chi2 < 27.63, fmt.Sprintf("chi-squared of the three cases' counts: %f", chi2))
	})

	twin("CH-SEL-16.send", func() {
		c := make(chan int)
		result := make(chan int, 1)
		for i := 0; i < 100; i++ {
			go func() {
				select {
				case c <- 1:
					result <- 0
				case c <- 2:
					result <- 1
				}
			}()
			waitBlocked(1)
			v := <-c
			checkEq(v, <-result+1, "the value of the case that ran")
			select {
			case <-c:
				check(false, "one communication: no second value")
			default:
			}
		}
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

	twin("CH-SEL-17.close", func() {
		done := make(chan bool, 1)
		for i := 0; i < 1000; i++ {
			c1 := make(chan int, 1)
			c2 := make(chan int)
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
			close(c2)
			select {
			case <-c1:
			default:
			}
			check(<-done, "a non-blocking select found no channel ready although one was")
		}
	})

	twin("CH-SEL-17.recv", func() {
		done := make(chan bool, 1)
		for i := 0; i < 1000; i++ {
			c := make(chan int, 1)
			c <- 1
			go func() {
				select {
				case <-c:
					done <- true
				default:
					done <- false
				}
			}()
			close(c)
			<-c
			check(<-done, "a non-blocking receive found the channel not ready")
		}
	})

	twin("CH-SEL-17.send", func() {
		done := make(chan bool, 1)
		for i := 0; i < 1000; i++ {
			c := make(chan int, 1)
			go func() {
				select {
				case c <- 1:
					done <- true
				default:
					done <- false
				}
			}()
			select {
			case <-c:
			default:
			}
			check(<-done, "a non-blocking send found no room although there was")
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

	twin("CH-SEL-20.send", func() {
		a := make(chan int)
		b := make(chan int)
		selected := make(chan int, 1)
		go func() {
			select {
			case a <- 1:
				selected <- 0
			case b <- 2:
				selected <- 1
			}
		}()
		waitBlocked(1)
		checkEq(<-a, 1, "the select's value on a")
		checkEq(<-selected, 0, "the select ran its case on a")
		go func() { b <- 3 }()
		waitBlocked(1)
		checkEq(<-b, 3, "the later sender's value on b")
		select {
		case <-b:
			check(false, "nothing else waits on b")
		default:
		}
	})

	twin("CH-SEL-20.select6", func() {
		c1 := make(chan bool)
		c2 := make(chan bool)
		c3 := make(chan bool)
		go func() {
			select {
			case <-c1:
				check(false, "woken through c2, never c1")
			case <-c2:
			}
			c3 <- true
			<-c1
		}()
		waitBlocked(1)
		go func() { <-c1 }()
		waitBlocked(2)
		go func() { c2 <- true }()
		<-c3
		c1 <- true
		c1 <- true
	})

	twin("CH-SEL-20.loop", func() {
		a := make(chan int)
		b := make(chan int)
		done := make(chan int)
		go func() {
			for i := 0; i < 1000; i++ {
				chosen := -1
				select {
				case <-a:
					chosen = 0
				case <-b:
					chosen = 1
				}
				checkEq(chosen, 0, "a")
			}
			done <- 0
		}()
		for i := 0; i < 1000; i++ {
			a <- i
		}
		<-done
		select {
		case b <- 1:
			check(false, "no receiver is left on b")
		default:
		}
		later := make(chan int, 1)
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

	twin("CH-SEL-21.partner", func() {
		selNonblockPartner(kindInt)
		selNonblockPartner(kindEmpty)
		selNonblockPartner(kindPtr)
		selNonblockPartner(kindString)
	})

	twin("CH-SEL-21.full", func() {
		selNonblockFull(kindInt)
		selNonblockFull(kindEmpty)
		selNonblockFull(kindPtr)
		selNonblockFull(kindString)
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

	twin("CH-SEL-22.send", func() {
		var c [5]chan int
		for k := range c {
			c[k] = make(chan int, 1)
			c[k] <- 0
		}
		one := func(block bool, v int) int {
			if block {
				select {
				case c[0] <- v:
					return 0
				}
			}
			select {
			case c[0] <- v:
				return 0
			default:
				return -1
			}
		}
		two := func(block bool, v int) int {
			if block {
				select {
				case c[0] <- v:
					return 0
				case c[1] <- v:
					return 1
				}
			}
			select {
			case c[0] <- v:
				return 0
			case c[1] <- v:
				return 1
			default:
				return -1
			}
		}
		five := func(block bool, v int) int {
			if block {
				select {
				case c[0] <- v:
					return 0
				case c[1] <- v:
					return 1
				case c[2] <- v:
					return 2
				case c[3] <- v:
					return 3
				case c[4] <- v:
					return 4
				}
			}
			select {
			case c[0] <- v:
				return 0
			case c[1] <- v:
				return 1
			case c[2] <- v:
				return 2
			case c[3] <- v:
				return 3
			case c[4] <- v:
				return 4
			default:
				return -1
			}
		}
		checkEq(one(false, 1), -1, "one case, none ready")
		<-c[0]
		checkEq(one(true, 1), 0, "one case, ready")
		checkEq(two(false, 2), -1, "two cases, none ready")
		<-c[1]
		checkEq(two(true, 2), 1, "two cases, the second ready")
		checkEq(five(false, 3), -1, "five cases, none ready")
		for k := 0; k < 5; k++ {
			<-c[k]
			checkEq(five(true, 10+k), k, "five cases, only one ready")
		}
		for k := 0; k < 5; k++ {
			checkEq(<-c[k], 10+k, "the value each select sent")
		}
	})

	twin("CH-SEL-22.select7", func() {
		receive := func(how int, c chan int) int {
			other := make(chan int)
			switch how {
			case 0:
				return <-c
			case 1:
				select {
				case v := <-c:
					return v
				}
			}
			select {
			case v := <-c:
				return v
			case <-other:
				check(false, "two-case receive")
				return -1
			}
		}
		send := func(how int, c chan int, v int) {
			other := make(chan int)
			switch how {
			case 0:
				c <- v
			case 1:
				select {
				case c <- v:
				}
			default:
				select {
				case c <- v:
				case other <- v:
					check(false, "two-case send")
				}
			}
		}
		for howRecv := 0; howRecv < 3; howRecv++ {
			for howSend := 0; howSend < 3; howSend++ {
				c := make(chan int)
				got := make(chan int, 1)
				go func(how int) { got <- receive(how, c) }(howRecv)
				runtime.Gosched()
				send(howSend, c, 10*howRecv+howSend)
				checkEq(<-got, 10*howRecv+howSend, "the value crossed")
			}
		}
	})

	twin("CH-SEL-22.many", func() {
		var from, to [4]chan int
		for k := 0; k < 4; k++ {
			from[k] = make(chan int, 1)
			to[k] = make(chan int, 1)
			to[k] <- -1
		}
		eight := func(withDefault bool) (chosen, received int) {
			received = -1
			if withDefault {
				select {
				case received = <-from[0]:
					return 0, received
				case received = <-from[1]:
					return 1, received
				case received = <-from[2]:
					return 2, received
				case received = <-from[3]:
					return 3, received
				case to[0] <- 4:
					return 4, received
				case to[1] <- 5:
					return 5, received
				case to[2] <- 6:
					return 6, received
				case to[3] <- 7:
					return 7, received
				default:
					return -1, received
				}
			}
			select {
			case received = <-from[0]:
				return 0, received
			case received = <-from[1]:
				return 1, received
			case received = <-from[2]:
				return 2, received
			case received = <-from[3]:
				return 3, received
			case to[0] <- 4:
				return 4, received
			case to[1] <- 5:
				return 5, received
			case to[2] <- 6:
				return 6, received
			case to[3] <- 7:
				return 7, received
			}
		}
		chosen, _ := eight(true)
		checkEq(chosen, -1, "eight cases, none ready")
		for k := 0; k < 8; k++ {
			if k < 4 {
				from[k] <- k
			} else {
				checkEq(<-to[k-4], -1, "make room")
			}
			chosen, received := eight(k%2 == 0)
			checkEq(chosen, k, "eight cases, only one ready")
			if k < 4 {
				checkEq(received, k, "the value received")
			} else {
				checkEq(<-to[k-4], k, "the value sent")
				to[k-4] <- -1
			}
		}
	})

	twin("CH-SEL-22.blocking", func() {
		var c [8]chan int
		for k := range c {
			c[k] = make(chan int)
		}
		for k := 0; k < 8; k++ {
			go func(ch chan int, k int) {
				waitBlocked(1)
				ch <- k
			}(c[k], k)
			chosen, value := -1, -1
			select {
			case value = <-c[0]:
				chosen = 0
			case value = <-c[1]:
				chosen = 1
			case value = <-c[2]:
				chosen = 2
			case value = <-c[3]:
				chosen = 3
			case value = <-c[4]:
				chosen = 4
			case value = <-c[5]:
				chosen = 5
			case value = <-c[6]:
				chosen = 6
			case value = <-c[7]:
				chosen = 7
			}
			checkEq(chosen, k, "the case the goroutine sent on")
			checkEq(value, k, "its value")
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

// elemKind is one swept element type of the twins, as vocabulary.hpp sweeps them: its values
// numbered by i, whether a value is the one numbered i, and whether it is the zero value.
type elemKind[T any] struct {
	value  func(int) T
	same   func(T, int) bool
	isZero func(T) bool
}

var (
	kindInt = elemKind[int]{
		func(i int) int { return i },
		func(v, i int) bool { return v == i },
		func(v int) bool { return v == 0 },
	}
	kindEmpty = elemKind[struct{}]{
		func(int) struct{} { return struct{}{} },
		func(struct{}, int) bool { return true },
		func(struct{}) bool { return true },
	}
	kindPtr = elemKind[*int]{ // the move-only type of the C++ cases
		func(i int) *int { return &i },
		func(v *int, i int) bool { return v != nil && *v == i },
		func(v *int) bool { return v == nil },
	}
	kindString = elemKind[string]{
		func(i int) string { return "v" + strconv.Itoa(i) },
		func(v string, i int) bool { return v == "v"+strconv.Itoa(i) },
		func(v string) bool { return v == "" },
	}
)

// chiSquared is Pearson's chi-squared of counts that a uniform choice makes equal.
func chiSquared(hits []int, trials int) float64 {
	expected, sum := float64(trials)/float64(len(hits)), 0.0
	for _, h := range hits {
		sum += (float64(h) - expected) * (float64(h) - expected) / expected
	}
	return sum
}

// selAssignsChosen is CH-SEL-02.types for one element type.
func selAssignsChosen[T any](k elemKind[T]) {
	idle := make(chan T)
	ready := make(chan T, 1)
	ready <- k.value(5)
	idleValue, idleOk := k.value(9), true
	readyValue, readyOk := k.value(9), false
	chosen := -1
	select {
	case idleValue, idleOk = <-idle:
		chosen = 0
	case readyValue, readyOk = <-ready:
		chosen = 1
	}
	checkEq(chosen, 1, "the ready case")
	check(k.same(idleValue, 9) && idleOk, "the idle case is left alone")
	check(k.same(readyValue, 5) && readyOk, "the chosen case got the value")
}

// selDrainsClosed is CH-SEL-07.drain (with default) and CH-SEL-12.drain (without, next to an
// idle case) for one element type.
func selDrainsClosed[T any](k elemKind[T], withDefault bool) {
	ch := make(chan T, 5)
	idle := make(chan T)
	for i := 1; i <= 3; i++ {
		ch <- k.value(i)
	}
	close(ch)
	for i := 1; i <= 6; i++ {
		var v T
		ok := false
		if withDefault {
			select {
			case v, ok = <-ch:
			default:
				check(false, "the closed channel's case, not default")
			}
		} else {
			select {
			case <-idle:
				check(false, "the closed channel's case")
			case v, ok = <-ch:
			}
		}
		if i <= 3 {
			check(ok && k.same(v, i), "a buffered value, in order")
		} else {
			check(!ok && k.isZero(v), "drained: (zero, false)")
		}
	}
}

// selClosedReceive is CH-SEL-12 for one element type.
func selClosedReceive[T any](k elemKind[T]) {
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		idle := make(chan T)
		close(ch)
		for i := 0; i < 10; i++ {
			v, ok := k.value(7), true
			select {
			case <-idle:
				check(false, "the closed channel's case")
			case v, ok = <-ch:
			}
			check(k.isZero(v) && !ok, "(zero, false)")
		}
	}
}

// selWokenByClose is CH-SEL-12.parked for one element type.
func selWokenByClose[T any](k elemKind[T]) {
	a := make(chan T)
	b := make(chan T, 1)
	done := make(chan int)
	go func() {
		bValue, bOk := k.value(7), true
		select {
		case <-a:
			check(false, "woken through the closed channel")
		case bValue, bOk = <-b:
		}
		check(k.isZero(bValue) && !bOk, "(zero, false)")
		done <- 0
	}()
	waitBlocked(1)
	close(b)
	<-done
}

// selNonblockPartner is CH-SEL-21.partner for one element type.
func selNonblockPartner[T any](k elemKind[T]) {
	for _, n := range []int{0, 1} {
		ch := make(chan T, n)
		strobe := make(chan int)
		go func() {
			check(k.same(<-ch, 1), "the receiver got the value")
			strobe <- 0
		}()
		waitBlocked(1)
		select {
		case ch <- k.value(1):
		default:
			check(false, "non-blocking send to a parked receiver")
		}
		<-strobe
		go func() {
			ch <- k.value(2)
			strobe <- 0
		}()
		if n > 0 {
			<-strobe
		} else {
			waitBlocked(1)
		}
		select {
		case v, ok := <-ch:
			check(ok && k.same(v, 2), "the sender's value")
		default:
			check(false, "non-blocking receive from the sender")
		}
		if n == 0 {
			<-strobe
		}
	}
}

// selNonblockFull is CH-SEL-21.full for one element type.
func selNonblockFull[T any](k elemKind[T]) {
	full := make(chan T, 1)
	full <- k.value(1)
	select {
	case full <- k.value(2):
		check(false, "full buffer: default")
	default:
	}
	check(k.same(<-full, 1), "the buffered value is intact")
	unbuffered := make(chan T)
	go func() { unbuffered <- k.value(3) }()
	waitBlocked(1)
	select {
	case unbuffered <- k.value(4):
		check(false, "two senders do not pair: default")
	default:
	}
	check(k.same(<-unbuffered, 3), "the parked sender's value")
}
