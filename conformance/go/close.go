package main

func init() {
	twin("CH-CLS-01", func() {
		var nilChan chan int
		close(nilChan)
	})

	twin("CH-CLS-02", func() {
		ch := make(chan int, 1)
		close(ch)
		close(ch)
	})

	twin("CH-CLS-03", func() {
		const receivers = 5
		ch := make(chan int)
		results := startReceiversOfZero(ch, receivers)
		waitBlocked(receivers)
		close(ch)
		for i := 0; i < receivers; i++ {
			check(<-results, "a woken receiver got (0, false)")
		}
	})

	twin("CH-CLS-03.racing", func() {
		const receivers = 8
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			results := startReceiversOfZero(ch, receivers)
			close(ch)
			for i := 0; i < receivers; i++ {
				check(<-results, "a receiver got (0, false)")
			}
		}
	})

	twin("CH-CLS-04", func() {
		const senders = 3
		ch := make(chan int)
		messages := startRecoveringSenders(sweptInt, ch, senders, 0)
		waitBlocked(senders)
		close(ch)
		for i := 0; i < senders; i++ {
			checkEq(<-messages, "send on closed channel", "a parked sender")
		}
	})

	twin("CH-CLS-05", func() {
		ch := make(chan int, 2)
		senderResult := make(chan string, 1)
		ch <- 1
		ch <- 2
		go func() {
			msg, panicked := recovered(func() { ch <- 3 })
			if !panicked {
				msg = "no panic"
			}
			senderResult <- msg
		}()
		waitBlocked(1)
		close(ch)
		checkEq(<-senderResult, "send on closed channel", "parked sender")
		for _, want := range []int{1, 2} {
			v, ok := <-ch
			check(ok && v == want, "buffered value survives close")
		}
		zero, ok := <-ch
		check(!ok && zero == 0, "then the zero value, not ok")
	})

	twin("CH-CLS-06", func() {
		a := make(chan int)
		b := make(chan int)
		result := startSelectsForZero(a, b, 1)
		waitBlocked(1)
		close(a)
		check(<-result, "the select woke on the closed channel's case with (0, false)")
	})

	twin("CH-CLS-07", func() {
		ch := make(chan int, 1)
		never := make(chan int)
		close(ch)
		go func() { ch <- 1 }()
		<-never
	})

	twin("CH-CLS-08", func() {
		ch := make(chan int, 1)
		var s chan<- int = ch
		s <- 1
		close(s)
		checkEq(<-ch, 1, "the buffered value")
		v, ok := <-ch
		check(!ok && v == 0, "closed through the send-only view")
	})

	twin("CH-CLS-09", func() {
		for round := 0; round < 50; round++ {
			raceCloseWithSend(0, 1) // unbuffered
		}
	})

	twin("CH-CLS-01.view", func() {
		var nilChan chan int
		var s chan<- int = nilChan
		close(s)
	})

	twin("CH-CLS-01.recover", func() {
		closeNilPanicsOf[int]("closing a nil channel")
		closeNilPanicsOf[struct{}]("closing a nil channel")
		closeNilPanicsOf[*int]("closing a nil channel")
		closeNilPanicsOf[string]("closing a nil channel")
	})

	twin("CH-CLS-02.recover", func() {
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			for i := 1; i <= n; i++ {
				ch <- i
			}
			close(ch)
			checkEq(panicMessage(func() { close(ch) }), "close of closed channel", "the second close")
			for i := 1; i <= n; i++ {
				v, ok := <-ch
				check(ok && v == i, "a value buffered before the first close")
			}
			v, ok := <-ch
			check(!ok && v == 0, "then closed")
		}
	})

	twin("CH-CLS-02.copy", func() {
		ch := make(chan int)
		copy := ch
		close(ch)
		close(copy)
	})

	twin("CH-CLS-02.view", func() {
		ch := make(chan int, 1)
		var s chan<- int = ch
		close(s)
		close(ch)
	})

	twin("CH-CLS-03.sweep", func() {
		closeWakesReceiversOf(sweptInt)
		closeWakesReceiversOf(sweptEmpty)
		closeWakesReceiversOf(sweptPtr)
		closeWakesReceiversOf(sweptString)
	})

	twin("CH-CLS-04.sweep", func() {
		closePanicsSendersOf(sweptInt)
		closePanicsSendersOf(sweptEmpty)
		closePanicsSendersOf(sweptPtr)
		closePanicsSendersOf(sweptString)
	})

	twin("CH-CLS-04.uncaught", func() {
		ch := make(chan int)
		never := make(chan int)
		go func() { ch <- 1 }()
		waitBlocked(1)
		close(ch)
		<-never
	})

	twin("CH-CLS-06.several", func() {
		const selects = 3
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			other := make(chan int)
			results := startSelectsForZero(ch, other, selects)
			waitBlocked(selects)
			close(ch)
			for i := 0; i < selects; i++ {
				check(<-results, "a woken select ran the closed channel's case with (0, false)")
			}
		}
	})

	twin("CH-CLS-07.nil", func() {
		var nilChan chan int
		never := make(chan int)
		go func() { close(nilChan) }()
		<-never
	})

	twin("CH-CLS-07.double", func() {
		ch := make(chan int, 1)
		never := make(chan int)
		close(ch)
		go func() { close(ch) }()
		<-never
	})

	twin("CH-CLS-08.wakes", func() {
		ch := make(chan int)
		var s chan<- int = ch
		var r <-chan int = ch
		result := make(chan bool, 1)
		go func() {
			v, ok := <-r
			result <- !ok && v == 0
		}()
		waitBlocked(1)
		close(s)
		check(<-result, "the receiver on the receive-only view got (0, false)")
	})

	twin("CH-CLS-09.full", func() {
		for _, n := range []int{1, 3} {
			for round := 0; round < 30; round++ {
				ch := raceCloseWithSend(n, -1)
				for i := 0; i < n; i++ {
					v, ok := <-ch
					check(ok && v == i, "the buffered values, not the racing send's")
				}
				_, ok := <-ch
				check(!ok, "then closed")
			}
		}
	})
}

