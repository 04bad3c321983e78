"""The action plan to Excel and back on 5,000 rows, against the libraries alone.

One run makes 5,000 action plan rows (`PlanRow`s as the grid loads them: four texts, a deadline,
a status and a link for every third row) and times, best of N rounds each:
  (a) writing: `core.plan.excel.export_plan` to .xlsx against xlsxwriter alone writing the same
      5,000 × 7 cells (constant_memory, one `write_row` a row, the dates with a date format);
  (b) reading: `core.plan.excel.read_plan_file` of that file (the import's preview, every row
      checked) against python-calamine alone reading it into Python values
      (`CalamineWorkbook.from_path(...).get_sheet_by_index(0).to_python()`);
and the same export and read through CSV (no library to compare with: the time alone). Prints
the seconds, each ratio to its baseline (a ratio over 3 is worth a profile) and whether each of
Tavle's times is under the target of 1 s.

Usage: python bench/excel.py [--rounds N] [--rows N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.i18n import Translator  # noqa: E402
from core.models import ActionStatus  # noqa: E402
from core.plan.actions import PlanRow  # noqa: E402
from core.plan.excel import export_plan, plan_table, read_plan_file  # noqa: E402

TARGET = 1.0
"""Seconds each of Tavle's writes and reads should stay under."""
POOR_RATIO = 3.0
TODAY = dt.date(2026, 11, 24)


def plan_rows(count: int) -> list[PlanRow]:
    """`count` rows like a learning network's long plan: texts of a realistic length, deadlines
    over 400 days, every status, a measure linked to every third row."""
    statuses = list(ActionStatus)
    start = TODAY - dt.timedelta(days=200)
    return [PlanRow(
        id=f"a{index}", change=f"Ændring nr. {index}: kortere ventetid i enhed {index % 33}",
        responsible=f"Person {index % 40}",
        effect="Færre dage fra henvendelse til afklaring. Følges af KPI.",
        how="Aftal fast tid, og afprøv den i fire uger.",
        deadline=start + dt.timedelta(days=index % 400), status=statuses[index % 4],
        order=f"{index:06d}", measure_name="Dage til afklaring" if index % 3 == 0 else "",
    ) for index in range(count)]


def bare_write(path: Path, cells: list[tuple[object, ...]]) -> None:
    """xlsxwriter alone: the same cells, one `write_row` a row, nothing else."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True,
                                               "default_date_format": "dd-mm-yyyy"})
    sheet = workbook.add_worksheet()
    for index, row in enumerate(cells):
        sheet.write_row(index, 0, row)
    workbook.close()


def bare_read(path: Path) -> int:
    """python-calamine alone: the first sheet into Python values."""
    import python_calamine as calamine

    workbook = calamine.CalamineWorkbook.from_path(str(path))
    rows = workbook.get_sheet_by_index(0).to_python()
    workbook.close()
    return len(rows)


def best(rounds: int, run: Callable[[], object]) -> float:
    """The fastest of `rounds` runs, after one to warm up (imports, caches)."""
    run()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def line(what: str, tavle: float, bare: float | None = None) -> None:
    met = "met" if tavle < TARGET else "NOT met"
    compared = ""
    if bare is not None:
        ratio = tavle / bare
        compared = f"   alone: {bare:.3f} s   ratio {ratio:.2f}" + (
            "  (poor: profile it)" if ratio > POOR_RATIO else "")
    print(f"{what:<12} tavle: {tavle:.3f} s{compared}   target < {TARGET:.0f} s: {met}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    tr = Translator("da")
    rows = plan_rows(args.rows)
    table = plan_table(rows, tr)
    cells = [tuple(c.heading for c in table.columns), *(tuple(r) for r in table.rows)]
    with tempfile.TemporaryDirectory() as folder:
        xlsx, bare, csv = (Path(folder) / name for name in ("plan.xlsx", "bare.xlsx", "plan.csv"))
        write_xlsx = best(args.rounds, lambda: export_plan(rows, xlsx, tr))
        write_bare = best(args.rounds, lambda: bare_write(bare, cells))
        read_xlsx = best(args.rounds, lambda: read_plan_file(xlsx, TODAY))
        read_bare = best(args.rounds, lambda: bare_read(xlsx))
        write_csv = best(args.rounds, lambda: export_plan(rows, csv, tr))
        read_csv = best(args.rounds, lambda: read_plan_file(csv, TODAY))
        preview = read_plan_file(xlsx, TODAY)
        assert len(preview.good) == args.rows, "the export does not read back whole"
        assert bare_read(xlsx) == args.rows + 1
    print(f"rows: {args.rows} × {len(table.columns)} cells, best of {args.rounds}")
    line("xlsx write", write_xlsx, write_bare)
    line("xlsx read", read_xlsx, read_bare)
    line("csv write", write_csv)
    line("csv read", read_csv)


if __name__ == "__main__":
    main()
