#!/usr/bin/env python3
"""Builds the baseline workloads and runs them on gosem, TBB, Boost.Fiber and Go, side by side.

    python3 tools/baselines.py             # full run: build, measure, write results/<date>/
    python3 tools/baselines.py --quick     # every workload once at a small size; checks results
    python3 tools/baselines.py --report-from results/<date>   # the report again, from its runs
    python3 tools/baselines.py --report-from results/<date> --update-readme   # and into the README

A full run builds the C++ programs (a CMake Release build of its own) and the Go programs (Go
1.19, CGO_ENABLED=0), then runs every workload on every system at 1 and 2 threads and at every
thread count up to the cores present, several times, alternating systems so that a change in the
machine's load hits them all alike. For each (workload, system, threads) it records the median,
minimum and maximum of the time the program reports for the workload itself (setup and result
check excluded), how many CPUs its threads kept busy meanwhile (their CPU time over that time),
and the peak RSS the process reports (its VmHWM: see baselines/common/harness.hpp for why not
wait4's), and writes results.json, a Markdown table (results.md) and PNG plots into
results/<date>/. Progress goes to stderr. Boost.Fiber runs twice on more than one thread, with
idle threads that sleep and with idle threads that spin, and is shown by the faster.

Each program checks its own result; a wrong result, a crash or a timeout is a failure, reported
in the table, and makes the driver exit 1. `--quick` (the `baselines` ctest test) checks exactly
that and does not look at times.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import importlib.util
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GO_MODULE = REPO / "baselines" / "go"
README = REPO / "baselines" / "README.md"
README_BEGIN = "<!-- baselines:results:begin -->"
README_END = "<!-- baselines:results:end -->"
DEBIAN_GO = Path("/usr/lib/go-1.19/bin/go")
DEBIAN_PYTHON = Path("/usr/bin/python3")


@dataclasses.dataclass(frozen=True)
class System:
    key: str    # the folder of its programs under the bin folder
    label: str


GOSEM = System("gosem", "gosem")
TBB = System("tbb", "TBB")
FIBER = System("fiber", "Boost.Fiber")
GO = System("go", "Go")
SYSTEMS = [GOSEM, TBB, FIBER, GO]
SEQUENTIAL = System("seq", "sequential loop")
# Boost.Fiber's programs built with idle threads that spin instead of sleeping
# (baselines/fiber/work_stealing_pool.hpp). Run wherever Boost.Fiber runs on more than one
# thread; its column shows whichever of the two has the lower median (`better_fiber`).
FIBER_SPINNING = System("fiber-spin", "Boost.Fiber, spinning")


@dataclasses.dataclass(frozen=True)
class Workload:
    name: str
    description: str
    size: int          # the issue's size: the programs' default
    quick_size: int
    systems: tuple[System, ...]
    reference: System | None = None  # a one-thread reference run next to the systems


WORKLOADS = [
    Workload("skynet", "1M leaf tasks in a 10-ary tree", 1_000_000, 10_000, (GOSEM, TBB, FIBER, GO)),
    Workload("fib", "fork-join fib(32), cutoff 10", 32, 20, (GOSEM, TBB, FIBER, GO)),
    Workload("reduce", "sum of 200M int32", 200_000_000, 1_000_000, (GOSEM, TBB, FIBER, GO),
             reference=SEQUENTIAL),
    Workload("matmul", "1024x1024 double matrix multiply", 1024, 64, (GOSEM, TBB, FIBER, GO)),
    Workload("pipeline", "10M items, 3 stages, buffered channels", 10_000_000, 10_000,
             (GOSEM, TBB, FIBER, GO)),
    Workload("sieve", "first 2000 primes, daisy chain", 2000, 100, (GOSEM, FIBER, GO)),
    Workload("workerpool", "1M jobs, 8 workers", 1_000_000, 10_000, (GOSEM, TBB, FIBER, GO)),
    Workload("pingpong", "1M unbuffered round trips", 1_000_000, 10_000, (GOSEM, FIBER, GO)),
]


@dataclasses.dataclass
class Sample:
    elapsed_s: float | None   # what the program reports; None when it failed
    process_s: float          # fork to exit
    peak_rss_kib: int | None  # what the program reports
    error: str | None = None
    cpu_s: float | None = None  # what the program reports: its threads' CPU time in elapsed_s

    def cpus_busy(self) -> float | None:
        """CPU time over wall time: 1.0 is one core kept busy."""
        return self.cpu_s / self.elapsed_s if self.cpu_s is not None and self.elapsed_s else None


@dataclasses.dataclass
class Cell:
    """Every run of one workload on one system at one thread count."""
    workload: str
    system: str
    threads: int
    samples: list[Sample] = dataclasses.field(default_factory=list)
    missing: str | None = None  # why it could not run at all (not built, no Go)
    spinning: bool = False  # Boost.Fiber's column showing its spinning build (better_fiber)

    def times(self) -> list[float]:
        return [s.elapsed_s for s in self.samples if s.elapsed_s is not None]

    def errors(self) -> list[str]:
        return [s.error for s in self.samples if s.error]

    def median(self) -> float | None:
        t = self.times()
        return statistics.median(t) if t and not self.errors() else None

    def cpus_busy(self) -> float | None:
        """The median over the runs of their CPUs busy."""
        busy = [b for b in (s.cpus_busy() for s in self.samples) if b is not None]
        return statistics.median(busy) if busy else None

    def peak_rss_mib(self) -> float | None:
        rss = [s.peak_rss_kib for s in self.samples if s.peak_rss_kib is not None]
        return max(rss) / 1024 if rss else None


# ---------------------------------------------------------------------------------------------
# Building


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_cpp(build_dir: Path) -> Path:
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    configure = ["cmake", "-S", str(REPO), "-B", str(build_dir), *generator,
                 "-DCMAKE_BUILD_TYPE=Release", "-DGOSEM_BUILD_BASELINES=ON",
                 "-DGOSEM_BUILD_TESTS=OFF", "-DGOSEM_BUILD_BENCHMARKS=OFF",
                 "-DGOSEM_BUILD_CONFORMANCE=OFF"]
    log(f"build: configuring {build_dir}")
    subprocess.run(configure, check=True, stdout=subprocess.DEVNULL)
    log("build: compiling the C++ programs (cmake --build --target baselines)")
    subprocess.run(["cmake", "--build", str(build_dir), "--target", "baselines", "-j2"], check=True,
                   stdout=subprocess.DEVNULL)
    return build_dir / "baselines" / "bin"


def find_go(explicit: str | None) -> Path | None:
    """A Go 1.19 toolchain: --go, $GO, Debian's golang-1.19-go, or `go` on PATH."""
    candidates = [explicit, os.environ.get("GO"), str(DEBIAN_GO), shutil.which("go")]
    for c in candidates:
        if not c or not Path(c).is_file():
            continue
        out = subprocess.run([c, "version"], capture_output=True, text=True).stdout
        if out.startswith("go version go1.19"):
            return Path(c)
        log(f"build: {c} is not Go 1.19 ({out.strip()}); not using it")
    return None


