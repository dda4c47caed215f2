package main

import (
	"context"
	"runtime"
	"sync/atomic"
	"time"
)

// wrapFIFO is N13-02.wrap for one element type: a buffer of 3 that never empties while its head
// goes round it, each value coming out in order.
func wrapFIFO[T any](e sweptElem[T]) {
	ch := make(chan T, 3)
	nextIn, nextOut := 0, 0
	ch <- e.value(nextIn)
	nextIn++
	for round := 0; round < 100; round++ {
		ch <- e.value(nextIn)
		ch <- e.value(nextIn + 1)
		nextIn += 2
		for k := 0; k < 2; k++ {
			check(e.same(<-ch, nextOut), "in order")
			nextOut++
		}
	}
	check(e.same(<-ch, nextOut), "the last one")
}

// squaringRequest carries its own reply channel (N10-03): the server answers n * n on it.
type squaringRequest struct {
	n     int
	reply chan int
}

// clientsAnswered starts clients goroutines, client c sending squaringRequest{c, its own reply
// channel} and waiting for the reply; it returns how many got c * c, the answer to their own
// request.
func clientsAnswered(requests chan squaringRequest, clients int) int {
	checked := make(chan int, clients)
	for c := 0; c < clients; c++ {
		go func(c int) {
			reply := make(chan int)
			requests <- squaringRequest{c, reply}
			if <-reply == c*c {
				checked <- 1
			} else {
				checked <- 0
			}
		}(c)
	}
	right := 0
	for c := 0; c < clients; c++ {
		right += <-checked
	}
	return right
}

// numbersUpTo is a producer that owns its output channel: it sends 1..count on it and closes it.
func numbersUpTo(count int) chan int {
	out := make(chan int)
	go func() {
		for i := 1; i <= count; i++ {
			out <- i
		}
		close(out) // the owner closes
	}()
	return out
}

// checkTimeoutFirst is a caller that waits for reply no longer than 10 ms: the timeout must win.
func checkTimeoutFirst(reply chan int) {
	chosen := -1
	select {
	case <-reply:
		chosen = 0
	case <-time.After(10 * time.Millisecond):
		chosen = 1
	}
	checkEq(chosen, 1, "the timeout")
}

// checkLateAnswer checks that the answer 7 that came too late is still there to take without
// blocking; where says where it waits.
func checkLateAnswer(reply chan int, where string) {
	select {
	case v := <-reply:
		checkEq(v, 7, "the late answer")
	default:
		check(false, where)
	}
}

