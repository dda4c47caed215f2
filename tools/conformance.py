#!/usr/bin/env python3
"""gosem's conformance suite: run it against runtimes, report on it, and prove it against Go.

  conformance.py run    [--build DIR] [--runtime NAME ...] [-L LABEL] [-j N] [--out DIR]
      configures and builds if needed, runs every case on each runtime through ctest (showing
      progress), then reports as `report` does.
  conformance.py report [--build DIR] [--runtime NAME ...] [--out DIR] [--strict]
      reads the per-case results the runners wrote (<build>/conformance-results/<runtime>/) and
      prints a summary per area and per rule, the details of every failure, and writes the
      rules-by-runtimes matrix (matrix.md, matrix.html), JUnit XML (junit.xml) and JSON
      (results.json). Exits 1 on a failure not listed in the runtime's expectations file
      (--strict: also on a listed failure that now passes).
  conformance.py oracle --runner RUNNER [--go GO] [--only ID ...] [-j N] [--work DIR]
      builds the Go twins (conformance/go) with Go 1.19 and CGO_ENABLED=0, runs each twin at
      every GOMAXPROCS value of its case (or with GOMAXPROCS unset) with GOTRACEBACK=single and
      the case's timeout, builds each compile-fail twin with and without its violation, and
      fails when a case has no twin (or a twin no case), a twin's verdict differs from its
      case's expectation, or a rule of the catalog has no case. Exits 77 where Go is absent.

The case format, the verdict rules (shared with runner/verdict.cpp) and the catalog format are
in conformance/CASES.md.
"""

import argparse
import collections
import concurrent.futures
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

EXIT_SKIP = 77
CHECK_FAILED_MARKER = "conformance check failed: "
UNSUPPORTED_MARKER = "conformance unsupported: "
DEADLOCK_MESSAGE = "all goroutines are asleep - deadlock!"
STATUS_ORDER = ["FAIL", "XFAIL", "XPASS", "PASS", "UNSUPPORTED"]


# --- where things are ------------------------------------------------------------------------

def suite_dir():
    """The suite's directory: conformance/ in a source tree, or the installed share directory."""
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (os.path.join(here, "..", "conformance"), os.path.join(here, "..")):
        if os.path.exists(os.path.join(candidate, "CASES.md")):
            return os.path.normpath(candidate)
    sys.exit("conformance.py: cannot find the suite (CASES.md) next to " + here)


def repo_dir():
    return os.path.normpath(os.path.join(suite_dir(), ".."))


def load_rules(path):
    """rules.tsv -> ordered {id: {class, source, notes, rule}}."""
    rules = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for number, line in enumerate(f, start=2):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != len(header):
                sys.exit(f"{path}:{number}: expected {len(header)} tab-separated fields")
            row = dict(zip(header, fields))
            if row["id"] in rules:
                sys.exit(f"{path}:{number}: rule {row['id']} is listed twice")
            rules[row["id"]] = row
    return rules


# --- verdicts (the same rules as runner/verdict.cpp) -----------------------------------------

def line_after(text, prefix):
    for line in text.splitlines():
        if line.startswith(prefix):
            return line[len(prefix):]
    return None


def classify(exit_status, stderr, timed_out):
    """(verdict, message) of one run, as CASES.md "Verdicts" defines it."""
    if timed_out:
        return "blocked", ""
    rest = line_after(stderr, UNSUPPORTED_MARKER)
    if rest is not None:
        return "unsupported", rest
    at = stderr.find(CHECK_FAILED_MARKER)
    if at >= 0:
        return "check_failed", stderr[at + len(CHECK_FAILED_MARKER):].split("\n", 1)[0]
    if exit_status == 0:
        return "returned", ""
    if exit_status == 2:
        rest = line_after(stderr, "fatal error: ")
        if rest is not None:
            if rest == DEADLOCK_MESSAGE:
                reason = line_after(stderr, "goroutine 1 [") or ""
                return "deadlock", re.split(r"[,\]]", reason, maxsplit=1)[0]
            return "fatal_error", rest
        rest = line_after(stderr, "panic: ")
        if rest is not None:
            if rest.endswith(" [recovered]"):
                rest = rest[: -len(" [recovered]")]
            return "panicked", rest
    if exit_status is not None and exit_status < 0:
        return "crashed", f"signal {-exit_status}"
    return "crashed", f"exit status {exit_status}"


