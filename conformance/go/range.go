package main

func init() {
	twin("CH-RNG-01", func() {
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			go func() {
				for i := 1; i <= 10; i++ {
					ch <- i
				}
				close(ch)
			}()
			expected := 1
			for v := range ch {
				checkEq(v, expected, "the next value, in order")
				expected++
			}
			checkEq(expected, 11, "every value, then the loop ended")
		}
	})

	twin("CH-RNG-02", func() {
		var nilChan chan int
		for range nilChan {
			check(false, "a value from a nil channel")
		}
	})

	twin("CH-RNG-03", func() {
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			close(ch)
			for range ch {
				check(false, "an iteration over a closed, empty channel")
			}
		}
	})

	twin("CH-RNG-04", func() {
		ch := make(chan int, 3)
		for i := 0; i < 3; i++ {
			ch <- i
		}
		seen := 0
		for v := range ch {
			checkEq(v, seen, "a buffered value")
			seen++
		}
	})

	twin("CH-RNG-05", func() {
		ch := make(chan int, 5)
		for i := 0; i < 5; i++ {
			ch <- i
		}
		close(ch)
		evaluations := 0
		rangeExpression := func() chan int {
			evaluations++
			return ch
		}
		iterations := 0
		for v := range rangeExpression() {
			if v >= 0 {
				iterations++
			}
		}
		checkEq(iterations, 5, "iterations")
		checkEq(evaluations, 1, "evaluations of the range expression")
	})
}
