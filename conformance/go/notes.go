package main

import (
	"context"
	"time"
)

func init() {
	twin("N10-03", func() {
		type request struct {
			n     int
			reply chan int
		}
		const clients = 20
		requests := make(chan request)
		checked := make(chan int, clients)
		go func() {
			for {
				r := <-requests
				r.reply <- r.n * r.n
			}
		}()
		for c := 0; c < clients; c++ {
			go func(c int) {
				reply := make(chan int)
				requests <- request{c, reply}
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
		checkEq(right, clients, "every client got the answer to its own request")
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
		numbers := func(count int) chan int {
			out := make(chan int)
			go func() {
				for i := 1; i <= count; i++ {
					out <- i
				}
				close(out) // the owner closes
			}()
			return out
		}
		sum := 0
		for v := range numbers(10) {
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
}
