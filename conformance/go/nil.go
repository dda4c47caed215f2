package main

func init() {
	twin("CH-SEL-09", func() {
		ready := make(chan int, 1)
		var nilChan chan int
		for i := 0; i < 1000; i++ {
			ready <- i
			chosen, value := -1, -1
			select {
			case <-nilChan:
				chosen = 0
			case nilChan <- i:
				chosen = 1
			case value = <-ready:
				chosen = 2
			}
			checkEq(chosen, 2, "the ready case, never a nil one")
			checkEq(value, i, "the value")
		}
	})

	twin("CH-SEL-09.default", func() {
		var nilChan chan int
		for i := 0; i < 100; i++ {
			chosen := 0
			select {
			case <-nilChan:
			case nilChan <- i:
			default:
				chosen = -1
			}
			checkEq(chosen, -1, "default")
		}
	})

	twin("CH-SEL-09.blocking", func() {
		var nilChan chan int
		ch := make(chan int)
		for i := 0; i < 10; i++ {
			go func(i int) {
				waitBlocked(1)
				ch <- i
			}(i)
			chosen, value := -1, -1
			select {
			case <-nilChan:
				chosen = 0
			case nilChan <- -1:
				chosen = 1
			case value = <-ch:
				chosen = 2
			}
			checkEq(chosen, 2, "the real channel's case")
			checkEq(value, i, "its value")
		}
	})

	twin("CH-SEL-09.types", func() {
		nilNeverReady(sweptInt)
		nilNeverReady(sweptEmpty)
		nilNeverReady(sweptPtr)
		nilNeverReady(sweptString)
	})

	twin("CH-SEL-11", func() {
		var nilChan chan int
		select {
		case <-nilChan:
		case nilChan <- 1:
		}
	})

	twin("CH-SEL-11.goroutine", func() {
		var nilChan chan int
		done := make(chan int, 1)
		go func() {
			select {
			case <-nilChan:
			case nilChan <- 1:
			}
			done <- 1
		}()
		waitBlocked(1)
		checkEq(len(done), 0, "the select never returns")
	})

	twin("CH-SEL-11.types", func() {
		var a chan string
		var b chan struct{}
		var c chan *int
		select {
		case <-a:
		case b <- struct{}{}:
		case <-c:
		}
	})

	twin("N17-01", func() {
		ch1 := make(chan int)
		ch2 := make(chan int)
		go func() {
			for i := 1; i <= 3; i++ {
				ch1 <- i
			}
			close(ch1)
		}()
		go func() {
			for i := 10; i <= 30; i += 10 {
				ch2 <- i
			}
			close(ch2)
		}()
		a, b := ch1, ch2
		sum, values, closes := 0, 0, 0
		for a != nil || b != nil {
			select {
			case x, ok := <-a:
				if ok {
					sum += x
					values++
				} else {
					closes++
					a = nil // stop receiving from it
				}
			case x, ok := <-b:
				if ok {
					sum += x
					values++
				} else {
					closes++
					b = nil
				}
			}
		}
		checkEq(values, 6, "every value from both channels")
		checkEq(sum, 66, "their sum")
		checkEq(closes, 2, "each close seen exactly once")
	})

	twin("CH-SEL-19", func() {
		closed := make(chan int)
		values := make(chan int, 3)
		close(closed)
		for i := 0; i < 3; i++ {
			values <- i
		}
		a := closed
		received, closes, rounds := 0, 0, 0
	loop:
		for ; rounds < 100; rounds++ {
			select {
			case v, ok := <-a:
				check(v == 0 && !ok, "the closed channel's (0, false)")
				closes++
				a = nil // stop receiving from it
			case v := <-values:
				checkEq(v, received, "the other channel's values, in order")
				received++
			default:
				break loop
			}
		}
		check(rounds < 100, "default ran once both cases were off")
		checkEq(closes, 1, "the closed case ran once, then never again")
		checkEq(received, 3, "every value of the other channel")
	})

	twin("CH-SEL-19.send", func() {
		var counter, shift uint
		getValue := func() uint {
			counter++
			return 1 << shift
		}
		sendUntilDefault := func(a, b chan uint) int {
			sent := 0
			for {
				select {
				case a <- getValue():
					a = nil
				case b <- getValue():
					b = nil
				default:
					return sent
				}
				sent++
				shift++
			}
		}
		a := make(chan uint, 1)
		b := make(chan uint, 1)
		checkEq(sendUntilDefault(a, b), 2, "a send on each channel, then default")
		checkEq(<-a|<-b, uint(3), "the two values sent")
		checkEq(sendUntilDefault(a, nil), 1, "a send on a, then default")
		checkEq(counter, uint(10), "send values evaluated, a nil channel's included")
	})

	twin("CH-SND-05.nil-types", func() {
		sent := make(chan int, 4)
		nilSendBlocks(sweptInt, sent)
		nilSendBlocks(sweptEmpty, sent)
		nilSendBlocks(sweptPtr, sent)
		nilSendBlocks(sweptString, sent)
		waitBlocked(4)
		checkEq(len(sent), 0, "no send on a nil channel proceeded")
	})

	twin("CH-SND-05.nil-view", func() {
		var s chan<- int
		s <- 1
	})

	twin("CH-RCV-02.nil-types", func() {
		received := make(chan int, 8)
		nilReceiveBlocks(sweptInt, received)
		nilReceiveBlocks(sweptEmpty, received)
		nilReceiveBlocks(sweptPtr, received)
		nilReceiveBlocks(sweptString, received)
		waitBlocked(8)
		checkEq(len(received), 0, "no receive from a nil channel proceeded")
	})

	twin("CH-RCV-02.nil-view", func() {
		var r <-chan int
		<-r
	})

	twin("CH-CLS-01.nil-recovered", func() {
		closeNilPanicsOf[int]("panic")
		closeNilPanicsOf[struct{}]("panic")
		closeNilPanicsOf[*int]("panic")
		closeNilPanicsOf[string]("panic")
	})

	twin("CH-CLS-01.nil-send-only", func() {
		var s chan<- int
		close(s)
	})

	twin("CH-MK-06.nil-views", func() {
		nilLenCap(sweptInt)
		nilLenCap(sweptEmpty)
		nilLenCap(sweptPtr)
		nilLenCap(sweptString)
	})
}

