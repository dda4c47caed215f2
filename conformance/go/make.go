package main

import "math"

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

	twin("CH-MK-02.types", func() {
		unbufferedOf(sweptInt)
		unbufferedOf(sweptEmpty)
		unbufferedOf(sweptPtr)
		unbufferedOf(sweptString)
	})

	twin("CH-MK-03.types", func() {
		bufferOf(sweptInt)
		bufferOf(sweptEmpty)
		bufferOf(sweptPtr)
		bufferOf(sweptString)
	})

	twin("CH-MK-04.recover", func() {
		negative := []int{-1, -1000, math.MinInt64}
		const panicked = "make with a negative size panicked"
		makeOutOfRangeOf[int](negative, panicked)
		makeOutOfRangeOf[struct{}](negative, panicked)
		makeOutOfRangeOf[*int](negative, panicked)
		makeOutOfRangeOf[string](negative, panicked)
		ch := make(chan int, 1)
		ch <- 1
		checkEq(<-ch, 1, "channels still work after the recovered panics")
	})

	twin("CH-MK-05.types", func() {
		lenWrapsOf(sweptInt)
		lenWrapsOf(sweptEmpty)
		lenWrapsOf(sweptPtr)
		lenWrapsOf(sweptString)
	})

	twin("CH-MK-06.views", func() {
		var nilChan chan int
		var s chan<- int = nilChan
		var r <-chan int = nilChan
		checkEq(len(s)+cap(s), 0, "len and cap of a nil send-only channel")
		checkEq(len(r)+cap(r), 0, "len and cap of a nil receive-only channel")
	})

	twin("CH-MK-07.sweep", func() {
		const senders = 3
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			parkSendersBehindFull(ch, n, senders, func(int) {
				checkEq(len(ch), n, "len with parked senders")
				checkEq(cap(ch), n, "cap with parked senders")
			})
			total := n + senders
			sum := 0
			for i := 0; i < total; i++ {
				sum += <-ch
			}
			checkEq(sum, total*(total-1)/2, "every value, buffered or parked, received once")
		}
	})

	twin("CH-MK-09.len", func() {
		ch := make(chan struct{}, 3)
		for i := 1; i <= 3; i++ {
			ch <- struct{}{}
			checkEq(len(ch), i, "len counts zero-size values")
		}
		select {
		case ch <- struct{}{}:
			check(false, "the buffer is full")
		default:
		}
		close(ch)
		checkEq(len(ch), 3, "len after close")
		for i := 0; i < 3; i++ {
			_, ok := <-ch
			check(ok, "a buffered zero-size value")
		}
		_, ok := <-ch
		check(!ok, "then closed")
	})

	twin("CH-MK-10.nil", func() {
		var a, b, zero chan int
		made := make(chan int, 1)
		check(a == b && a == zero, "nil equals nil")
		check(made != a && zero != made, "a made channel is not nil")
		variable := made
		check(variable == made, "a copy of a made channel")
		variable = a
		check(variable == zero && variable != made, "assigned nil, the variable is nil")
	})

	twin("CH-MK-10.views", func() {
		ch := make(chan int, 1)
		other := make(chan int, 1)
		var s chan<- int = ch
		var r <-chan int = ch
		sCopy := s
		rCopy := r
		var otherS chan<- int = other
		var otherR <-chan int = other
		check(ch == s && s == ch, "a channel equals its send-only view")
		check(ch == r && r == ch, "a channel equals its receive-only view")
		check(s == sCopy && r == rCopy, "views equal their copies")
		check(s != otherS && r != otherR, "views of different makes differ")
		check(ch != otherS && ch != otherR, "a channel differs from another's views")
	})

	twin("CH-MK-10.types", func() {
		identityOf[int]()
		identityOf[struct{}]()
		identityOf[*int]()
		identityOf[string]()
	})

	twin("CH-MK-11.types", func() {
		copiesShareOf(sweptInt)
		copiesShareOf(sweptEmpty)
		copiesShareOf(sweptPtr)
		copiesShareOf(sweptString)
	})

	twin("CH-MK-11.assign", func() {
		a := make(chan int, 1)
		b := make(chan int, 1)
		variable := a
		variable = b
		variable <- 7
		checkEq(len(a), 0, "nothing reached the channel the variable referred to before")
		checkEq(len(b), 1, "the value is in the channel assigned")
		close(variable)
		checkEq(<-b, 7, "the value, through the other handle")
		a <- 1
		checkEq(<-a, 1, "the first channel is still open")
	})

	twin("CH-MK-12.sweep", func() {
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			var s chan<- int = ch
			var r <-chan int = ch
			checkEq(cap(s), n, "cap through the send-only view")
			checkEq(cap(r), n, "cap through the receive-only view")
			for i := 1; i <= n; i++ {
				s <- i
				checkEq(len(r), i, "len through the receive-only view")
				checkEq(len(s), i, "len through the send-only view")
			}
			close(s)
			checkEq(len(r), n, "len through a view after close")
			for i := 1; i <= n; i++ {
				checkEq(<-r, i, "a buffered value")
				checkEq(len(s), n-i, "len through the send-only view as values leave")
			}
		}
	})

	twin("CH-MK-13", func() {
		size := 1 << 62
		ch := make(chan int, size)
		ch <- 1
	})

	twin("CH-MK-13.types", func() {
		tooLarge := []int{1 << 62, math.MaxInt64}
		const panicked = "make with a size too large panicked"
		makeOutOfRangeOf[int](tooLarge, panicked)
		makeOutOfRangeOf[*int](tooLarge, panicked)
		makeOutOfRangeOf[string](tooLarge, panicked)
	})

	twin("CH-MK-14", func() {
		size := 1 << 62
		ch := make(chan struct{}, size)
		check(cap(ch) == size, "cap is the size asked for")
		for i := 1; i <= 3; i++ {
			ch <- struct{}{}
		}
		checkEq(len(ch), 3, "len counts the values sent")
		<-ch
		checkEq(len(ch), 2, "len after a receive")
	})

	twin("CH-MK-15", func() {
		const senders = 2
		for _, n := range sweptCapacities {
			if n == 0 {
				continue // no buffer to refill
			}
			ch := make(chan int, n)
			parkSendersBehindFull(ch, n, senders, func(int) {})
			sum := 0
			for k := 1; k <= senders; k++ {
				sum += <-ch
				checkEq(len(ch), n, "a parked sender's value took the freed slot")
			}
			sum += <-ch
			checkEq(len(ch), n-1, "no sender left: the buffer drains")
			for len(ch) > 0 {
				sum += <-ch
			}
			total := n + senders
			checkEq(sum, total*(total-1)/2, "every value received once")
		}
	})
}