func init() {
	twin("N10-03", func() {
		const clients = 20
		requests := make(chan squaringRequest)
		go func() {
			for {
				r := <-requests
				r.reply <- r.n * r.n
			}
		}()
		checkEq(clientsAnswered(requests, clients), clients,
			"every client got the answer to its own request")
	})

	twin("N10-04", func() {
		server := func(answers bool) chan int {
			reply := make(chan int)
			go func() {
				if answers {
					reply <- 7
				}
			}()
			return reply
		}
		answered := server(true)
		select {
		case v := <-answered:
			check(v == 7, "the reply came in time")
		case <-time.After(60 * time.Second):
			check(false, "the reply came in time")
		}
		chosen := -1
		select {
		case <-server(false):
			chosen = 0
		case <-time.After(10 * time.Millisecond):
			chosen = 1
		}
		checkEq(chosen, 1, "no reply: the timeout")
	})

	twin("N15-01", func() {
		sum := 0
		for v := range numbersUpTo(10) {
			sum += v
		}
		checkEq(sum, 55, "everything the producer sent, then the end")
	})

	twin("N15-02", func() {
		const workers, perWorker = 3, 3
		results := make(chan int)
		back := make(chan int)
		worker := func(id int, out chan int, report chan int) {
			for k := 0; k < perWorker; k++ {
				out <- id*10 + k
			}
			report <- id // the way back to the caller
		}
		for id := 1; id <= workers; id++ {
			go worker(id, results, back)
		}
		got := map[int]bool{}
		for i := 0; i < workers*perWorker; i++ {
			got[<-results] = true
		}
		reported := 0
		for i := 0; i < workers; i++ {
			reported += <-back
		}
		close(results)
		checkEq(len(got), workers*perWorker, "every result, once")
		checkEq(reported, 1+2+3, "every worker reported back")
	})

	twin("N16-01", func() {
		work := make(chan int)
		stopped := make(chan string, 1)
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			for {
				select {
				case <-ctx.Done():
					stopped <- ctx.Err().Error()
					return
				case <-work:
				}
			}
		}()
		work <- 1
		work <- 2
		cancel()
		checkEq(<-stopped, "context canceled", "the worker stopped on cancel")
	})

	twin("N16-02", func() {
		first, cancelFirst := context.WithCancel(context.Background())
		result := make(chan int)
		go func() { result <- 5 }()
		chosen, got := -1, 0
		select {
		case <-first.Done():
			chosen = 0
		case got = <-result:
			chosen = 1
		}
		checkEq(chosen, 1, "the result came first")
		check(got == 5, "the result")
		check(first.Err() == nil, "not cancelled: Err() is nil")
		cancelFirst()

		second, cancelSecond := context.WithCancel(context.Background())
		never := make(chan int)
		go cancelSecond()
		chosen = -1
		select {
		case <-second.Done():
			chosen = 0
		case <-never:
			chosen = 1
		}
		checkEq(chosen, 0, "cancelled first")
		checkEq(second.Err().Error(), "context canceled", "Err() after cancel")
	})

	twin("N19-01", func() {
		queue := make(chan int, 3)
		for _, v := range []int{1, 2, 3} {
			queue <- v
		}
		peeked := <-queue
		queue <- peeked // "put it back"
		checkEq(peeked, 1, "the head")
		for _, want := range []int{2, 3, 1} {
			checkEq(<-queue, want, "the peeked value went to the back")
		}
	})

	twin("N19-02", func() {
		queue := make(chan int, 2)
		queue <- 1
		queue <- 2
		go func() { queue <- 3 }()
		waitBlocked(1)
		head := <-queue
		queue <- head
	})

	twin("N10-02.done", func() {
		for round := 0; round < 50; round++ {
			done := make(chan struct{})
			var results []int // the worker's until it signals
			go func(round int) {
				for i := 0; i < 100; i++ {
					results = append(results, round+i)
				}
				done <- struct{}{}
			}(round)
			<-done
			checkEq(len(results), 100, "every result the worker wrote")
			checkEq(results[len(results)-1], round+99, "the last one")
		}
	})

	twin("N10-02.close", func() {
		const waiters = 8
		start := make(chan struct{})
		var config string // written by main before the signal only
		seen := make(chan string, waiters)
		for w := 0; w < waiters; w++ {
			go func() {
				<-start
				seen <- config
			}()
		}
		config = "ready"
		close(start)
		for w := 0; w < waiters; w++ {
			checkEq(<-seen, "ready", "after the signal")
		}
	})

	twin("N10-03.reversed", func() {
		const clients = 5
		requests := make(chan squaringRequest)
		go func() {
			var pending []squaringRequest
			for c := 0; c < clients; c++ {
				pending = append(pending, <-requests)
			}
			for k := len(pending) - 1; k >= 0; k-- {
				pending[k].reply <- pending[k].n * pending[k].n
			}
		}()
		checkEq(clientsAnswered(requests, clients), clients,
			"every client got the answer to its own request, out of order")
	})

	twin("N10-05", func() {
		gate := make(chan int)
		reply := make(chan int)
		go func() {
			<-gate // answers only once the caller has given up
			reply <- 7
		}()
		checkTimeoutFirst(reply)
		gate <- 1
		waitBlocked(1) // the late answer has nobody to take it
		checkLateAnswer(reply, "the answer still waits in its parked sender")
	})

	twin("N10-05.buffered", func() {
		gate := make(chan int)
		reply := make(chan int, 1)
		finished := make(chan int)
		go func() {
			<-gate
			reply <- 7
			finished <- 1
		}()
		checkTimeoutFirst(reply)
		gate <- 1
		checkEq(<-finished, 1, "the late sender finished without a receiver")
		checkLateAnswer(reply, "its answer is in the buffer")
	})

	twin("N12-01.fix", func() {
		ch := make(chan int)
		received := make(chan int, 1)
		go func() { received <- <-ch }()
		waitBlocked(1) // the receiver is there first
		ch <- 1
		checkEq(<-received, 1, "the receiver got the value")
	})

	twin("N12-01.same-goroutine", func() {
		ch := make(chan int)
		v := <-ch
		ch <- v
	})

	twin("N12-02.either", func() {
		const values = 1000
		ch := make(chan int)
		inOrder := make(chan bool)
		go func() {
			ok := true
			for i := 0; i < values; i++ {
				if i%3 == 0 {
					yield()
				}
				ok = ok && <-ch == i
			}
			inOrder <- ok
		}()
		for i := 0; i < values; i++ {
			if i%2 == 0 {
				yield()
			}
			ch <- i
		}
		check(<-inOrder, "every value arrived, in order")
	})

	twin("N13-01.up-to-cap", func() {
		for _, n := range []int{1, 5} {
			ch := make(chan int, n)
			finished := make(chan int)
			go func() {
				for i := 0; i < n; i++ {
					ch <- i
				}
				finished <- 1
			}()
			checkEq(<-finished, 1, "the producer finished before any receive")
			for i := 0; i < n; i++ {
				checkEq(<-ch, i, "then the values, in order")
			}
		}
	})

	twin("N13-01.runs-ahead", func() {
		const capacity, values = 5, 10
		ch := make(chan int, capacity)
		var completed int32
		go func() {
			for i := 0; i < values; i++ {
				ch <- i
				atomic.AddInt32(&completed, 1)
			}
		}()
		waitBlocked(1)
		checkEq(atomic.LoadInt32(&completed), int32(capacity), "sends completed before the first receive")
		checkEq(len(ch), capacity, "the buffer is full")
		for i := 0; i < values; i++ {
			checkEq(<-ch, i, "in order")
		}
	})

	twin("N13-02.wrap", func() {
		wrapFIFO(sweptInt)
		wrapFIFO(sweptEmpty)
		wrapFIFO(sweptPtr)
		wrapFIFO(sweptString)
	})

	twin("N15-01.receive-only", func() {
		numbers := func(count int) <-chan int { return numbersUpTo(count) }
		in := numbers(10)
		sum := 0
		for v := range in {
			sum += v
		}
		checkEq(sum, 55, "everything the producer sent, then the end")
	})

	twin("N15-01.stop", func() {
		before := runtime.NumGoroutine()
		numbers := func(stop chan struct{}) chan int {
			out := make(chan int)
			go func() {
			loop:
				for i := 1; ; i++ {
					select {
					case out <- i:
					case <-stop:
						break loop
					}
				}
				close(out)
			}()
			return out
		}
		stop := make(chan struct{})
		out := numbers(stop)
		for i := 1; i <= 5; i++ {
			checkEq(<-out, i, "the first values")
		}
		close(stop)
		for last := 5; ; {
			v, ok := <-out
			if !ok {
				break // the producer closed its channel
			}
			last++
			checkEq(v, last, "values sent before the producer saw the stop, in order")
		}
		for runtime.NumGoroutine() != before {
			runtime.Gosched()
		}
	})

	twin("N15-02.per-request", func() {
		const requests, failing = 4, 2
		results := make(chan int)
		failures := make(chan int)
		handle := func(id int, out chan int, failed chan int) {
			if id == failing {
				failed <- id
				return
			}
			out <- id * 100
		}
		for id := 0; id < requests; id++ {
			go handle(id, results, failures)
		}
		sum, failedID := 0, -1
		for i := 0; i < requests; i++ {
			select {
			case v := <-results:
				sum += v
			case id := <-failures:
				failedID = id
			}
		}
		close(results)
		close(failures)
		checkEq(sum, (0+1+3)*100, "the results of the requests that succeeded")
		checkEq(failedID, failing, "the failure came back on its own channel")
	})

	twin("N19-02.goroutine", func() {
		queue := make(chan int, 1)
		queue <- 1
		took := make(chan int)
		putBack := make(chan int)
		finished := make(chan int, 1)
		go func() {
			head := <-queue
			took <- head
			<-putBack
			queue <- head
			finished <- 1
		}()
		checkEq(<-took, 1, "the worker took the head")
		queue <- 2 // another sender fills the freed slot in between
		putBack <- 1
		waitBlocked(1)
		checkEq(len(finished), 0, "the re-send is blocked")
		checkEq(len(queue), 1, "on a queue full with the other sender's value")
		checkEq(<-queue, 2, "the newcomer is now at the head")
		checkEq(<-finished, 1, "draining unblocked the worker")
		checkEq(<-queue, 1, "the peeked value came back behind it")
	})

	twin("N19-02.unbuffered", func() {
		ch := make(chan int)
		go func() { ch <- 1 }()
		peeked := <-ch
		ch <- peeked
	})
}
