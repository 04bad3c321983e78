"""Benefits (gevinster): a project's expected and realised benefits, their sums per unit and
across the portfolio, and the flag on an expected benefit that no measure documents.

Kroner and hours are summed; percentage points, quality and citizen experience are counted, not
summed (5 points of sick leave in one unit and 2 in another are not 7 anywhere).
`benefit_summary` is the public sum the portfolio, the reports and the presentation read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.i18n import Translator
from core.models import Benefit, BenefitKind, BenefitStatus
from core.order_keys import key_between
from core.values.numbers import parse_number
from core.values.sheets import Column, Kind, Table

SUMMED: frozenset[BenefitKind] = frozenset({BenefitKind.KR, BenefitKind.HOURS})
"""The kinds whose amounts add up across projects."""
MILLION = 1_000_000


@dataclass(frozen=True)
class BenefitRow:
    """A benefit with the names of its project, unit and documenting measure."""

    benefit: Benefit
    project_name: str
    unit: str
    measure_name: str = ""
    """The documenting measure's name ("" when none, or when it was deleted)."""

    @property
    def unmeasured(self) -> bool:
        """An expected benefit that no measure documents (flagged)."""
        return self.benefit.status is BenefitStatus.EXPECTED and not self.measure_name


_SELECT = """
SELECT b.*, p.name AS project_name, COALESCE(p.unit, '') AS project_unit,
       COALESCE(m.name, '') AS measure_name
FROM benefits b
JOIN projects p ON p.id = b.project_id AND p._exists
LEFT JOIN measures m ON m.id = b.measure_id AND m._exists
WHERE b._exists {where}
ORDER BY p.name COLLATE NOCASE, p.id, COALESCE(b."order", ''), b.id
"""

_EXTRA = ("project_name", "project_unit", "measure_name", changelog.EXISTS)


def _row(store: Store, values: dict[str, Any]) -> BenefitRow:
    extra = {name: values.pop(name) for name in _EXTRA}
    try:
        benefit = Benefit.model_validate(
            {name: value for name, value in values.items() if value is not None})
    except ValidationError:  # two units' edits crossed a rule (the period's ends): read as stored
        benefit = changelog.load(store, Benefit, values["id"])
    return BenefitRow(benefit, extra["project_name"], extra["project_unit"],
                      extra["measure_name"])


def list_benefits(store: Store, project_id: str | None = None) -> list[BenefitRow]:
    """The live benefits of a project (or of every live project), in order."""
    if project_id is None:
        rows = store.query(_SELECT.format(where=""))
    else:
        rows = store.query(_SELECT.format(where="AND b.project_id = ?"), [project_id])
    return [_row(store, row) for row in rows]


# -- edits (through the screen's undo log) --------------------------------------------------


def add_benefit(log: UndoLog, project_id: str, **values: Any) -> Benefit:
    """Add a benefit at the end of the project's list (raises `InvalidError`)."""
    (last,) = log.store.execute(
        'SELECT MAX("order") FROM benefits WHERE project_id = ? AND _exists', [project_id]
    ).fetchone()
    order = key_between(last or None, None) or ""
    return log.create(changelog.build(Benefit, project_id=project_id, order=order, **values))


def edit_benefit(log: UndoLog, benefit_id: str, **values: Any) -> Benefit:
    """Change a benefit's fields (raises `InvalidError`)."""
    return log.update(Benefit, benefit_id, **values)


def delete_benefit(log: UndoLog, benefit_id: str) -> None:
    """Delete a benefit (undoable)."""
    log.delete(Benefit, benefit_id)


# -- typed amounts --------------------------------------------------------------------------

_MILLIONS = re.compile(r"(mio\.?|million(er)?|mill\.?)$")


def parse_amount(text: str) -> float | None:
    """Read an amount as a coordinator types it: "850.000", "850000 kr.", "4,6 mio.",
    "1.234,5", "12.5" (empty: None; raises `InvalidError` for what is not a number). An amount
    (kroner or hours) has at most two decimals, so "850.000" is 850000."""
    text = text.strip().casefold()
    factor = 1.0
    if _MILLIONS.search(text.removesuffix("kr.").removesuffix("kr").strip()):
        text = _MILLIONS.sub("", text.removesuffix("kr.").removesuffix("kr").strip())
        factor = float(MILLION)
    value = parse_number(text, "amount", units=("timer", "t", "hours", "h"), money=True)
    return None if value is None else value * factor


