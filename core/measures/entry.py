"""Use cases of measures: the measure itself, its measurements typed at meeting speed, a block
pasted from Excel, the frozen baseline and the changes annotated on its chart.

Screens edit through an `UndoLog`, so every step here can be undone (a paste is one step).
Typed numbers accept a decimal comma or point; errors carry catalog keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import InvalidError, TavleError
from core.models import (
    Annotation,
    AnnotationKind,
    ChartMark,
    Measure,
    MeasureCase,
    MeasureKind,
    Measurement,
)
from core.order_keys import key_between
from core.values.dates import parse_date
from core.values.numbers import parse_number
from core.values.periods import (
    next_period,
    parse_period,
    period_label,
    period_of,
    proposed_period,
)

if TYPE_CHECKING:
    from core.i18n import Translator

# -- measures ---------------------------------------------------------------------------------


def _last_order(store: Store, table: str, project_id: str) -> str | None:
    rows = store.query(
        f'SELECT "order" FROM "{table}" WHERE project_id = ? AND _exists '
        'ORDER BY "order" DESC, id DESC LIMIT 1',
        [project_id],
    )
    return rows[0]["order"] if rows else None


def add_measure(log: UndoLog, project_id: str, **values: Any) -> Measure:
    """Add a measure at the end of the project's list."""
    order = key_between(_last_order(log.store, "measures", project_id), None) or ""
    return log.create(changelog.build(Measure, project_id=project_id, order=order, **values))


def edit_measure(log: UndoLog, measure_id: str, **values: Any) -> Measure:
    """Change a measure's fields."""
    return log.update(Measure, measure_id, **values)


def delete_measure(log: UndoLog, measure_id: str) -> None:
    """Delete a measure with its measurements (or cases), the marks on its chart and its own
    annotations, as one undo step."""
    store = log.store
    points = store.query(
        "SELECT id FROM measurements WHERE measure_id = ? AND _exists", [measure_id])
    notes = store.query(
        "SELECT id FROM annotations WHERE measure_id = ? AND _exists", [measure_id])
    cases = store.query(
        "SELECT id FROM measure_cases WHERE measure_id = ? AND _exists", [measure_id])
    marks = store.query(
        "SELECT id FROM chart_marks WHERE measure_id = ? AND _exists", [measure_id])
    with log.group():
        for row in points:
            log.delete(Measurement, row["id"])
        for row in cases:
            log.delete(MeasureCase, row["id"])
        for row in marks:
            log.delete(ChartMark, row["id"])
        for row in notes:
            log.delete(Annotation, row["id"])
        log.delete(Measure, measure_id)


def measurement_count(store: Store, measure_id: str) -> int:
    """How many data points a measure holds: what deleting it takes with it, so the question
    before a delete can say so."""
    (count,) = store.execute(
        "SELECT (SELECT COUNT(*) FROM measurements WHERE measure_id = ? AND _exists) + "
        "(SELECT COUNT(*) FROM measure_cases WHERE measure_id = ? AND _exists)",
        [measure_id, measure_id],
    ).fetchone()
    return int(count)


Choices = list[tuple[str, str]]


def link_choices(store: Store, project_id: str) -> tuple[Choices, Choices]:
    """What a measure can belong to: (id, text) of the redesigned steps (decisive ones first)
    and of the result goals."""
    steps = store.query(
        "SELECT s.id, s.text FROM steps s JOIN workflow_maps m ON m.id = s.map_id "
        "WHERE s.project_id = ? AND s._exists AND m._exists AND m.kind = 'redesign' "
        "ORDER BY COALESCE(s.kpi, 0) DESC, s.\"order\", s.id",
        [project_id],
    )
    goals = store.query(
        "SELECT id, text FROM result_goals WHERE project_id = ? AND _exists "
        "ORDER BY \"order\", id",
        [project_id],
    )
    return [(r["id"], r["text"]) for r in steps], [(r["id"], r["text"]) for r in goals]


# -- measurements -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A measurement as typed: a value, or a numerator and a denominator."""

    period: str
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    note: str = ""

    def fields(self) -> dict[str, Any]:
        return {"period": self.period, "value": self.value, "numerator": self.numerator,
                "denominator": self.denominator, "note": self.note}


def read_entry(
    measure: Measure, period: str, value: str = "", numerator: str = "", denominator: str = "",
    note: str = "",
) -> Entry:
    """Check typed text against the measure's kind and return an `Entry`, or raise
    `InvalidError`: a proportion or rate needs numerator and denominator (a denominator above
    0, and for a proportion a numerator not above it); other kinds need a number."""
    if measure.has_denominator:
        top = parse_number(numerator, "numerator", units=(measure.unit,))
        bottom = parse_number(denominator, "denominator", units=(measure.unit,))
        if top is None or bottom is None:
            missing = "numerator" if top is None else "denominator"
            raise InvalidError([(missing, "measures.error.fraction_needed", {})])
        if bottom <= 0:
            raise InvalidError([("denominator", "error.denominator_zero", {})])
        if top < 0:
            raise InvalidError([("numerator", "error.greater_than_equal", {"ge": 0})])
        if measure.kind == MeasureKind.PROPORTION and top > bottom:
            raise InvalidError([("numerator", "error.numerator_above_denominator", {})])
        return Entry(period, numerator=top, denominator=bottom, note=note)
    number = parse_number(value, "value", units=(measure.unit,))
    if number is None:
        raise InvalidError([("value", "error.value_missing", {})])
    return Entry(period, value=number, note=note)