def satisfies(verdict, message, expect):
    kind, want = expect["kind"], expect["message"]
    if kind == "returns":
        return verdict == "returned"
    if kind == "panics":
        return verdict == "panicked" and message == want
    if kind == "fatal_error":
        return verdict == "fatal_error" and message == want
    if kind == "deadlock":
        return verdict == "deadlock" and (not want or message == want)
    if kind == "blocks":
        return verdict == "blocked"
    if kind == "does_not_compile":
        return verdict == "rejected"
    return False


def describe(kind, message):
    return f'{kind} "{message}"' if message else kind


def tail(text, lines=20):
    parts = text.rstrip("\n").splitlines()
    shown = parts[-lines:]
    prefix = ["    | ..."] if len(parts) > lines else []
    return "\n".join(prefix + ["    | " + p for p in shown])


class Progress:
    """One status line that rewrites itself on a terminal, and a line every 10% elsewhere."""

    def __init__(self, total, what):
        self.total, self.what, self.done = total, what, 0
        self.failed = 0
        self.tty = sys.stdout.isatty()
        self.lock = threading.Lock()
        self.start = time.monotonic()
        self.last_reported = -1

    def step(self, label, ok=True):
        with self.lock:
            self.done += 1
            self.failed += 0 if ok else 1
            elapsed = time.monotonic() - self.start
            text = (f"[{self.done:>4}/{self.total}] {self.what}: {self.failed} failing, "
                    f"{elapsed:5.1f} s  {label}")
            if self.tty:
                sys.stdout.write("\r\033[K" + text[:150])
                if self.done == self.total:
                    sys.stdout.write("\n")
            else:
                tenth = self.done * 10 // max(self.total, 1)
                if tenth != self.last_reported or self.done == self.total:
                    self.last_reported = tenth
                    print(text, flush=True)
            sys.stdout.flush()

    def note(self, text):
        with self.lock:
            if self.tty:
                sys.stdout.write("\r\033[K")
            print(text, flush=True)


# --- the Go oracle ---------------------------------------------------------------------------

def find_go(explicit):
    candidates = [explicit, os.environ.get("GOSEM_GO"), shutil.which("go"),
                  "/usr/lib/go-1.19/bin/go"]
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return None


def go_env(work):
    env = dict(os.environ)
    env["CGO_ENABLED"] = "0"       # cgo switches Go's deadlock detection off
    env["GOTRACEBACK"] = "single"  # `crash` would turn exit 2 into 134
    env["GOFLAGS"] = "-buildvcs=false"
    env.setdefault("GOCACHE", os.path.join(work, "gocache"))
    env.setdefault("GOPATH", os.path.join(work, "gopath"))
    env.pop("GOROOT", None)
    return env


def run_twin(binary, case_id, procs, timeout_s, env):
    """Runs one twin with GOMAXPROCS=procs in its environment, or without GOMAXPROCS for 0."""
    env = dict(env)
    env.pop("GOMAXPROCS", None)
    if procs:
        env["GOMAXPROCS"] = str(procs)
    try:
        p = subprocess.run([binary, case_id], env=env, capture_output=True, text=True,
                           timeout=timeout_s, errors="replace")
        verdict, message = classify(p.returncode, p.stderr, False)
        return verdict, message, p.stderr
    except subprocess.TimeoutExpired as e:
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        return "blocked", "", err


VIOLATION_MARK = "// violation"


def go_build_file(go, go_dir, path, env):
    """(built, output) of `go build` of one file, alone."""
    p = subprocess.run([go, "build", "-o", os.devnull, path], cwd=go_dir, env=env,
                       capture_output=True, text=True, timeout=300, errors="replace")
    return p.returncode == 0, p.stdout + p.stderr


