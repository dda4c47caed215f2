package main

import (
	"runtime"
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
}
