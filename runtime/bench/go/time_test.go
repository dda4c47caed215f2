package bench

import (
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	timerOpsPerOp     = 1000
	idleTimersPerProc = 1 << 15
)

// withIdleTimers is Go's time benchmark harness: it starts the idle timers (one goroutine per P
// makes its share, so that they spread over the Ps' heaps; not timed), runs ops(1000) in
// parallel, and stops them.
func withIdleTimers(b *testing.B, ops func(n int)) {
	idle := make([][]*time.Timer, runtime.GOMAXPROCS(0))
	var started sync.WaitGroup
	started.Add(len(idle))
	for i := range idle {
		go func(share *[]*time.Timer) {
			*share = make([]*time.Timer, 0, idleTimersPerProc)
			for j := 0; j < idleTimersPerProc; j++ {
				*share = append(*share, time.AfterFunc(time.Hour, func() {}))
			}
			started.Done()
		}(&idle[i])
	}
	started.Wait()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			ops(timerOpsPerOp)
		}
	})
	b.StopTimer()
	for _, share := range idle {
		for _, t := range share {
			t.Stop()
		}
	}
}

func BenchmarkAfterFunc(b *testing.B) {
	withIdleTimers(b, func(n int) {
		// A chain of n AfterFunc(0) calls, each started by the previous one's function; the
		// last reports on done.
		done := make(chan bool)
		var step func()
		step = func() {
			n--
			if n >= 0 {
				time.AfterFunc(0, step)
			} else {
				done <- true
			}
		}
		time.AfterFunc(0, step)
		<-done
	})
}

func BenchmarkAfter(b *testing.B) {
	withIdleTimers(b, func(n int) {
		for i := 0; i < n; i++ {
			<-time.After(time.Nanosecond)
		}
	})
}

func BenchmarkStop(b *testing.B) {
	withIdleTimers(b, func(n int) {
		for i := 0; i < n; i++ {
			time.NewTimer(time.Second).Stop()
		}
	})
}

func BenchmarkReset(b *testing.B) {
	withIdleTimers(b, func(n int) {
		t := time.NewTimer(time.Hour)
		for i := 0; i < n; i++ {
			t.Reset(time.Hour)
		}
		t.Stop()
	})
}

func BenchmarkSleep(b *testing.B) {
	withIdleTimers(b, func(n int) {
		var slept sync.WaitGroup
		slept.Add(n)
		for i := 0; i < n; i++ {
			go func() {
				time.Sleep(time.Nanosecond)
				slept.Done()
			}()
		}
		slept.Wait()
	})
}

// BenchmarkManyTimers is what n concurrent timers cost: an op starts n timers, all pending
// together (due in an hour), then makes each due now with Reset(0) and waits until every one
// has fired. Not one of Go's own benchmarks; gosem's timer heap is measured against Go's with it.
func BenchmarkManyTimers(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				var left atomic.Int64
				left.Store(int64(n))
				done := make(chan bool)
				fire := func() {
					if left.Add(-1) == 0 {
						close(done)
					}
				}
				timers := make([]*time.Timer, n)
				for j := range timers {
					timers[j] = time.AfterFunc(time.Hour, fire)
				}
				for _, t := range timers {
					t.Reset(0)
				}
				<-done
			}
		})
	}
}
