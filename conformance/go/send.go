package main

import "sync/atomic"

func init() {
	twin("CH-SND-01", func() {
		evaluated := make(chan string, 2)
		neverReceived := make(chan int)
		go func() {
			channel := func() chan int {
				evaluated <- "channel"
				return neverReceived
			}
			value := func() int {
				evaluated <- "value"
				return 1
			}
			channel() <- value()
		}()
		checkEq(<-evaluated, "channel", "evaluated first")
		checkEq(<-evaluated, "value", "evaluated second")
	})

	twin("CH-SND-02", func() {
		ch := make(chan int)
		sent := make(chan int, 1)
		go func() {
			ch <- 7
			sent <- 1
		}()
		waitBlocked(1)
		checkEq(len(sent), 0, "the sender has not gone on before a receiver came")
		checkEq(<-ch, 7, "the value")
		checkEq(<-sent, 1, "the sender goes on after the receive")
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
}