# -- sums -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindTotal:
    """The benefits of one kind and status, summed (kr. and hours) or counted."""

    kind: BenefitKind
    status: BenefitStatus
    amount: float | None
    """The sum of the amounts (None for kinds that are not summed, or when none has one)."""
    benefits: int
    projects: int
    start: dt.date | None = None
    """The earliest start of the benefits' periods."""
    end: dt.date | None = None
    """The latest end of the benefits' periods."""

    @property
    def months(self) -> int | None:
        """The months the periods span together (None without both ends)."""
        return months_between(self.start, self.end)


@dataclass(frozen=True)
class BenefitSummary:
    """Benefits per kind and status, in total and per unit, and how many are flagged."""

    totals: tuple[KindTotal, ...]
    by_unit: dict[str, tuple[KindTotal, ...]]
    """Per unit (the project's unit; "" for projects without one), the same totals."""
    unmeasured: int
    """Expected benefits that no measure documents."""
    projects: int
    """Projects with at least one benefit."""

    def total(self, kind: BenefitKind, status: BenefitStatus) -> KindTotal | None:
        """The total of one kind and status (None when there is no such benefit)."""
        return next((t for t in self.totals if t.kind is kind and t.status is status), None)


def months_between(start: dt.date | None, end: dt.date | None) -> int | None:
    """Whole months from `start` to `end`, rounded (1 May 2025 – 31 Oct 2026: 18)."""
    if start is None or end is None or end < start:
        return None
    return max(1, round(((end - start).days + 1) / 30.44))


def totals_of(rows: Iterable[BenefitRow]) -> tuple[KindTotal, ...]:
    """Sum (kr., hours) or count the rows per kind and status, in the enums' order."""
    groups: dict[tuple[BenefitKind, BenefitStatus], list[BenefitRow]] = {}
    for row in rows:
        groups.setdefault((row.benefit.kind, row.benefit.status), []).append(row)
    totals = []
    for kind in BenefitKind:
        for status in BenefitStatus:
            group = groups.get((kind, status))
            if not group:
                continue
            amounts = [r.benefit.amount for r in group if r.benefit.amount is not None]
            starts = [r.benefit.period_from for r in group if r.benefit.period_from]
            ends = [r.benefit.period_to for r in group if r.benefit.period_to]
            totals.append(KindTotal(
                kind, status,
                sum(amounts) if kind in SUMMED and amounts else None,
                len(group), len({r.benefit.project_id for r in group}),
                min(starts) if starts else None, max(ends) if ends else None,
            ))
    return tuple(totals)


def summarize(rows: Sequence[BenefitRow]) -> BenefitSummary:
    """The summary of loaded rows (what `benefit_summary` reads from the database)."""
    units: dict[str, list[BenefitRow]] = {}
    for row in rows:
        units.setdefault(row.unit, []).append(row)
    return BenefitSummary(
        totals=totals_of(rows),
        by_unit={unit: totals_of(units[unit]) for unit in sorted(units, key=str.casefold)},
        unmeasured=sum(row.unmeasured for row in rows),
        projects=len({row.benefit.project_id for row in rows}),
    )


def benefit_summary(store: Store, project_id: str | None = None) -> BenefitSummary:
    """Benefits per kind and status, in total and per unit, of one project or of every live
    project (the portfolio), and how many expected benefits no measure documents."""
    return summarize(list_benefits(store, project_id))


# -- words ----------------------------------------------------------------------------------


def format_kr(amount: float, tr: Translator) -> str:
    """Kroner the Danish way: "4,6 mio. kr." from a million, else "850.000 kr."."""
    if abs(amount) >= MILLION:
        return tr("benefits.kr_millions", value=tr.number(amount / MILLION, 1))
    return tr("benefits.kr", value=tr.number(round(amount)))