def existing(store: Store, measure: Measure, period: str) -> Measurement | None:
    """The live measurement of a period, if there is one."""
    record_id = Measurement.id_for(measure.project_id, measure.id, period)
    rows = store.query("SELECT _exists FROM measurements WHERE id = ?", [record_id])
    if rows and rows[0]["_exists"]:
        return changelog.load(store, Measurement, record_id)
    return None


class DuplicatePeriodError(TavleError):
    """A period that already has a measurement (one record per measure and period)."""

    def __init__(self, period: str) -> None:
        super().__init__("measures.error.duplicate", period=period)
        self.period = period

    def message(self, tr: Translator) -> str:
        return tr(self.key, period=period_label(self.period, tr))


def add_measurement(log: UndoLog, measure: Measure, entry: Entry) -> Measurement:
    """Save a new measurement; a period that already has one is refused.

    The record's id is fixed by (measure, period), so a period whose measurement was deleted
    gets its record written again (undo deletes it again)."""
    if existing(log.store, measure, entry.period) is not None:
        raise DuplicatePeriodError(entry.period)
    return log.create(changelog.build(
        Measurement, id=Measurement.id_for(measure.project_id, measure.id, entry.period),
        project_id=measure.project_id, measure_id=measure.id, **entry.fields()))


def edit_measurement(log: UndoLog, measure: Measure, record_id: str, entry: Entry) -> Measurement:
    """Change a measurement; a new period moves it to that period's record (refused when that
    period already has one)."""
    current = changelog.load(log.store, Measurement, record_id)
    if entry.period == current.period:
        return log.update(Measurement, record_id, **entry.fields())
    if existing(log.store, measure, entry.period) is not None:
        raise DuplicatePeriodError(entry.period)
    with log.group():
        log.delete(Measurement, record_id)
        return add_measurement(log, measure, entry)


def delete_measurement(log: UndoLog, record_id: str) -> None:
    """Delete a measurement (undo brings it back)."""
    log.delete(Measurement, record_id)


def last_period(store: Store, measure_id: str) -> str | None:
    """The latest period measured."""
    last: str | None  # MAX of a TEXT column: a period, or NULL when none is measured
    (last,) = store.execute(
        "SELECT MAX(period) FROM measurements WHERE measure_id = ? AND _exists", [measure_id]
    ).fetchone()
    return last


# -- a block pasted from Excel ----------------------------------------------------------------


@dataclass(frozen=True)
class PasteLine:
    """One line of a pasted block: what it would save, why it cannot be saved, or that it was
    skipped as column headings."""

    number: int
    """1-based line number in the pasted text."""
    text: str
    entry: Entry | None
    problem: TavleError | None
    heading: bool = False


@dataclass(frozen=True)
class PastePreview:
    """The lines of a paste: those that can be saved, those that cannot, a skipped heading
    line; `filled` is set when the block held values only and they fill the periods after the
    last one entered (the first and last period filled)."""

    lines: tuple[PasteLine, ...]
    filled: tuple[str, str] | None = None

    @property
    def good(self) -> list[Entry]:
        return [line.entry for line in self.lines if line.entry is not None]

    @property
    def bad(self) -> list[PasteLine]:
        return [line for line in self.lines if line.problem is not None]

    @property
    def headings(self) -> list[PasteLine]:
        return [line for line in self.lines if line.heading]


def _read_paste_period(text: str, measure: Measure, today: dt.date) -> str:
    try:
        return parse_period(text, measure.frequency, today)
    except TavleError:
        try:
            day = parse_date(text, "period")
        except InvalidError:
            day = None
        if day is None:
            raise
        return period_of(day, measure.frequency)


def _is_number(text: str) -> bool:
    try:
        return parse_number(text) is not None
    except InvalidError:
        return False


def _is_period(text: str, measure: Measure, today: dt.date) -> bool:
    try:
        _read_paste_period(text, measure, today)
    except TavleError:
        return False
    return True


