#!/usr/bin/env python3
"""Runs Go 1.19's benchmarks and gosem's ports of them on this machine, in the same run, and prints
one Markdown table: benchmark, GOMAXPROCS, Go ns/op, gosem ns/op, the ratio gosem/Go, for the lock
benchmarks gosem's run with std::mutex (std::shared_mutex) in place of its own lock, and for the
million-goroutine rows the peak RSS of each side.

Both sides are built here: gosem_bench with CMake in Release mode, the Go side (runtime/bench/go)
with `go test -c` from Go 1.19. Each benchmark runs --reps times per side, the sides taking turns,
and the table shows medians. The million-goroutine rows run in a process of their own per side
and GOMAXPROCS, so that the process's peak RSS (getrusage of the child) belongs to that row.

  tools/bench-vs-go.py                 # full run (several minutes)
  tools/bench-vs-go.py --quick         # smoke run: short benchtime, one repetition
  tools/bench-vs-go.py --filter 'Chan(Sync|Sem)' --out table.md
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROCS = (1, 2)
# Rows whose op is a whole program's worth of goroutines or timers: measured one process per
# side and GOMAXPROCS, with peak RSS.
MEMORY_ROWS = ("Skynet", "SpawnJoin", "ManyTimers/100000")
# gosem_bench's name suffix for a benchmark's variant on std::mutex or std::shared_mutex.
STD_SUFFIX = "/std"
# A run that takes longer than this is stuck (a deadlock the detector missed, a lost wakeup).
RUN_TIMEOUT_S = 300


def progress(message):
    print(message, file=sys.stderr, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: benchtime 0.01 s, one repetition")
    parser.add_argument("--filter", default="",
                        help="regular expression; only benchmarks whose name it matches (re.search)")
    parser.add_argument("--out", help="also write the table to this Markdown file")
    parser.add_argument("--reps", type=int, help="runs per benchmark and side (default 3)")
    parser.add_argument("--benchtime", type=float,
                        help="seconds each benchmark runs for, Go's -benchtime (default 0.2)")
    parser.add_argument("--go", default="/usr/lib/go-1.19/bin/go", help="the Go 1.19 toolchain")
    parser.add_argument("--build-dir", help="where to build both sides (default: under the "
                        "system's temporary directory, one per checkout)")
    args = parser.parse_args()
    if args.reps is None:
        args.reps = 1 if args.quick else 3
    if args.benchtime is None:
        args.benchtime = 0.01 if args.quick else 0.2
    if args.build_dir is None:
        checkout = hashlib.sha1(REPO.encode()).hexdigest()[:8]
        args.build_dir = os.path.join(tempfile.gettempdir(), f"gosem-bench-vs-go-{checkout}")
    return args


def build(build_dir, go):
    """Builds gosem_bench (Release) and the Go test binary; returns both paths."""
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    jobs = str(min(2, os.cpu_count() or 1))
    cmake_dir = os.path.join(build_dir, "cmake")
    progress(f"building gosem_bench (Release) in {cmake_dir}")
    subprocess.run(["cmake", "-S", REPO, "-B", cmake_dir, *generator, "-DCMAKE_BUILD_TYPE=Release",
                    "-DGOSEM_BUILD_TESTS=OFF", "-DGOSEM_BUILD_CONFORMANCE=OFF",
                    "-DGOSEM_BUILD_BASELINES=OFF", "-DGOSEM_BUILD_BENCHMARKS=ON"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", cmake_dir, "--target", "gosem_bench", "-j", jobs],
                   check=True, stdout=subprocess.DEVNULL)
    gosem_bench = os.path.join(cmake_dir, "runtime", "bench", "gosem_bench")

    go_test = os.path.join(build_dir, "go-bench.test")
    progress(f"building the Go benchmarks with {go}")
    env = dict(os.environ, GOFLAGS="-mod=mod", GO111MODULE="on", GOPROXY="off", CGO_ENABLED="0",
               GOCACHE=os.path.join(build_dir, "go-cache"))
    subprocess.run([go, "test", "-c", "-o", go_test, "."], check=True, env=env,
                   cwd=os.path.join(REPO, "runtime", "bench", "go"))
    return gosem_bench, go_test


def run_measured(argv):
    """Runs argv; returns (exit status, stdout, peak RSS in bytes). The child's rusage comes from
    wait4, so it is that process's alone."""
    with tempfile.TemporaryFile(mode="w+") as out:
        child = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return child.returncode, out.read(), usage.ru_maxrss * 1024


