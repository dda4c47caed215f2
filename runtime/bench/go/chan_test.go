package bench

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

type (
	empty    struct{}
	struct32 struct{ a, b, c, d int64 }
	struct40 struct{ a, b, c, d, e int64 }
)

func BenchmarkMakeChan(b *testing.B) {
	b.Run("Byte", func(b *testing.B) { makeChanLoop[byte](b) })
	b.Run("Int", func(b *testing.B) { makeChanLoop[int](b) })
	b.Run("Ptr", func(b *testing.B) { makeChanLoop[*byte](b) })
	b.Run("Struct", func(b *testing.B) {
		b.Run("0", func(b *testing.B) { makeChanLoop[empty](b) })
		b.Run("32", func(b *testing.B) { makeChanLoop[struct32](b) })
		b.Run("40", func(b *testing.B) { makeChanLoop[struct40](b) })
	})
}

// makeChanLoop makes b.N channels of capacity 8, keeping only the last.
func makeChanLoop[T any](b *testing.B) {
	var x chan T
	for i := 0; i < b.N; i++ {
		x = make(chan T, 8)
	}
	close(x)
}

func BenchmarkChanNonblocking(b *testing.B) {
	myc := make(chan int)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			select {
			case <-myc:
			default:
			}
		}
	})
}

func BenchmarkSelectUncontended(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		myc1, myc2 := make(chan int, 1), make(chan int, 1)
		myc1 <- 0
		for pb.Next() {
			select {
			case <-myc1:
				myc2 <- 0
			case <-myc2:
				myc1 <- 0
			}
		}
	})
}

func BenchmarkSelectSyncContended(b *testing.B) {
	myc1, myc2, myc3 := make(chan int), make(chan int), make(chan int)
	done := make(chan int)
	b.RunParallel(func(pb *testing.PB) {
		// A sender per worker, offering on all three channels until done is closed.
		go func() {
			for {
				select {
				case myc1 <- 0:
				case myc2 <- 0:
				case myc3 <- 0:
				case <-done:
					return
				}
			}
		}()
		for pb.Next() {
			select {
			case <-myc1:
			case <-myc2:
			case <-myc3:
			}
		}
	})
	close(done)
}

func BenchmarkSelectAsyncContended(b *testing.B) {
	procs := runtime.GOMAXPROCS(0)
	myc1, myc2 := make(chan int, procs), make(chan int, procs)
	b.RunParallel(func(pb *testing.PB) {
		myc1 <- 0
		for pb.Next() {
			select {
			case <-myc1:
				myc2 <- 0
			case <-myc2:
				myc1 <- 0
			}
		}
	})
}

func BenchmarkSelectNonblock(b *testing.B) {
	myc1, myc2 := make(chan int), make(chan int)
	myc3, myc4 := make(chan int, 1), make(chan int, 1)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			select {
			case <-myc1:
			default:
			}
			select {
			case myc2 <- 0:
			default:
			}
			select {
			case <-myc3:
			default:
			}
			select {
			case myc4 <- 0:
			default:
			}
		}
	})
}

// valuesPerOp is what ChanUncontended and ChanContended send and then receive per op.
const valuesPerOp = 100

func BenchmarkChanUncontended(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		myc := make(chan int, valuesPerOp)
		for pb.Next() {
			fillAndDrain(myc)
		}
	})
}

func BenchmarkChanContended(b *testing.B) {
	myc := make(chan int, valuesPerOp*runtime.GOMAXPROCS(0))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			fillAndDrain(myc)
		}
	})
}

func fillAndDrain(myc chan int) {
	for i := 0; i < valuesPerOp; i++ {
		myc <- 0
	}
	for i := 0; i < valuesPerOp; i++ {
		<-myc
	}
}

// callsPerBlock: the benchmarks below hand out work in blocks of this many ops.
const callsPerBlock = 1000

// BenchmarkChanSync: two goroutines (whatever GOMAXPROCS is) exchange b.N values over one
// unbuffered channel, taking turns as sender and receiver by block.
func BenchmarkChanSync(b *testing.B) {
	const goroutines = 2
	blocksLeft := int64(b.N / callsPerBlock / goroutines * goroutines)
	myc := make(chan int)
	finished := make(chan bool, goroutines)
	for g := 0; g < goroutines; g++ {
		go func() {
			for {
				block := atomic.AddInt64(&blocksLeft, -1)
				if block < 0 {
					break
				}
				for c := 0; c < callsPerBlock; c++ {
					if block%2 == 0 {
						<-myc
						myc <- 0
					} else {
						myc <- 0
						<-myc
					}
				}
			}
			finished <- true
		}()
	}
	for g := 0; g < goroutines; g++ {
		<-finished
	}
}