def judge_compile_twin(go, go_dir, path, controls_dir, env):
    """(verdict, message, output) of one compile-fail twin. Its control, the file without the
    lines that end in `// violation`, must build ("control_rejected" if not), so that a failure
    comes from the marked statement and nothing else; the file itself must then fail with the
    text of its `// want:` line ("rejected"; "rejected_otherwise" with another error)."""
    text = open(path, encoding="utf-8").read()
    want = re.search(r"^// want: (.*)$", text, re.M)
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines if not line.rstrip().endswith(VIOLATION_MARK)]
    if want is None or len(kept) == len(lines):
        return "malformed", f"no `// want:` line or no line marked {VIOLATION_MARK}", ""
    control = os.path.join(controls_dir, os.path.basename(path))
    with open(control, "w", encoding="utf-8") as f:
        f.writelines(kept)
    built, out = go_build_file(go, go_dir, control, env)
    if not built:
        return "control_rejected", (out.strip().splitlines() or [""])[-1], out
    built, out = go_build_file(go, go_dir, path, env)
    if built:
        return "compiled", "", out
    if want.group(1) in out:
        return "rejected", want.group(1), out
    return "rejected_otherwise", (out.strip().splitlines() or [""])[-1], out


def oracle(args):
    suite = suite_dir()
    go = find_go(args.go)
    if go is None:
        print("oracle: Go is not installed (tried --go, $GOSEM_GO, PATH, /usr/lib/go-1.19): skipped")
        return EXIT_SKIP
    work = args.work or tempfile.mkdtemp(prefix="gosem-oracle-")
    os.makedirs(work, exist_ok=True)
    env = go_env(work)
    version = subprocess.run([go, "env", "GOVERSION"], env=env, capture_output=True,
                             text=True).stdout.strip()
    if not version.startswith("go1.19"):
        print(f"oracle: warning: the reference is Go 1.19, this is {version}")

    listing = json.loads(subprocess.run([os.path.abspath(args.runner), "--list"], capture_output=True, text=True,
                                        check=True).stdout)
    cases = listing["cases"]
    if args.only:
        cases = [c for c in cases if c["id"] in set(args.only)]
    rules = load_rules(os.path.join(suite, "rules.tsv"))

    go_dir = os.path.join(suite, "go")
    binary = os.path.join(work, "twins")
    print(f"oracle: building the twins with {version} ({go})", flush=True)
    build = subprocess.run([go, "build", "-o", binary, "."], cwd=go_dir, env=env,
                           capture_output=True, text=True)
    if build.returncode != 0:
        print("oracle: the twins do not build:\n" + build.stdout + build.stderr)
        return 1
    twin_ids = set(subprocess.run([binary, "-list"], env=env, capture_output=True, text=True,
                                  check=True).stdout.split())
    compile_dir = os.path.join(go_dir, "compile_fail")
    controls_dir = os.path.join(work, "compile_fail_controls")
    os.makedirs(controls_dir, exist_ok=True)
    compile_twins = {f[:-3]: os.path.join(compile_dir, f)
                     for f in sorted(os.listdir(compile_dir)) if f.endswith(".go")} \
        if os.path.isdir(compile_dir) else {}

    problems = []
    jobs = []  # (case, procs or None for a compile twin)
    for c in cases:
        if c["expect"]["kind"] == "does_not_compile":
            if c["id"] not in compile_twins:
                problems.append(f"{c['id']}: no Go twin (conformance/go/compile_fail/{c['id']}.go)")
            else:
                jobs.append((c, None))
        elif c["id"] not in twin_ids:
            problems.append(f"{c['id']}: no Go twin (twin(\"{c['id']}\", ...) in conformance/go)")
        else:
            jobs.extend((c, p) for p in c["procs"])
    if not args.only:
        case_ids = {c["id"] for c in cases}
        for orphan in sorted((twin_ids | set(compile_twins)) - case_ids):
            problems.append(f"{orphan}: a Go twin without a case")

    progress = Progress(len(jobs), "twins")
    disagreements = []

    def judge(job):
        c, procs = job
        if procs is None:
            verdict, message, out = judge_compile_twin(go, go_dir, compile_twins[c["id"]],
                                                       controls_dir, env)
            agree = verdict == "rejected"
            rerun = (f"cd {go_dir} && {go} build -o /dev/null compile_fail/{c['id']}.go; "
                     f"{go} build -o /dev/null {controls_dir}/{c['id']}.go")
            return c, procs, verdict, message, out, agree, rerun
        timeout_s = c["timeout_ms"] / 1000.0
        verdict, message, err = run_twin(binary, c["id"], procs, timeout_s, env)
        agree = satisfies(verdict, message, c["expect"])
        setting = f"GOMAXPROCS={procs}" if procs else "env -u GOMAXPROCS"
        rerun = f"{setting} GOTRACEBACK=single {binary} {c['id']}"
        return c, procs, verdict, message, err, agree, rerun

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for c, procs, verdict, message, err, agree, rerun in pool.map(judge, jobs):
            label = c["id"] + ("" if procs is None else f" @{procs or 'unset'}")
            progress.step(label, agree)
            if not agree:
                disagreements.append((c, procs, verdict, message, err, rerun))

    referenced = collections.defaultdict(list)
    for c in listing["cases"]:
        for r in c["rules"]:
            referenced[r].append(c["id"])
    unknown = sorted(r for r in referenced if r not in rules)
    for r in unknown:
        problems.append(f"rule {r} (used by {', '.join(referenced[r])}) is not in rules.tsv")
    uncovered = [r for r in rules if r not in referenced]

    for c, procs, verdict, message, err, rerun in disagreements:
        at = {None: "", 0: " with GOMAXPROCS unset"}.get(procs, f" at GOMAXPROCS={procs}")
        print(f"\nDISAGREE {c['id']}" + at)
        print(f"  rules:    {' '.join(c['rules'])}")
        print(f"  expected: {describe(c['expect']['kind'], c['expect']['message'])}")
        print(f"  Go did:   {describe(verdict, message)}")
        if err.strip():
            print("  output:\n" + tail(err))
        print(f"  rerun:    {rerun}")
    for p in problems:
        print("PROBLEM " + p)
    if uncovered and not args.only:
        print(f"\nRULES WITHOUT A CASE ({len(uncovered)}): " + " ".join(uncovered))
    runs_ok = len(jobs) - len(disagreements)
    print(f"\noracle: {len(cases)} cases, {runs_ok}/{len(jobs)} twin runs agree with their case; "
          f"{len(problems)} problems; "
          f"{len(rules) - len(uncovered)}/{len(rules)} rules have a case")
    failed = disagreements or problems or (uncovered and not args.only)
    return 1 if failed else 0


