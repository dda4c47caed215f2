// Package harness is the command line and report every baseline program shares, the same as the
// C++ programs' (baselines/common/harness.hpp):
//
//	PROGRAM THREADS [SIZE]
//
// On success it prints one line, `elapsed_ns=N cpu_ns=C result=R peak_rss_kib=K`: N is the wall
// time of the workload alone (no setup, no check), C the CPU time every thread of the process
// spent in that time (user and system, the collector's too), K the process's peak resident memory
// so far (Linux's VmHWM, or -1 where there is none; see harness.hpp for why not wait4). On a wrong
// result it prints what it got and what it expected on stderr and exits 1; on bad arguments it
// exits 64.
package harness

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Args are a program's parsed command line.
type Args struct {
	Threads int
	Size    int64
}

// Parse reads THREADS and the optional SIZE, and sets GOMAXPROCS to THREADS.
func Parse(defaultSize int64) Args {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		Usage("expected THREADS [SIZE]")
	}
	threads, err := strconv.Atoi(os.Args[1])
	if err != nil || threads < 1 {
		Usage("THREADS must be a positive integer")
	}
	a := Args{Threads: threads, Size: defaultSize}
	if len(os.Args) == 3 {
		a.Size, err = strconv.ParseInt(os.Args[2], 10, 64)
		if err != nil || a.Size < 1 {
			Usage("SIZE must be a positive integer")
		}
	}
	runtime.GOMAXPROCS(threads)
	return a
}

// Usage ends the program with the usage status, saying why the command line is wrong.
func Usage(why string) {
	fmt.Fprintf(os.Stderr, "usage: %s THREADS [SIZE]: %s\n", os.Args[0], why)
	os.Exit(64)
}

// Stopwatch measures a workload from Start: wall time, and the CPU time of the whole process.
type Stopwatch struct {
	wall time.Time
	cpu  time.Duration
}

// Spent is what a Stopwatch read: wall time and CPU time since Start.
type Spent struct {
	Wall, CPU time.Duration
}

// Start begins a measurement.
func Start() Stopwatch {
	return Stopwatch{wall: time.Now(), cpu: processCPU()}
}

// Read returns what was spent since Start.
func (s Stopwatch) Read() Spent {
	return Spent{Wall: time.Since(s.wall), CPU: processCPU() - s.cpu}
}

func processCPU() time.Duration {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		return 0
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

// Finish prints the report and exits 1 when got is not want. The caller reads the stopwatch
// before it computes want, so that the check is not timed.
func Finish[T comparable](elapsed Spent, got, want T) {
	if got != want {
		fmt.Fprintf(os.Stderr, "wrong result: got %v, want %v\n", got, want)
		os.Exit(1)
	}
	fmt.Printf("elapsed_ns=%d cpu_ns=%d result=%v peak_rss_kib=%d\n", elapsed.Wall.Nanoseconds(),
		elapsed.CPU.Nanoseconds(), got, peakRSSKiB())
}

func peakRSSKiB() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		// "VmHWM:	  1260 kB"
		if fields := strings.Fields(lines.Text()); len(fields) == 3 && fields[0] == "VmHWM:" {
			if kib, err := strconv.ParseInt(fields[1], 10, 64); err == nil {
				return kib
			}
		}
	}
	return -1
}
