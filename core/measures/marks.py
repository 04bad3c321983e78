"""Use cases of a measure's chart: the chart it is read on, a point excluded with its reason, a
period recorded as missing ("ingen data"), and the end of each part's frozen baseline.

Screens write through an `UndoLog`, as in `core.measures.entry`: every call here is one undo
step. A point's excluded or missing mark is one record per (measure, point) and its baseline
mark another (`ChartMark.id_for`), so two units marking one point meet in one record.

The first part of a period measure keeps its baseline in `Measure.baseline_until` (what older
Tavle files hold); every later part, and every part of a rare-event measure (whose points are
dates, not periods), in a `BASELINE_END` mark on the baseline's last point.
"""

from __future__ import annotations

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.measures.qic import part_bounds
from core.measures.signals import Series
from core.models import Chart, ChartMark, Entry, MarkKind, Measure

# -- the chart --------------------------------------------------------------------------------


def choose_chart(log: UndoLog, measure_id: str, chart: Chart | None) -> Measure:
    """Read the measure on `chart` from now on (None: the one recommended for its data)."""
    return log.update(Measure, measure_id, chart=chart)


# -- marks on points --------------------------------------------------------------------------


def mark_on(store: Store, measure: Measure, point: str, mark: MarkKind) -> ChartMark | None:
    """The live mark of kind `mark` on a point (None when the point has none of that kind)."""
    record_id = ChartMark.id_for(measure.project_id, measure.id, point, mark)
    rows = store.query("SELECT _exists, mark FROM chart_marks WHERE id = ?", [record_id])
    if not rows or not rows[0]["_exists"] or rows[0]["mark"] != mark.value:
        return None
    return changelog.load(store, ChartMark, record_id)


def set_mark(
    log: UndoLog, measure: Measure, point: str, mark: MarkKind, reason: str = ""
) -> ChartMark:
    """Mark a point: excluded (a reason is required: `InvalidError` without one), missing (a
    reason may be given) or the end of its part's baseline. An excluded point marked missing,
    or the other way round, changes its one record."""
    record = changelog.build(
        ChartMark, id=ChartMark.id_for(measure.project_id, measure.id, point, mark),
        project_id=measure.project_id, measure_id=measure.id, point=point, mark=mark,
        reason=reason)
    rows = log.store.query("SELECT _exists FROM chart_marks WHERE id = ?", [record.id])
    if rows and rows[0]["_exists"]:
        return log.update(ChartMark, record.id, mark=record.mark, reason=record.reason)
    return log.create(record)


def clear_mark(log: UndoLog, measure: Measure, point: str, mark: MarkKind) -> bool:
    """Take the mark of kind `mark` off a point; return whether there was one."""
    found = mark_on(log.store, measure, point, mark)
    if found is None:
        return False
    log.delete(ChartMark, found.id)
    return True


# -- frozen baselines, part by part -----------------------------------------------------------


def part_number(series: Series, index: int) -> int:
    """The 0-based number of the part holding the point at `index`."""
    for number, (start, end) in enumerate(part_bounds(len(series.labels), series.parts)):
        if start <= index < end:
            return number
    raise IndexError(index)


def baseline_end(series: Series, number: int) -> int | None:
    """The index of the last baseline point of part `number` (None: the part is not frozen)."""
    count = series.freeze.get(number)
    if count is None:
        return None
    start, _ = part_bounds(len(series.labels), series.parts)[number]
    return start + count - 1


def _uses_measure_field(series: Series, number: int) -> bool:
    return number == 0 and series.measure.entry is not Entry.EVENTS


def _until_index(series: Series) -> int | None:
    """The index `Measure.baseline_until` points at (as `Series.freeze` reads it)."""
    until = series.measure.baseline_until
    if until is None:
        return None
    before = [i for i, label in enumerate(series.labels) if label <= until]
    return before[-1] if before else None


def _clear_part(log: UndoLog, series: Series, number: int, *, keep_field: bool) -> None:
    """Remove every source of part `number`'s baseline (its marks, and the measure's
    `baseline_until` when it falls in the part, unless `keep_field`)."""
    start, end = part_bounds(len(series.labels), series.parts)[number]
    index = {label: i for i, label in enumerate(series.labels)}
    for mark in series.marks:
        if mark.mark is MarkKind.BASELINE_END and start <= index.get(mark.point, -1) < end:
            log.delete(ChartMark, mark.id)
    until = _until_index(series)
    if not keep_field and until is not None and start <= until < end:
        log.update(Measure, series.measure.id, baseline_until=None)


def freeze_part(log: UndoLog, series: Series, index: int) -> int:
    """Freeze the part holding the point at `index` to its points up to that one: its centre
    line (and limits) are computed from them and carried on. Return the part's number."""
    number = part_number(series, index)
    point = series.labels[index]
    field = _uses_measure_field(series, number)
    with log.group():
        _clear_part(log, series, number, keep_field=field)
        if field:
            log.update(Measure, series.measure.id, baseline_until=point)
        else:
            set_mark(log, series.measure, point, MarkKind.BASELINE_END)
    return number


def unfreeze_part(log: UndoLog, series: Series, number: int) -> None:
    """Let part `number`'s centre line follow all its points again."""
    with log.group():
        _clear_part(log, series, number, keep_field=False)
