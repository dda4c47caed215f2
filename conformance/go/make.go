package main

func init() {
	twin("CH-MK-01", func() {
		var zero chan int
		check(zero == nil, "a zero channel value equals nil")
		check(make(chan int) != nil, "a made channel is not nil")
	})

	twin("CH-MK-02", func() {
		a := make(chan int)
		b := make(chan int, 0)
		checkEq(cap(a), 0, "cap(make(chan int))")
		checkEq(cap(b), 0, "cap(make(chan int, 0))")
		checkEq(len(a)+len(b), 0, "len of new unbuffered channels")
	})

	twin("CH-MK-03", func() {
		for _, n := range []int{1, 2, 5, 100} {
			ch := make(chan int, n)
			checkEq(cap(ch), n, "cap(make(chan int, n))")
			checkEq(len(ch), 0, "len of a new channel")
		}
	})

	twin("CH-MK-03.room", func() {
		for _, n := range []int{1, 2, 3, 5, 6} {
			ch := make(chan int, n)
			for i := 0; i < n; i++ {
				select {
				case ch <- i:
				default:
					check(false, "a send while there is room")
				}
			}
			select {
			case ch <- n:
				check(false, "a send to the full buffer")
			default:
			}
		}
	})

	twin("CH-MK-04", func() {
		size := -1
		ch := make(chan int, size)
		ch <- 1
	})

	twin("CH-MK-05", func() {
		ch := make(chan int, 5)
		for i := 1; i <= 3; i++ {
			ch <- i
			checkEq(len(ch), i, "len after a send")
		}
		<-ch
		checkEq(len(ch), 2, "len after a receive")
		checkEq(cap(ch), 5, "cap is unchanged")
	})

	twin("CH-MK-06", func() {
		var ch chan int
		checkEq(len(ch), 0, "len(nil chan)")
		checkEq(cap(ch), 0, "cap(nil chan)")
	})

	twin("CH-MK-07", func() {
		unbuffered := make(chan int)
		go func() { unbuffered <- 1 }()
		waitBlocked(1)
		checkEq(len(unbuffered), 0, "len(unbuffered) with a parked sender")

		full := make(chan int, 2)
		full <- 1
		full <- 2
		go func() { full <- 3 }()
		waitBlocked(2)
		checkEq(len(full), 2, "len(full buffer) with a parked sender")
		checkEq(<-unbuffered, 1, "the parked sender's value")
	})

	twin("CH-MK-08", func() {
		ch := make(chan int, 3)
		ch <- 10
		ch <- 20
		close(ch)
		checkEq(len(ch), 2, "len after close")
		checkEq(cap(ch), 3, "cap after close")
		checkEq(<-ch, 10, "first buffered value after close")
		checkEq(len(ch), 1, "len after receiving one")
	})

	twin("CH-MK-09", func() {
		for _, n := range sweptCapacities {
			ch := make(chan struct{}, n)
			go func() {
				for i := 0; i < 10; i++ {
					ch <- struct{}{}
				}
				close(ch)
			}()
			received := 0
			for {
				_, ok := <-ch
				if !ok {
					break
				}
				received++
			}
			checkEq(received, 10, "zero-size values received")
		}
	})

	twin("CH-MK-10", func() {
		a := make(chan int, 1)
		copy := a
		b := make(chan int, 1)
		check(a == copy, "a copy equals its original")
		check(a != b, "two makes are different channels")
	})

	twin("CH-MK-11", func() {
		original := make(chan int, 1)
		copy := original
		go func() { copy <- 42 }()
		checkEq(<-original, 42, "sent through a copy, received through the original")
		close(copy)
		v, ok := <-original
		check(!ok && v == 0, "closed through a copy")
	})

	twin("CH-MK-12", func() {
		ch := make(chan int, 4)
		var s chan<- int = ch
		var r <-chan int = ch
		s <- 1
		s <- 2
		checkEq(len(s), 2, "len through the send-only view")
		checkEq(len(r), 2, "len through the receive-only view")
		checkEq(cap(s)+cap(r), 8, "cap through both views")
	})
}