def build_go(go: Path, bin_dir: Path) -> None:
    out_dir = bin_dir / GO.key
    out_dir.mkdir(parents=True, exist_ok=True)
    # Its own cache and module path next to the programs: no dependence on $HOME, nothing fetched.
    env = dict(os.environ, CGO_ENABLED="0", GOPROXY="off",
               GOCACHE=str(bin_dir.parent / "go-cache"), GOPATH=str(bin_dir.parent / "go-path"))
    log(f"build: go build ./... with {go} into {out_dir}")
    subprocess.run([str(go), "build", "-o", str(out_dir) + os.sep, "./..."], cwd=GO_MODULE, env=env,
                   check=True)


# ---------------------------------------------------------------------------------------------
# Running

REPORT = re.compile(r"^elapsed_ns=(\d+) cpu_ns=(\d+) result=(\S+) peak_rss_kib=(-?\d+)$",
                    re.MULTILINE)


def run_once(program: Path, threads: int, size: int, timeout_s: float) -> Sample:
    """Runs one program and reads its report; kills it after timeout_s."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([str(program), str(threads), str(size)], stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            proc.kill()

        timer = threading.Timer(timeout_s, kill)
        timer.start()
        try:
            _, status = os.waitpid(proc.pid, 0)
        finally:
            timer.cancel()
        process_s = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace").strip()
    sample = Sample(None, process_s, None)
    match = REPORT.search(stdout)
    if timed_out.is_set():
        sample.error = f"timeout after {timeout_s:.0f} s"
    elif proc.returncode != 0:
        tail = stderr.splitlines()[-1] if stderr else ""
        sample.error = f"exit {proc.returncode}: {tail}"
    elif not match:
        sample.error = ("no `elapsed_ns=N cpu_ns=C result=R peak_rss_kib=K` line: "
                        f"{stdout.strip()[:200]!r}")
    else:
        sample.elapsed_s = int(match.group(1)) / 1e9
        sample.cpu_s = int(match.group(2)) / 1e9
        sample.peak_rss_kib = int(match.group(4)) if int(match.group(4)) >= 0 else None
    return sample


def rotated(items: list, by: int) -> list:
    by %= len(items)
    return items[by:] + items[:by]


def thread_counts(requested: str | None) -> list[int]:
    if requested:
        return sorted({int(t) for t in requested.split(",")})
    cores = len(os.sched_getaffinity(0))
    return sorted({1, 2, *range(1, cores + 1)})


def run_all(workloads: list[Workload], systems: list[System], threads: list[int], reps: int,
            quick: bool, bin_dir: Path, missing: dict[str, str], timeout_s: float) -> list[Cell]:
    cells: dict[tuple[str, str, int], Cell] = {}
    plan = []  # (workload, system, threads, rep), in the order they run
    for w in workloads:
        for t in threads:
            runnable = [s for s in systems if s in w.systems]
            if FIBER in runnable and t > 1:
                runnable.append(FIBER_SPINNING)
            if w.reference is not None and t == 1:
                runnable.append(w.reference)
            for s in runnable:
                cells[(w.name, s.key, t)] = Cell(w.name, s.key, t)
            for rep in range(reps):
                plan += [(w, s, t, rep) for s in rotated(runnable, rep)]

    for cell in cells.values():
        if cell.system in missing:
            cell.missing = missing[cell.system]
        elif not (bin_dir / cell.system / cell.workload).is_file():
            cell.missing = f"not built (no {bin_dir / cell.system / cell.workload})"
    for reason in sorted({c.missing for c in cells.values() if c.missing}):
        log(f"skip: {reason}")

    todo = [p for p in plan if not cells[(p[0].name, p[1].key, p[2])].missing]
    began = time.monotonic()
    for i, (w, s, t, rep) in enumerate(todo, 1):
        cell = cells[(w.name, s.key, t)]
        sample = run_once(bin_dir / s.key / w.name, t, w.quick_size if quick else w.size,
                          timeout_s)
        cell.samples.append(sample)
        spent = time.monotonic() - began
        left = spent / i * (len(todo) - i)
        rss = "" if sample.peak_rss_kib is None else f", {sample.peak_rss_kib / 1024:.0f} MiB"
        busy = "" if sample.cpus_busy() is None else f", {sample.cpus_busy():.1f} CPUs"
        outcome = (f"FAILED: {sample.error}" if sample.error
                   else fmt_time(sample.elapsed_s) + busy + rss)
        log(f"[{i:>4}/{len(todo)}] {w.name:<10} {s.label:<21} T={t} rep {rep + 1}/{reps}: "
            f"{outcome}  (about {left / 60:.1f} min left)")
    return list(cells.values())


# ---------------------------------------------------------------------------------------------
# Reporting


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def fmt_cell(cell: Cell | None) -> str:
    if cell is None:
        return "n/a"
    if cell.missing:
        return "not run"
    if cell.errors():
        return f"FAILED ({len(cell.errors())}/{len(cell.samples)})"
    t = cell.times()
    median = statistics.median(t)
    text = fmt_time(median)
    if len(t) > 1:
        text += f" ±{(max(t) - min(t)) / 2 / median * 100:.0f}%"
    return text + (", spinning" if cell.spinning else "")


def ratio(a: Cell | None, b: Cell | None) -> float | None:
    if a is None or b is None or a.median() is None or b.median() is None:
        return None
    return a.median() / b.median()


def fmt_ratio(r: float | None) -> str:
    return "—" if r is None else f"{r:.2f}"


def per_system(row: dict[str, Cell | None], value, fmt: str) -> str:
    """One figure of each system's cell, "a / b / c / d" in SYSTEMS order, "—" where none."""
    figures = [None if c is None else value(c) for c in row.values()]
    return " / ".join("—" if f is None else format(f, fmt) for f in figures)


