package main

import (
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// startSpinner starts a goroutine that spins, never blocking or yielding, until *stop is set,
// and returns once it is spinning (for the preemption cases, N4).
func startSpinner(stop *int32) {
	spinning := make(chan int)
	go func() {
		spinning <- 1
		for atomic.LoadInt32(stop) == 0 {
		}
	}()
	<-spinning
}

// checkOthersRun checks that other goroutines still run beside the spinners: one sends 0..99
// on an unbuffered channel, each send waiting for main's receive, and main gets them all, in
// order.
func checkOthersRun(what string) {
	ping := make(chan int)
	go func() {
		for i := 0; i < 100; i++ {
			ping <- i
		}
	}()
	for i := 0; i < 100; i++ {
		checkEq(<-ping, i, what)
	}
}

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
		startSpinner(&stop)
		checkOthersRun("the others run beside the spinner")
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

	twin("N7-06", func() {
		_, set := os.LookupEnv("GOMAXPROCS")
		check(!set, "the runner leaves GOMAXPROCS unset")
		checkEq(runtime.GOMAXPROCS(0), runtime.NumCPU(), "GOMAXPROCS(0) without the variable")
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

	twin("N1-01.yield", func() {
		var ran int32
		go func() { atomic.StoreInt32(&ran, 1) }()
		for atomic.LoadInt32(&ran) == 0 {
			runtime.Gosched()
		}
	})

	twin("N1-01.workers", func() {
		const workers, jobs = 4, 200
		work := make(chan int)
		results := make(chan int)
		for w := 0; w < workers; w++ {
			go func() {
				for {
					job, ok := <-work
					if !ok {
						return
					}
					results <- job
				}
			}()
		}
		go func() {
			for j := 0; j < jobs; j++ {
				work <- j
			}
			close(work)
		}()
		done := make([]int, jobs)
		for i := 0; i < jobs; i++ {
			job := <-results
			check(job >= 0 && job < jobs, "a job that was sent")
			done[job]++
		}
		for j := 0; j < jobs; j++ {
			checkEq(done[j], 1, "every job done exactly once")
		}
	})

	twin("N1-02.select", func() {
		quiet := make(chan int64)
		input := make(chan int64)
		output := make(chan int64)
		go func() {
			select { // waits first
			case <-quiet:
				output <- -1
			case v := <-input:
				output <- v * 2
			}
		}()
		go func() {
			var sum int64
			for i := int64(1); i <= 100000; i++ {
				sum += i
			}
			input <- sum
		}()
		checkEq(<-output, int64(10000100000), "the selecting goroutine ran once its input came")
	})

	twin("N1-03", func() {
		const members, rounds = 5, 200
		links := make([]chan int, members)
		for m := range links {
			links[m] = make(chan int)
		}
		var log []int // written only by the token's holder
		done := make(chan int)
		for m := 0; m < members; m++ {
			go func(m int) {
				for r := 0; r < rounds; r++ {
					token := <-links[m]
					log = append(log, m)
					if m == members-1 && r == rounds-1 {
						done <- token + 1
					} else {
						links[(m+1)%members] <- token + 1
					}
				}
			}(m)
		}
		links[0] <- 0
		checkEq(<-done, members*rounds, "the token went round every time")
		checkEq(len(log), members*rounds, "every turn logged")
		inTurn := true
		for i, m := range log {
			inTurn = inTurn && m == i%members
		}
		check(inTurn, "the goroutines ran strictly in ring order")
	})

	twin("N2-03", func() {
		before := runtime.NumGoroutine()
		gate := make(chan int)
		reply := make(chan int)
		startWorker := func() {
			go func() { reply <- (<-gate) * 2 }()
		}
		starterDone := make(chan int)
		go func() {
			startWorker()
			starterDone <- 1
		}()
		<-starterDone
		for runtime.NumGoroutine() != before+1 { // the starter has ended, the worker not
			runtime.Gosched()
		}
		gate <- 21
		checkEq(<-reply, 42, "the worker outlived its starter")
	})

	twin("N4-01.two-spinners", func() {
		var stop int32
		startSpinner(&stop)
		startSpinner(&stop)
		checkOthersRun("the others run beside the spinners")
		atomic.StoreInt32(&stop, 1)
	})

	twin("N4-01.main-spins", func() {
		var flag int32
		go func() { atomic.StoreInt32(&flag, 1) }()
		for atomic.LoadInt32(&flag) == 0 {
		}
	})

	twin("N4-01.timer", func() {
		var stop int32
		startSpinner(&stop)
		time.Sleep(10 * time.Millisecond) // wakes only if the spinner gives the thread up
		atomic.StoreInt32(&stop, 1)
	})

	twin("N4-01.handoff-pair", func() {
		a, b, done := make(chan int), make(chan int), make(chan int)
		go func() {
			for {
				a <- 1
				<-b
			}
		}()
		go func() {
			for {
				<-a
				b <- 1
			}
		}()
		runtime.Gosched() // the pair starts passing the processor back and forth
		go func() { done <- 1 }()
		go func() {}() // spawned last, so the one above waits in the queue, not first in line
		checkEq(<-done, 1, "the goroutine queued behind the pair ran")
	})

	twin("N4-01.spawn-loop", func() {
		ran := make(chan int, 40)
		var stop int32
		for i := 0; i < 40; i++ {
			go func() { ran <- 1 }()
		}
		go func() {
			for atomic.LoadInt32(&stop) == 0 {
				go func() {}()
			}
		}()
		for i := 0; i < 40; i++ {
			<-ran
		}
		atomic.StoreInt32(&stop, 1)
	})

	twin("N5-01.chain", func() {
		var fds [2]int
		check(syscall.Pipe(fds[:]) == nil, "pipe")
		first := make(chan int)
		second := make(chan int)
		go func() { first <- 20 }()
		go func() { second <- <-first + 1 }()
		go func() {
			n, _ := syscall.Write(fds[1], []byte{byte(<-second)})
			check(n == 1, "write to the pipe")
		}()
		buf := make([]byte, 1)
		n, _ := syscall.Read(fds[0], buf)
		check(n == 1, "read from the pipe")
		checkEq(int(buf[0]), 21, "the chain ran while main was in read")
	})

	twin("N5-01.many", func() {
		const readers = 3
		var pipes [readers][2]int
		for r := range pipes {
			check(syscall.Pipe(pipes[r][:]) == nil, "pipe")
		}
		got := make(chan int, readers)
		for r := 0; r < readers; r++ {
			go func(fd int) {
				buf := make([]byte, 1)
				n, _ := syscall.Read(fd, buf)
				check(n == 1, "read from the pipe")
				got <- int(buf[0])
			}(pipes[r][0])
		}
		ping := make(chan int)
		pong := make(chan int)
		go func() {
			for i := 0; i < 100; i++ {
				pong <- <-ping + 1
			}
		}()
		for i := 0; i < 100; i++ {
			ping <- i
			checkEq(<-pong, i+1, "channel work beside the blocked readers")
		}
		for r := 0; r < readers; r++ {
			n, _ := syscall.Write(pipes[r][1], []byte{byte('a' + r)})
			check(n == 1, "write to the pipe")
		}
		sum := 0
		for r := 0; r < readers; r++ {
			sum += <-got
		}
		checkEq(sum, 'a'+'b'+'c', "every reader got its byte")
	})

	twin("N5-02", func() {
		var fds [2]int
		check(syscall.Pipe(fds[:]) == nil, "pipe")
		done := make(chan int)
		go func() {
			syscall.Read(fds[0], make([]byte, 1)) // nobody writes
			done <- 1
		}()
		<-done
	})

	twin("N6-01.runnable", func() {
		before := runtime.NumGoroutine()
		never := make(chan int)
		for i := 0; i < 5; i++ {
			go func() { <-never }()
		}
		checkEq(runtime.NumGoroutine(), before+5, "counted at once, run or not")
		waitBlocked(5)
		checkEq(runtime.NumGoroutine(), before+5, "and still counted once blocked")
	})

	twin("N6-01.running", func() {
		before := runtime.NumGoroutine()
		var stop int32
		startSpinner(&stop)
		checkEq(runtime.NumGoroutine(), before+1, "the spinning goroutine is counted")
		atomic.StoreInt32(&stop, 1)
	})

	twin("N6-01.sleeping", func() {
		before := runtime.NumGoroutine()
		go time.Sleep(time.Hour)
		waitBlocked(1)
		checkEq(runtime.NumGoroutine(), before+1, "the sleeper is counted")
	})

	twin("N6-01.mutex", func() {
		before := runtime.NumGoroutine()
		var m sync.Mutex
		done := make(chan int)
		m.Lock()
		go func() {
			m.Lock()
			m.Unlock()
			done <- 1
		}()
		waitBlocked(1)
		checkEq(runtime.NumGoroutine(), before+1, "the goroutine waiting on the lock is counted")
		m.Unlock()
		checkEq(<-done, 1, "it runs on once the lock is free")
	})

	twin("N6-03", func() {
		wakeups := make([]chan int, 3)
		for i := range wakeups {
			wakeups[i] = make(chan int)
		}
		replies := make(chan int)
		for i := 0; i < 3; i++ {
			go func(wake chan int) { replies <- <-wake }(wakeups[i])
		}
		waitBlocked(3)
		trySend := func(ch chan int, v int) bool {
			select {
			case ch <- v:
				return true
			default:
				return false
			}
		}
		check(trySend(wakeups[1], 11), "the second was waiting")
		checkEq(<-replies, 11, "and ran on once woken")
		check(trySend(wakeups[0], 10), "the first is still waiting")
		check(trySend(wakeups[2], 12), "the third is still waiting")
		sum := <-replies + <-replies
		checkEq(sum, 22, "both ran on once woken")
	})

	twin("N7-02.goroutine", func() {
		start := runtime.GOMAXPROCS(0)
		other := 1
		if start == 1 {
			other = 2
		}
		previous := make(chan int)
		go func() { previous <- runtime.GOMAXPROCS(other) }()
		checkEq(<-previous, start, "the goroutine saw the previous setting")
		checkEq(runtime.GOMAXPROCS(0), other, "main sees the goroutine's setting")
		runtime.GOMAXPROCS(start)
	})

	twin("N7-03", func() {
		start := runtime.GOMAXPROCS(0)
		checkEq(runtime.GOMAXPROCS(0), start, "GOMAXPROCS(0)")
		checkEq(runtime.GOMAXPROCS(-1), start, "GOMAXPROCS(-1)")
		checkEq(runtime.GOMAXPROCS(0), start, "unchanged")
	})

	twin("N7-04", func() {
		start := runtime.GOMAXPROCS(0)
		wide := runtime.NumCPU() + 2
		checkEq(runtime.GOMAXPROCS(wide), start, "the previous setting")
		checkEq(runtime.GOMAXPROCS(0), wide, "more processors than cores")
		done := make(chan int)
		for i := 0; i < wide; i++ {
			go func(i int) {
				sum := 0
				for k := 0; k < 10000; k++ {
					sum += k
				}
				if sum == 49995000 {
					done <- i
				} else {
					done <- -1
				}
			}(i)
		}
		total := 0
		for i := 0; i < wide; i++ {
			total += <-done
		}
		checkEq(total, wide*(wide-1)/2, "every goroutine ran at the wide setting")
		runtime.GOMAXPROCS(start)
	})

	twin("N7-05", func() {
		const perSetting = 10
		settings := []int{3, 1, 2, 4, 1}
		goroutines := perSetting * len(settings)
		start := runtime.GOMAXPROCS(0)
		release := make(chan int)
		done := make(chan int, goroutines)
		for i := 0; i < goroutines; i++ {
			go func() {
				v := <-release
				runtime.Gosched()
				done <- v
			}()
		}
		sent := 0
		for _, n := range settings {
			runtime.GOMAXPROCS(n)
			checkEq(runtime.GOMAXPROCS(0), n, "the new setting")
			for k := 0; k < perSetting; k++ {
				sent++
				release <- sent
			}
		}
		sum := 0
		for i := 0; i < goroutines; i++ {
			sum += <-done
		}
		checkEq(sum, goroutines*(goroutines+1)/2, "every goroutine finished")
		runtime.GOMAXPROCS(start)
	})
}
