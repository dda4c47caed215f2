package main

func init() {
	twin("CH-RCV-01", func() {
		checkReceiverWaits(make(chan int), 5, "the receiver waits", "the receiver got the value sent")
	})

	twin("CH-RCV-01.value", func() {
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			go func() { ch <- 5 }()
			checkEq(<-ch, 5, "x := <-ch")
		}
	})

	twin("CH-RCV-02", func() {
		var nilChan chan int
		got := make(chan int, 1)
		go func() { got <- <-nilChan }()
		waitBlocked(1)
		for i := 0; i < 100; i++ {
			yield()
		}
		checkEq(len(got), 0, "the receive from nil never proceeded")
	})

	twin("CH-RCV-02.main", func() {
		var nilChan chan int
		<-nilChan
	})

	twin("CH-RCV-03", func() {
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			close(ch)
			for i := 0; i < 100; i++ {
				v, ok := <-ch
				check(!ok && v == 0, "(0, false) from a closed channel")
			}
		}
	})

	twin("CH-RCV-04", func() {
		receiveAfterClose(sweptInt)
		receiveAfterClose(sweptEmpty)
		receiveAfterClose(sweptPtr)
		receiveAfterClose(sweptString)
	})

	twin("CH-RCV-06", func() {
		zeroAfterClose(sweptInt)
		zeroAfterClose(sweptEmpty)
		zeroAfterClose(sweptPtr)
		zeroAfterClose(sweptString)
	})

	twin("CH-RCV-07", func() {
		sentZeroIsOk(sweptInt)
		sentZeroIsOk(sweptEmpty)
		sentZeroIsOk(sweptPtr)
		sentZeroIsOk(sweptString)
	})

	twin("CH-RCV-08", func() {
		checkReceiverWaits(make(chan int, 3), 9, "the receiver waits on the empty buffer",
			"then gets the value")
	})

	twin("CH-RCV-08.select", func() {
		ch := make(chan int, 3)
		select {
		case <-ch:
			check(false, "empty: default")
		default:
		}
		ch <- 4
		select {
		case v, ok := <-ch:
			check(ok && v == 4, "the value received by select")
		default:
			check(false, "a value: the receive")
		}
	})

	twin("CH-RCV-01.types", func() {
		parkedReceiverOf(sweptInt)
		parkedReceiverOf(sweptEmpty)
		parkedReceiverOf(sweptPtr)
		parkedReceiverOf(sweptString)
	})

	twin("CH-RCV-01.several", func() {
		const receivers = 4
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			got := make(chan int, receivers)
			for i := 0; i < receivers; i++ {
				go func() { got <- <-ch }()
			}
			waitBlocked(receivers)
			for v := 1; v <= receivers; v++ {
				ch <- v
			}
			seen := uint(0)
			for i := 0; i < receivers; i++ {
				v := <-got
				check(v >= 1 && v <= receivers && seen&(1<<v) == 0, "each value received once")
				seen |= 1 << v
			}
		}
	})

	twin("CH-RCV-02.view", func() {
		var nilChan chan int
		var r <-chan int = nilChan
		<-r
	})

	twin("CH-RCV-02.ok", func() {
		var nilChan chan int
		v, ok := <-nilChan
		_, _ = v, ok
		check(false, "a receive from nil returned")
	})

	twin("CH-RCV-03.types", func() {
		closedNeverBlocksOf(sweptInt)
		closedNeverBlocksOf(sweptEmpty)
		closedNeverBlocksOf(sweptPtr)
		closedNeverBlocksOf(sweptString)
	})

	twin("CH-RCV-04.full", func() {
		fullAtCloseOf(sweptInt)
		fullAtCloseOf(sweptEmpty)
		fullAtCloseOf(sweptPtr)
		fullAtCloseOf(sweptString)
	})

	twin("CH-RCV-07.sweep", func() {
		sentZerosOf(sweptInt)
		sentZerosOf(sweptEmpty)
		sentZerosOf(sweptPtr)
		sentZerosOf(sweptString)
	})

	twin("CH-RCV-08.sweep", func() {
		emptiedBufferWaitsOf(sweptInt)
		emptiedBufferWaitsOf(sweptEmpty)
		emptiedBufferWaitsOf(sweptPtr)
		emptiedBufferWaitsOf(sweptString)
	})
}

