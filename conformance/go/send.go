package main

import "sync/atomic"

func init() {
	twin("CH-SND-01", func() {
		evaluated := make(chan string, 2)
		neverReceived := make(chan int)
		go sendRecordingEvaluation(evaluated, neverReceived)
		checkEq(<-evaluated, "channel", "evaluated first")
		checkEq(<-evaluated, "value", "evaluated second")
	})

	twin("CH-SND-02", func() {
		unbufferedSendWaitsOf(sweptInt)
	})

	twin("CH-SND-02.select", func() {
		ch := make(chan int)
		chosen := 0
		select {
		case ch <- 1:
		default:
			chosen = -1
		}
		checkEq(chosen, -1, "no receiver: default")
	})

	twin("CH-SND-03", func() {
		for _, n := range []int{1, 3, 5} {
			ch := make(chan int, n)
			for i := 0; i < n; i++ {
				ch <- i
			}
			for i := 0; i < n; i++ {
				checkEq(<-ch, i, "buffered value")
			}
		}
	})

	twin("CH-SND-04", func() {
		ch := make(chan int, 2)
		sent := make(chan int, 1)
		ch <- 1
		ch <- 2
		go func() {
			ch <- 3
			sent <- 1
		}()
		waitBlocked(1)
		checkEq(len(sent), 0, "the third send waits on the full buffer")
		checkEq(<-ch, 1, "first value")
		checkEq(<-sent, 1, "the receive made room")
		checkEq(<-ch, 2, "second value")
		checkEq(<-ch, 3, "third value")
	})

	twin("CH-SND-04.select", func() {
		ch := make(chan int, 1)
		ch <- 1
		select {
		case ch <- 2:
			check(false, "full: default")
		default:
		}
		<-ch
		select {
		case ch <- 2:
		default:
			check(false, "room again: the send")
		}
		checkEq(<-ch, 2, "the value sent by select")
	})

	twin("CH-SND-05", func() {
		var nilChan chan int
		sent := make(chan int, 1)
		go func() {
			nilChan <- 1
			sent <- 1
		}()
		waitBlocked(1)
		for i := 0; i < 100; i++ {
			yield()
		}
		checkEq(len(sent), 0, "the send on nil never proceeded")
	})

	twin("CH-SND-05.main", func() {
		var nilChan chan int
		nilChan <- 1
	})

	twin("CH-SND-06", func() {
		ch := make(chan int, 1)
		close(ch)
		ch <- 1
	})

	twin("CH-SND-06.unbuffered", func() {
		ch := make(chan int)
		close(ch)
		ch <- 1
	})

	twin("CH-SND-07", func() {
		ch := make(chan int, 1)
		close(ch)
		message, panicked := recovered(func() { ch <- 1 })
		check(panicked, "the send panicked")
		checkEq(message, "send on closed channel", "the panic's message")
		v, ok := <-ch
		check(!ok && v == 0, "nothing was queued by the failed send")
	})

	twin("CH-SND-08", func() {
		for round := 0; round < 200; round++ {
			ch := make(chan int)
			var written int32
			go func(round int) {
				atomic.StoreInt32(&written, int32(round+1))
				<-ch
			}(round)
			ch <- 0
			checkEq(atomic.LoadInt32(&written), int32(round+1),
				"the receiver's earlier write, seen after the send")
		}
	})

	twin("CH-SND-01.closed", func() {
		evaluated := make(chan string, 2)
		closed := make(chan int, 1)
		close(closed)
		message := panicMessage(func() { sendRecordingEvaluation(evaluated, closed) })
		checkEq(message, "send on closed channel", "the send")
		checkEq(<-evaluated, "channel", "evaluated first")
		checkEq(<-evaluated, "value", "evaluated second")
	})

	twin("CH-SND-01.nil", func() {
		evaluated := make(chan string, 2)
		var nilChan chan int
		sent := make(chan int, 1)
		go func() {
			sendRecordingEvaluation(evaluated, nilChan)
			sent <- 1
		}()
		checkEq(<-evaluated, "channel", "evaluated first")
		checkEq(<-evaluated, "value", "evaluated second")
		waitBlocked(1)
		checkEq(len(sent), 0, "the send itself never proceeded")
	})

	twin("CH-SND-01.panic", func() {
		evaluated := make(chan string, 1)
		ch := make(chan int, 1)
		message := panicMessage(func() {
			channel := func() chan int {
				evaluated <- "channel"
				return ch
			}
			value := func() int { panic("value failed") }
			channel() <- value()
		})
		checkEq(message, "value failed", "the value's panic")
		checkEq(<-evaluated, "channel", "the channel was evaluated first")
		ch <- 2
		checkEq(<-ch, 2, "the buffer held nothing from the failed statement")
	})

	twin("CH-SND-02.types", func() {
		unbufferedSendWaitsOf(sweptInt)
		unbufferedSendWaitsOf(sweptEmpty)
		unbufferedSendWaitsOf(sweptPtr)
		unbufferedSendWaitsOf(sweptString)
	})

	twin("CH-SND-03.types", func() {
		sendsWithRoomOf(sweptInt)
		sendsWithRoomOf(sweptEmpty)
		sendsWithRoomOf(sweptPtr)
		sendsWithRoomOf(sweptString)
	})

	twin("CH-SND-04.sweep", func() {
		fullBufferWaitsOf(sweptInt)
		fullBufferWaitsOf(sweptEmpty)
		fullBufferWaitsOf(sweptPtr)
		fullBufferWaitsOf(sweptString)
	})

	twin("CH-SND-04.several", func() {
		const senders = 3
		ch := make(chan int, 1)
		done := make(chan int, senders)
		ch <- 0
		for i := 1; i <= senders; i++ {
			go func(i int) {
				ch <- i
				done <- i
			}(i)
			waitBlocked(i)
		}
		sum := 0
		for released := 1; released <= senders; released++ {
			sum += <-ch
			<-done
			checkEq(len(done), 0, "one receive let exactly one sender through")
		}
		sum += <-ch
		checkEq(sum, 0+1+2+3, "every value received once")
	})

	twin("CH-SND-05.view", func() {
		var nilChan chan int
		var s chan<- int = nilChan
		s <- 1
	})

	twin("CH-SND-06.sweep", func() {
		sendOnClosedOf(sweptInt)
		sendOnClosedOf(sweptEmpty)
		sendOnClosedOf(sweptPtr)
		sendOnClosedOf(sweptString)
	})

	twin("CH-SND-06.view", func() {
		ch := make(chan int, 1)
		var s chan<- int = ch
		close(ch)
		s <- 1
	})

	twin("CH-SND-07.goroutine", func() {
		const attempts = 3
		ch := make(chan int, 1)
		reports := make(chan string)
		close(ch)
		go func() {
			for i := 0; i < attempts; i++ {
				reports <- panicMessage(func() { ch <- i })
			}
			reports <- "done"
		}()
		for i := 0; i < attempts; i++ {
			checkEq(<-reports, "send on closed channel", "a recovered send")
		}
		checkEq(<-reports, "done", "the goroutine went on to the end")
	})

	twin("CH-SND-08.receiver-first", func() {
		for round := 0; round < 50; round++ {
			ch := make(chan int)
			got := make(chan int, 1)
			var written int32
			go func(round int) {
				atomic.StoreInt32(&written, int32(round+1))
				got <- <-ch
			}(round)
			waitBlocked(1)
			ch <- round
			checkEq(atomic.LoadInt32(&written), int32(round+1),
				"the receiver's earlier write, seen after the send")
			checkEq(<-got, round, "the receiver took the value sent")
		}
	})
}

