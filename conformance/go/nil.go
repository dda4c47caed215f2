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

	twin("CH-SEL-11", func() {
		var nilChan chan int
		select {
		case <-nilChan:
		case nilChan <- 1:
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
}
