package main

import (
	"runtime"
	"sync"
	"syscall"
	"time"
)

func init() {
	twin("RT-01", func() {
		started := make(chan int)
		go func() {
			started <- 1
			for {
				runtime.Gosched()
			}
		}()
		<-started
	})

	twin("RT-04", func() {
		never := make(chan int)
		started := make(chan int, 2)
		go func() {
			started <- 1
			<-never
		}()
		go func() {
			started <- 1
			never <- 1
			never <- 2
		}()
		<-started
		<-started
	})

	twin("N11-01", func() {
		ch := make(chan int)
		ch <- 1
	})

	twin("RT-02", func() {
		a := make(chan int)
		b := make(chan int)
		go func() {
			<-b
			a <- 1
		}()
		<-a
	})

	twin("RT-02.later", func() {
		work := make(chan int)
		go func() {
			for i := 0; i < 100; i++ {
				work <- i
			}
		}()
		for {
			<-work
		}
	})

	twin("RT-05", func() {
		go func() { time.Sleep(time.Hour) }()
		<-make(chan int)
	})

	twin("RT-08", func() {
		panic("boom")
	})

	twin("RT-08.goroutine", func() {
		go func() { panic("boom in a goroutine") }()
		<-make(chan int)
	})

	twin("RT-01.spinning", func() {
		started := make(chan int)
		go func() {
			started <- 1
			for {
			}
		}()
		<-started
	})

	twin("RT-01.runnable", func() {
		for i := 0; i < 1000; i++ {
			go func() {
				for {
					runtime.Gosched()
				}
			}()
		}
	})

	twin("RT-01.blocking-call", func() {
		var fds [2]int
		check(syscall.Pipe(fds[:]) == nil, "pipe")
		entering := make(chan int)
		go func() {
			entering <- 1
			syscall.Read(fds[0], make([]byte, 1)) // nobody writes
		}()
		<-entering
	})

	twin("RT-01.sleeping", func() {
		started := make(chan int)
		go func() {
			started <- 1
			time.Sleep(time.Hour)
		}()
		<-started
	})

	twin("RT-04.many", func() {
		never := make(chan int)
		full := make(chan int, 1)
		full <- 0
		var nilChan chan int
		for i := 0; i < 20; i++ {
			go func() { <-never }()
			go func() { full <- 1 }()
			go func() {
				select {
				case <-never:
				case full <- 2:
				}
			}()
			go func() { nilChan <- 3 }()
			go func() { <-nilChan }()
		}
		waitBlocked(100)
	})

	twin("RT-04.main-runs", func() {
		never := make(chan int)
		for i := 0; i < 10; i++ {
			go func() { <-never }()
		}
		request := make(chan int)
		reply := make(chan int)
		go func() {
			for {
				n := <-request
				sum := 0
				for k := 0; k < 1000; k++ {
					sum += k % (n + 1)
				}
				reply <- sum % 7
			}
		}()
		for i := 0; i < 200; i++ {
			request <- i
			r := <-reply
			check(r >= 0 && r < 7, "the worker's answer")
		}
	})

	twin("N11-01.goroutines", func() {
		other := make(chan int)
		for i := 0; i < 3; i++ {
			go func() { <-other }()
		}
		ch := make(chan int)
		ch <- 1
	})

	twin("RT-02.several", func() {
		unreceived := make(chan int)
		unsent := make(chan int)
		quiet1 := make(chan int)
		quiet2 := make(chan int)
		var nilChan chan int
		go func() { unreceived <- 1 }()
		go func() { <-unsent }()
		go func() {
			select {
			case <-quiet1:
			case <-quiet2:
			}
		}()
		go func() { nilChan <- 1 }()
		go func() { <-nilChan }()
		<-make(chan int)
	})

	twin("RT-02.sync", func() {
		var m sync.Mutex
		m.Lock()
		go func() { m.Lock() }()
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { wg.Wait() }()
		<-make(chan int)
	})

	twin("RT-02.many", func() {
		const links = 100
		never := make(chan int)
		head := make(chan int)
		in := head
		for i := 0; i < links; i++ {
			out := make(chan int)
			go func(in, out chan int) {
				out <- <-in + 1
				<-never
			}(in, out)
			in = out
		}
		head <- 0
		checkEq(<-in, links, "the value went down the chain")
		<-never
	})

	twin("RT-02.select", func() {
		unreceived := make(chan int)
		go func() { unreceived <- 1 }()
		a := make(chan int)
		b := make(chan int, 1)
		select {
		case <-a:
		case <-b:
		}
	})

	twin("RT-02.full", func() {
		ch := make(chan int, 2)
		ch <- 1
		ch <- 2
		ch <- 3
	})

	twin("RT-02.gomaxprocs", func() {
		if runtime.GOMAXPROCS(0) == 1 {
			runtime.GOMAXPROCS(2)
		} else {
			runtime.GOMAXPROCS(1)
		}
		never := make(chan int)
		go func() { <-never }()
		<-never
	})

	twin("RT-02.after-blocking-call", func() {
		var fds [2]int
		check(syscall.Pipe(fds[:]) == nil, "pipe")
		never := make(chan int)
		go func() {
			n, _ := syscall.Read(fds[0], make([]byte, 1))
			check(n == 1, "read from the pipe")
			<-never
		}()
		go func() {
			n, _ := syscall.Write(fds[1], []byte{'x'})
			check(n == 1, "write to the pipe")
		}()
		<-never
	})

	twin("RT-05.fired", func() {
		go func() { time.Sleep(10 * time.Millisecond) }()
		<-make(chan int)
	})

	twin("RT-05.after", func() {
		select {
		case <-make(chan int):
		case <-time.After(time.Hour):
		}
	})

	twin("RT-05.main-sleeps", func() {
		never := make(chan int)
		go func() { <-never }()
		time.Sleep(time.Hour)
	})

	twin("RT-08.main-running", func() {
		go func() { panic("boom while main runs") }()
		for {
			runtime.Gosched()
		}
	})

	twin("RT-08.no-cross-recover", func() {
		_, caught := recovered(func() {
			go func() { panic("boom in a goroutine") }()
			<-make(chan int)
		})
		check(!caught, "main recovered another goroutine's panic")
	})

	twin("RT-10.deadlock", func() {
		recovered(func() { <-make(chan int) })
		check(false, "the deadlock was recovered")
	})

	twin("RT-10.deferred", func() {
		never := make(chan int)
		go func() {
			defer check(false, "a deferred call ran after the fatal error")
			<-never
		}()
		defer check(false, "a deferred call ran after the fatal error")
		<-never
	})
}
