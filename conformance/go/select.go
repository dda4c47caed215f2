package main

import (
	"fmt"
	"math"
	"runtime"
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
		selAssignsChosen(sweptInt)
		selAssignsChosen(sweptEmpty)
		selAssignsChosen(sweptPtr)
		selAssignsChosen(sweptString)
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
		checkUniform(hits, trials, 27.63, "the three cases' counts")
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
		checkUniform(hits, trials, 33.38, "the five cases' counts")
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
		checkUniform(hits, trials, 27.63, "the three cases' counts")
	})

	twin("CH-SEL-04", func() {
		const trials = 10000
		c1 := holding(trials+1, 1)
		c2 := holding(trials+1, 2)
		checkNearHalf(firstOfTwoReceives(c1, c2, trials), trials, "the first case")
	})

	twin("CH-SEL-04.idle", func() {
		const trials = 10000
		c1 := holding(trials+1, 1)
		c2 := holding(trials+1, 2)
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
		checkNearHalf(count1, trials, "the first full channel")
	})

	twin("CH-SEL-04.closed", func() {
		const trials = 10000
		c1 := make(chan int)
		c2 := make(chan int)
		close(c1)
		close(c2)
		checkNearHalf(firstOfTwoReceives(c1, c2, trials), trials, "the first closed channel")
	})

	twin("CH-SEL-04.parked", func() {
		parkSender := func(ch chan int, v int) { ch <- v }
		receiveFirst := func(c1, c2 chan int, _ int) bool {
			select {
			case <-c1:
				return true
			case <-c2:
				return false
			}
		}
		takeLeftover := func(ch chan int) { <-ch }
		first := firstShareWithParked(parkSender, receiveFirst, takeLeftover)
		checkNearHalf(first, parkedTrials, "the first parked sender")
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
		checkNearHalf(first, trials, "the first send case")
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
		checkUniform(hits, trials, 27.63, "the three send cases' counts")
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
		checkNearHalf(sends, trials, "the send case")
	})

	twin("CH-SEL-05.parked", func() {
		parkReceiver := func(ch chan int, _ int) { <-ch }
		sendFirst := func(c1, c2 chan int, i int) bool {
			select {
			case c1 <- i:
				return true
			case c2 <- i:
				return false
			}
		}
		feedLeftover := func(ch chan int) { ch <- 0 }
		first := firstShareWithParked(parkReceiver, sendFirst, feedLeftover)
		checkNearHalf(first, parkedTrials, "the first parked receiver")
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
		selDrainsClosed(sweptInt, true)
		selDrainsClosed(sweptEmpty, true)
		selDrainsClosed(sweptPtr, true)
		selDrainsClosed(sweptString, true)
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
		checkEachValueOnce(got, waiters)
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
		selClosedReceive(sweptInt)
		selClosedReceive(sweptEmpty)
		selClosedReceive(sweptPtr)
		selClosedReceive(sweptString)
	})

	twin("CH-SEL-12.drain", func() {
		selDrainsClosed(sweptInt, false)
		selDrainsClosed(sweptEmpty, false)
		selDrainsClosed(sweptPtr, false)
		selDrainsClosed(sweptString, false)
	})

	twin("CH-SEL-12.parked", func() {
		selWokenByClose(sweptInt)
		selWokenByClose(sweptEmpty)
		selWokenByClose(sweptPtr)
		selWokenByClose(sweptString)
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
			msg := panicMessage(func() {
				select {
				case ch <- 1:
				default:
				}
			})
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
			msg := panicMessage(func() {
				select {
				case ch <- 1:
				case <-idle:
				}
			})
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
			checkEachValueOnce(collected, total)
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
		checkUniform(hits, trials, 27.63, "the three cases' counts")
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
		checkSelectRace(1, func(c2 chan int) { c2 <- 1 }) // c2 buffered, filled meanwhile
	})

	twin("CH-SEL-17.close", func() {
		checkSelectRace(0, func(c2 chan int) { close(c2) }) // c2 unbuffered, closed meanwhile
	})

	twin("CH-SEL-17.recv", func() {
		checkNeverDefault("a non-blocking receive found the channel not ready",
			func() (probe func() bool, race func()) {
				c := make(chan int, 1)
				c <- 1
				probe = func() bool {
					select {
					case <-c:
						return true
					default:
						return false
					}
				}
				race = func() {
					close(c)
					<-c
				}
				return probe, race
			})
	})

	twin("CH-SEL-17.send", func() {
		checkNeverDefault("a non-blocking send found no room although there was",
			func() (probe func() bool, race func()) {
				c := make(chan int, 1)
				probe = func() bool {
					select {
					case c <- 1:
						return true
					default:
						return false
					}
				}
				race = func() {
					select {
					case <-c:
					default:
					}
				}
				return probe, race
			})
	})

	twin("CH-SEL-20", func() {
		a := make(chan int)
		b := make(chan int)
		selected := make(chan int, 1)
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
		checkLaterReceiverGets(b)
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
		checkLaterReceiverGets(b)
	})

	twin("CH-SEL-21", func() {
		nonblocking(sweptInt)
		nonblocking(sweptEmpty)
		nonblocking(sweptPtr)
		nonblocking(sweptString)
	})

	twin("CH-SEL-21.partner", func() {
		selNonblockPartner(sweptInt)
		selNonblockPartner(sweptEmpty)
		selNonblockPartner(sweptPtr)
		selNonblockPartner(sweptString)
	})

	twin("CH-SEL-21.full", func() {
		selNonblockFull(sweptInt)
		selNonblockFull(sweptEmpty)
		selNonblockFull(sweptPtr)
		selNonblockFull(sweptString)
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
func nonblocking[T any](e sweptElem[T]) {
	for _, n := range []int{0, 1} {
		ch := make(chan T, n)
		select {
		case <-ch:
			check(false, "receive from empty: default")
		default:
		}
		sent := -1
		select {
		case ch <- e.value(1):
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
			check(ok && e.same(v, 1), "the value sent without blocking")
		}
	}
}

// chiSquared is Pearson's chi-squared of counts that a uniform choice makes equal.
func chiSquared(hits []int, trials int) float64 {
	expected, sum := float64(trials)/float64(len(hits)), 0.0
	for _, h := range hits {
		sum += (float64(h) - expected) * (float64(h) - expected) / expected
	}
	return sum
}

// checkUniform checks that the counts are uniform: their chi-squared stays below limit, the 1e-6
// quantile for len(hits)-1 degrees of freedom; counts names them ("the three cases' counts").
func checkUniform(hits []int, trials int, limit float64, counts string) {
	chi2 := chiSquared(hits, trials)
	check(chi2 < limit, fmt.Sprintf("chi-squared of %s: %f", counts, chi2))
}

// checkNearHalf checks that count of trials is within the six-nines bound of one half; subject
// names what was counted ("the first case").
func checkNearHalf(count, trials int, subject string) {
	deviation := math.Abs(float64(count)/float64(trials) - 0.5)
	check(deviation <= fairnessBound(trials),
		fmt.Sprintf("share of %s off one half by %f", subject, deviation))
}

// holding is a channel of capacity n holding n copies of v: a receive case on it is ready n times.
func holding(n, v int) chan int {
	ch := make(chan int, n)
	for i := 0; i < n; i++ {
		ch <- v
	}
	return ch
}

// firstOfTwoReceives runs trials selects over a receive case on c1 and one on c2, both ready
// throughout, and returns how often c1's case ran.
func firstOfTwoReceives(c1, c2 chan int, trials int) int {
	first := 0
	for i := 0; i < trials; i++ {
		select {
		case <-c1:
			first++
		case <-c2:
		}
	}
	return first
}

const parkedBatches, parkedBatch, parkedTrials = 20, 100, 20 * 100

// firstShareWithParked keeps two unbuffered channels ready by parked partners, 20 batches of 100
// trials: each batch parks 100 partners on each channel by park(ch, value), runs
// firstChosen(c1, c2, trial) (one select over both; true when c1's case ran) 100 times, then
// releases the partners left by release(ch). It returns how often c1's case ran, of parkedTrials.
func firstShareWithParked(park func(ch chan int, v int), firstChosen func(c1, c2 chan int, i int) bool,
	release func(ch chan int)) int {
	c1 := make(chan int)
	c2 := make(chan int)
	first := 0
	for b := 0; b < parkedBatches; b++ {
		for i := 0; i < parkedBatch; i++ {
			go park(c1, 1)
			go park(c2, 2)
		}
		waitBlocked(2 * parkedBatch)
		taken1 := 0
		for i := 0; i < parkedBatch; i++ {
			if firstChosen(c1, c2, i) {
				taken1++
			}
		}
		for i := taken1; i < parkedBatch; i++ {
			release(c1)
		}
		for i := parkedBatch - taken1; i < parkedBatch; i++ {
			release(c2)
		}
		first += taken1
	}
	return first
}

// checkEachValueOnce receives count values from got and checks that they are 0..count-1, each
// exactly once.
func checkEachValueOnce(got chan int, count int) {
	times := make([]int, count)
	for i := 0; i < count; i++ {
		v := <-got
		check(v >= 0 && v < count, "a value that was sent")
		times[v]++
	}
	for v := 0; v < count; v++ {
		checkEq(times[v], 1, "each value received once")
	}
}

// checkNeverDefault runs 1000 rounds of one of runtime/chan_test.go's non-blocking races: round
// makes fresh channels and returns probe, a non-blocking select that returns false when default
// ran, run in a goroutine, and race, what main does meanwhile. The probe must never take default.
func checkNeverDefault(what string, round func() (probe func() bool, race func())) {
	done := make(chan bool, 1)
	for i := 0; i < 1000; i++ {
		probe, race := round()
		go func() { done <- probe() }()
		race()
		check(<-done, what)
	}
}

// checkSelectRace is runtime/chan_test.go's TestNonblockSelectRace and TestNonblockSelectRace2:
// c1 holds a value, and c2, of capacity c2Capacity, is made ready by ready(c2) while a goroutine
// runs a non-blocking select over both and main takes c1's value back if it is still there. One
// of the two is ready throughout, so the select must never take default.
func checkSelectRace(c2Capacity int, ready func(c2 chan int)) {
	checkNeverDefault("a non-blocking select found no channel ready although one was",
		func() (probe func() bool, race func()) {
			c1 := make(chan int, 1)
			c2 := make(chan int, c2Capacity)
			c1 <- 1
			probe = func() bool {
				select {
				case <-c1:
				case <-c2:
				default:
					return false
				}
				return true
			}
			race = func() {
				ready(c2)
				select {
				case <-c1:
				default:
				}
			}
			return probe, race
		})
}

// checkLaterReceiverGets checks that nothing is left waiting on b: a receiver that comes now is
// the one a send on b wakes.
func checkLaterReceiverGets(b chan int) {
	later := make(chan int, 1)
	go func() { later <- <-b }()
	waitBlocked(1)
	b <- 2
	checkEq(<-later, 2, "the later receiver on b got the value")
}

// selAssignsChosen is CH-SEL-02.types for one element type.
func selAssignsChosen[T any](e sweptElem[T]) {
	idle := make(chan T)
	ready := make(chan T, 1)
	ready <- e.value(5)
	idleValue, idleOk := e.value(9), true
	readyValue, readyOk := e.value(9), false
	chosen := -1
	select {
	case idleValue, idleOk = <-idle:
		chosen = 0
	case readyValue, readyOk = <-ready:
		chosen = 1
	}
	checkEq(chosen, 1, "the ready case")
	check(e.same(idleValue, 9) && idleOk, "the idle case is left alone")
	check(e.same(readyValue, 5) && readyOk, "the chosen case got the value")
}

// selDrainsClosed is CH-SEL-07.drain (with default) and CH-SEL-12.drain (without, next to an
// idle case) for one element type.
func selDrainsClosed[T any](e sweptElem[T], withDefault bool) {
	ch := make(chan T, 5)
	idle := make(chan T)
	for i := 1; i <= 3; i++ {
		ch <- e.value(i)
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
			check(ok && e.same(v, i), "a buffered value, in order")
		} else {
			check(!ok && e.isZero(v), "drained: (zero, false)")
		}
	}
}

// selClosedReceive is CH-SEL-12 for one element type.
func selClosedReceive[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		idle := make(chan T)
		close(ch)
		for i := 0; i < 10; i++ {
			v, ok := e.value(7), true
			select {
			case <-idle:
				check(false, "the closed channel's case")
			case v, ok = <-ch:
			}
			check(e.isZero(v) && !ok, "(zero, false)")
		}
	}
}