def paired_ratios(a: Cell | None, b: Cell | None) -> list[float] | None:
    """a's time over b's, repetition by repetition. Within a repetition the driver runs the
    systems of one (workload, threads) back to back, so the k-th runs of two cells met the same
    spell of the machine's load, and their ratio is steadier than either time."""
    if a is None or b is None or a.errors() or b.errors():
        return None
    ta, tb = a.times(), b.times()
    if len(ta) != len(tb) or len(ta) < 2:
        return None
    return [x / y for x, y in zip(ta, tb)]


def median_interval(values: list[float], level: float = 0.95,
                    resamples: int = 4000) -> tuple[float, float]:
    """A bootstrap interval for the median of values (percentile method, fixed seed, so that a
    report is the same each time it is written from the same runs)."""
    rng = random.Random(0)
    medians = sorted(statistics.median(rng.choices(values, k=len(values)))
                     for _ in range(resamples))
    tail = (1 - level) / 2
    return medians[int(tail * resamples)], medians[int((1 - tail) * resamples) - 1]


def index(cells: list[Cell]) -> dict[tuple[str, str, int], Cell]:
    return {(c.workload, c.system, c.threads): c for c in cells}


def better_fiber(cells: list[Cell]) -> list[Cell]:
    """The cells as the report shows them: Boost.Fiber's cell of each (workload, threads) is
    that of whichever build, idle threads asleep or spinning, has the lower median, so that
    gosem is compared with the better of the two."""
    by = index(cells)
    shown = []
    for c in cells:
        if c.system == FIBER_SPINNING.key:
            continue
        spin = by.get((c.workload, FIBER_SPINNING.key, c.threads))
        if c.system != FIBER.key:
            spin = None
        if spin is not None and spin.median() is not None and \
                (c.median() is None or spin.median() < c.median()):
            c = dataclasses.replace(spin, system=FIBER.key, spinning=True)
        shown.append(c)
    return shown