// sendRecordingEvaluation is the statement `channel() <- value()` of CH-SND-01, where channel()
// returns ch and value() returns 1, each recording its evaluation on evaluated.
func sendRecordingEvaluation(evaluated chan string, ch chan int) {
	channel := func() chan int {
		evaluated <- "channel"
		return ch
	}
	value := func() int {
		evaluated <- "value"
		return 1
	}
	channel() <- value()
}

// unbufferedSendWaitsOf is CH-SND-02 for one element type: an unbuffered send waits for its
// receiver, then delivers the value and goes on.
func unbufferedSendWaitsOf[T any](e sweptElem[T]) {
	ch := make(chan T)
	sent := make(chan int, 1)
	go func() {
		ch <- e.value(7)
		sent <- 1
	}()
	waitBlocked(1)
	checkEq(len(sent), 0, "the sender has not gone on before a receiver came")
	check(e.same(<-ch, 7), "the value")
	checkEq(<-sent, 1, "the sender goes on after the receive")
}

func sendsWithRoomOf[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		if n == 0 {
			continue // no room without a receiver
		}
		ch := make(chan T, n)
		for i := 0; i < n; i++ {
			ch <- e.value(i)
		}
		for i := 0; i < n; i++ {
			v, ok := <-ch
			check(ok && e.same(v, i), "a buffered value, in order")
		}
	}
}

func fullBufferWaitsOf[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		if n == 0 {
			continue // an unbuffered channel is never full: CH-SND-02
		}
		ch := make(chan T, n)
		sent := make(chan int, 1)
		for i := 0; i < n; i++ {
			ch <- e.value(i)
		}
		go func(n int) {
			ch <- e.value(n)
			sent <- 1
		}(n)
		waitBlocked(1)
		checkEq(len(sent), 0, "the send waits on the full buffer")
		check(e.same(<-ch, 0), "the oldest buffered value")
		checkEq(<-sent, 1, "the receive made room and the send completed")
		for i := 1; i <= n; i++ {
			check(e.same(<-ch, i), "the other buffered values, then the waiting one")
		}
	}
}

func sendOnClosedOf[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		buffered := n / 2 // 5 leaves room: the send panics all the same
		for i := 0; i < buffered; i++ {
			ch <- e.value(i)
		}
		close(ch)
		message := panicMessage(func() { ch <- e.value(99) })
		checkEq(message, "send on closed channel", "the send on the closed channel")
		for i := 0; i < buffered; i++ {
			v, ok := <-ch
			check(ok && e.same(v, i), "a value buffered before close")
		}
		v, ok := <-ch
		check(!ok && e.isZero(v), "nothing was queued by the failed send")
	}
}