func unbufferedOf[T any](e sweptElem[T]) {
	for _, ch := range []chan T{make(chan T), make(chan T, 0)} {
		checkEq(cap(ch), 0, "cap of an unbuffered channel")
		checkEq(len(ch), 0, "len of an unbuffered channel")
		select {
		case ch <- e.value(1):
			check(false, "no receiver: the send cannot proceed")
		default:
		}
	}
}

func bufferOf[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		checkEq(cap(ch), n, "cap(make(chan T, n))")
		for i := 0; i < n; i++ {
			select {
			case ch <- e.value(i):
			default:
				check(false, "a send while there is room")
			}
			checkEq(len(ch), i+1, "len counts the values sent")
		}
		select {
		case ch <- e.value(n):
			check(false, "a send to the full buffer")
		default:
		}
		for i := 0; i < n; i++ {
			v, ok := <-ch
			check(ok && e.same(v, i), "the buffered values, in order")
		}
	}
}

// makeOutOfRangeOf checks that make(chan T, size) panics with "makechan: size out of range" for
// each of sizes, an ordinary panic that recover catches; panickedWhat says which sizes these are.
func makeOutOfRangeOf[T any](sizes []int, panickedWhat string) {
	for _, size := range sizes {
		message, panicked := recovered(func() { _ = make(chan T, size) })
		check(panicked, panickedWhat)
		checkEq(message, "makechan: size out of range", "the panic's message")
	}
}

// parkSendersBehindFull fills ch, of capacity n, with 0..n-1, then parks senders senders behind
// the full buffer one after another, with the values n, n+1, ...; parked(k) runs once k of them
// are parked.
func parkSendersBehindFull(ch chan int, n, senders int, parked func(k int)) {
	for i := 0; i < n; i++ {
		ch <- i
	}
	for k := 1; k <= senders; k++ {
		go func(value int) { ch <- value }(n + k - 1)
		waitBlocked(k)
		parked(k)
	}
}

func lenWrapsOf[T any](e sweptElem[T]) {
	ch := make(chan T, 3)
	sent, received := 0, 0
	for round := 0; round < 7; round++ {
		for sent-received < 3 {
			ch <- e.value(sent)
			sent++
			checkEq(len(ch), sent-received, "len after a send")
		}
		for sent-received > 1 {
			check(e.same(<-ch, received), "the values in order")
			received++
			checkEq(len(ch), sent-received, "len after a receive")
		}
		checkEq(cap(ch), 3, "cap is unchanged")
	}
}

func identityOf[T any]() {
	a := make(chan T, 1)
	copy := a
	b := make(chan T, 1)
	check(a == copy && copy == a, "a copy equals its original")
	check(a != b, "two makes of the same type and size differ")
	close(a)
	check(a == copy && a != b, "close changes no identity")
}

func copiesShareOf[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		original := make(chan T, n)
		senderCopy := original
		closerCopy := original
		go func() {
			for i := 1; i <= 3; i++ {
				senderCopy <- e.value(i)
			}
			close(closerCopy)
		}()
		for i := 1; i <= 3; i++ {
			v, ok := <-original
			check(ok && e.same(v, i), "sent through a copy, received through the original")
		}
		v, ok := <-original
		check(!ok && e.isZero(v), "closed through another copy")
	}
}
