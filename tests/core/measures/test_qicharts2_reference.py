"""Tavle's charts against qicharts2's own numbers, case by case.

The cases in `qicharts2/cases/*.json` were made by running qicharts2 0.8.1 itself
(`qicharts2/make_cases.R`, see `qicharts2/README.md`): its saved test references, its vignette's
data sets, Montgomery's tables and generated series over every chart type and option. Each case
holds the call's input as rows (x, y, n) and what `qic(..., return.data = TRUE)` and `summary()`
returned. Every point's value, centre, limits, warning lines, part, baseline and include flags,
sigma signal and runs facts, and every part's summary must agree to 1e-9.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.measures.qic import Chart, Qic, Subgroup, qic

CASES = Path(__file__).parent / "qicharts2" / "cases"
TOLERANCE = 1e-9


def _cases() -> Iterator[Any]:
    for path in sorted(CASES.glob("*.json")):
        for case in json.loads(path.read_text("utf-8")):
            yield pytest.param(case, id=case["name"])


def subgroups(case: dict[str, Any]) -> list[Subgroup]:
    """The rows of a case as Tavle's subgroups: rows with one x are one period; rows with a
    missing y (or, with denominators, a missing n) hold no observation (qicharts2's
    `complete.cases`)."""
    given = case["input"]
    ns = given.get("n")
    got_n = ns is not None
    groups: dict[float, list[tuple[float | None, float | None]]] = {}
    for row, (x, y) in enumerate(zip(given["x"], given["y"], strict=True)):
        if x is not None:  # qicharts2 drops rows without a subgroup
            groups.setdefault(x, []).append((y, ns[row] if got_n else None))
    result = []
    for x in sorted(groups):
        rows = groups[x]
        complete = [(y, n) for y, n in rows if y is not None and (not got_n or n is not None)]
        values = tuple(float(y) for y, _ in complete if y is not None)
        total_n = math.fsum(float(n) for _, n in complete if n is not None) if got_n else None
        result.append(Subgroup(values, total_n))
    return result


def run(case: dict[str, Any]) -> Qic:
    given = case["input"]
    part = given.get("part") or ()
    freeze = given.get("freeze") if not part else None  # qicharts2 ignores freeze with parts
    return qic(
        subgroups(case),
        chart=Chart(given["chart"]),
        parts=[int(p) for p in part],
        freeze=int(freeze) if freeze is not None else None,
        exclude=[int(e) - 1 for e in given.get("exclude") or ()],
        centre=given.get("cl"),
        multiply=float(given.get("multiply", 1)),
        negative=bool(given.get("y_neg", True)),
        screened=bool(given.get("screened", True)),
    )


def close(ours: float | None, theirs: float | None) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return math.isclose(ours, theirs, rel_tol=TOLERANCE, abs_tol=TOLERANCE)


def diverges(case: dict[str, Any]) -> set[str]:
    """The columns where Tavle departs from qicharts2 on purpose (see `core.measures.qic`)."""
    given = case["input"]
    if given["chart"] == "t" and given.get("cl") is not None:
        return {"cl", "lcl", "ucl", "lcl_95", "ucl_95", "runs"}  # a given T centre: data scale
    if given["chart"] == "c" and empty_groups(case):
        return {"empty"}  # several missing rows in one period: missing here, 0 in qicharts2
    return set()


def empty_groups(case: dict[str, Any]) -> list[int]:
    """The periods whose rows are all missing, by their index."""
    groups: dict[float, list[float | None]] = {}
    for x, y in zip(case["input"]["x"], case["input"]["y"], strict=True):
        if x is not None:
            groups.setdefault(x, []).append(y)
    return [i for i, x in enumerate(sorted(groups)) if all(y is None for y in groups[x])]


def test_the_suite_is_there() -> None:
    cases = list(_cases())
    charts = {case.values[0]["input"]["chart"] for case in cases}
    assert len(cases) >= 300
    assert charts >= {c.value for c in Chart}


@pytest.mark.parametrize("case", list(_cases()))
def test_case_agrees_with_qicharts2(case: dict[str, Any]) -> None:
    chart = run(case)
    skip = diverges(case)
    expected = case["points"]
    if "empty" in skip:
        assert all(chart.points[i].y is None for i in empty_groups(case))
        return
    assert len(chart.points) == len(expected)
    for point, want in zip(chart.points, expected, strict=True):
        where = f"point {point.index + 1}"
        assert close(point.y, want["y"]), (where, "y", point.y, want["y"])
        for column in ("cl", "lcl", "ucl", "lcl_95", "ucl_95"):
            if column not in skip:
                ours = getattr(point, column)
                assert close(ours, want[column]), (where, column, ours, want[column])
        assert point.part + 1 == want["part"], where
        assert point.include == want["include"], where
        assert point.baseline == want["baseline"], where
        if not skip:
            assert point.sigma_signal == want["sigma_signal"], (where, "sigma_signal")
            assert chart.parts[point.part].runs_signal == want["runs_signal"], where
    if "runs" in skip:
        return
    assert len(chart.parts) == len(case["summary"])
    for part, want in zip(chart.parts, case["summary"], strict=True):
        runs = part.runs
        where = f"part {part.number + 1}"
        assert runs.n_obs == want["n_obs"], where
        assert runs.n_useful == want["n_useful"], where
        assert runs.longest_run == want["longest_run"], where
        assert runs.longest_run_max == want["longest_run_max"], where
        assert runs.crossings == want["n_crossings"], where
        assert runs.crossings_min == want["n_crossings_min"], where
        assert part.runs_signal == bool(want["runs_signal"]), where
        assert part.sigma_signals == want["sigma_signal"], where
        assert close(part.centre, want["CL"]), (where, "CL", part.centre, want["CL"])
        assert close(part.lcl, want["aLCL"]), (where, "aLCL", part.lcl, want["aLCL"])
        assert close(part.ucl, want["aUCL"]), (where, "aUCL", part.ucl, want["aUCL"])