// checkReceiverWaits has a goroutine receive from ch, empty: it has not gone on (waits) until
// main sends value, which it gets (gets).
func checkReceiverWaits(ch chan int, value int, waits, gets string) {
	got := make(chan int, 1)
	go func() { got <- <-ch }()
	waitBlocked(1)
	checkEq(len(got), 0, waits)
	ch <- value
	checkEq(<-got, value, gets)
}

// checkDrainedGivesZero receives three more times from ch, closed and drained: each gets
// (zero, false).
func checkDrainedGivesZero[T any](e sweptElem[T], ch chan T) {
	for i := 0; i < 3; i++ {
		v, ok := <-ch
		check(!ok && e.isZero(v), "then the zero value, not ok")
	}
}

// receiveAfterClose is CH-RCV-04 for one element type: five values, close, then zero values.
func receiveAfterClose[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		go func() {
			for i := 1; i <= 5; i++ {
				ch <- e.value(i)
			}
			close(ch)
		}()
		for i := 1; i <= 5; i++ {
			v, ok := <-ch
			check(ok && e.same(v, i), "a value sent before close, in order")
		}
		checkDrainedGivesZero(e, ch)
	}
}

func zeroAfterClose[T any](e sweptElem[T]) {
	ch := make(chan T, 1)
	close(ch)
	v, ok := <-ch
	check(!ok && e.isZero(v), "the zero value of the element type")
	plain := <-ch
	check(e.isZero(plain), "also from a plain receive")
}

func sentZeroIsOk[T any](e sweptElem[T]) {
	ch := make(chan T, 1)
	var zero T
	ch <- zero
	close(ch)
	sent, sentOk := <-ch
	check(sentOk && e.isZero(sent), "a sent zero value: ok is true")
	closed, closedOk := <-ch
	check(!closedOk && e.isZero(closed), "closed: ok is false")
}

func parkedReceiverOf[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		got := make(chan bool, 1)
		go func() { got <- e.same(<-ch, 3) }()
		waitBlocked(1)
		ch <- e.value(3)
		check(<-got, "the parked receiver got the value sent")
	}
}

func closedNeverBlocksOf[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		close(ch)
		for i := 0; i < 10; i++ {
			v, ok := <-ch
			check(!ok && e.isZero(v), "(zero, false) from a closed channel")
			check(e.isZero(<-ch), "the zero value from a plain receive")
		}
	}
}

func fullAtCloseOf[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		if n == 0 {
			continue // nothing to buffer
		}
		ch := make(chan T, n)
		for i := 0; i < n; i++ {
			ch <- e.value(i)
		}
		close(ch)
		for i := 0; i < n; i++ {
			v, ok := <-ch
			check(ok && e.same(v, i), "a value buffered before close, in order")
		}
		checkDrainedGivesZero(e, ch)
	}
}

func sentZerosOf[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		go func() {
			var zero T
			ch <- zero
			ch <- e.value(1)
			ch <- zero
			close(ch)
		}()
		first, firstOk := <-ch
		check(firstOk && e.isZero(first), "a sent zero value: ok is true")
		second, secondOk := <-ch
		check(secondOk && e.same(second, 1), "a sent value: ok is true")
		third, thirdOk := <-ch
		check(thirdOk && e.isZero(third), "another sent zero value: ok is true")
		closed, closedOk := <-ch
		check(!closedOk && e.isZero(closed), "closed: ok is false")
	}
}

func emptiedBufferWaitsOf[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		if n == 0 {
			continue // unbuffered: CH-RCV-01
		}
		ch := make(chan T, n)
		got := make(chan bool, 1)
		ch <- e.value(1)
		<-ch
		go func() { got <- e.same(<-ch, 9) }()
		waitBlocked(1)
		checkEq(len(got), 0, "the receiver waits on the emptied buffer")
		ch <- e.value(9)
		check(<-got, "then gets the value sent")
	}
}