// startReceiversOfZero starts count goroutines that each receive from ch with ok and report on
// the channel returned whether they got (0, false).
func startReceiversOfZero(ch chan int, count int) chan bool {
	results := make(chan bool, count)
	for i := 0; i < count; i++ {
		go func() {
			v, ok := <-ch
			results <- !ok && v == 0
		}()
	}
	return results
}

// startRecoveringSenders starts count goroutines that each send the value numbered first+i on
// ch, recovering the panic, and report its message ("no panic" if none) on the channel returned.
func startRecoveringSenders[T any](e sweptElem[T], ch chan T, count, first int) chan string {
	messages := make(chan string, count)
	for i := 0; i < count; i++ {
		go func(value int) {
			messages <- panicMessage(func() { ch <- e.value(value) })
		}(first + i)
	}
	return messages
}

// startSelectsForZero starts count goroutines that each select on a receive from ch and one
// from other, and report on the channel returned whether ch's case ran with (0, false).
func startSelectsForZero(ch, other chan int, count int) chan bool {
	results := make(chan bool, count)
	for i := 0; i < count; i++ {
		go func() {
			select {
			case v, ok := <-ch:
				results <- !ok && v == 0
			case <-other:
				results <- false
			}
		}()
	}
	return results
}

// raceCloseWithSend runs one round of a close racing a send that cannot complete: a channel of
// capacity n holding 0..n-1, a goroutine's send of value on it, and main's close, in whichever
// order the scheduler runs them. The send must panic. It returns the channel, closed.
func raceCloseWithSend(n, value int) chan int {
	ch := make(chan int, n)
	message := make(chan string, 1)
	for i := 0; i < n; i++ {
		ch <- i
	}
	go func() { message <- panicMessage(func() { ch <- value }) }()
	close(ch)
	checkEq(<-message, "send on closed channel", "the racing send")
	return ch
}

// closeNilPanicsOf checks that closing a nil channel of element type T panics with "close of nil
// channel", an ordinary panic that recover catches (CH-CLS-01.recover, CH-CLS-01.nil-recovered);
// what names the check.
func closeNilPanicsOf[T any](what string) {
	var nilChan chan T
	checkEq(panicMessage(func() { close(nilChan) }), "close of nil channel", what)
}

func closeWakesReceiversOf[T any](e sweptElem[T]) {
	const receivers = 4
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		results := make(chan bool, receivers)
		for i := 0; i < receivers; i++ {
			if i%2 == 0 {
				go func() {
					v, ok := <-ch
					results <- !ok && e.isZero(v)
				}()
			} else {
				go func() { results <- e.isZero(<-ch) }()
			}
		}
		waitBlocked(receivers)
		close(ch)
		for i := 0; i < receivers; i++ {
			check(<-results, "a woken receiver got the zero value, not ok")
		}
	}
}

func closePanicsSendersOf[T any](e sweptElem[T]) {
	const senders = 3
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		for i := 0; i < n; i++ {
			ch <- e.value(i)
		}
		messages := startRecoveringSenders(e, ch, senders, 100)
		waitBlocked(senders)
		close(ch)
		checkEq(len(ch), n, "len after close: only the buffered values")
		for i := 0; i < senders; i++ {
			checkEq(<-messages, "send on closed channel", "a parked sender")
		}
		for i := 0; i < n; i++ {
			v, ok := <-ch
			check(ok && e.same(v, i), "a value buffered before close")
		}
		v, ok := <-ch
		check(!ok && e.isZero(v), "then the zero value: no parked sender's value got in")
	}
}
