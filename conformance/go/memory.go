package main

import (
	"runtime"
	"strconv"
	"sync/atomic"
)

func init() {
	twin("MM-01", func() {
		for _, n := range sweptCapacities {
			for round := 0; round < 100; round++ {
				ch := make(chan int, n)
				var data int32
				go func(round int) {
					atomic.StoreInt32(&data, int32(round+1))
					ch <- 1
				}(round)
				<-ch
				checkEq(atomic.LoadInt32(&data), int32(round+1), "written before the send")
			}
		}
	})

	twin("MM-02", func() {
		for round := 0; round < 100; round++ {
			ch := make(chan int)
			var data int32
			go func(round int) {
				atomic.StoreInt32(&data, int32(round+1))
				close(ch)
			}(round)
			_, ok := <-ch
			check(!ok, "woken by the close")
			checkEq(atomic.LoadInt32(&data), int32(round+1), "written before the close")
		}
	})

	twin("MM-04", func() {
		const limit, workers = 2, 8
		semaphore := make(chan int, limit)
		done := make(chan int, workers)
		var active, most int32
		for w := 0; w < workers; w++ {
			go func() {
				for i := 0; i < 20; i++ {
					semaphore <- 1
					now := atomic.AddInt32(&active, 1)
					for {
						seen := atomic.LoadInt32(&most)
						if now <= seen || atomic.CompareAndSwapInt32(&most, seen, now) {
							break
						}
					}
					runtime.Gosched()
					atomic.AddInt32(&active, -1)
					<-semaphore
				}
				done <- 1
			}()
		}
		for w := 0; w < workers; w++ {
			<-done
		}
		check(atomic.LoadInt32(&most) <= limit, "no more holders than the capacity")
	})

	twin("MM-05", func() {
		out := make(chan int, 1)
		x := 1
		go func(x int) { out <- x }(x)
		x = 2
		checkEq(<-out, 1, "the value x had at the go statement")
		checkEq(x, 2, "the caller's later write")
	})

	twin("MM-01.plain", func() {
		type record struct {
			number int
			text   string
		}
		for _, n := range sweptCapacities {
			for round := 0; round < 100; round++ {
				ch := make(chan int, n)
				data := &record{}
				go func(round int) {
					data.number = round + 1
					data.text = "round " + strconv.Itoa(round)
					ch <- 1
				}(round)
				<-ch
				checkEq(data.number, round+1, "written before the send")
				checkEq(data.text, "round "+strconv.Itoa(round), "written before the send")
			}
		}
	})

	twin("MM-01.chain", func() {
		for round := 0; round < 100; round++ {
			first := make(chan int)
			second := make(chan int, 1)
			var x, y int
			go func(round int) {
				x = round + 1
				first <- 1
			}(round)
			go func() {
				<-first
				y = x * 2
				second <- 1
			}()
			<-second
			checkEq(x, round+1, "the first goroutine's write")
			checkEq(y, (round+1)*2, "the second goroutine's write, from what it saw")
		}
	})

	twin("MM-01.ownership", func() {
		for _, n := range sweptCapacities {
			toWorker := make(chan *[]int, n)
			toMain := make(chan *[]int, n)
			go func() {
				for i := 0; i < 100; i++ {
					v := <-toWorker
					*v = append(*v, (*v)[len(*v)-1]+1)
					toMain <- v
				}
			}()
			v := &[]int{0}
			for i := 0; i < 100; i++ {
				*v = append(*v, (*v)[len(*v)-1]+1)
				toWorker <- v
				v = <-toMain
			}
			countsUp := len(*v) == 201
			for k := 0; countsUp && k < len(*v); k++ {
				countsUp = (*v)[k] == k
			}
			check(countsUp, "every extension by either owner is there, in turn")
		}
	})

	twin("MM-02.plain", func() {
		for _, n := range sweptCapacities {
			for round := 0; round < 100; round++ {
				ch := make(chan int, n)
				var data string
				go func(round int) {
					data = "round " + strconv.Itoa(round)
					close(ch)
				}(round)
				_, ok := <-ch
				check(!ok, "woken by the close")
				checkEq(data, "round "+strconv.Itoa(round), "written before the close")
			}
		}
	})

	twin("MM-02.range", func() {
		for round := 0; round < 100; round++ {
			ch := make(chan int, 2)
			total := 0
			go func() {
				sum := 0
				for i := 1; i <= 5; i++ {
					ch <- i
					sum += i
				}
				total = sum
				close(ch)
			}()
			received := 0
			for v := range ch {
				received += v
			}
			checkEq(received, 15, "every value")
			checkEq(total, 15, "written before the close, seen after the loop")
		}
	})

	twin("MM-03.plain", func() {
		for round := 0; round < 100; round++ {
			ch := make(chan int)
			var data string
			go func(round int) {
				data = "round " + strconv.Itoa(round)
				<-ch
			}(round)
			ch <- 1
			checkEq(data, "round "+strconv.Itoa(round), "written before the receive")
		}
	})

	twin("MM-04.mutex", func() {
		const workers, increments = 4, 500
		lock := make(chan struct{}, 1)
		counter := 0
		done := make(chan int, workers)
		for w := 0; w < workers; w++ {
			go func() {
				for i := 0; i < increments; i++ {
					lock <- struct{}{}
					seen := counter
					if i%50 == 0 {
						runtime.Gosched() // others try the lock meanwhile
					}
					counter = seen + 1
					<-lock
				}
				done <- 1
			}()
		}
		for w := 0; w < workers; w++ {
			<-done
		}
		checkEq(counter, workers*increments, "no update lost")
	})

	twin("MM-04.kth", func() {
		const values = 200
		for _, c := range sweptCapacities {
			ch := make(chan int, c)
			beforeReceive := make([]int, values)
			finished := make(chan int)
			go func() {
				for k := 0; k < values; k++ {
					beforeReceive[k] = k + 1 // before the (k+1)-th receive
					<-ch
				}
				finished <- 1
			}()
			for j := 0; j < values; j++ {
				ch <- j // the (j+1)-th send: it completes after the (j+1-C)-th receive
				if j >= c {
					checkEq(beforeReceive[j-c], j-c+1, "written before that receive")
				}
			}
			<-finished
		}
	})

	twin("MM-05.function", func() {
		out := make(chan int, 2)
		f := func() { out <- 1 }
		go f()
		f = func() { out <- 2 }
		go f()
		a, b := <-out, <-out
		check(a+b == 3 && a != b, "each goroutine ran the function f held at its go statement")
	})

	twin("MM-06", func() {
		const goroutines = 100
		data := make([]int, goroutines)
		for g := range data {
			data[g] = -1
		}
		sums := make(chan int, goroutines)
		for g := 0; g < goroutines; g++ {
			data[g] = g // before the go statement; the goroutine reads only up to here
			go func(size int) {
				sum := 0
				for k := 0; k < size; k++ {
					sum += data[k]
				}
				sums <- sum
			}(g + 1)
		}
		total := 0
		for g := 0; g < goroutines; g++ {
			total += <-sums
		}
		want := 0
		for g := 0; g < goroutines; g++ {
			want += g * (g + 1) / 2
		}
		checkEq(total, want, "every goroutine saw what was written before its go statement")
	})
}
