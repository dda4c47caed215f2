#!/usr/bin/env python3
"""Checks how tools/baselines.py judges the targets from the runs it made: which ratios it calls
missed, met, or not resolved by the runs. Synthetic runs, so that each verdict is known."""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
import unittest
from pathlib import Path

TOOL = Path(__file__).resolve().parent.parent / "baselines.py"
spec = importlib.util.spec_from_file_location("baselines", TOOL)
baselines = importlib.util.module_from_spec(spec)
sys.modules["baselines"] = baselines  # dataclasses look their module up there
spec.loader.exec_module(baselines)

MATMUL = next(w for w in baselines.WORKLOADS if w.name == "matmul")


def cell(system: str, times: list[float]) -> baselines.Cell:
    return baselines.Cell("matmul", system, 1, [baselines.Sample(t, t, 1024) for t in times])


def verdicts(ratios: list[float]) -> tuple[list[str], list[str]]:
    """The missed and unresolved lines for gosem against Boost.Fiber, with these run-by-run
    ratios around a Boost.Fiber time that itself moves from run to run (the machine's spells)."""
    fiber = [0.2 * (1 + 0.3 * (k % 3)) for k in range(len(ratios))]
    gosem = [f * r for f, r in zip(fiber, ratios)]
    return baselines.target_misses([cell("gosem", gosem), cell("fiber", fiber)], [MATMUL], [1])


class TargetVerdicts(unittest.TestCase):
    def test_a_clear_win_is_not_listed(self):
        self.assertEqual(verdicts([0.50, 0.52, 0.49, 0.51, 0.50, 0.53, 0.48]), ([], []))

    def test_a_clear_miss_is_a_miss_the_runs_resolve(self):
        missed, unresolved = verdicts([1.30, 1.28, 1.33, 1.31, 1.29, 1.30, 1.32])
        self.assertEqual(len(missed), 1)
        self.assertRegex(missed[0], r"matmul, T=1: gosem takes 1\.\d\dx Boost.Fiber's time")
        self.assertNotIn("run by run", missed[0])
        self.assertEqual(unresolved, [])

    def test_a_tie_above_one_is_a_miss_the_runs_do_not_resolve(self):
        missed, unresolved = verdicts([0.90, 1.10, 0.95, 1.05, 1.02, 0.98, 1.03])
        self.assertEqual(len(missed), 1)
        self.assertIn("so the runs do not resolve it", missed[0])
        self.assertEqual(unresolved, [])

    def test_a_tie_below_one_is_met_but_not_resolved(self):
        missed, unresolved = verdicts([0.80, 1.10, 0.85, 1.05, 0.90, 0.95, 0.97])
        self.assertEqual(missed, [])
        self.assertEqual(len(unresolved), 1)
        self.assertIn("matmul, T=1: gosem takes", unresolved[0])
        self.assertIn("95% interval", unresolved[0])

    def test_the_interval_is_the_same_each_time(self):
        ratios = [0.9, 1.2, 1.0, 0.8, 1.1]
        self.assertEqual(baselines.median_interval(ratios), baselines.median_interval(ratios))

    def test_a_failed_run_gives_no_ratio(self):
        bad = cell("gosem", [0.2, 0.2])
        bad.samples[1] = baselines.Sample(None, 0.1, None, "exit status 1")
        self.assertEqual(baselines.target_misses([bad, cell("fiber", [0.1, 0.1])], [MATMUL], [1]),
                         ([], []))


class CpusBusy(unittest.TestCase):
    def runs(self, system: str, wall_and_cpu: list[tuple[float, float]]) -> baselines.Cell:
        return baselines.Cell("matmul", system, 2, [baselines.Sample(w, w, 1024, cpu_s=c)
                                                    for w, c in wall_and_cpu])

    def test_it_is_the_median_of_cpu_time_over_wall_time(self):
        c = self.runs("gosem", [(0.2, 0.2), (0.2, 0.38), (0.1, 0.19)])
        self.assertAlmostEqual(c.cpus_busy(), 1.9)

    def test_the_table_and_an_unresolved_target_show_it(self):
        gosem = self.runs("gosem", [(0.20, 0.20), (0.26, 0.26), (0.21, 0.21), (0.25, 0.25)])
        fiber = self.runs("fiber", [(0.22, 0.44), (0.24, 0.48), (0.23, 0.46), (0.23, 0.46)])
        table = baselines.markdown_table([gosem, fiber], [MATMUL], [2])
        self.assertIn("| 1.0 / — / 2.0 / — |", table)
        _, unresolved = baselines.target_misses([gosem, fiber], [MATMUL], [2])
        self.assertEqual(len(unresolved), 1)
        self.assertIn("CPUs busy: gosem 1.0, Boost.Fiber 2.0", unresolved[0])

    def test_runs_recorded_before_it_was_measured_have_none(self):
        c = baselines.Cell("matmul", "gosem", 1, [baselines.Sample(0.2, 0.2, 1024)])
        self.assertIsNone(c.cpus_busy())
        self.assertIn("| — / — / — / — |", baselines.markdown_table([c], [MATMUL], [1]))


class BoostFiberIdleThreads(unittest.TestCase):
    def cells(self, sleeping: list[float], spinning: list[float]) -> list[baselines.Cell]:
        def runs(system: str, times: list[float]) -> baselines.Cell:
            samples = [baselines.Sample(t, t, 1024) for t in times]
            return baselines.Cell("matmul", system, 2, samples)
        return [runs("gosem", [0.10, 0.11, 0.10]), runs("fiber", sleeping),
                runs("fiber-spin", spinning)]

    def test_gosem_is_compared_with_the_faster_build(self):
        cells = self.cells(sleeping=[0.20, 0.21, 0.19], spinning=[0.09, 0.09, 0.09])
        text = baselines.markdown_table(baselines.better_fiber(cells), [MATMUL], [2])
        self.assertIn("| 90.0 ms ±0%, spinning |", text)
        self.assertIn("| 1.11 |", text)  # gosem/Boost.Fiber: 0.10 / 0.09
        missed, _ = baselines.target_misses(baselines.better_fiber(cells), [MATMUL], [2])
        self.assertEqual(len(missed), 1)

    def test_the_sleeping_build_stays_when_it_is_faster(self):
        cells = self.cells(sleeping=[0.20, 0.21, 0.19], spinning=[0.50, 0.60, 0.55])
        shown = baselines.better_fiber(cells)
        self.assertEqual([c.system for c in shown], ["gosem", "fiber"])
        self.assertEqual(shown[1].median(), 0.20)
        self.assertFalse(shown[1].spinning)


class ReportFromResults(unittest.TestCase):
    def test_the_report_is_rebuilt_from_results_json(self):
        cells = [cell("gosem", [0.26, 0.27, 0.25]), cell("fiber", [0.2, 0.2, 0.2])]
        data = {"measured": "2026-12-05 21:50", "machine": {"cores": "2"}, "quick": False,
                "reps": 3, "threads": [1],
                "cells": [baselines.dataclasses.asdict(c) for c in cells]}
        with tempfile.TemporaryDirectory() as d:
            (Path(d) / "results.json").write_text(json.dumps(data))
            text = baselines.report_from(Path(d))
        self.assertTrue(text.startswith("Measured 2026-12-05 21:50, 3 runs each."))
        self.assertIn("| matmul | 1 | 260.0 ms", text)
        self.assertIn("- matmul, T=1: gosem takes 1.30x Boost.Fiber's time", text)


if __name__ == "__main__":
    unittest.main()
