package main

func init() {
	twin("CH-RNG-01", func() {
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			checkRangeUntilClosed(sweptInt, ch, ch)
		}
	})

	twin("CH-RNG-01.types", func() {
		rangeInOrderOf(sweptInt)
		rangeInOrderOf(sweptEmpty)
		rangeInOrderOf(sweptPtr)
		rangeInOrderOf(sweptString)
	})

	twin("CH-RNG-01.recv-only", func() {
		for _, n := range sweptCapacities {
			ch := make(chan int, n)
			var s chan<- int = ch
			var r <-chan int = ch
			checkRangeUntilClosed(sweptInt, s, r)
		}
	})

	twin("CH-RNG-01.closed-first", func() {
		for _, n := range []int{1, 5} {
			ch := closedHolding(n)
			expected := 0
			for v := range ch {
				checkEq(v, expected, "a buffered value, in order")
				expected++
			}
			checkEq(expected, n, "every buffered value, then the loop ended")
		}
	})

	twin("CH-RNG-01.break", func() {
		ch := closedHolding(5)
		expected := 0
		for v := range ch {
			checkEq(v, expected, "the first loop's values")
			expected++
			if v == 1 {
				break
			}
		}
		for v := range ch {
			checkEq(v, expected, "the second loop's values")
			expected++
		}
		checkEq(expected, 5, "every value once over the two loops")
	})

	twin("CH-RNG-01.parked", func() {
		ch := make(chan int)
		result := make(chan int, 1)
		go func() {
			count := 0
			for v := range ch {
				if v == count {
					count++
				}
			}
			result <- count
		}()
		for i := 0; i < 3; i++ {
			ch <- i
		}
		waitBlocked(1)
		checkEq(len(result), 0, "the loop has not ended")
		close(ch)
		checkEq(<-result, 3, "the loop saw three values in order, then ended")
	})

	twin("CH-RNG-02", func() {
		var nilChan chan int
		for range nilChan {
			check(false, "a value from a nil channel")
		}
	})

	twin("CH-RNG-02.goroutine", func() {
		done := make(chan int, 1)
		go func() {
			var nilChan chan int
			for range nilChan {
				check(false, "a value from a nil channel")
			}
			done <- 1
		}()
		waitBlocked(1)
		checkEq(len(done), 0, "the loop never ends")
	})

	twin("CH-RNG-02.view", func() {
		var r <-chan int
		for range r {
			check(false, "a value from a nil channel")
		}
	})

	twin("CH-RNG-03", func() {
		rangeClosedEmpty[int]()
	})

	twin("CH-RNG-03.types", func() {
		rangeClosedEmpty[int]()
		rangeClosedEmpty[struct{}]()
		rangeClosedEmpty[*int]()
		rangeClosedEmpty[string]()
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

	twin("CH-RNG-04.goroutine", func() {
		ch := make(chan int)
		got := make(chan int, 5)
		ended := make(chan int, 1)
		go func() {
			for v := range ch {
				got <- v
			}
			ended <- 1
		}()
		for i := 0; i < 5; i++ {
			ch <- i
		}
		for i := 0; i < 5; i++ {
			checkEq(<-got, i, "every value sent, in order")
		}
		waitBlocked(1)
		checkEq(len(ended), 0, "the loop waits for more, never ends")
	})

	twin("CH-RNG-04.unbuffered", func() {
		ch := make(chan int)
		go func() {
			for i := 0; i < 3; i++ {
				ch <- i
			}
		}()
		seen := 0
		for v := range ch {
			checkEq(v, seen, "a value sent")
			seen++
		}
	})

	twin("CH-RNG-05", func() {
		ch := closedHolding(5)
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

	twin("CH-RNG-05.reassign", func() {
		first := closedHolding(3)
		second := make(chan int, 1)
		second <- 100
		close(second)
		ch := rangeReassigning(first, second)
		check(ch == second, "the variable was reassigned")
		checkEq(<-second, 100, "the other channel was not read")
	})

	twin("CH-RNG-05.nil", func() {
		rangeReassigning(closedHolding(3), nil)
	})
}

// closedHolding is a channel of capacity n holding 0..n-1, closed.
func closedHolding(n int) chan int {
	ch := make(chan int, n)
	for i := 0; i < n; i++ {
		ch <- i
	}
	close(ch)
	return ch
}

// checkRangeUntilClosed has a goroutine send the values numbered 1..10 on s and close it, while
// it ranges over r (the same channel, or a view of it): every value, in order, then the loop
// ends.
func checkRangeUntilClosed[T any](e sweptElem[T], s chan<- T, r <-chan T) {
	go func() {
		for i := 1; i <= 10; i++ {
			s <- e.value(i)
		}
		close(s)
	}()
	expected := 1
	for v := range r {
		check(e.same(v, expected), "the next value, in order")
		expected++
	}
	checkEq(expected, 11, "every value, then the loop ended")
}

// rangeReassigning ranges over ch, a closed channel holding 0, 1, 2, assigning other to the
// variable inside the loop: the loop still yields the values of the channel it started on, then
// ends. It returns the variable.
func rangeReassigning(ch, other chan int) chan int {
	expected := 0
	for v := range ch {
		checkEq(v, expected, "values of the channel the loop started on")
		expected++
		ch = other
	}
	checkEq(expected, 3, "all of them, then the loop ended")
	return ch
}

// rangeInOrderOf is CH-RNG-01.types for one element type.
func rangeInOrderOf[T any](e sweptElem[T]) {
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		checkRangeUntilClosed(e, ch, ch)
	}
}

// rangeClosedEmpty is CH-RNG-03.types for one element type.
func rangeClosedEmpty[T any]() {
	for _, n := range sweptCapacities {
		ch := make(chan T, n)
		close(ch)
		for range ch {
			check(false, "an iteration over a closed, empty channel")
		}
	}
}