# --- running and reporting -------------------------------------------------------------------

def runtimes_in(build):
    d = os.path.join(build, "conformance-results")
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


def load_results(build, runtimes):
    """{runtime: {case id: result}} from the runners' result files."""
    results = {}
    for rt in runtimes:
        d = os.path.join(build, "conformance-results", rt)
        results[rt] = {}
        for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if f.endswith(".json"):
                with open(os.path.join(d, f), encoding="utf-8") as fh:
                    r = json.load(fh)
                results[rt][r["case"]["id"]] = r
    return results


def cell(statuses):
    """The matrix cell of one rule on one runtime: its worst status and the counts."""
    if not statuses:
        return "", "none"
    counts = collections.Counter(statuses)
    worst = next(s for s in STATUS_ORDER if counts[s])
    ran = len(statuses) - counts["UNSUPPORTED"]
    passed = counts["PASS"] + counts["XPASS"]
    text = worst if worst == "UNSUPPORTED" else f"{worst} {passed}/{ran}"
    if counts["UNSUPPORTED"] and worst != "UNSUPPORTED":
        text += f" (+{counts['UNSUPPORTED']} unsup.)"
    return text, worst


def write_matrix(out, rules, results, runtimes):
    rows = []
    for rid, rule in rules.items():
        cells = []
        for rt in runtimes:
            statuses = [r["status"] for r in results[rt].values() if rid in r["case"]["rules"]]
            cells.append(cell(statuses))
        rows.append((rid, rule, cells))

    md = ["# Conformance: rules by runtime", "",
          "Each cell: the worst status of the rule's cases on that runtime, then passed/ran. "
          "XFAIL is a known failure (see the runtime's expectations file).", "",
          "| rule | class | " + " | ".join(runtimes) + " | rule text |",
          "|---|---|" + "---|" * len(runtimes) + "---|"]
    for rid, rule, cells in rows:
        md.append(f"| {rid} | {rule['class']} | " + " | ".join(c[0] or "no case" for c in cells)
                  + f" | {rule['rule']} |")
    with open(os.path.join(out, "matrix.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")

    colours = {"PASS": "#c8efc8", "XPASS": "#e0f5c0", "XFAIL": "#f5e3b3", "FAIL": "#f5b8b8",
               "UNSUPPORTED": "#dddddd", "none": "#ffffff"}
    h = ["<!doctype html><meta charset=utf-8><title>gosem conformance matrix</title>",
         "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
         "td,th{border:1px solid #999;padding:2px 6px;font-size:13px}</style>",
         "<h1>Conformance: rules by runtime</h1><table><tr><th>rule</th><th>class</th>"
         + "".join(f"<th>{html.escape(rt)}</th>" for rt in runtimes) + "<th>rule text</th></tr>"]
    for rid, rule, cells in rows:
        h.append(f"<tr><td>{html.escape(rid)}</td><td>{html.escape(rule['class'])}</td>"
                 + "".join(f"<td style='background:{colours[w]}'>{html.escape(t or 'no case')}</td>"
                           for t, w in cells)
                 + f"<td>{html.escape(rule['rule'])}</td></tr>")
    h.append("</table>")
    with open(os.path.join(out, "matrix.html"), "w", encoding="utf-8") as f:
        f.write("\n".join(h) + "\n")


def write_junit(out, results, runtimes):
    suites = ET.Element("testsuites", name="gosem conformance")
    for rt in runtimes:
        cases = results[rt]
        counts = collections.Counter(r["status"] for r in cases.values())
        suite = ET.SubElement(suites, "testsuite", name=f"conformance.{rt}",
                              tests=str(len(cases)), failures=str(counts["FAIL"]),
                              skipped=str(counts["UNSUPPORTED"]))
        for cid, r in sorted(cases.items()):
            seconds = sum(run["elapsed_ms"] for run in r["runs"]) / 1000.0
            tc = ET.SubElement(suite, "testcase", classname=f"conformance.{rt}.{r['case']['area']}",
                               name=cid, time=f"{seconds:.3f}")
            if r["status"] == "FAIL":
                last = r["runs"][-1] if r["runs"] else {"verdict": "?", "message": "", "stderr": ""}
                f = ET.SubElement(tc, "failure", message=(
                    f"expected {describe(r['case']['expect']['kind'], r['case']['expect']['message'])}"
                    f", got {describe(last['verdict'], last['message'])}"))
                f.text = f"rules: {' '.join(r['case']['rules'])}\nrerun: {r['rerun']}\n\n{last['stderr']}"
            elif r["status"] == "UNSUPPORTED":
                ET.SubElement(tc, "skipped", message=r["reason"])
            elif r["status"] in ("XFAIL", "XPASS"):
                ET.SubElement(tc, "system-out").text = f"{r['status']}: {r['reason']}"
    ET.ElementTree(suites).write(os.path.join(out, "junit.xml"), encoding="utf-8",
                                 xml_declaration=True)


def report(args):
    build = os.path.abspath(args.build)
    runtimes = args.runtime or runtimes_in(build)
    if not runtimes:
        print(f"report: no results under {build}/conformance-results")
        return 1
    rules = load_rules(os.path.join(suite_dir(), "rules.tsv"))
    results = load_results(build, runtimes)
    out = os.path.abspath(args.out or os.path.join(build, "conformance-report"))
    os.makedirs(out, exist_ok=True)

    areas = sorted({r["case"]["area"] for rt in runtimes for r in results[rt].values()})
    print("\n== Summary by area (pass / fail / known failure / unsupported)")
    print(f"{'area':<12}" + "".join(f"{rt:>28}" for rt in runtimes))
    for area in areas + ["total"]:
        line = f"{area:<12}"
        for rt in runtimes:
            c = collections.Counter(r["status"] for r in results[rt].values()
                                    if area == "total" or r["case"]["area"] == area)
            line += f"{c['PASS'] + c['XPASS']:>10} / {c['FAIL']:>3} / {c['XFAIL']:>3} / {c['UNSUPPORTED']:>3}"
        print(line)

    print("\n== Summary by rule")
    print(f"{'rule':<12}" + "".join(f"{rt:>28}" for rt in runtimes))
    for rid in rules:
        texts = []
        for rt in runtimes:
            statuses = [r["status"] for r in results[rt].values() if rid in r["case"]["rules"]]
            texts.append(cell(statuses)[0] or "-")
        print(f"{rid:<12}" + "".join(f"{t:>28}" for t in texts))

    failures = [(rt, r) for rt in runtimes for r in results[rt].values() if r["status"] == "FAIL"]
    xpasses = [(rt, r) for rt in runtimes for r in results[rt].values() if r["status"] == "XPASS"]
    if failures:
        print(f"\n== Failures ({len(failures)})")
    for rt, r in sorted(failures, key=lambda x: (x[0], x[1]["case"]["id"])):
        c = r["case"]
        last = r["runs"][-1] if r["runs"] else {"verdict": "?", "message": "", "step": "",
                                                "stderr": ""}
        print(f"\nFAIL {c['id']} on {rt}")
        print(f"  rules:    {' '.join(c['rules'])}" + (f"   notes: {c['notes']}" if c["notes"] else ""))
        print(f"  expected: {describe(c['expect']['kind'], c['expect']['message'])}")
        print(f"  actual:   {describe(last['verdict'], last['message'])} ({last['step']})")
        if last.get("stderr", "").strip():
            print(tail(last["stderr"], 12))
        print(f"  rerun:    {r['rerun']}")
    if xpasses:
        print("\n== Known failures that now pass (remove them from the expectations file)")
        for rt, r in xpasses:
            print(f"  {rt}: {r['case']['id']}  ({r['reason']})")

    write_matrix(out, rules, results, runtimes)
    write_junit(out, results, runtimes)
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"rules": rules, "results": results}, f, indent=1)
    print(f"\nreport: {out}/matrix.md, matrix.html, junit.xml, results.json")
    return 1 if failures or (args.strict and xpasses) else 0


