package main

import (
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"syscall"
)

func init() {
	twin("N1-01", func() {
		ping := make(chan int)
		pong := make(chan int)
		done := make(chan int, 2)
		go func() {
			for i := 0; i < 1000; i++ {
				pong <- <-ping + 1
			}
			done <- 1
		}()
		go func() {
			v := 0
			for i := 0; i < 1000; i++ {
				ping <- v
				v = <-pong
			}
			done <- v
		}()
		a, b := <-done, <-done
		checkEq(a+b, 1001, "both finished, after 1000 round trips")
	})

	twin("N1-02", func() {
		input := make(chan int64)
		output := make(chan int64)
		computed := make(chan int64)
		go func() { output <- (<-input) * 2 }()
		go func() {
			var sum int64
			for i := int64(1); i <= 100000; i++ {
				sum += i
			}
			computed <- sum
		}()
		input <- <-computed
		checkEq(<-output, int64(10000100000), "the waiting goroutine ran once its input came")
	})

	twin("N2-01", func() {
		gate := make(chan int)
		done := make(chan int)
		go func() { done <- <-gate + 1 }()
		gate <- 41
		checkEq(<-done, 42, "the goroutine finished after the caller went on")
	})

	twin("N2-02", func() {
		const goroutines = 10000
		release := make(chan int)
		done := make(chan int, goroutines)
		for i := 0; i < goroutines; i++ {
			go func() {
				_, ok := <-release
				if ok {
					done <- 0
				} else {
					done <- 1
				}
			}()
		}
		close(release)
		finished := 0
		for i := 0; i < goroutines; i++ {
			finished += <-done
		}
		checkEq(finished, goroutines, "every goroutine finished")
	})

	twin("N4-01", func() {
		var stop int32
		spinning := make(chan int)
		go func() {
			spinning <- 1
			for atomic.LoadInt32(&stop) == 0 {
			}
		}()
		<-spinning
		ping := make(chan int)
		go func() {
			for i := 0; i < 100; i++ {
				ping <- i
			}
		}()
		for i := 0; i < 100; i++ {
			checkEq(<-ping, i, "the others run beside the spinner")
		}
		atomic.StoreInt32(&stop, 1)
	})

	twin("N5-01", func() {
		var fds [2]int
		check(syscall.Pipe(fds[:]) == nil, "pipe")
		go func() {
			n, _ := syscall.Write(fds[1], []byte{'x'})
			check(n == 1, "write to the pipe")
		}()
		buf := make([]byte, 1)
		n, _ := syscall.Read(fds[0], buf)
		check(n == 1, "read from the pipe")
		checkEq(buf[0], byte('x'), "the byte the other goroutine wrote while this one was in read")
	})

	twin("N6-01", func() {
		before := runtime.NumGoroutine()
		never := make(chan int)
		for i := 0; i < 3; i++ {
			go func() { <-never }()
		}
		waitBlocked(3)
		checkEq(runtime.NumGoroutine(), before+3, "three blocked goroutines are counted")
	})

	twin("N6-02", func() {
		before := runtime.NumGoroutine()
		done := make(chan int)
		for i := 0; i < 3; i++ {
			go func() { done <- 1 }()
		}
		for i := 0; i < 3; i++ {
			<-done
		}
		for runtime.NumGoroutine() != before {
			runtime.Gosched()
		}
		checkEq(runtime.NumGoroutine(), before, "returned goroutines are gone")
	})

	twin("N7-01", func() {
		env := os.Getenv("GOMAXPROCS")
		check(env != "", "the runner sets GOMAXPROCS")
		want, _ := strconv.Atoi(env)
		checkEq(runtime.GOMAXPROCS(0), want, "GOMAXPROCS(0)")
	})

	twin("N7-02", func() {
		start := runtime.GOMAXPROCS(0)
		other := 1
		if start == 1 {
			other = 2
		}
		checkEq(runtime.GOMAXPROCS(other), start, "GOMAXPROCS(n) returns the previous setting")
		checkEq(runtime.GOMAXPROCS(0), other, "the new setting")
		ch := make(chan int)
		go func() { ch <- 1 }()
		checkEq(<-ch, 1, "goroutines run at the new setting")
		checkEq(runtime.GOMAXPROCS(start), other, "set back")
	})
}
