package bench

import (
	"sync"
	"testing"
)

// padded puts a sync object alone on its cache lines, so that workers' private ones do not share
// one.
type padded[T any] struct {
	inner T
	pad   [128]uint8
}

func BenchmarkMutexUncontended(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		var mu padded[sync.Mutex]
		for pb.Next() {
			mu.inner.Lock()
			mu.inner.Unlock()
		}
	})
}

// contendedMutex: all workers take one mutex; slack runs ten times as many workers as Ps, work
// adds 100 rounds of local work outside the lock. As in Go's original, foo is discarded, so the
// compiler reduces the work to an empty loop (gosem's side does the same).
func contendedMutex(b *testing.B, slack, work bool) {
	var mu sync.Mutex
	if slack {
		b.SetParallelism(10)
	}
	b.RunParallel(func(pb *testing.PB) {
		foo := 0
		for pb.Next() {
			mu.Lock()
			mu.Unlock()
			if work {
				foo = localWork(foo, 100)
			}
		}
		_ = foo
	})
}

func BenchmarkMutex(b *testing.B)      { contendedMutex(b, false, false) }
func BenchmarkMutexSlack(b *testing.B) { contendedMutex(b, true, false) }
func BenchmarkMutexWork(b *testing.B)  { contendedMutex(b, false, true) }

func BenchmarkRWMutexUncontended(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		var rw padded[sync.RWMutex]
		for pb.Next() {
			rw.inner.RLock()
			rw.inner.RLock()
			rw.inner.RUnlock()
			rw.inner.RUnlock()
			rw.inner.Lock()
			rw.inner.Unlock()
		}
	})
}

// contendedRWMutex: every writeRatio-th op of a worker takes the write lock, the others the read
// lock with work rounds of local work inside.
func contendedRWMutex(b *testing.B, work, writeRatio int) {
	var rw sync.RWMutex
	b.RunParallel(func(pb *testing.PB) {
		foo := 0
		for pb.Next() {
			foo++
			if foo%writeRatio == 0 {
				rw.Lock()
				rw.Unlock()
			} else {
				rw.RLock()
				foo = localWork(foo, work)
				rw.RUnlock()
			}
		}
		_ = foo
	})
}

func BenchmarkRWMutexWrite100(b *testing.B)     { contendedRWMutex(b, 0, 100) }
func BenchmarkRWMutexWrite10(b *testing.B)      { contendedRWMutex(b, 0, 10) }
func BenchmarkRWMutexWorkWrite100(b *testing.B) { contendedRWMutex(b, 100, 100) }
func BenchmarkRWMutexWorkWrite10(b *testing.B)  { contendedRWMutex(b, 100, 10) }

func BenchmarkWaitGroupUncontended(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		var wg padded[sync.WaitGroup]
		for pb.Next() {
			wg.inner.Add(1)
			wg.inner.Done()
			wg.inner.Wait()
		}
	})
}

func BenchmarkWaitGroupAddDone(b *testing.B) {
	var wg sync.WaitGroup
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			wg.Add(1)
			wg.Done()
		}
	})
}

// BenchmarkWaitGroupWait waits on a wait group whose counter is zero: the cost of finding out.
func BenchmarkWaitGroupWait(b *testing.B) {
	var wg sync.WaitGroup
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			wg.Wait()
		}
	})
}