// selWokenByClose is CH-SEL-12.parked for one element type.
func selWokenByClose[T any](e sweptElem[T]) {
	a := make(chan T)
	b := make(chan T, 1)
	done := make(chan int)
	go func() {
		bValue, bOk := e.value(7), true
		select {
		case <-a:
			check(false, "woken through the closed channel")
		case bValue, bOk = <-b:
		}
		check(e.isZero(bValue) && !bOk, "(zero, false)")
		done <- 0
	}()
	waitBlocked(1)
	close(b)
	<-done
}

// selNonblockPartner is CH-SEL-21.partner for one element type.
func selNonblockPartner[T any](e sweptElem[T]) {
	for _, n := range []int{0, 1} {
		ch := make(chan T, n)
		strobe := make(chan int)
		go func() {
			check(e.same(<-ch, 1), "the receiver got the value")
			strobe <- 0
		}()
		waitBlocked(1)
		select {
		case ch <- e.value(1):
		default:
			check(false, "non-blocking send to a parked receiver")
		}
		<-strobe
		go func() {
			ch <- e.value(2)
			strobe <- 0
		}()
		if n > 0 {
			<-strobe
		} else {
			waitBlocked(1)
		}
		select {
		case v, ok := <-ch:
			check(ok && e.same(v, 2), "the sender's value")
		default:
			check(false, "non-blocking receive from the sender")
		}
		if n == 0 {
			<-strobe
		}
	}
}

// selNonblockFull is CH-SEL-21.full for one element type.
func selNonblockFull[T any](e sweptElem[T]) {
	full := make(chan T, 1)
	full <- e.value(1)
	select {
	case full <- e.value(2):
		check(false, "full buffer: default")
	default:
	}
	check(e.same(<-full, 1), "the buffered value is intact")
	unbuffered := make(chan T)
	go func() { unbuffered <- e.value(3) }()
	waitBlocked(1)
	select {
	case unbuffered <- e.value(4):
		check(false, "two senders do not pair: default")
	default:
	}
	check(e.same(<-unbuffered, 3), "the parked sender's value")
}
