package main

import (
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
)

// safeCounter is the notes' SafeCounter (N8): its map is only touched under its mutex.
type safeCounter struct {
	mu sync.Mutex
	v  map[string]int
}

func (c *safeCounter) inc(key string) {
	c.mu.Lock()
	c.v[key]++
	c.mu.Unlock()
}

func (c *safeCounter) value(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.v[key]
}

// goAndReport starts a goroutine that runs f and then sends 1 on the channel returned, whose
// buffer keeps that send from waiting: the channel holds a value once f has returned.
func goAndReport(f func()) chan int {
	returned := make(chan int, 1)
	go func() {
		f()
		returned <- 1
	}()
	return returned
}

// startCondWaiter starts a goroutine that waits on c once: it locks m, reports id on running,
// waits, then reports id on awake and unlocks. m is held from running until Wait releases it,
// so once the caller has taken m the waiter is inside Wait.
func startCondWaiter(m *sync.Mutex, c *sync.Cond, id int, running, awake chan int) {
	go func() {
		m.Lock()
		running <- id
		c.Wait()
		awake <- id
		m.Unlock()
	}()
}

func init() {
	// receivedNow receives from ch if that can proceed at once (a select with default).
	receivedNow := func(ch chan int) bool {
		select {
		case <-ch:
			return true
		default:
			return false
		}
	}

	// ---- Mutex ----

	twin("N8-01", func() {
		const goroutines, increments = 8, 1000
		counter := safeCounter{v: map[string]int{}}
		done := make(chan int, goroutines)
		for g := 0; g < goroutines; g++ {
			go func() {
				for i := 0; i < increments; i++ {
					counter.inc("somekey")
					if i%100 == 0 {
						runtime.Gosched()
					}
				}
				done <- 1
			}()
		}
		for g := 0; g < goroutines; g++ {
			<-done
		}
		checkEq(counter.value("somekey"), goroutines*increments, "no increment lost")
	})

	twin("N8-01.keys", func() {
		keys := []string{"a", "b", "c"}
		const perKey = 300
		counter := safeCounter{v: map[string]int{}}
		done := make(chan int, len(keys)+1)
		for _, key := range keys {
			go func(key string) {
				for i := 0; i < perKey; i++ {
					counter.inc(key)
					if i%50 == 0 {
						runtime.Gosched()
					}
				}
				done <- 1
			}(key)
		}
		go func() {
			last := map[string]int{}
			wentBack := 0
			for round := 0; round < 100; round++ {
				for _, key := range keys {
					n := counter.value(key)
					if n < last[key] {
						wentBack++
					}
					last[key] = n
				}
				runtime.Gosched()
			}
			if wentBack == 0 {
				done <- 1
			} else {
				done <- 0
			}
		}()
		reports := 0
		for g := 0; g < len(keys)+1; g++ {
			reports += <-done
		}
		checkEq(reports, len(keys)+1, "the reader never saw a count go back")
		for _, key := range keys {
			checkEq(counter.value(key), perKey, "every increment of a key")
		}
	})

	twin("MU-01", func() {
		var fresh sync.Mutex
		check(fresh.TryLock(), "TryLock takes a zero-value mutex")
		fresh.Unlock()
		var other sync.Mutex
		other.Lock()
		other.Unlock()
	})

	twin("MU-02", func() {
		var m sync.Mutex
		m.Lock()
		m.Lock()
	})

	twin("MU-02.blocks", func() {
		var m sync.Mutex
		m.Lock()
		acquired := goAndReport(func() {
			m.Lock()
			m.Unlock()
		})
		waitBlocked(1)
		check(!receivedNow(acquired), "Lock returned while the mutex was held")
		m.Unlock()
		<-acquired
	})

	twin("MU-02.exclusion", func() {
		const goroutines, rounds = 4, 200
		var m sync.Mutex
		inside, overlaps := 0, 0
		done := make(chan int, goroutines)
		for g := 0; g < goroutines; g++ {
			go func() {
				for i := 0; i < rounds; i++ {
					m.Lock()
					inside++
					if inside != 1 {
						overlaps++
					}
					runtime.Gosched()
					inside--
					m.Unlock()
				}
				done <- 1
			}()
		}
		for g := 0; g < goroutines; g++ {
			<-done
		}
		checkEq(overlaps, 0, "entries into an occupied critical section")
	})

	twin("MU-02.goroutine", func() {
		var m sync.Mutex
		m.Lock()
		done := make(chan int)
		go func() {
			m.Lock()
			done <- 1
		}()
		<-done
	})

	twin("MU-03", func() {
		var m sync.Mutex
		check(m.TryLock(), "TryLock on a free mutex")
		check(!m.TryLock(), "TryLock on a held mutex")
		m.Unlock()
		check(m.TryLock(), "TryLock after Unlock")
		m.Unlock()
	})

	twin("MU-03.held-elsewhere", func() {
		var m sync.Mutex
		locked := make(chan int)
		release := make(chan int)
		released := make(chan int)
		go func() {
			m.Lock()
			locked <- 1
			<-release
			m.Unlock()
			released <- 1
		}()
		<-locked
		check(!m.TryLock(), "TryLock while another goroutine holds the mutex")
		release <- 1
		<-released
		check(m.TryLock(), "TryLock once the other goroutine unlocked")
		m.Unlock()
	})

	twin("MU-04", func() {
		var m sync.Mutex
		m.Lock()
		unlocked := make(chan int)
		go func() {
			m.Unlock()
			unlocked <- 1
		}()
		<-unlocked
		check(m.TryLock(), "free again after another goroutine's Unlock")
		m.Unlock()
	})

	twin("MU-04.waiter", func() {
		var m sync.Mutex
		m.Lock()
		acquired := make(chan int)
		go func() {
			m.Lock()
			acquired <- 1
		}()
		waitBlocked(1)
		go m.Unlock()
		<-acquired
		check(!m.TryLock(), "the woken goroutine holds the mutex")
		m.Unlock()
		check(m.TryLock(), "free after main unlocked it for the waiter")
		m.Unlock()
	})

	twin("MU-04.exited", func() {
		var m sync.Mutex
		go m.Lock()
		for runtime.NumGoroutine() > 1 {
			runtime.Gosched()
		}
		check(!m.TryLock(), "still locked after its locker returned")
		m.Unlock()
		check(m.TryLock(), "free after main unlocked it")
		m.Unlock()
	})

	twin("MU-05", func() {
		var m sync.Mutex
		m.Unlock()
	})

	twin("MU-05.twice", func() {
		var m sync.Mutex
		m.Lock()
		m.Unlock()
		m.Unlock()
	})

	twin("MU-05.goroutine", func() {
		var m sync.Mutex
		go m.Unlock()
		<-make(chan int)
	})

	twin("RT-10", func() {
		var m sync.Mutex
		recovered(func() { m.Unlock() })
		check(false, "the program went on after a fatal error")
	})

	// ---- RWMutex ----

	twin("N8-02", func() {
		var store struct {
			mu   sync.RWMutex
			a, b int
		}
		inside1 := make(chan int)
		inside2 := make(chan int)
		both := make(chan int, 2)
		go func() {
			store.mu.RLock()
			inside1 <- 1
			<-inside2
			store.mu.RUnlock()
			both <- 1
		}()
		go func() {
			store.mu.RLock()
			<-inside1
			inside2 <- 1
			store.mu.RUnlock()
			both <- 1
		}()
		<-both
		<-both

		const readers, rounds = 4, 500
		torn := make(chan int, readers+1)
		go func() {
			for i := 1; i <= rounds; i++ {
				store.mu.Lock()
				store.a = i
				runtime.Gosched()
				store.b = i
				store.mu.Unlock()
			}
			torn <- 0
		}()
		for r := 0; r < readers; r++ {
			go func() {
				seenTorn := 0
				for i := 0; i < rounds; i++ {
					store.mu.RLock()
					if store.a != store.b {
						seenTorn++
					}
					store.mu.RUnlock()
					runtime.Gosched()
				}
				torn <- seenTorn
			}()
		}
		totalTorn := 0
		for r := 0; r < readers+1; r++ {
			totalTorn += <-torn
		}
		checkEq(totalTorn, 0, "reads that saw half an update")
	})

	twin("N8-02.cache", func() {
		var c struct {
			mu      sync.RWMutex
			entries map[int]string
		}
		c.entries = map[int]string{}
		const writers, perWriter, readers = 2, 100, 3
		done := make(chan int, writers+readers)
		for w := 0; w < writers; w++ {
			go func(w int) {
				for i := 0; i < perWriter; i++ {
					key := w*perWriter + i
					c.mu.Lock()
					c.entries[key] = strconv.Itoa(key)
					c.mu.Unlock()
					if i%10 == 0 {
						runtime.Gosched()
					}
				}
				done <- 0
			}(w)
		}
		for r := 0; r < readers; r++ {
			go func() {
				broken := 0
				for round := 0; round < 50; round++ {
					c.mu.RLock()
					for key, value := range c.entries {
						if value != strconv.Itoa(key) {
							broken++
						}
					}
					c.mu.RUnlock()
					runtime.Gosched()
				}
				done <- broken
			}()
		}
		broken := 0
		for g := 0; g < writers+readers; g++ {
			broken += <-done
		}
		checkEq(broken, 0, "entries a reader found broken")
		checkEq(len(c.entries), writers*perWriter, "every entry written")
	})

	twin("RW-01", func() {
		const readers = 4
		var m sync.RWMutex
		locked := make(chan int)
		release := make(chan int)
		done := make(chan int)
		for r := 0; r < readers; r++ {
			go func() {
				m.RLock()
				locked <- 1
				<-release
				m.RUnlock()
				done <- 1
			}()
		}
		for r := 0; r < readers; r++ {
			<-locked
		}
		check(m.TryRLock(), "TryRLock among readers")
		m.RUnlock()
		check(!m.TryLock(), "TryLock among readers")
		for r := 0; r < readers; r++ {
			release <- 1
		}
		for r := 0; r < readers; r++ {
			<-done
		}
		check(m.TryLock(), "TryLock once every reader left")
		m.Unlock()
	})

	twin("RW-02", func() {
		var m sync.RWMutex
		m.Lock()
		read := goAndReport(func() {
			m.RLock()
			m.RUnlock()
		})
		waitBlocked(1)
		check(!m.TryRLock(), "TryRLock while write-locked")
		check(!receivedNow(read), "RLock returned while write-locked")
		m.Unlock()
		<-read
		check(m.TryRLock(), "TryRLock after Unlock")
		m.RUnlock()
	})

	twin("RW-02.writers", func() {
		var m sync.RWMutex
		m.Lock()
		check(!m.TryLock(), "TryLock while write-locked")
		wrote := goAndReport(func() {
			m.Lock()
			m.Unlock()
		})
		waitBlocked(1)
		check(!receivedNow(wrote), "a second Lock returned while write-locked")
		m.Unlock()
		<-wrote
	})

	twin("RW-02.hammer", func() {
		const writers, readers, rounds = 2, 6, 200
		var m sync.RWMutex
		var activity, violations int32
		done := make(chan int, writers+readers)
		for w := 0; w < writers; w++ {
			go func() {
				for i := 0; i < rounds; i++ {
					m.Lock()
					if atomic.AddInt32(&activity, 10000) != 10000 {
						atomic.AddInt32(&violations, 1)
					}
					runtime.Gosched()
					atomic.AddInt32(&activity, -10000)
					m.Unlock()
				}
				done <- 1
			}()
		}
		for r := 0; r < readers; r++ {
			go func() {
				for i := 0; i < rounds; i++ {
					m.RLock()
					n := atomic.AddInt32(&activity, 1)
					if n < 1 || n >= 10000 {
						atomic.AddInt32(&violations, 1)
					}
					runtime.Gosched()
					atomic.AddInt32(&activity, -1)
					m.RUnlock()
				}
				done <- 1
			}()
		}
		for g := 0; g < writers+readers; g++ {
			<-done
		}
		checkEq(atomic.LoadInt32(&violations), int32(0), "a writer not alone, or a reader beside a writer")
	})

	twin("RW-03", func() {
		var m sync.RWMutex
		order := make(chan string, 2)
		m.RLock()
		go func() {
			m.Lock()
			order <- "writer"
			m.Unlock()
		}()
		waitBlocked(1)
		check(!m.TryRLock(), "TryRLock while a writer waits")
		go func() {
			m.RLock()
			m.RUnlock()
			order <- "reader"
		}()
		waitBlocked(2)
		m.RUnlock()
		checkEq(<-order, "writer", "the waiting writer goes first")
		checkEq(<-order, "reader", "then the reader that came after it")
	})

	twin("RW-03.recursive", func() {
		var m sync.RWMutex
		m.RLock()
		go m.Lock()
		waitBlocked(1)
		m.RLock()
	})

	twin("RW-04", func() {
		var m sync.RWMutex
		m.RLock()
		check(!m.TryLock(), "TryLock while read-locked")
		check(m.TryRLock(), "TryRLock joins the reader")
		m.RUnlock()
		check(!m.TryLock(), "TryLock while one reader remains")
		m.RUnlock()
		check(m.TryLock(), "TryLock once the readers are gone")
		m.Unlock()
	})

	twin("RW-05", func() {
		var m sync.RWMutex
		m.RUnlock()
	})

	twin("RW-05.twice", func() {
		var m sync.RWMutex
		m.RLock()
		m.RUnlock()
		m.RUnlock()
	})

	twin("RW-05.write-locked", func() {
		var m sync.RWMutex
		m.Lock()
		m.RUnlock()
	})

	twin("RW-06", func() {
		var m sync.RWMutex
		m.Unlock()
	})

	twin("RW-06.read-locked", func() {
		var m sync.RWMutex
		m.RLock()
		m.Unlock()
	})

	twin("RW-07", func() {
		var m sync.RWMutex
		m.RLock()
		m.Lock()
	})

	// ---- WaitGroup ----

	twin("WG-01", func() {
		var wg sync.WaitGroup
		wg.Wait()
		wg.Add(2)
		wg.Done()
		wg.Done()
		wg.Wait()
	})

	// waitGroupRound is one round of Go's TestWaitGroup: n goroutines count down wg1, then wait
	// on wg2, which main counts down one by one, checking that nobody leaves early.
	waitGroupRound := func(n int, wg1, wg2 *sync.WaitGroup) {
		wg1.Add(n)
		wg2.Add(n)
		exited := make(chan int, n)
		for i := 0; i < n; i++ {
			go func() {
				wg1.Done()
				wg2.Wait()
				exited <- 1
			}()
		}
		wg1.Wait()
		waitBlocked(n)
		for i := 0; i < n; i++ {
			check(!receivedNow(exited), "Wait returned before the counter hit zero")
			wg2.Done()
		}
		for i := 0; i < n; i++ {
			<-exited
		}
	}

	twin("WG-02", func() {
		var wg1, wg2 sync.WaitGroup
		waitGroupRound(8, &wg1, &wg2)
	})

	twin("WG-02.join", func() {
		const workers = 10
		var wg sync.WaitGroup
		squares := make([]int, workers)
		for i := 0; i < workers; i++ {
			wg.Add(1)
			go func(i int) {
				squares[i] = i * i
				wg.Done()
			}(i)
		}
		wg.Wait()
		for i := 0; i < workers; i++ {
			checkEq(squares[i], i*i, "a worker's result after Wait")
		}
	})

	twin("WG-03", func() {
		var wg sync.WaitGroup
		wg.Done()
	})

	twin("WG-03.recover", func() {
		var wg sync.WaitGroup
		wg.Add(1)
		msg := panicMessage(func() { wg.Add(-2) })
		checkEq(msg, "sync: negative WaitGroup counter", "Add(-2) on a counter of one")
	})

	twin("WG-04", func() {
		var wg1, wg2 sync.WaitGroup
		for round := 0; round < 4; round++ {
			waitGroupRound(4, &wg1, &wg2)
		}
	})

	twin("WG-05", func() {
		var wg sync.WaitGroup
		wg.Add(1)
		wg.Wait()
	})

	twin("WG-05.forgotten", func() {
		var wg sync.WaitGroup
		allDone := make(chan int)
		wg.Add(3)
		for i := 0; i < 3; i++ {
			go func(i int) {
				if i != 1 {
					wg.Done()
				}
			}(i)
		}
		go func() {
			wg.Wait()
			allDone <- 1
		}()
		<-allDone
	})

	// ---- Once ----

	twin("ONCE-01", func() {
		const callers = 10
		var o sync.Once
		runs := 0
		seen := make(chan int)
		for i := 0; i < callers; i++ {
			go func() {
				o.Do(func() {
					runtime.Gosched()
					runs++
				})
				seen <- runs
			}()
		}
		for i := 0; i < callers; i++ {
			checkEq(<-seen, 1, "runs seen when Do returned")
		}
		checkEq(runs, 1, "runs of the function")
	})

	twin("ONCE-01.different", func() {
		var o sync.Once
		ran := ""
		o.Do(func() { ran += "first" })
		o.Do(func() { ran += " second" })
		o.Do(func() { ran += " third" })
		checkEq(ran, "first", "the functions that ran")
	})

	twin("ONCE-02", func() {
		var o sync.Once
		finished := false
		inF := make(chan int)
		finish := make(chan int)
		secondDone := make(chan int, 1)
		go o.Do(func() {
			inF <- 1
			<-finish
			finished = true
		})
		<-inF
		go func() {
			o.Do(func() {})
			if finished {
				secondDone <- 1
			} else {
				secondDone <- 0
			}
		}()
		waitBlocked(2)
		check(!receivedNow(secondDone), "the second Do returned while f ran")
		finish <- 1
		checkEq(<-secondDone, 1, "the second Do returned after f, and sees its effect")
	})

	twin("ONCE-03", func() {
		var o sync.Once
		msg := panicMessage(func() { o.Do(func() { panic("once failed") }) })
		checkEq(msg, "once failed", "the first Do")
		ranAgain := false
		o.Do(func() { ranAgain = true })
		check(!ranAgain, "a Do after the panic ran its function")
	})

	twin("ONCE-04", func() {
		var o sync.Once
		o.Do(func() { o.Do(func() {}) })
	})

	// ---- Cond ----

	twin("COND-01", func() {
		var m sync.Mutex
		c := sync.NewCond(&m)
		ready := false
		waiting := make(chan int)
		woke := make(chan int)
		leave := make(chan int)
		left := make(chan int)
		go func() {
			m.Lock()
			waiting <- 1
			for !ready {
				c.Wait()
			}
			woke <- 1
			<-leave
			m.Unlock()
			left <- 1
		}()
		<-waiting
		m.Lock()
		ready = true
		c.Signal()
		m.Unlock()
		<-woke
		check(!m.TryLock(), "the waiter holds the lock when Wait has returned")
		leave <- 1
		<-left
		check(m.TryLock(), "the lock is free once the waiter unlocked it")
		m.Unlock()
	})

	twin("COND-02", func() {
		const n = 3
		var m sync.Mutex
		c := sync.NewCond(&m)
		running := make(chan int, n)
		awake := make(chan int, n)
		for i := 0; i < n; i++ {
			startCondWaiter(&m, c, i, running, awake)
		}
		for i := 0; i < n; i++ {
			<-running
		}
		for left := n; left > 0; left-- {
			m.Lock() // every remaining waiter is inside Wait
			check(!receivedNow(awake), "a waiter woke without a signal")
			c.Signal()
			m.Unlock()
			<-awake
			check(!receivedNow(awake), "one Signal woke two waiters")
		}
		c.Signal()
	})

	twin("COND-03", func() {
		const n, rounds = 5, 5
		var m sync.Mutex
		c := sync.NewCond(&m)
		exit := false
		running := make(chan int, n)
		awake := make(chan int, n)
		for g := 0; g < n; g++ {
			go func(g int) {
				m.Lock()
				for !exit {
					running <- g
					c.Wait()
					awake <- g
				}
				m.Unlock()
			}(g)
		}
		for round := 0; round < rounds; round++ {
			for g := 0; g < n; g++ {
				<-running
			}
			m.Lock()
			if round == rounds-1 {
				exit = true
			}
			check(!receivedNow(awake), "a waiter woke without a broadcast")
			c.Broadcast()
			m.Unlock()
			seen := make([]bool, n)
			for g := 0; g < n; g++ {
				who := <-awake
				check(!seen[who], "a waiter woke twice")
				seen[who] = true
			}
		}
	})

	twin("COND-04", func() {
		var m sync.Mutex
		c := sync.NewCond(&m)
		m.Lock()
		c.Signal()
		c.Broadcast()
		c.Wait()
	})

	twin("COND-05", func() {
		const n = 5
		var m sync.Mutex
		c := sync.NewCond(&m)
		running := make(chan int)
		awake := make(chan int, n)
		for i := 0; i < n; i++ {
			startCondWaiter(&m, c, i, running, awake)
			<-running
			m.Lock()
			m.Unlock()
		}
		for i := 0; i < n; i++ {
			m.Lock()
			c.Signal()
			m.Unlock()
			checkEq(<-awake, i, "the waiter a Signal woke")
		}
	})

	twin("COND-01.queue", func() {
		const producers, consumers, perGoroutine, capacity = 2, 2, 100, 2
		var m sync.Mutex
		notEmpty := sync.NewCond(&m)
		notFull := sync.NewCond(&m)
		var items []int
		sums := make(chan int, consumers)
		produced := make(chan int, producers)
		for p := 0; p < producers; p++ {
			go func(p int) {
				for i := 1; i <= perGoroutine; i++ {
					m.Lock()
					for len(items) == capacity {
						notFull.Wait()
					}
					items = append(items, p*1000+i)
					notEmpty.Signal()
					m.Unlock()
				}
				produced <- 1
			}(p)
		}
		for k := 0; k < consumers; k++ {
			go func() {
				sum := 0
				for i := 0; i < perGoroutine; i++ {
					m.Lock()
					for len(items) == 0 {
						notEmpty.Wait()
					}
					sum += items[0]
					items = items[1:]
					notFull.Signal()
					m.Unlock()
				}
				sums <- sum
			}()
		}
		total := 0
		for k := 0; k < consumers; k++ {
			total += <-sums
		}
		for p := 0; p < producers; p++ {
			<-produced
		}
		want := 0
		for p := 0; p < producers; p++ {
			for i := 1; i <= perGoroutine; i++ {
				want += p*1000 + i
			}
		}
		checkEq(total, want, "the sum of every item consumed")
	})
}
