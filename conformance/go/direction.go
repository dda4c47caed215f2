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
}
