"""The summary table of measures ("Overblik over målinger"): per measure its latest value, its
target, its variation and assurance and since when the variation holds – for one project or
across the portfolio, sorted by what needs attention first, and the same rows in the reports.

Making Data Count's summary table (NHSRplotthedots, PowerBI-SPC) shows these columns; the
reading itself is `core.measures.assurance`'s, computed with each measure's signal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.db.store import Store
from core.i18n import Translator
from core.measures.assurance import Assurance, Variation
from core.measures.signals import MeasureStatus, load_series, project_measure_ids, status_of
from core.measures.words import assurance_text, format_value, point_label, variation_text

SORTS: tuple[str, ...] = ("attention", "measure", "project", "variation", "assurance", "since")
"""What the summary sorts by; "attention" (the default) puts special cause concerning first,
then a target that will not be met, then hit and miss."""

COLUMNS: tuple[str, ...] = ("project", "measure", "last", "target", "variation", "assurance",
                            "since")

_VARIATION_RANK = {Variation.CONCERNING: 0, Variation.NEITHER: 1, Variation.IMPROVING: 2,
                   Variation.COMMON: 3, None: 4}
_ASSURANCE_RANK = {Assurance.FAIL: 0, Assurance.HIT_AND_MISS: 1, Assurance.PASS: 2, None: 3}


@dataclass(frozen=True)
class SummaryRow:
    """One measure of the summary, with the project it belongs to."""

    project_id: str
    project: str
    unit: str
    status: MeasureStatus

    @property
    def since_key(self) -> str:
        """The point the variation holds since, as its key (a period or a date; "" without)."""
        labels, since = self.status.series.labels, self.status.reading.since
        if not labels:
            return ""
        return labels[since] if since is not None else labels[0]


def summary_rows(store: Store, project_ids: Iterable[str]) -> list[SummaryRow]:
    """Every measure of the given projects with its status (slow with many measures: call it
    from a worker on a connection of its own)."""
    rows: list[SummaryRow] = []
    for project_id in project_ids:
        found = store.execute("SELECT name, COALESCE(unit, '') FROM projects WHERE id = ?",
                              [project_id]).fetchone()
        if found is None:
            continue
        name, unit = found
        for measure_id in project_measure_ids(store, project_id):
            rows.append(SummaryRow(project_id, str(name), str(unit),
                                   status_of(load_series(store, measure_id))))
    return rows


def sort_summary(rows: Sequence[SummaryRow], key: str = "attention") -> list[SummaryRow]:
    """The rows sorted by one of `SORTS` (names by their case-folded text; the most recent
    change first when sorting by since)."""
    def name(row: SummaryRow) -> tuple[str, str]:
        return row.project.casefold(), row.status.measure.name.casefold()

    def reading(row: SummaryRow) -> tuple[int, int]:
        r = row.status.reading
        return _VARIATION_RANK[r.variation], _ASSURANCE_RANK[r.assurance]

    if key == "measure":
        return sorted(rows, key=lambda r: (r.status.measure.name.casefold(), name(r)))
    if key == "project":
        return sorted(rows, key=name)
    if key == "variation":
        return sorted(rows, key=lambda r: (reading(r), name(r)))
    if key == "assurance":
        return sorted(rows, key=lambda r: (reading(r)[::-1], name(r)))
    if key == "since":
        newest = sorted(rows, key=name)
        return sorted(newest, key=lambda r: r.since_key, reverse=True)
    return sorted(rows, key=lambda r: (attention(r), name(r)))


def attention(row: SummaryRow) -> int:
    """How soon a measure needs the meeting's attention (0: first): special cause concerning,
    then a target that will not be met, a signal without a side, hit and miss, the rest, and
    measures without data last."""
    reading = row.status.reading
    if reading.variation is Variation.CONCERNING:
        return 0
    if reading.assurance is Assurance.FAIL:
        return 1
    if reading.variation is Variation.NEITHER:
        return 2
    if reading.assurance is Assurance.HIT_AND_MISS:
        return 3
    return 5 if reading.variation is None else 4


def summary_cells(row: SummaryRow, tr: Translator, *, short: bool = False) -> dict[str, str]:
    """The cells of a row by column key (`COLUMNS`), in words (`short`: the short words)."""
    status = row.status
    measure, reading = status.measure, status.reading
    last = format_value(measure, status.last_value, tr) or "–"
    target = format_value(measure, reading.target, tr) if reading.target is not None else "–"
    since = point_label(measure, row.since_key, tr) if row.since_key else "–"
    return {
        "project": row.project, "measure": measure.name, "last": last, "target": target,
        "variation": variation_text(reading, tr, short=short),
        "assurance": assurance_text(reading, tr, short=short), "since": since,
    }
