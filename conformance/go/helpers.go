package main

import (
	"fmt"
	"math"
	"regexp"
	"runtime"
	"strconv"
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

// panicMessage runs f and returns the message of the panic that leaves it, or "no panic", as
// rt.recover(f).value_or("no panic") does in the C++ cases.
func panicMessage(f func()) string {
	message, panicked := recovered(f)
	if !panicked {
		return "no panic"
	}
	return message
}

// sweptElem is one element type of the twins' sweeps, as for_each_element_type sweeps them in
// C++: value(i) is the value numbered i, same(v, i) whether v is that value (every struct{} is),
// isZero(v) whether v is the type's zero value. *int stands for C++'s move-only type.
type sweptElem[T any] struct {
	value  func(int) T
	same   func(T, int) bool
	isZero func(T) bool
}

var (
	sweptInt = sweptElem[int]{
		func(i int) int { return i },
		func(v, i int) bool { return v == i },
		func(v int) bool { return v == 0 },
	}
	sweptEmpty = sweptElem[struct{}]{
		func(int) struct{} { return struct{}{} },
		func(struct{}, int) bool { return true },
		func(struct{}) bool { return true },
	}
	sweptPtr = sweptElem[*int]{
		func(i int) *int { return &i },
		func(v *int, i int) bool { return v != nil && *v == i },
		func(v *int) bool { return v == nil },
	}
	sweptString = sweptElem[string]{
		func(i int) string { return "v" + strconv.Itoa(i) },
		func(v string, i int) bool { return v == "v"+strconv.Itoa(i) },
		func(v string) bool { return v == "" },
	}
)

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
