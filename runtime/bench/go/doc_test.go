// Package bench holds the Go side of gosem's benchmark comparison: Go 1.19's channel, select,
// sync and timer benchmarks, rewritten under the names gosem_bench uses, plus goroutine
// ping-pong, spawn-join and skynet. tools/bench-vs-go.py builds it with `go test -c` and runs it
// next to gosem_bench at GOMAXPROCS 1 and 2.
package bench

// localWork is the busy work the benchmarks model as `foo *= 2; foo /= 2`, once per round. It
// takes and returns foo by value so that, inlined, foo stays in a register as in Go's originals.
func localWork(foo, rounds int) int {
	for i := 0; i < rounds; i++ {
		foo *= 2
		foo /= 2
	}
	return foo
}
