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
		results := make(chan bool, receivers)
		for i := 0; i < receivers; i++ {
			go func() {
				v, ok := <-ch
				results <- !ok && v == 0
			}()
		}
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
			results := make(chan bool, receivers)
			for i := 0; i < receivers; i++ {
				go func() {
					v, ok := <-ch
					results <- !ok && v == 0
				}()
			}
			close(ch)
			for i := 0; i < receivers; i++ {
				check(<-results, "a receiver got (0, false)")
			}
		}
	})

	twin("CH-CLS-04", func() {
		const senders = 3
		ch := make(chan int)
		messages := make(chan string, senders)
		for i := 0; i < senders; i++ {
			go func(i int) {
				message, panicked := recovered(func() { ch <- i })
				if !panicked {
					message = "no panic"
				}
				messages <- message
			}(i)
		}
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
		result := make(chan int, 1)
		go func() {
			select {
			case v, ok := <-a:
				if !ok && v == 0 {
					result <- 1
				} else {
					result <- 0
				}
			case <-b:
				result <- 0
			}
		}()
		waitBlocked(1)
		close(a)
		checkEq(<-result, 1, "the select woke on the closed channel's case with (0, false)")
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
			ch := make(chan int)
			message := make(chan string, 1)
			go func() {
				m, panicked := recovered(func() { ch <- 1 })
				if !panicked {
					m = "no panic"
				}
				message <- m
			}()
			close(ch)
			checkEq(<-message, "send on closed channel", "the racing send")
		}
	})
}