def markdown_table(cells: list[Cell], workloads: list[Workload], threads: list[int]) -> str:
    by = index(cells)
    names = " / ".join(s.label for s in SYSTEMS)
    head = ["workload", "T", *(s.label for s in SYSTEMS), "gosem/TBB", "gosem/Go",
            "gosem/Boost.Fiber", f"CPUs busy ({names})", f"peak RSS MiB ({names})"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for w in workloads:
        for t in threads:
            row = {s.key: by.get((w.name, s.key, t)) for s in SYSTEMS}
            if all(c is None for c in row.values()):
                continue
            ratios = [fmt_ratio(ratio(row["gosem"], row[other])) for other in ("tbb", "go", "fiber")]
            lines.append("| " + " | ".join([
                w.name, str(t), *(fmt_cell(row[s.key]) for s in SYSTEMS), *ratios,
                per_system(row, Cell.cpus_busy, ".1f"), per_system(row, Cell.peak_rss_mib, ".0f")])
                + " |")
    notes = []
    for w in workloads:
        if w.reference is not None and (ref := by.get((w.name, w.reference.key, 1))):
            notes.append(f"- {w.name}: the {w.reference.label} on 1 thread takes {fmt_cell(ref)} "
                         f"(peak RSS {ref.peak_rss_mib() or 0:.0f} MiB).")
    return "\n".join(lines + ([""] + notes if notes else []))


# The targets: (workload or None for all, other system, largest allowed gosem/other).
TIME_TARGETS = [
    (None, GO, 1.0),
    ("reduce", TBB, 1.25), ("matmul", TBB, 1.25), ("pipeline", TBB, 1.25),
    ("fib", TBB, 2.0),
    (None, FIBER, 1.0),
]


def target_misses(cells: list[Cell], workloads: list[Workload],
                  threads: list[int]) -> tuple[list[str], list[str]]:
    """The targets missed, and those met by a margin the runs do not resolve: where the 95%
    interval of the run-by-run ratio's median reaches past the limit, or (for a miss) below it."""
    by = index(cells)
    misses, unresolved = [], []
    for w in workloads:
        for t in threads:
            mine = by.get((w.name, GOSEM.key, t))
            for only, other, limit in TIME_TARGETS:
                if only not in (None, w.name):
                    continue
                theirs = by.get((w.name, other.key, t))
                r = ratio(mine, theirs)
                if r is None:
                    continue
                line = (f"- {w.name}, T={t}: gosem takes {r:.2f}x {other.label}'s time "
                        f"(target: at most {limit:g}x)")
                pairs = paired_ratios(mine, theirs)
                lo, hi = median_interval(pairs) if pairs else (r, r)
                if pairs and lo <= limit < hi:
                    line += (f"; run by run {lo:.2f}-{hi:.2f} (95% interval of the median over "
                             f"{len(pairs)} repetitions)")
                    if r > limit:
                        line += ", so the runs do not resolve it"
                if mine.cpus_busy() is not None and theirs.cpus_busy() is not None:
                    line += (f"; CPUs busy: gosem {mine.cpus_busy():.1f}, {other.label} "
                             f"{theirs.cpus_busy():.1f}")
                if r > limit:
                    misses.append(line)
                elif hi > limit:
                    unresolved.append(line)
            if w.name == "skynet":
                go_cell = by.get((w.name, GO.key, t))
                if mine and go_cell and mine.peak_rss_mib() and go_cell.peak_rss_mib() and \
                        mine.peak_rss_mib() > go_cell.peak_rss_mib():
                    misses.append(f"- skynet, T={t}: gosem's peak RSS is {mine.peak_rss_mib():.0f} "
                                  f"MiB, Go's {go_cell.peak_rss_mib():.0f} MiB (target: no more)")
    return misses, unresolved


def failures(cells: list[Cell]) -> list[str]:
    return [f"- {c.workload} on {c.system}, T={c.threads}: {e}" for c in cells for e in c.errors()]


def machine_description() -> dict[str, str]:
    def first_line(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
        except (OSError, IndexError):
            return "unknown"

    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                    if line.startswith("MemTotal")), 0)
    return {
        "cpu": cpu,
        "cores": str(len(os.sched_getaffinity(0))),
        "memory": f"{mem_kib / 1024 / 1024:.0f} GiB",
        "kernel": platform.release(),
        "compiler": first_line(["c++", "--version"]),
        "go": first_line([str(DEBIAN_GO), "version"]) if DEBIAN_GO.exists() else "absent",
        "tbb": first_line(["dpkg-query", "-W", "-f=${Version}", "libtbb-dev"]),
        "boost": first_line(["dpkg-query", "-W", "-f=${Version}", "libboost-fiber-dev"]),
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def probe(bin_dir: Path) -> str:
    """What the machine charges for an atomic exchange and for a cache line's round trip between
    two cores, and how fast each CPU runs plain arithmetic, now (baselines/probe/machine.cpp): all
    three move with the host a VM is on, and with its neighbours' load, and so do the ratios of
    systems that pay them in different amounts or run on one core."""
    program = bin_dir / "probe" / "machine"
    if not program.is_file():
        return "not measured (no probe built)"
    out = subprocess.run([str(program)], capture_output=True, text=True, timeout=60).stdout
    values = dict(re.findall(r"(\w+)=(-?[\d.]+)", out))
    if "atomic_exchange_ns" not in values:
        return "not measured (the probe failed)"
    trip = values.get("core_round_trip_ns", "-1")
    trip_text = "one core only" if float(trip) < 0 else f"{trip} ns"
    speeds = re.search(r"cpu_speed=([\d.,]+)", out)
    speed_text = "" if speeds is None else f" / {speeds[1].replace(',', ' ')}"
    return f"{values['atomic_exchange_ns']} ns / {trip_text}{speed_text}"


def describe(measured: str, machine: dict[str, str], reps: int, quick: bool) -> str:
    facts = ", ".join(f"{k}: {v}" for k, v in machine.items())
    mode = "quick mode (small sizes, one run each)" if quick else f"{reps} runs each"
    return (f"Measured {measured}, {mode}. Machine: {facts}.\n\n"
            "Each cell: median of the time the program reports for its workload (setup and "
            "result check excluded), ± half the range of the runs, relative to the median. "
            "Boost.Fiber runs on more than one thread twice, with idle threads that sleep and "
            "with idle threads that spin; its column shows the one with the lower median, marked "
            "\"spinning\" when that is the spinning one. "
            "Ratios are of medians; below 1 means gosem is faster. Where a ratio has a target, "
            "the runs are also compared repetition by repetition (the systems of a workload run "
            "back to back in each), and a target whose 95% interval for the median of those "
            "ratios reaches across it is listed as not resolved. CPUs busy is the median over the "
            "runs of the CPU time all the program's threads spent during the workload over its "
            "wall time (a thread spinning for work counts). Peak RSS is the largest "
            "over the runs of the process's VmHWM, read as the program finishes.")


def report(cells: list[Cell], workloads: list[Workload], threads: list[int], measured: str,
           machine: dict[str, str], reps: int, quick: bool) -> str:
    shown = better_fiber(cells)
    parts = [describe(measured, machine, reps, quick), "", markdown_table(shown, workloads, threads)]
    misses, unresolved = target_misses(shown, workloads, threads)
    if not quick:
        if misses:
            parts += ["", "Targets missed:", *misses]
        elif unresolved:
            parts += ["", "No target of issue 5 is missed by the medians, but not every margin is "
                      "resolved (below)."]
        else:
            parts += ["", "Every target of issue 5 is met."]
        if unresolved:
            parts += ["", "Targets met by a margin the runs do not resolve:", *unresolved]
    if fails := failures(cells):
        parts += ["", "Failures:", *fails]
    return "\n".join(parts) + "\n"


def load_run(path: Path) -> dict:
    """An earlier run, from its results.json: the arguments `report` takes."""
    data = json.loads((path / "results.json" if path.is_dir() else path).read_text())
    cells = [Cell(c["workload"], c["system"], c["threads"],
                  [Sample(**sample) for sample in c["samples"]], c["missing"])
             for c in data["cells"]]
    names = {c.workload for c in cells}
    # Runs written before the time was recorded have it in their folder's name.
    folder = re.fullmatch(r"(\d{4}-\d\d-\d\d)_(\d\d)-(\d\d)-\d\d", path.resolve().parent.name
                          if path.is_file() else path.resolve().name)
    measured = data.get("measured") or (f"{folder[1]} {folder[2]}:{folder[3]}" if folder
                                        else "at a time not recorded")
    return {"cells": cells, "workloads": [w for w in WORKLOADS if w.name in names],
            "threads": data["threads"], "measured": measured, "machine": data["machine"],
            "reps": data["reps"], "quick": data["quick"]}


def report_from(path: Path) -> str:
    """The report of an earlier run, rebuilt from the runs in its results.json."""
    return report(**load_run(path))


def plot(cells: list[Cell], workloads: list[Workload], threads: list[int], out_dir: Path) -> list[Path]:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    by = index(better_fiber(cells))
    colors = {GOSEM.key: "tab:blue", TBB.key: "tab:orange", FIBER.key: "tab:green", GO.key: "tab:red"}
    width = 0.8 / len(SYSTEMS)

    def draw(ax, w: Workload) -> None:
        for i, s in enumerate(SYSTEMS):
            xs, ys, lo, hi = [], [], [], []
            for j, t in enumerate(threads):
                c = by.get((w.name, s.key, t))
                if c is None or c.median() is None:
                    continue
                xs.append(j + (i - (len(SYSTEMS) - 1) / 2) * width)
                ys.append(c.median())
                lo.append(c.median() - min(c.times()))
                hi.append(max(c.times()) - c.median())
            if xs:
                ax.bar(xs, ys, width, yerr=[lo, hi], color=colors[s.key], label=s.label, capsize=2)
        if w.reference is not None and (ref := by.get((w.name, w.reference.key, 1))) and ref.median():
            ax.axhline(ref.median(), color="gray", linestyle="--", label=w.reference.label)
        ax.set_xticks(range(len(threads)), [f"T={t}" for t in threads])
        ax.set_yscale("log")
        ax.set_ylabel("time (s, log scale)")
        ax.set_title(f"{w.name}: {w.description}", fontsize=9)

    written = []
    cols = 2
    rows = (len(workloads) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(11, 3.2 * rows), squeeze=False)
    for ax, w in zip(axes.flat, workloads):
        draw(ax, w)
    for ax in list(axes.flat)[len(workloads):]:
        ax.set_visible(False)
    handles = {}
    for ax in axes.flat:
        for h, l in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(l, h)
    fig.legend(handles.values(), handles.keys(), loc="upper center", ncol=len(handles))
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    written.append(out_dir / "times.png")
    fig.savefig(written[-1], dpi=110)
    plt.close(fig)

    for w in workloads:
        fig, ax = plt.subplots(figsize=(6, 4))
        draw(ax, w)
        ax.legend(fontsize=8)
        fig.tight_layout()
        written.append(out_dir / f"{w.name}.png")
        fig.savefig(written[-1], dpi=110)
        plt.close(fig)
    return written


def update_readme(text: str, overview_png: Path) -> None:
    """Replaces the results block of baselines/README.md with `text` and the overview plot."""
    image_dir = README.parent / "report"
    image_dir.mkdir(exist_ok=True)
    shutil.copyfile(overview_png, image_dir / "times.png")
    readme = README.read_text()
    begin, end = readme.find(README_BEGIN), readme.find(README_END)
    if begin < 0 or end < begin:
        raise SystemExit(f"{README} has no {README_BEGIN} ... {README_END} block")
    block = f"{README_BEGIN}\n{text}\n![time by system and thread count](report/times.png)\n"
    README.write_text(readme[:begin] + block + readme[end:])
    log(f"wrote {README} and {image_dir / 'times.png'}")


def matplotlib_available() -> bool:
    return importlib.util.find_spec("matplotlib") is not None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="each workload once at a small size; check results, not times")
    parser.add_argument("--reps", type=int, default=7, help="runs per cell in a full run (default 7)")
    parser.add_argument("--threads", help="comma-separated thread counts (default: 1, 2, ... cores)")
    parser.add_argument("--workloads", help="comma-separated subset of: " +
                        ",".join(w.name for w in WORKLOADS))
    parser.add_argument("--systems", help="comma-separated subset of: " +
                        ",".join(s.key for s in SYSTEMS))
    parser.add_argument("--build-dir", type=Path, default=REPO / "build" / "baselines-release",
                        help="CMake build folder for the C++ programs (default: build/baselines-release)")
    parser.add_argument("--bin-dir", type=Path,
                        help="use the C++ programs already built here (skips CMake); Go's go here too")
    parser.add_argument("--go", help="the Go 1.19 `go` command (default: $GO, then Debian's)")
    parser.add_argument("--allow-missing-go", action="store_true",
                        help="without Go 1.19, skip the Go programs instead of failing")
    parser.add_argument("--out", type=Path,
                        help="results root (default: results/ in a full run; none in quick mode)")
    parser.add_argument("--update-readme", action="store_true",
                        help="put the table and the overview plot into baselines/README.md "
                        "(with --report-from: those of the earlier run, plotted again)")
    parser.add_argument("--timeout", type=float, help="seconds before a run is killed "
                        "(default 30 in quick mode, 180 otherwise)")
    parser.add_argument("--report-from", type=Path, metavar="DIR",
                        help="run nothing: print the report of an earlier run from its "
                        "results.json (DIR or the file itself)")
    args = parser.parse_args()

    plots_wanted = args.update_readme if args.report_from else not args.quick
    if plots_wanted and not matplotlib_available() and DEBIAN_PYTHON.exists() and \
            Path(sys.executable).resolve() != DEBIAN_PYTHON.resolve() and \
            subprocess.run([str(DEBIAN_PYTHON), "-c", "import matplotlib"],
                           capture_output=True).returncode == 0:
        log(f"plots: this Python has no matplotlib; running again under {DEBIAN_PYTHON}")
        os.execv(str(DEBIAN_PYTHON), [str(DEBIAN_PYTHON), __file__, *sys.argv[1:]])

    if args.report_from:
        run = load_run(args.report_from)
        text = report(**run)
        print(text, end="")
        if args.update_readme:
            if not matplotlib_available():
                log("error: --update-readme needs the plots: matplotlib not found "
                    "(Debian: python3-matplotlib)")
                return 1
            folder = args.report_from if args.report_from.is_dir() else args.report_from.parent
            update_readme(text, plot(run["cells"], run["workloads"], run["threads"], folder)[0])
        return 0

    workloads = WORKLOADS
    if args.workloads:
        wanted = args.workloads.split(",")
        if unknown := set(wanted) - {w.name for w in WORKLOADS}:
            parser.error(f"unknown workloads: {', '.join(sorted(unknown))}")
        workloads = [w for w in WORKLOADS if w.name in wanted]
    systems = SYSTEMS
    if args.systems:
        wanted = args.systems.split(",")
        if unknown := set(wanted) - {s.key for s in SYSTEMS}:
            parser.error(f"unknown systems: {', '.join(sorted(unknown))}")
        systems = [s for s in SYSTEMS if s.key in wanted]
    threads = thread_counts(args.threads)
    reps = 1 if args.quick else args.reps
    timeout_s = args.timeout or (30.0 if args.quick else 180.0)

    bin_dir = args.bin_dir.resolve() if args.bin_dir else build_cpp(args.build_dir.resolve())
    missing: dict[str, str] = {}
    if GO in systems:
        go = find_go(args.go)
        if go is None:
            if not args.allow_missing_go:
                log("error: Go 1.19 not found (install golang-1.19-go, or pass --go or "
                    "--allow-missing-go)")
                return 1
            missing[GO.key] = "Go 1.19 not found"
        else:
            build_go(go, bin_dir)

    machine = machine_description()
    exchange_and_trip = ("atomic exchange / cache line round trip between cores / each CPU's "
                         "speed relative to the fastest")
    machine[f"{exchange_and_trip} at start"] = probe(bin_dir)
    cells = run_all(workloads, systems, threads, reps, args.quick, bin_dir, missing, timeout_s)
    machine["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    machine[f"{exchange_and_trip} at end"] = probe(bin_dir)
    measured = f"{datetime.datetime.now():%Y-%m-%d %H:%M}"
    text = report(cells, workloads, threads, measured, machine, reps, args.quick)
    print(text)

    out_root = args.out or (None if args.quick else REPO / "results")
    if out_root is not None:
        out_dir = out_root / datetime.datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
        out_dir.mkdir(parents=True)
        (out_dir / "results.md").write_text(text)
        (out_dir / "results.json").write_text(json.dumps({
            "measured": measured, "machine": machine, "quick": args.quick, "reps": reps, "threads": threads,
            "cells": [dataclasses.asdict(c) for c in cells]}, indent=1))
        pngs = []
        if plots_wanted:
            if matplotlib_available():
                pngs = plot(cells, workloads, threads, out_dir)
            else:
                log("plots: matplotlib not found (Debian: python3-matplotlib); no plots")
        log(f"wrote {out_dir}")
        if args.update_readme:
            if not pngs:
                log("error: --update-readme needs the plots; once python3-matplotlib is installed, "
                    f"tools/baselines.py --report-from {out_dir} --update-readme")
                return 1
            update_readme(text, pngs[0])

    bad = failures(cells)
    if bad:
        log(f"{len(bad)} run(s) failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
