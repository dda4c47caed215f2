package main

func init() {
	twin("CH-DIR-01", func() {
		ch := make(chan int, 2)
		var s chan<- int = ch
		var r <-chan int = ch
		s <- 1
		ch <- 2
		checkEq(<-r, 1, "sent through the send-only view")
		v, ok := <-r
		check(ok && v == 2, "sent through the channel, received through the receive-only view")
	})

	twin("N14-01", func() {
		produce := func(out chan<- int) {
			for i := 1; i <= 10; i++ {
				out <- i
			}
			close(out)
		}
		consume := func(in <-chan int, total chan<- int) {
			sum := 0
			for {
				v, ok := <-in
				if !ok {
					break
				}
				sum += v
			}
			total <- sum
		}
		ch := make(chan int)
		total := make(chan int, 1)
		go produce(ch)
		go consume(ch, total)
		checkEq(<-total, 55, "the consumer's sum of what the producer sent")
	})

	twin("CH-DIR-01.types", func() {
		producerConsumerOf(sweptInt)
		producerConsumerOf(sweptEmpty)
		producerConsumerOf(sweptPtr)
		producerConsumerOf(sweptString)
	})

	twin("CH-DIR-01.nil", func() {
		var nilChan chan int
		made := make(chan int)
		var s chan<- int = nilChan
		var r <-chan int = nilChan
		check(s == nilChan && r == nilChan, "the views of a nil channel are nil")
		check(s != made && r != made, "a nil view is not a made channel")
	})

	twin("CH-DIR-07.copies", func() {
		const senders = 3
		const perSender = 10
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			sums := make(chan int, 2)
			var out chan<- int = ch
			var in <-chan int = ch
			for g := 0; g < senders; g++ {
				copy := out
				go func(g int) {
					for i := 0; i < perSender; i++ {
						copy <- g*perSender + i
					}
				}(g)
			}
			for g := 0; g < 2; g++ {
				copy := in
				go func() {
					sum := 0
					for i := 0; i < senders*perSender/2; i++ {
						sum += <-copy
					}
					sums <- sum
				}()
			}
			const total = senders * perSender
			checkEq(<-sums+<-sums, total*(total-1)/2, "every value received once")
		}
	})
}

func producerConsumerOf[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		results := make(chan bool, 1)
		var out chan<- T = ch
		var in <-chan T = ch
		go func() {
			for i := 1; i <= 5; i++ {
				out <- e.value(i)
			}
			close(out)
		}()
		go func() {
			inOrder := true
			for i := 1; i <= 5; i++ {
				v, ok := <-in
				inOrder = inOrder && ok && e.same(v, i)
			}
			v, ok := <-in
			results <- inOrder && !ok && e.isZero(v)
		}()
		check(<-results, "the consumer got the producer's values in order, then close")
	}
}