CTEST_LINE = re.compile(r"^\s*(\d+)/(\d+) Test\s+#\d+: (\S+) \.*\s*(.*?)\s+[\d.]+ sec")


def run(args):
    build = os.path.abspath(args.build)
    if not os.path.exists(os.path.join(build, "CMakeCache.txt")):
        subprocess.run(["cmake", "-S", repo_dir(), "-B", build, "-G", "Ninja"], check=True)
    runtimes = args.runtime
    if not runtimes:
        listed = subprocess.run(["ctest", "--test-dir", build, "-N", "-L", "conformance"],
                                capture_output=True, text=True).stdout
        runtimes = sorted(set(re.findall(r"conformance\.([A-Za-z0-9_]+)\.", listed)))
    if not args.no_build:
        targets = [f"conformance_{rt}" for rt in runtimes]
        subprocess.run(["cmake", "--build", build, "-j", str(args.jobs), "--target", *targets],
                       check=True)
    for rt in runtimes:
        shutil.rmtree(os.path.join(build, "conformance-results", rt), ignore_errors=True)
        os.makedirs(os.path.join(build, "conformance-results", rt))
    out = os.path.abspath(args.out or os.path.join(build, "conformance-report"))
    os.makedirs(out, exist_ok=True)
    selection = ["-L", "conformance", "-R", r"^conformance\.(" + "|".join(runtimes) + r")\."]
    for label in args.label or []:
        selection += ["-L", label]
    listed = subprocess.run(["ctest", "--test-dir", build, "-N", *selection],
                            capture_output=True, text=True).stdout
    total = int(re.search(r"Total Tests: (\d+)", listed).group(1))
    cmd = ["ctest", "--test-dir", build, "-j", str(args.jobs), *selection,
           "--output-junit", os.path.join(out, "ctest-junit.xml")]
    print(f"run: {total} tests on {', '.join(runtimes)}: {' '.join(cmd)}", flush=True)
    progress = Progress(total, "cases")
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as p:
        for line in p.stdout:
            m = CTEST_LINE.match(line)
            if m:
                ok = not m.group(4).startswith("***Failed") and "Timeout" not in m.group(4)
                progress.step(f"{m.group(3)} {m.group(4)}", ok)
    return report(argparse.Namespace(build=build, runtime=runtimes, out=out, strict=args.strict))