def _cells(raw: str) -> list[str]:
    cells = [cell.strip() for cell in raw.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def parse_paste(store: Store, measure: Measure, text: str, today: dt.date) -> PastePreview:
    """Read a block copied from a spreadsheet; every line is either saved, not saved with a
    reason, or shown as skipped headings.

    - Columns period, value (a proportion or rate: period, numerator, denominator), in either
      order: `4,5⇥uge 32` is read as the value of week 32; a text after them is the note.
    - Values only (one column; numerator and denominator for a proportion or rate): they fill
      the periods after the last one entered, in order, and the preview says which.
    - A first line with neither a number nor a period is column headings: skipped, and shown.
    - Empty lines are skipped."""
    taken = {row["period"] for row in store.query(
        "SELECT period FROM measurements WHERE measure_id = ? AND _exists", [measure.id])}
    rows = [(number, raw, _cells(raw)) for number, raw in enumerate(text.splitlines(), start=1)]
    rows = [row for row in rows if row[2]]
    lines: list[PasteLine] = []
    if rows and not any(_is_number(c) or _is_period(c, measure, today) for c in rows[0][2]):
        lines.append(PasteLine(rows[0][0], rows[0][1], None, None, heading=True))
        rows = rows[1:]
    width = 2 if measure.has_denominator else 1
    values_only = bool(rows) and all(
        len(cells) == width and all(_is_number(c) for c in cells) for _, _, cells in rows)
    seen: set[str] = set()
    period = proposed_period(last_period(store, measure.id), measure.frequency, today)
    filled_periods: list[str] = []
    for number, raw, cells in rows:
        try:
            if values_only:
                filled_periods.append(period)
                entry = _values_entry(measure, period, cells)
                period = next_period(period, measure.frequency)
            else:
                entry = _paste_entry(measure, cells, today)
            if entry.period in taken or entry.period in seen:
                raise DuplicatePeriodError(entry.period)
        except TavleError as problem:
            lines.append(PasteLine(number, raw, None, problem))
            continue
        seen.add(entry.period)
        lines.append(PasteLine(number, raw, entry, None))
    filled = (filled_periods[0], filled_periods[-1]) if filled_periods else None
    return PastePreview(tuple(lines), filled)


def _values_entry(measure: Measure, period: str, cells: list[str]) -> Entry:
    if measure.has_denominator:
        return read_entry(measure, period, numerator=cells[0], denominator=cells[1])
    return read_entry(measure, period, value=cells[0])


def _paste_entry(measure: Measure, cells: list[str], today: dt.date) -> Entry:
    note = ""
    width = 3 if measure.has_denominator else 2
    if (len(cells) == width + 1 and not _is_number(cells[-1])
            and not _is_period(cells[-1], measure, today)):
        *cells, note = cells  # a note after the period and the value(s)
    if len(cells) < 2 or len(cells) > 3:
        raise TavleError("measures.error.paste_columns", count=len(cells))
    if measure.has_denominator and len(cells) < 3:
        raise TavleError("measures.error.paste_fraction")
    if len(cells) == 3 and not measure.has_denominator:
        raise TavleError("measures.error.paste_columns", count=len(cells))
    # the period first, or – copied the other way round – last: when the cells after the
    # first are not all numbers, the last is a period and the others are numbers
    if (not all(_is_number(c) for c in cells[1:]) and _is_period(cells[-1], measure, today)
            and all(_is_number(c) for c in cells[:-1])):
        cells = [cells[-1], *cells[:-1]]
    period = _read_paste_period(cells[0], measure, today)
    if measure.has_denominator:
        return read_entry(measure, period, numerator=cells[1], denominator=cells[2], note=note)
    return read_entry(measure, period, value=cells[1], note=note)


def apply_paste(log: UndoLog, measure: Measure, entries: Iterable[Entry]) -> int:
    """Save the good lines of a paste in one transaction, as one undo step; return how many."""
    count = 0
    with log.group(), log.store.transaction():
        for entry in entries:
            add_measurement(log, measure, entry)
            count += 1
    return count


# -- the chart: frozen baseline and annotations -------------------------------------------------


def freeze_baseline(log: UndoLog, measure_id: str, period: str | None) -> Measure:
    """Freeze the median to the points up to `period` (None: unfreeze)."""
    return log.update(Measure, measure_id, baseline_until=period)


def add_annotation(
    log: UndoLog, measure: Measure, on: dt.date, text: str, *,
    kind: AnnotationKind = AnnotationKind.NOTE, split: bool = False,
) -> Annotation:
    """Mark a change on the measure's chart at a date; `split` starts a new part there."""
    order = key_between(_last_order(log.store, "annotations", measure.project_id), None) or ""
    return log.create(changelog.build(
        Annotation, project_id=measure.project_id, measure_id=measure.id, on=on,
        text=text.strip(), kind=kind, split=split, order=order))


def edit_annotation(log: UndoLog, annotation_id: str, **values: Any) -> Annotation:
    """Change an annotation (text, date, kind, split)."""
    return log.update(Annotation, annotation_id, **values)


def delete_annotation(log: UndoLog, annotation_id: str) -> None:
    """Delete an annotation."""
    log.delete(Annotation, annotation_id)
