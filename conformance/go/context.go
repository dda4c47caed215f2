package main

import (
	"context"
	"sync"
	"time"
)

func init() {
	const canceled, deadlineExceeded = "context canceled", "context deadline exceeded"

	// errText is an error's text, "" for nil: what the C++ cases' ctx.err() returns.
	errText := func(err error) string {
		if err == nil {
			return ""
		}
		return err.Error()
	}

	// doneNow reports whether ctx's Done channel is ready at once (a select with default).
	doneNow := func(ctx context.Context) bool {
		select {
		case <-ctx.Done():
			return true
		default:
			return false
		}
	}

	// ---- context ----

	twin("CTX-01", func() {
		bg := context.Background()
		check(bg.Done() == nil, "Done() of Background is nil")
		checkEq(errText(bg.Err()), "", "Err() of Background")
		check(!doneNow(bg), "Done() of Background was ready")
	})

	twin("CTX-01.deadline", func() {
		bg := context.Background()
		_, has := bg.Deadline()
		check(!has, "Background has no deadline")
		cancelable, cancel := context.WithCancel(bg)
		_, has = cancelable.Deadline()
		check(!has, "WithCancel(Background) has no deadline")
		timed, cancelTimed := context.WithTimeout(bg, time.Hour)
		timedDeadline, has := timed.Deadline()
		check(has, "WithTimeout has a deadline")
		below, cancelBelow := context.WithCancel(timed)
		belowDeadline, has := below.Deadline()
		check(has && belowDeadline.Equal(timedDeadline), "a child reports its parent's deadline")
		cancelBelow()
		cancelTimed()
		cancel()
	})

	twin("CTX-02", func() {
		ctx, cancel := context.WithCancel(context.Background())
		done := ctx.Done()
		check(done == ctx.Done(), "Done() returns the same channel each time")
		check(done != nil, "Done() of a cancelable context is not nil")
		checkEq(errText(ctx.Err()), "", "Err() before cancel")
		check(!doneNow(ctx), "Done() ready before cancel")
		cancel()
		_, ok := <-done
		check(!ok, "the channel taken before cancel is closed")
	})

	twin("CTX-03", func() {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		check(doneNow(ctx), "Done() ready after cancel")
		for i := 0; i < 3; i++ {
			_, ok := <-ctx.Done()
			check(!ok, "a receive from Done() after cancel")
		}
		checkEq(errText(ctx.Err()), canceled, "Err() after cancel")
	})

	twin("CTX-03.waiters", func() {
		const waiters = 3
		ctx, cancel := context.WithCancel(context.Background())
		woke := make(chan string, waiters)
		for i := 0; i < waiters; i++ {
			go func() {
				<-ctx.Done()
				woke <- errText(ctx.Err())
			}()
		}
		waitBlocked(waiters)
		cancel()
		for i := 0; i < waiters; i++ {
			checkEq(<-woke, canceled, "a waiter woken by cancel")
		}
	})

	twin("CTX-04", func() {
		ctx, cancel := context.WithCancel(context.Background())
		for i := 0; i < 3; i++ {
			cancel()
			checkEq(errText(ctx.Err()), canceled, "Err() after one more cancel")
			_, ok := <-ctx.Done()
			check(!ok, "Done() stays closed")
		}
	})

	twin("CTX-04.concurrent", func() {
		const cancellers = 8
		ctx, cancel := context.WithCancel(context.Background())
		start := make(chan int)
		returned := make(chan int, cancellers)
		for i := 0; i < cancellers; i++ {
			go func() {
				<-start
				cancel()
				returned <- 1
			}()
		}
		close(start)
		for i := 0; i < cancellers; i++ {
			<-returned
		}
		checkEq(errText(ctx.Err()), canceled, "Err() after the concurrent cancels")
		_, ok := <-ctx.Done()
		check(!ok, "Done() closed")
	})

	twin("CTX-05", func() {
		root, cancelRoot := context.WithCancel(context.Background())
		child, cancelChild := context.WithCancel(root)
		timed, cancelTimed := context.WithTimeout(root, time.Hour)
		grandchild, cancelGrandchild := context.WithCancel(child)
		timedGrandchild, cancelTimedGrandchild := context.WithTimeout(timed, time.Hour)
		cancelRoot()
		for _, ctx := range []context.Context{child, timed, grandchild, timedGrandchild} {
			_, ok := <-ctx.Done()
			check(!ok, "a descendant's Done() closed by the root's cancel")
			checkEq(errText(ctx.Err()), canceled, "a descendant's Err()")
		}
		cancelTimedGrandchild()
		cancelGrandchild()
		cancelTimed()
		cancelChild()
	})

	twin("CTX-05.waiting", func() {
		root, cancelRoot := context.WithCancel(context.Background())
		child, cancelChild := context.WithCancel(root)
		grandchild, cancelGrandchild := context.WithTimeout(child, time.Hour)
		woke := make(chan string, 2)
		for _, ctx := range []context.Context{child, grandchild} {
			go func(ctx context.Context) {
				<-ctx.Done()
				woke <- errText(ctx.Err())
			}(ctx)
		}
		waitBlocked(2)
		cancelRoot()
		for i := 0; i < 2; i++ {
			checkEq(<-woke, canceled, "a waiter below the root")
		}
		cancelGrandchild()
		cancelChild()
	})

	twin("CTX-06", func() {
		parent, cancelParent := context.WithCancel(context.Background())
		child, cancelChild := context.WithCancel(parent)
		sibling, cancelSibling := context.WithCancel(parent)
		grandchild, cancelGrandchild := context.WithCancel(child)
		cancelChild()
		checkEq(errText(child.Err()), canceled, "the cancelled child")
		checkEq(errText(grandchild.Err()), canceled, "the cancelled child's own child")
		checkEq(errText(parent.Err()), "", "the parent")
		checkEq(errText(sibling.Err()), "", "the sibling")
		closed := false
		select {
		case <-parent.Done():
			closed = true
		case <-sibling.Done():
			closed = true
		default:
		}
		check(!closed, "the parent's or the sibling's Done() closed")
		cancelParent()
		checkEq(errText(sibling.Err()), canceled, "the sibling, once the parent is cancelled")
		cancelGrandchild()
		cancelSibling()
	})

	twin("CTX-07", func() {
		parent, cancelParent := context.WithCancel(context.Background())
		cancelParent()
		child, cancelChild := context.WithCancel(parent)
		timed, cancelTimed := context.WithTimeout(parent, time.Hour)
		for _, ctx := range []context.Context{child, timed} {
			check(doneNow(ctx), "Done() closed at creation")
			checkEq(errText(ctx.Err()), canceled, "Err() at creation")
		}
		cancelTimed()
		cancelChild()
	})

	twin("CTX-08", func() {
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		_, ok := <-ctx.Done()
		check(!ok, "Done() closes at the deadline")
		check(time.Since(start) >= 20*time.Millisecond, "the context ended before its deadline")
		checkEq(errText(ctx.Err()), deadlineExceeded, "Err() after the deadline")
		cancel()
	})

	twin("CTX-08.worker", func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		input := make(chan int)
		stopped := make(chan string, 1)
		go func() {
			for {
				select {
				case <-ctx.Done():
					stopped <- errText(ctx.Err())
					return
				case <-input:
				}
			}
		}()
		checkEq(<-stopped, deadlineExceeded, "why the worker stopped")
		cancel()
	})

	twin("CTX-08.children", func() {
		parent, cancelParent := context.WithTimeout(context.Background(), 10*time.Millisecond)
		child, cancelChild := context.WithCancel(parent)
		_, ok := <-child.Done()
		check(!ok, "the child's Done() closes at the parent's deadline")
		checkEq(errText(child.Err()), deadlineExceeded, "the child's Err()")
		checkEq(errText(parent.Err()), deadlineExceeded, "the parent's Err()")
		cancelChild()
		cancelParent()
	})

	twin("CTX-09", func() {
		for _, timeout := range []time.Duration{0, -time.Second} {
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			check(doneNow(ctx), "Done() closed at creation")
			checkEq(errText(ctx.Err()), deadlineExceeded, "Err() at creation")
			cancel()
		}
	})

	twin("CTX-10", func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		<-ctx.Done()
		checkEq(errText(ctx.Err()), deadlineExceeded, "Err() at the deadline")
		cancel()
		checkEq(errText(ctx.Err()), deadlineExceeded, "Err() after a later cancel")
	})

	twin("CTX-10.cancel-first", func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		later, cancelLater := context.WithTimeout(context.Background(), 10*time.Millisecond)
		cancel()
		checkEq(errText(ctx.Err()), canceled, "Err() after cancel")
		<-later.Done()
		checkEq(errText(ctx.Err()), canceled, "Err() once the deadline has passed too")
		cancelLater()
	})

	twin("CTX-10.child", func() {
		parent, cancelParent := context.WithCancel(context.Background())
		child, cancelChild := context.WithTimeout(parent, 10*time.Millisecond)
		<-child.Done()
		checkEq(errText(child.Err()), deadlineExceeded, "the child at its deadline")
		checkEq(errText(parent.Err()), "", "the parent after its child's deadline")
		check(!doneNow(parent), "the parent's Done() closed")
		cancelParent()
		checkEq(errText(child.Err()), deadlineExceeded, "the child after its parent's cancel")
		cancelChild()
	})

	twin("CTX-11", func() {
		start := time.Now()
		parent, cancelParent := context.WithTimeout(context.Background(), 20*time.Millisecond)
		child, cancelChild := context.WithTimeout(parent, time.Hour)
		<-child.Done()
		check(time.Since(start) >= 20*time.Millisecond, "the child ended before its parent's deadline")
		checkEq(errText(child.Err()), deadlineExceeded, "the child's Err()")
		checkEq(errText(parent.Err()), deadlineExceeded, "the parent's Err()")
		cancelChild()
		cancelParent()
	})

	twin("CTX-11.deadline", func() {
		parent, cancelParent := context.WithTimeout(context.Background(), time.Hour)
		later, cancelLater := context.WithTimeout(parent, 2*time.Hour)
		earlier, cancelEarlier := context.WithTimeout(parent, time.Minute)
		parentDeadline, _ := parent.Deadline()
		laterDeadline, _ := later.Deadline()
		earlierDeadline, _ := earlier.Deadline()
		check(laterDeadline.Equal(parentDeadline), "a later deadline gives way to the parent's")
		check(earlierDeadline.Before(parentDeadline), "an earlier deadline is kept")
		cancelEarlier()
		cancelLater()
		cancelParent()
	})

	twin("CTX-12", func() {
		var nilParent context.Context
		_, cancel := context.WithCancel(nilParent)
		cancel()
	})

	twin("CTX-12.timeout", func() {
		msg := panicMessage(func() {
			var nilParent context.Context
			_, cancel := context.WithTimeout(nilParent, time.Second)
			cancel()
		})
		checkEq(msg, "cannot create context from nil parent", "WithTimeout(nil, ...)")
	})

	// ---- the notes' worker (N16) ----

	twin("N16-01.workers", func() {
		const workers, jobs = 3, 9
		ctx, cancel := context.WithCancel(context.Background())
		input := make(chan int)
		results := make(chan int, jobs)
		stopped := make(chan string, workers)
		for w := 0; w < workers; w++ {
			go func() {
				for {
					select {
					case <-ctx.Done():
						stopped <- errText(ctx.Err())
						return
					case job := <-input:
						results <- job * job
					}
				}
			}()
		}
		want := 0
		for j := 1; j <= jobs; j++ {
			input <- j
			want += j * j
		}
		sum := 0
		for j := 1; j <= jobs; j++ {
			sum += <-results
		}
		checkEq(sum, want, "every job done once")
		cancel()
		for w := 0; w < workers; w++ {
			checkEq(<-stopped, canceled, "a worker stopped by cancel")
		}
	})

	twin("N16-01.generator", func() {
		ctx, cancel := context.WithCancel(context.Background())
		numbers := make(chan int)
		stopped := make(chan string, 1)
		go func() {
			for n := 1; ; n++ {
				select {
				case <-ctx.Done():
					stopped <- errText(ctx.Err())
					return
				case numbers <- n:
				}
			}
		}()
		for want := 1; want <= 5; want++ {
			checkEq(<-numbers, want, "the generated sequence")
		}
		cancel()
		checkEq(<-stopped, canceled, "the generator stopped on cancel")
	})

	twin("N16-02.timeout", func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		result := make(chan int)
		chosen := -1
		select {
		case <-ctx.Done():
			chosen = 0
		case <-result:
			chosen = 1
		}
		checkEq(chosen, 0, "the deadline ended the wait")
		checkEq(errText(ctx.Err()), deadlineExceeded, "Err() after the deadline")
		cancel()
	})

	// ---- time ----

	twin("TM-01", func() {
		start := time.Now()
		time.Sleep(20 * time.Millisecond)
		check(time.Since(start) >= 20*time.Millisecond, "Sleep returned before its duration")
	})

	twin("TM-01.others", func() {
		go time.Sleep(time.Hour)
		ping := make(chan int)
		pong := make(chan int)
		go func() {
			for i := 0; i < 100; i++ {
				pong <- <-ping + 1
			}
		}()
		for i := 0; i < 100; i++ {
			ping <- i
			checkEq(<-pong, i+1, "the answer of the other goroutine")
		}
		waitBlocked(1)
	})

	twin("TM-02", func() {
		time.Sleep(0)
		time.Sleep(-time.Millisecond)
		time.Sleep(-time.Hour)
	})

	twin("TM-03", func() {
		start := time.Now()
		timeout := time.After(20 * time.Millisecond)
		<-timeout
		check(time.Since(start) >= 20*time.Millisecond, "After delivered before its duration")
		second := false
		select {
		case <-timeout:
			second = true
		default:
		}
		check(!second, "a second value from After")
	})

	twin("TM-04", func() {
		never := make(chan int)
		start := time.Now()
		chosen := -1
		select {
		case <-never:
			chosen = 0
		case <-time.After(20 * time.Millisecond):
			chosen = 1
		}
		checkEq(chosen, 1, "the timeout case")
		check(time.Since(start) >= 20*time.Millisecond, "the timeout taken before its duration")
		ready := make(chan int, 1)
		for i := 0; i < 20; i++ {
			ready <- i
			chosen = -1
			got := -1
			select {
			case got = <-ready:
				chosen = 0
			case <-time.After(time.Hour):
				chosen = 1
			}
			checkEq(chosen, 0, "the ready case")
			checkEq(got, i, "the value received")
		}
	})

	twin("N10-04.requests", func() {
		ask := func(question int, answers bool) int {
			reply := make(chan int)
			go func() {
				if answers {
					reply <- question * 2
				}
			}()
			timeout := 10 * time.Millisecond
			if answers {
				timeout = 60 * time.Second
			}
			select {
			case answer := <-reply:
				return answer
			case <-time.After(timeout):
				return -1
			}
		}
		for question := 1; question <= 6; question++ {
			answers := question%2 == 1
			want := -1
			if answers {
				want = question * 2
			}
			checkEq(ask(question, answers), want, "the answer, or -1 for a timeout")
		}
	})

	// ---- timers and deadlock detection ----

	twin("TM-05.after", func() {
		<-time.After(time.Hour)
	})

	twin("TM-05.unreferenced", func() {
		_ = time.After(time.Hour)
		<-make(chan int)
	})

	twin("TM-05.context", func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
		defer cancel()
		<-ctx.Done()
	})

	twin("TM-05.mutex", func() {
		var m sync.Mutex
		locked := make(chan int)
		go func() {
			m.Lock() // and never unlock
			locked <- 1
		}()
		<-locked
		go time.Sleep(time.Hour)
		m.Lock()
	})

	twin("TM-05.sleeping-main", func() {
		never := make(chan int)
		go func() { <-never }()
		time.Sleep(20 * time.Millisecond)
	})

	twin("TM-05.after-fired", func() {
		<-time.After(10 * time.Millisecond)
		<-make(chan int)
	})

	twin("TM-05.context-expired", func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		<-ctx.Done()
		<-make(chan int)
	})
}