SEEDED_AREAS = ["chan", "close", "nil", "range", "select", "direction", "order"]


def seeds(args):
    """Runs each selected case under seeds first..first+K-1 (GOSEM_SCHED_SEED, one P each), so
    that one case is checked under many interleavings; a failure names the seed that replays it."""
    listing = json.loads(subprocess.run([args.runner, "--list"], capture_output=True, text=True,
                                        check=True).stdout)
    areas = set(args.area or SEEDED_AREAS)
    cases = [c for c in listing["cases"]
             if c["area"] in areas and not c["missing"]
             and c["expect"]["kind"] != "does_not_compile"
             and not {"statistical", "slow"} & set(c["flags"])
             and (not args.only or c["id"] in args.only)]
    jobs = [(c["id"], seed) for c in cases for seed in range(args.first, args.first + args.seeds)]
    print(f"seeds: {len(cases)} cases x {args.seeds} seeds = {len(jobs)} runs", flush=True)
    progress = Progress(len(jobs), "seeded runs")
    failures = []

    def one(job):
        case_id, seed = job
        env = dict(os.environ, GOSEM_SCHED_SEED=str(seed))
        try:
            p = subprocess.run([args.runner, "--run", case_id, "--procs", "1"], env=env,
                               capture_output=True, text=True, timeout=120)
            ok, out = p.returncode in (0, 77), p.stdout + p.stderr
        except subprocess.TimeoutExpired:
            ok, out = False, "timed out after 120 s"
        return case_id, seed, ok, out

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for case_id, seed, ok, out in pool.map(one, jobs):
            progress.step(f"{case_id} seed {seed}", ok)
            if not ok:
                failures.append((case_id, seed, out))
    for case_id, seed, out in failures:
        print(f"\nFAIL {case_id} under GOSEM_SCHED_SEED={seed}\n{tail(out)}\n"
              f"  rerun: GOSEM_SCHED_SEED={seed} {args.runner} --run {case_id} --procs 1")
    print(f"\nseeds: {len(jobs) - len(failures)} of {len(jobs)} seeded runs passed")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    default_jobs = max(2, os.cpu_count() or 2)

    p = sub.add_parser("run", help="build, run every case through ctest, and report")
    p.add_argument("--build", default=os.path.join(repo_dir(), "build"))
    p.add_argument("--runtime", action="append", help="a runtime (default: every registered one)")
    p.add_argument("-L", "--label", action="append", help="only cases with this ctest label")
    p.add_argument("-j", "--jobs", type=int, default=2)
    p.add_argument("--out", help="report directory (default <build>/conformance-report)")
    p.add_argument("--no-build", action="store_true")
    p.add_argument("--strict", action="store_true", help="fail on XPASS too")
    p.set_defaults(func=run)

    p = sub.add_parser("report", help="summarise the results the runners wrote")
    p.add_argument("--build", default=os.path.join(repo_dir(), "build"))
    p.add_argument("--runtime", action="append")
    p.add_argument("--out")
    p.add_argument("--strict", action="store_true")
    p.set_defaults(func=report)

    p = sub.add_parser("oracle", help="prove every case's expectation against Go 1.19")
    p.add_argument("--runner", required=True, help="a conformance runner, for the case list")
    p.add_argument("--go", help="the go command (default: $GOSEM_GO, PATH, /usr/lib/go-1.19)")
    p.add_argument("--only", nargs="+", help="only these case ids")
    p.add_argument("-j", "--jobs", type=int, default=default_jobs)
    p.add_argument("--work", help="where to build the twins (default: a temporary directory)")
    p.set_defaults(func=oracle)

    p = sub.add_parser("seeds", help="run cases under many seeded schedules (gosem)")
    p.add_argument("--runner", required=True, help="gosem's conformance runner")
    p.add_argument("--seeds", type=int, default=100, help="seeds per case (default 100)")
    p.add_argument("--first", type=int, default=1, help="the first seed (default 1)")
    p.add_argument("--area", action="append", help=f"areas (default: {' '.join(SEEDED_AREAS)})")
    p.add_argument("--only", nargs="+", help="only these case ids")
    p.add_argument("-j", "--jobs", type=int, default=default_jobs)
    p.set_defaults(func=seeds)

    args = parser.parse_args()
    sys.exit(args.func(args))


if __name__ == "__main__":
    main()