def gosem_names(gosem_bench):
    """The benchmark names gosem_bench registers (Go's names), in its order, and the set of those
    that also have a "<name>/std" variant on a standard C++ lock."""
    listing = subprocess.run([gosem_bench, "--benchmark_list_tests"], check=True,
                             capture_output=True, text=True).stdout
    names, with_std = [], set()
    for line in listing.split():
        name = line.split("/procs:")[0]
        if name.endswith(STD_SUFFIX):
            with_std.add(name[:-len(STD_SUFFIX)])
        elif name not in names:
            names.append(name)
    return names, with_std


def go_has(go_test, name):
    top = name.split("/")[0]
    listing = subprocess.run([go_test, "-test.list", f"^Benchmark{top}$"], check=True,
                             capture_output=True, text=True).stdout
    return f"Benchmark{top}" in listing.split()


# The sides share one interface: has(name) says whether the side has that benchmark, and
# run(name, procs, single_op) returns ({procs: ns/op, or None where the run failed}, the process's
# peak RSS in bytes).
class GoSide:
    label = "Go"
    ROW = re.compile(r"^Benchmark(\S+?)(?:-(\d+))?\s+\d+\s+([\d.]+) ns/op", re.M)

    def __init__(self, binary, benchtime):
        self.binary, self.benchtime = binary, benchtime

    def has(self, name):
        return True  # main() has checked that Go has every benchmark gosem has

    def run(self, name, procs, single_op=False):
        top, *subs = name.split("/")
        pattern = "/".join([f"^Benchmark{top}$"] + [f"^{sub}$" for sub in subs])
        benchtime = "1x" if single_op else f"{self.benchtime}s"
        status, out, rss = run_measured([
            self.binary, "-test.run", "^$", "-test.bench", pattern, "-test.benchtime", benchtime,
            "-test.cpu", ",".join(map(str, procs)), "-test.count", "1"])
        found = {int(p or 1): float(ns) for n, p, ns in self.ROW.findall(out) if n == name}
        if status != 0:
            progress(f"  Go {name} failed (exit {status}):\n{out.strip()}")
            return {p: None for p in procs}, rss
        return {p: found.get(p) for p in procs}, rss


class GosemSide:
    """gosem_bench's benchmarks; with variant=STD_SUFFIX, their variants on standard C++ locks."""
    UNITS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}

    def __init__(self, binary, benchtime, label="gosem", variant="", names=None):
        self.binary, self.benchtime = binary, benchtime
        self.label, self.variant, self.names = label, variant, names

    def has(self, name):
        return self.names is None or name in self.names

    def run(self, name, procs, single_op=False):
        # Google Benchmark 1.7 has no "1x": a minimum time far below one op's gives one op.
        min_time = 1e-6 if single_op else self.benchtime
        alternatives = "|".join(map(str, procs))
        with tempfile.NamedTemporaryFile(suffix=".json") as report:
            status, out, rss = run_measured([
                self.binary, f"--benchmark_filter=^{name}{self.variant}/procs:({alternatives})/",
                f"--benchmark_min_time={min_time}", f"--benchmark_out={report.name}",
                "--benchmark_out_format=json"])
            try:
                with open(report.name) as f:
                    runs = json.load(f)["benchmarks"]
            except (OSError, ValueError, KeyError):
                runs = []
        if status != 0:
            progress(f"  gosem {name} failed (exit {status}):\n{out.strip()}")
        found = {}
        for r in runs:
            if r.get("error_occurred"):
                continue
            p = int(re.search(r"/procs:(\d+)", r["name"]).group(1))
            found[p] = r["real_time"] * self.UNITS[r["time_unit"]]
        return {p: found.get(p) for p in procs}, rss