// nilNeverReady is CH-SEL-09.types for one element type.
func nilNeverReady[T any](e sweptElem[T]) {
	var nilChan chan T
	ready := make(chan T, 1)
	select {
	case <-nilChan:
		check(false, "only nil cases: default")
	case nilChan <- e.value(1):
		check(false, "only nil cases: default")
	default:
	}
	ready <- e.value(2)
	select {
	case <-nilChan:
		check(false, "the ready channel, not a nil one")
	case nilChan <- e.value(1):
		check(false, "the ready channel, not a nil one")
	case v := <-ready:
		check(e.same(v, 2), "its value")
	}
}

// nilSendBlocks starts CH-SND-05.nil-types's goroutine for one element type.
func nilSendBlocks[T any](e sweptElem[T], sent chan int) {
	go func() {
		var nilChan chan T
		nilChan <- e.value(1)
		sent <- 1
	}()
}

// nilReceiveBlocks starts CH-RCV-02.nil-types's two goroutines for one element type.
func nilReceiveBlocks[T any](e sweptElem[T], received chan int) {
	go func() {
		var nilChan chan T
		<-nilChan
		received <- 1
	}()
	go func() {
		var nilChan chan T
		_, _ = <-nilChan
		received <- 2
	}()
}

// nilLenCap is CH-MK-06.nil-views for one element type.
func nilLenCap[T any](sweptElem[T]) {
	var nilChan chan T
	var s chan<- T = nilChan
	var r <-chan T = nilChan
	check(len(nilChan) == 0 && cap(nilChan) == 0, "len and cap of a nil channel")
	check(len(s) == 0 && cap(s) == 0, "len and cap of a nil send-only view")
	check(len(r) == 0 && cap(r) == 0, "len and cap of a nil receive-only view")
}
