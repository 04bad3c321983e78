"""A measure's values to Excel and back (issue 20): the table as the chart computes it, a project's
measures as one long table, the exported file read back by the values importer through the paste
preview, and cases from an xlsx file with a formula error."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from core.db.store import Store
from core.db.undo import UndoLog
from core.i18n import Translator
from core.measures import cases
from core.measures import entry as measures
from core.measures.excel import measure_table, project_measures_table, values_text
from core.measures.signals import measure_status
from core.models import Entry, Measure, MeasureKind
from core.project import projects
from core.values.periods import next_period
from core.values.sheets import read_sheets, write_tables

TODAY = dt.date(2026, 11, 24)
DA = Translator("da")
TIMES = [20.0, 22, 21, 23, 20, 22, 21, 23, 22, 21, 40, 21, 22, 20, 23, 21, 22, 20]


def _measure(log: UndoLog, values: list[float], kind: MeasureKind = MeasureKind.TIME,
             notes: dict[int, str] | None = None, project_id: str | None = None,
             **fields: object) -> Measure:
    """A measure with weekly values from week 1 2026."""
    if project_id is None:
        project_id = projects.create_project(log.store, "Excel").id
    measure = measures.add_measure(log, project_id, name="Ventetid", kind=kind, unit="dage",
                                   **fields)
    period, entries = "2026-W01", []
    for index, value in enumerate(values):
        entries.append(measures.Entry(period, value=value, note=(notes or {}).get(index, "")))
        period = next_period(period, measure.frequency)
    measures.apply_paste(log, measure, entries)
    return measure


def test_a_measures_table_holds_the_charts_own_numbers(store: Store, log: UndoLog) -> None:
    measure = _measure(log, TIMES, notes={2: "ny visitation"}, chart="i")
    measures.add_annotation(log, measure, dt.date(2026, 1, 14), "Nyt skema")
    table = measure_table(store, measure, DA)
    assert table.name == "Ventetid"
    assert [c.heading for c in table.columns] == [
        "Periode", "Værdi", "Note", "Markerede ændringer", "Centerlinje", "Nedre grænse",
        "Øvre grænse", "Signal"]
    chart = measure_status(store, measure.id).chart
    assert len(table.rows) == len(TIMES)
    first = table.rows[0]
    assert first[0] == "uge 1 2026" and first[1] == 20.0
    assert table.rows[2][2] == "ny visitation"
    assert table.rows[2][3] == "Nyt skema"  # the week the change's date falls in
    for row, point in zip(table.rows, chart.points, strict=True):
        assert (row[4], row[5], row[6]) == (point.cl, point.lcl, point.ucl)
        assert row[5] is not None and row[6] is not None
    assert table.rows[10][7] == "Uden for grænserne"  # 40 days: the point outside
    assert [r[7] for r in table.rows].count("") == len(TIMES) - 1


def test_a_proportion_is_a_share_with_numerator_and_denominator(store: Store,
                                                                log: UndoLog) -> None:
    project = projects.create_project(store, "Andele")
    measure = measures.add_measure(log, project.id, name="Andel til tiden",
                                   kind=MeasureKind.PROPORTION)
    measures.apply_paste(log, measure, [
        measures.Entry(f"2026-W{week:02d}", numerator=8 + week % 3, denominator=12)
        for week in range(1, 13)])
    _measure(log, TIMES[:5], project_id=project.id)
    table = measure_table(store, measure, Translator("en"))
    kinds = {c.heading: c.kind.value for c in table.columns}
    assert kinds["Value"] == "share" and kinds["Numerator"] == "number"
    assert kinds["Upper limit"] == "share"
    assert table.rows[0][1:4] == [9.0, 12.0, 0.75]
    everything = project_measures_table(store, project.id, DA)
    assert [c.heading for c in everything.columns][:3] == ["Måling", "Enhed", "Periode"]
    assert len(everything.rows) == 12 + 5
    assert everything.rows[0][:2] == ["Andel til tiden", "%"]
    assert everything.rows[0][5] == 75.0  # a share in per cent beside the other measures
    assert everything.rows[12][:3] == ["Ventetid", "dage", "uge 1 2026"]


notes = st.sampled_from(["", "ny visitation", "sygdom i teamet", "=ikke en formel"])
values = st.lists(st.tuples(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda v: round(v, 4)), notes),
    min_size=1, max_size=25)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@settings(max_examples=20, deadline=None)
@given(points=values)
def test_exported_values_come_back_through_the_paste_preview(
        suffix: str, points: list[tuple[float, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "x.db")
        try:
            log = UndoLog(store)
            kept = _measure(log, [v for v, _ in points], kind=MeasureKind.CONTINUOUS,
                            notes=dict(enumerate(n for _, n in points)))
            path = Path(folder) / f"Ventetid{suffix}"
            write_tables(path, [measure_table(store, kept, DA)], DA)
            fresh = measures.add_measure(log, kept.project_id, name="Kopi",
                                         kind=MeasureKind.CONTINUOUS)
            text, problems = values_text(path, fresh, DA)
            preview = measures.parse_paste(store, fresh, text, TODAY)
        finally:
            store.close()
    assert not problems and not preview.bad
    assert [(e.period, e.value, e.note) for e in preview.good] == [
        (p.period, p.value, p.note) for p in _entries(kept, points)]


def _entries(measure: Measure, points: list[tuple[float, str]]) -> list[measures.Entry]:
    period, found = "2026-W01", []
    for value, note in points:
        found.append(measures.Entry(period, value=value, note=note))
        period = next_period(period, measure.frequency)
    return found


def test_a_pasted_note_follows_the_period_and_value(store: Store, log: UndoLog) -> None:
    measure = _measure(log, [], kind=MeasureKind.COUNT)
    preview = measures.parse_paste(store, measure, "uge 3 2026\t4\tsygdom\nuge 4 2026\t5\t6",
                                   TODAY)
    assert [(e.period, e.value, e.note) for e in preview.good] == [("2026-W03", 4.0, "sygdom")]
    assert [line.problem.key for line in preview.bad if line.problem] == [
        "measures.error.paste_columns"]  # three numbers: no note, still too many columns


def test_values_from_a_sheet_of_its_own_with_a_formula_error(store: Store, log: UndoLog,
                                                             tmp_path: Path) -> None:
    measure = _measure(log, [], kind=MeasureKind.COUNT)
    path = tmp_path / "tal.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Tal")
    sheet.write_row(0, 0, ["Opgørelse af fald"])
    sheet.write_row(2, 0, ["Uge", "Kommentar", "Antal"])
    sheet.write_row(3, 0, ["uge 45 2026", "", 4])
    sheet.write_string(4, 0, "uge 46 2026")
    sheet.write_formula(4, 2, "=1/0", None, "#DIV/0!")
    sheet.write_row(5, 0, ["uge 47 2026", "glat føre", 7])
    workbook.close()
    text, problems = values_text(path, measure, DA)
    assert [p.message(DA) for p in problems] == [
        "Cellen C5 i arket »Tal« er en fejl i Excel (#DIV/0!). Ret formlen i Excel, eller lad "
        "rækken ude."]
    preview = measures.parse_paste(store, measure, text, TODAY)
    assert [(e.period, e.value, e.note) for e in preview.good] == [
        ("2026-W45", 4.0, ""), ("2026-W47", 7.0, "glat føre")]
    assert [line.number for line in preview.headings] == [3]  # the file's own row number


def test_cases_from_xlsx_leave_a_formula_error_row_out(store: Store, log: UndoLog,
                                                       tmp_path: Path) -> None:
    project = projects.create_project(store, "Sager")
    measure = measures.add_measure(log, project.id, name="Dage til samtale",
                                   kind=MeasureKind.TIME, unit="dage", entry=Entry.CASES)
    path = tmp_path / "sager.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Sager")
    dates = workbook.add_format({"num_format": "dd-mm-yyyy"})
    sheet.write_row(0, 0, ["Dato", "Dage", "Note"])
    sheet.write_datetime(1, 0, dt.datetime(2026, 11, 2), dates)
    sheet.write_number(1, 1, 12.5)
    sheet.write_string(1, 2, "a, b, c, d; e")  # separators in a note change nothing
    sheet.write_datetime(2, 0, dt.datetime(2026, 11, 3), dates)
    sheet.write_formula(2, 1, "=1/0", None, "#DIV/0!")
    sheet.write_datetime(3, 0, dt.datetime(2026, 11, 4, 9, 30), dates)
    sheet.write_number(3, 1, 7)
    workbook.close()
    preview = cases.read_cases_file(path, store, measure, TODAY)
    assert [p.message(DA) for p in preview.left_out] == [
        "Cellen B3 i arket »Sager« er en fejl i Excel (#DIV/0!). Ret formlen i Excel, eller lad "
        "rækken ude."]
    assert not preview.bad
    assert [(e.on, e.value, e.note) for e in preview.new] == [
        (dt.date(2026, 11, 2), 12.5, "a, b, c, d; e"), (dt.date(2026, 11, 4), 7.0, "")]
    assert cases.apply_cases(log, measure, preview, whole=True) == 2


def test_a_csv_file_of_cases_still_reads_as_before(store: Store, log: UndoLog,
                                                   tmp_path: Path) -> None:
    project = projects.create_project(store, "Sager")
    measure = measures.add_measure(log, project.id, name="Dage", kind=MeasureKind.TIME,
                                   entry=Entry.CASES)
    path = tmp_path / "sager.csv"
    path.write_bytes("Dato;Dage;Note\r\n02-11-2026;12,5;ny borger\r\n".encode("cp1252"))
    preview = cases.read_cases_file(path, store, measure, TODAY)
    assert [(e.on, e.value, e.note) for e in preview.new] == [
        (dt.date(2026, 11, 2), 12.5, "ny borger")]
    assert read_sheets(path)[0].name == "sager"
