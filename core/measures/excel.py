"""A measure's values as a table for Excel, and values and cases back in from Excel's files.

Out. `measure_table` is one measure's points as its chart computes them (`Series.qic`, the one
chart computation): per point the period as the user reads it (a rare event's date as a date),
numerator and denominator where the measure has them, the value as the screen shows it (a
proportion as a share), the note, the changes annotated at the point, the centre line and the
lower and upper limit of that point, and whether the point is a signal. `project_measures_table`
is every measure of a project in one long table with the measure's name and unit in front: one
sheet for a pivot table (a proportion's values there in per cent, unit "%"). Both are written by
`core.values.sheets.write_tables`.

In. `values_text` reads an xlsx or CSV file (`read_sheets`) into the text the paste preview reads
(`core.measures.entry.parse_paste`): under a header row naming the period and the value (or the
numerator and denominator) in Danish, Norwegian or English, those columns and the note are taken
(so a file this module wrote comes back in); without one, the columns as they stand. `cases_text`
does the same for a case-level measure's cases (`core.measures.cases.parse_cases`). Each cell
is read by `cell_text`; a row with a formula error in Excel is named (`values.sheet.formula_error`)
and left out, as an empty line, so every other line keeps its row number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from functools import cache
from pathlib import Path

from core.db.store import Store
from core.errors import TavleError
from core.i18n import Translator
from core.measures.signals import MeasureStatus, measure_status, project_measure_ids
from core.measures.words import point_label
from core.models import Entry, Measure, MeasureKind
from core.values.dates import format_date
from core.values.excel_csv import header_key, header_row, sniff_delimiter, words_known
from core.values.sheets import Column, Kind, Sheet, Table, Value, cell_text, read_sheets

LIMIT_DECIMALS = 2
"""Decimals the centre line and the limits are shown with (the full number is in the cell)."""

VALUE_FIELDS: tuple[str, ...] = ("period", "value", "numerator", "denominator", "note")
"""The columns a values file is read by."""

HEADING_WORDS: dict[str, str] = {
    word: name for name, words in {
        "period": ("periode", "period", "uge", "uke", "week", "måned", "month", "dato", "date"),
        "value": ("værdi", "verdi", "value", "tal", "antal", "antall", "count"),
        "numerator": ("tæller", "teller", "numerator"),
        "denominator": ("nævner", "nevner", "denominator"),
        "note": ("note", "notat", "bemærkning", "merknad", "kommentar", "comment"),
    }.items() for word in words
}
"""Headings people write for a values file's columns, beyond the catalogs' own."""


# -- out ------------------------------------------------------------------------------------


def _value_kind(measure: Measure) -> Kind:
    return Kind.SHARE if measure.kind is MeasureKind.PROPORTION else Kind.NUMBER


def _point_rows(status: MeasureStatus, tr: Translator) -> list[dict[str, Value]]:
    """Each point of the chart as cells by column name (see `measure_table`)."""
    series, chart = status.series, status.chart
    measure = series.measure
    scale = 1.0 if measure.kind is MeasureKind.PROPORTION else measure.multiply
    measured = {point.period: point for point in series.points}
    notes: dict[int, list[str]] = {}
    for annotation in series.annotations:
        index = series.index_at(annotation.on)
        if index is not None:
            notes.setdefault(index, []).append(annotation.text)
    runs = chart.run_indexes
    values = series.values
    rows: list[dict[str, Value]] = []
    for index, label in enumerate(series.labels):
        point, shown = measured.get(label), chart.points[index]
        value = values[index]
        signals = [tr("measures.export.signal.sigma")] if shown.sigma_signal else []
        if index in runs:
            signals.append(tr("measures.export.signal.run"))
        rows.append({
            "period": (dt.date.fromisoformat(label) if measure.entry is Entry.EVENTS
                       else point_label(measure, label, tr)),
            "numerator": point.numerator if point else None,
            "denominator": point.denominator if point else None,
            "value": None if value is None else value * scale,
            "note": point.note if point else "",
            "annotations": " · ".join(notes.get(index, ())),
            "centre": shown.cl, "lower": shown.lcl, "upper": shown.ucl,
            "signal": " · ".join(signals),
        })
    return rows


def _columns(tr: Translator, period: Kind, value: Kind, fraction: bool) -> list[tuple[str,
                                                                                      Column]]:
    number = Column(tr("measures.column.value"), value, 1 if value is Kind.SHARE else None)
    limit = LIMIT_DECIMALS if value is Kind.NUMBER else 1
    return [
        ("period", Column(tr("measures.column.period"), period)),
        *([("numerator", Column(tr("measures.column.numerator"), Kind.NUMBER)),
           ("denominator", Column(tr("measures.column.denominator"), Kind.NUMBER))]
          if fraction else []),
        ("value", number),
        ("note", Column(tr("measures.column.note"))),
        ("annotations", Column(tr("measures.export.column.annotations"))),
        ("centre", Column(tr("measures.export.column.centre"), value, limit)),
        ("lower", Column(tr("measures.export.column.lower"), value, limit)),
        ("upper", Column(tr("measures.export.column.upper"), value, limit)),
        ("signal", Column(tr("measures.export.column.signal"))),
    ]


def measure_table(store: Store, measure: Measure, tr: Translator) -> Table:
    """One measure's points as a table named after the measure (see the module's notes)."""
    status = measure_status(store, measure.id)
    measure = status.series.measure
    named = _columns(tr, Kind.DATE if measure.entry is Entry.EVENTS else Kind.TEXT,
                     _value_kind(measure), measure.has_denominator)
    rows = _point_rows(status, tr)
    return Table(measure.name, [column for _, column in named],
                 [[row[name] for name, _ in named] for row in rows])


def project_measures_table(store: Store, project_id: str, tr: Translator) -> Table:
    """Every measure of a project in one long table: the measure's name and unit, then the
    columns of `measure_table` (a proportion's values, centre and limits in per cent)."""
    found: list[list[Value]] = []
    named = _columns(tr, Kind.TEXT, Kind.NUMBER, True)
    dates_only = True
    for measure_id in project_measure_ids(store, project_id):
        status = measure_status(store, measure_id)
        measure = status.series.measure
        percent = measure.kind is MeasureKind.PROPORTION
        unit = "%" if percent else measure.unit
        for row in _point_rows(status, tr):
            if percent:
                for name in ("value", "centre", "lower", "upper"):
                    number = row[name]
                    if isinstance(number, float):
                        row[name] = number * 100
            dates_only = dates_only and isinstance(row["period"], dt.date)
            found.append([measure.name, unit, *(row[name] for name, _ in named)])
    period = Kind.DATE if dates_only and found else Kind.TEXT
    if period is Kind.TEXT:  # an event's date among periods: as the date is typed
        for cells in found:
            if isinstance(cells[2], dt.date):
                cells[2] = format_date(cells[2])
    named[0] = ("period", Column(named[0][1].heading, period))
    columns = [Column(tr("measures.export.column.measure")),
               Column(tr("measures.export.column.unit")), *(column for _, column in named)]
    return Table(tr("measures.title"), columns, found)


# -- in -------------------------------------------------------------------------------------


@cache
def _headings() -> dict[str, str]:
    return words_known(HEADING_WORDS, ((name, name, f"measures.column.{name}")
                                       for name in VALUE_FIELDS), header_key)


def read_value_heading(text: str) -> str | None:
    """The column of a values file a heading names (period, value, numerator, denominator,
    note); None when it names none."""
    return _headings().get(header_key(text))


def sheet_lines(sheet: Sheet, tr: Translator) -> tuple[list[list[str]], list[TavleError]]:
    """A sheet's rows as texts (`cell_text`; a date and time as its date: a period's or a case's
    day is all that is read), a row with a formula error empty and named in the problems."""
    lines: list[list[str]] = []
    problems: list[TavleError] = []
    for index, row in enumerate(sheet.rows):
        error = sheet.error_in(index)
        if error is not None:
            problems.append(TavleError("values.sheet.formula_error", row=index + 1,
                                       sheet=sheet.name, cell=error[0], error=error[1]))
            lines.append([])
            continue
        lines.append([cell_text(cell.date() if isinstance(cell, dt.datetime) else cell, tr)
                      for cell in row])
    return lines, problems


def _flat(text: str) -> str:
    return " ".join(text.replace("\t", " ").splitlines()).strip()


def values_text(path: Path, measure: Measure, tr: Translator) -> tuple[str, list[TavleError]]:
    """The text a values file gives the paste preview (one line per row, cells by tab), and the
    rows left out for a formula error; raise `TavleError` when the file cannot be read."""
    needed = ("period", "numerator", "denominator") if measure.has_denominator else (
        "period", "value")
    sheets = read_sheets(path)
    chosen: tuple[Sheet, list[list[str]], list[TavleError], int | None] | None = None
    for sheet in sheets:
        lines, problems = sheet_lines(sheet, tr)
        top = header_row(lines, read_value_heading, needed)
        if chosen is None or (top is not None and chosen[3] is None):
            chosen = (sheet, lines, problems, top)
    assert chosen is not None
    _, lines, problems, top = chosen
    if top is None:
        return "\n".join("\t".join(_flat(c) for c in cells) for cells in lines), problems
    where: dict[str, int] = {}
    for index, heading in enumerate(lines[top]):
        name = read_value_heading(heading)
        if name is not None and name not in where:
            where[name] = index
    taken = [where[name] for name in (*needed, "note") if name in where]
    numbers = [where[name] for name in needed[1:]]
    out: list[str] = [""] * top
    for index, cells in enumerate(lines[top:], start=top):
        picked = [_flat(cells[i]) if i < len(cells) else "" for i in taken]
        if index > top and not any(cells[i] if i < len(cells) else "" for i in numbers):
            picked = []  # a period without data (or a row of notes): nothing to read in
        out.append("\t".join(picked))
    return "\n".join(out), problems


def cases_text(path: Path, tr: Translator) -> tuple[str, list[TavleError]]:
    """The text a file of cases gives the cases' preview (its first sheet, as CSV in the first of
    tab, `;` and `,` that the preview's reader takes for the separator), and the rows left out
    for a formula error; raise `TavleError` when the file cannot be read."""
    sheet = read_sheets(path)[0]
    lines, problems = sheet_lines(sheet, tr)
    text = ""
    for delimiter in ("\t", ";", ","):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(lines)
        text = buffer.getvalue()
        if sniff_delimiter(text[:20000]) == delimiter:
            break
    return text, problems
