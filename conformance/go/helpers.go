package main

import (
	"fmt"
	"math"
	"regexp"
	"runtime"
	"strings"
)

// checkFailedMarker starts the panic of a failed check; the oracle reads it as the verdict
// check_failed, as the C++ runner does for its cases.
const checkFailedMarker = "conformance check failed: "

// sweptCapacities are the capacities the cases sweep: unbuffered, one, several.
var sweptCapacities = []int{0, 1, 5}

func where() string {
	_, file, line, _ := runtime.Caller(2)
	return fmt.Sprintf("%s:%d", file[strings.LastIndex(file, "/")+1:], line)
}

func check(holds bool, what string) {
	if !holds {
		panic(checkFailedMarker + what + " (" + where() + ")")
	}
}

func checkEq[T comparable](got, want T, what string) {
	if got != want {
		panic(fmt.Sprintf("%s%s: got %v, want %v (%s)", checkFailedMarker, what, got, want, where()))
	}
}

// recovered runs f and recovers the panic that leaves it, if any. A failed check is re-raised:
// code under test must never swallow one.
func recovered(f func()) (message string, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			message, panicked = fmt.Sprint(r), true
			if strings.HasPrefix(message, checkFailedMarker) {
				panic(r)
			}
		}
	}()
	f()
	return "", false
}

var goroutineHeader = regexp.MustCompile(`(?m)^goroutine \d+ \[([^\]]*)\]:`)

// waitBlocked returns once at least n goroutines other than the caller are blocked (waiting
// on a channel, select, lock, sleep...), as the adapters' wait_blocked does.
func waitBlocked(n int) {
	buf := make([]byte, 1<<20)
	for {
		stacks := string(buf[:runtime.Stack(buf, true)])
		blocked := 0
		for _, m := range goroutineHeader.FindAllStringSubmatch(stacks, -1) {
			state := m[1]
			if !strings.HasPrefix(state, "running") && !strings.HasPrefix(state, "runnable") &&
				!strings.HasPrefix(state, "syscall") {
				blocked++
			}
		}
		if blocked >= n {
			return
		}
		runtime.Gosched()
	}
}

// fairnessBound is the largest |hits/trials - 0.5| that two equally likely select cases reach
// with probability 1e-6 (runtime/chan_test.go, TestSelectFairness).
func fairnessBound(trials int) float64 {
	return 4.891676 / (2 * math.Sqrt(float64(trials)))
}

// yield is runtime.Gosched, named as the adapters name it.
func yield() { runtime.Gosched() }