def format_amount(kind: BenefitKind, amount: float | None, unit: str, tr: Translator) -> str:
    """An amount with its unit: "850.000 kr.", "1.200 timer", "5,05 procentpoint", "4,2 point"."""
    if amount is None:
        return ""
    if kind is BenefitKind.KR:
        return format_kr(amount, tr)
    if kind is BenefitKind.HOURS:
        return tr("benefits.hours", value=tr.number(amount, 1))
    if kind is BenefitKind.SICK_LEAVE_PP:
        return tr("benefits.points", value=tr.number(amount, 2))
    return f"{tr.number(amount, 1)} {unit}".strip()


def measure_text(row: BenefitRow, tr: Translator) -> str:
    """The documenting measure, or the flag of an expected benefit without one."""
    if row.measure_name:
        return row.measure_name
    return tr("benefits.flag_unmeasured") if row.unmeasured else tr("benefits.no_measure")


def projects_text(count: int, tr: Translator) -> str:
    """ "1 projekt", "5 projekter"."""
    return tr("benefits.projects_one" if count == 1 else "benefits.projects_many", count=count)


def total_sentence(total: KindTotal, tr: Translator) -> str:
    """A total in words: "4,6 mio. kr. sparet på 18 måneder i 5 projekter", "forventet …" for
    expected benefits; counted kinds as "Kvalitet (realiseret): 2 gevinster i 2 projekter"."""
    projects = projects_text(total.projects, tr)
    if total.amount is None:
        key = "benefits.sentence_count_one" if total.benefits == 1 else \
            "benefits.sentence_count_many"
        return tr(key, kind=tr(f"enum.benefit_kind.{total.kind.value}"), count=total.benefits,
                  status=tr(f"enum.benefit_status.{total.status.value}").lower(), projects=projects)
    amount = format_amount(total.kind, total.amount, "", tr)
    months = total.months
    if months is None:
        return tr(f"benefits.sentence.{total.status.value}", amount=amount, projects=projects)
    return tr(f"benefits.sentence_months.{total.status.value}", amount=amount, months=months,
              projects=projects)


# -- to Excel -------------------------------------------------------------------------------

AMOUNT_DECIMALS = 2
"""The decimals an amount is shown with in Excel (øre, parts of an hour, 5,05 points)."""


def amount_unit(benefit: Benefit, tr: Translator) -> str:
    """What a benefit's amount counts: kr., hours, percentage points, or the unit typed for
    quality and citizen experience."""
    if benefit.kind in (BenefitKind.KR, BenefitKind.HOURS, BenefitKind.SICK_LEAVE_PP):
        return tr(f"benefits.export.amount_unit.{benefit.kind.value}")
    return benefit.unit


def benefits_table(rows: Sequence[BenefitRow], tr: Translator) -> Table:
    """The benefits as their export writes them (in the order given): project, unit, the
    benefit, its kind and status, the amount (a number) and what it counts, the period (dates),
    the documenting measure (or the flag), how it was computed and the note."""
    columns = [
        Column(tr("benefits.overview_column.project")),
        Column(tr("benefits.overview_column.unit")),
        Column(tr("benefits.column.title")), Column(tr("benefits.column.kind")),
        Column(tr("benefits.column.status")),
        Column(tr("benefits.column.amount"), Kind.NUMBER, AMOUNT_DECIMALS),
        Column(tr("benefits.export.amount_unit_heading")),
        Column(tr("benefits.export.period_from"), Kind.DATE),
        Column(tr("benefits.export.period_to"), Kind.DATE),
        Column(tr("benefits.column.measure")), Column(tr("benefits.export.how")),
        Column(tr("benefits.export.note")),
    ]
    return Table(tr("benefits.title"), columns, [
        (row.project_name, row.unit, b.title, tr(f"enum.benefit_kind.{b.kind.value}"),
         tr(f"enum.benefit_status.{b.status.value}"), b.amount, amount_unit(b, tr),
         b.period_from, b.period_to, measure_text(row, tr), b.how_computed, b.note)
        for row in rows for b in (row.benefit,)])