// prodConsShape: GOMAXPROCS producers and as many consumers share one channel of capacity; each
// value costs work rounds of local work on each side, and a producer ends its stream with a 0.
// ChanProdCons* send and receive plainly. SelectProdCons does each send and receive in a select
// that also waits on a timer due in an hour and on a channel that is never closed.
type prodConsShape struct {
	capacity, work int
	viaSelect      bool
}

func prodCons(b *testing.B, shape prodConsShape) {
	procs := runtime.GOMAXPROCS(0)
	blocksLeft := int64(b.N / callsPerBlock)
	var produced, consumed int64
	finished := make(chan bool, 2*procs)
	myc := make(chan int, shape.capacity)
	myclose := make(chan bool)
	for p := 0; p < procs; p++ {
		go func() {
			foo, sent := 0, int64(0)
			var mytimer <-chan time.Time
			if shape.viaSelect {
				mytimer = time.After(time.Hour)
			}
			for atomic.AddInt64(&blocksLeft, -1) >= 0 {
				for c := 0; c < callsPerBlock; c++ {
					foo = localWork(foo, shape.work)
					if !shape.viaSelect {
						myc <- 1
						sent++
					} else {
						select {
						case myc <- 1:
							sent++
						case <-mytimer:
						case <-myclose:
						}
					}
				}
			}
			myc <- 0
			atomic.AddInt64(&produced, sent)
			finished <- foo == 42
		}()
		go func() {
			foo, received := 0, int64(0)
			var mytimer <-chan time.Time
			if shape.viaSelect {
				mytimer = time.After(time.Hour)
			}
			for {
				v := -1
				if !shape.viaSelect {
					v = <-myc
				} else {
					select {
					case v = <-myc:
					case <-mytimer:
					case <-myclose:
					}
				}
				if v == 0 {
					break
				}
				if v == 1 {
					received++
				}
				foo = localWork(foo, shape.work)
			}
			atomic.AddInt64(&consumed, received)
			finished <- foo == 42
		}()
	}
	for p := 0; p < 2*procs; p++ {
		<-finished
	}
	if expected := int64(b.N / callsPerBlock * callsPerBlock); produced != expected || consumed != expected {
		b.Fatalf("produced %d and consumed %d values, want %d", produced, consumed, expected)
	}
}

func BenchmarkChanProdCons0(b *testing.B)       { prodCons(b, prodConsShape{0, 0, false}) }
func BenchmarkChanProdCons10(b *testing.B)      { prodCons(b, prodConsShape{10, 0, false}) }
func BenchmarkChanProdCons100(b *testing.B)     { prodCons(b, prodConsShape{100, 0, false}) }
func BenchmarkChanProdConsWork0(b *testing.B)   { prodCons(b, prodConsShape{0, 100, false}) }
func BenchmarkChanProdConsWork10(b *testing.B)  { prodCons(b, prodConsShape{10, 100, false}) }
func BenchmarkChanProdConsWork100(b *testing.B) { prodCons(b, prodConsShape{100, 100, false}) }
func BenchmarkSelectProdCons(b *testing.B)      { prodCons(b, prodConsShape{128, 100, true}) }

// BenchmarkReceiveDataFromClosedChan drains b.N values from a closed buffered channel; filling
// it is not timed.
func BenchmarkReceiveDataFromClosedChan(b *testing.B) {
	ch := make(chan empty, b.N)
	for i := 0; i < b.N; i++ {
		ch <- empty{}
	}
	close(ch)
	b.ResetTimer()
	received := 0
	for range ch {
		received++
	}
	if received != b.N {
		b.Fatalf("received %d values, want %d", received, b.N)
	}
}

func BenchmarkChanCreation(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			myc := make(chan int, 1)
			myc <- 0
			<-myc
		}
	})
}

func BenchmarkChanSem(b *testing.B) {
	myc := make(chan empty, runtime.GOMAXPROCS(0))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			myc <- empty{}
			<-myc
		}
	})
}

// BenchmarkChanPopular: 1000 goroutines each select on a channel of its own and one that stays
// silent; an op sends one value to each of them.
func BenchmarkChanPopular(b *testing.B) {
	const goroutines = 1000
	silent := make(chan bool)
	finished := make(chan bool, goroutines)
	own := make([]chan bool, 0, goroutines)
	for j := 0; j < goroutines; j++ {
		d := make(chan bool)
		own = append(own, d)
		go func() {
			for i := 0; i < b.N; i++ {
				select {
				case <-silent:
				case <-d:
				}
			}
			finished <- true
		}()
	}
	for i := 0; i < b.N; i++ {
		for _, d := range own {
			d <- true
		}
	}
	for j := 0; j < goroutines; j++ {
		<-finished
	}
}

func BenchmarkChanClosed(b *testing.B) {
	c := make(chan empty)
	close(c)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			select {
			case <-c:
			default:
				b.Error("a select on a closed channel took its default")
			}
		}
	})
}