def measure(names, sides, reps):
    """Returns {(name, procs, side label): {"ns": [...], "rss": [...]}}."""
    samples = {}

    def record(name, procs, side, ns, rss=None):
        cell = samples.setdefault((name, procs, side.label), {"ns": [], "rss": []})
        cell["ns"].append(ns)
        if rss is not None:
            cell["rss"].append(rss)

    for rep in range(reps):
        # The sides take turns, and swap who goes first each repetition, so that neither always
        # runs on a machine the other has just warmed (or heated).
        order = sides if rep % 2 == 0 else sides[::-1]
        for name in names:
            progress(f"[{rep + 1}/{reps}] {name}")
            for side in filter(lambda side: side.has(name), order):
                if name in MEMORY_ROWS:
                    for procs in PROCS:
                        ns, rss = side.run(name, (procs,), single_op=True)
                        record(name, procs, side, ns[procs], rss)
                else:
                    ns, _ = side.run(name, PROCS)
                    for procs in PROCS:
                        record(name, procs, side, ns[procs])
    return samples


def median(values):
    good = [v for v in values if v is not None]
    if not good or len(good) < len(values):
        return None  # a failed run spoils the row: better no number than a flattering one
    return statistics.median(good)


def format_ns(ns):
    if ns is None:
        return "failed"
    if ns >= 100:
        return f"{ns:,.0f}"
    return f"{ns:.1f}" if ns >= 10 else f"{ns:.2f}"


def format_rss(values):
    return f"{statistics.median(values) / 2**20:,.0f} MiB" if values else ""


def table(names, samples, args):
    lines = [
        f"gosem vs Go 1.19 on {os.cpu_count()} CPUs; median of {args.reps} run(s) per side, "
        f"benchtime {args.benchtime} s (the million-goroutine rows: one op per run). "
        "Ratio = gosem / Go: at most 1.00 meets the target; misses are in bold. "
        "std lock: the same benchmark on gosem with std::mutex (std::shared_mutex for RWMutex) "
        "in place of gosem's lock, as a second reference.",
        "",
        "| benchmark | procs | Go ns/op | gosem ns/op | gosem/Go | std lock ns/op "
        "| Go peak RSS | gosem peak RSS |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    misses = rows = 0
    for name in names:
        for procs in PROCS:
            go = samples[(name, procs, "Go")]
            gs = samples[(name, procs, "gosem")]
            std = samples.get((name, procs, "std"))
            go_ns, gosem_ns = median(go["ns"]), median(gs["ns"])
            ratio = ""
            if go_ns and gosem_ns:
                rows += 1
                ratio = f"{gosem_ns / go_ns:.2f}"
                if gosem_ns > go_ns:
                    misses += 1
                    ratio = f"**{ratio}**"
            lines.append(f"| {name} | {procs} | {format_ns(go_ns)} | {format_ns(gosem_ns)} | "
                         f"{ratio} | {format_ns(median(std['ns'])) if std else ''} | "
                         f"{format_rss(go['rss'])} | {format_rss(gs['rss'])} |")
    lines += ["", f"{rows - misses} of {rows} rows at a ratio of at most 1.00."]
    return "\n".join(lines) + "\n"


def main():
    args = parse_args()
    os.makedirs(args.build_dir, exist_ok=True)
    gosem_bench, go_test = build(args.build_dir, args.go)
    names, with_std = gosem_names(gosem_bench)
    names = [n for n in names if re.search(args.filter, n)]
    if not names:
        sys.exit(f"no benchmark matches --filter {args.filter!r}")
    missing = [n for n in names if not go_has(go_test, n)]
    if missing:
        sys.exit(f"the Go side lacks {', '.join(missing)}")
    sides = [GoSide(go_test, args.benchtime), GosemSide(gosem_bench, args.benchtime),
             GosemSide(gosem_bench, args.benchtime, "std", STD_SUFFIX, with_std)]
    started = time.monotonic()
    samples = measure(names, sides, args.reps)
    progress(f"measured in {time.monotonic() - started:.0f} s")
    result = table(names, samples, args)
    print(result, end="")
    if args.out:
        with open(args.out, "w") as f:
            f.write(result)


if __name__ == "__main__":
    main()
