"""Capacity per team and profession (faggruppe) for the coming weeks, and the back office's rules.

A `CapacityPlan` holds one team's hours of one profession in one week: needed (the norm or the
forecast), available, lent to other teams, borrowed from them, and temp (vikar) hours. The
balance is available + borrowed + temps − lent − needed: below 0 the team is short of hours.
The organisation's settings are the rules: temp hours at most `temp_limit_pct` % of the hours
needed, and at most `lend_limit_hours` lent or borrowed per team, profession and week; across
the organisation the hours lent and borrowed in a profession and week should match.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from core.db import changelog
from core.db.store import Store
from core.models import CapacityPlan, Organisation, week_period
from core.teams.figures import shift_week
from core.values.numbers import parse_number
from core.values.periods import period_label

if TYPE_CHECKING:
    from core.db.undo import UndoLog
    from core.i18n import Translator

WEEKS_SHOWN = 8
"""The overview looks this many weeks ahead."""
HOUR_FIELDS = ("hours_needed", "hours_available", "hours_lent", "hours_borrowed", "temp_hours")
"""The hours of a plan, in the order the plan grid shows them."""
OPTIONAL = ("hours_needed", "hours_available")
"""Hours that may be left empty (not planned yet); the others are 0 when empty."""
EPSILON = 1e-9

PlanKey = tuple[str, str, str]
"""(team id, profession id, week)."""


def coming_weeks(today: dt.date, count: int = WEEKS_SHOWN, *, offset: int = 0) -> list[str]:
    """`count` ISO weeks from `today`'s week (moved `offset` weeks)."""
    first = shift_week(week_period(today), offset)
    return [shift_week(first, n) for n in range(count)]


@dataclass(frozen=True)
class Hours:
    """The hours of one plan, or the sum of several."""

    needed: float | None = None
    available: float | None = None
    lent: float = 0.0
    borrowed: float = 0.0
    temps: float = 0.0

    @classmethod
    def of(cls, plan: CapacityPlan) -> Hours:
        return cls(plan.hours_needed, plan.hours_available, plan.hours_lent,
                   plan.hours_borrowed, plan.temp_hours)

    def __add__(self, other: Hours) -> Hours:
        def add(a: float | None, b: float | None) -> float | None:
            return None if a is None and b is None else (a or 0.0) + (b or 0.0)

        return Hours(add(self.needed, other.needed), add(self.available, other.available),
                     self.lent + other.lent, self.borrowed + other.borrowed,
                     self.temps + other.temps)

    @property
    def balance(self) -> float | None:
        """Hours over (+) or short (−); None when neither need nor availability is planned."""
        if self.needed is None and self.available is None:
            return None
        return (self.available or 0.0) + self.borrowed + self.temps - self.lent - (
            self.needed or 0.0)


def shown_hours(plan: CapacityPlan | None, field: str) -> float | None:
    """One kind of a plan's hours as the plan grid and its export show them: None where nothing
    is planned, and for lent, borrowed and temp hours of 0."""
    value = None if plan is None else getattr(plan, field)
    return None if value is None or (value == 0 and field not in OPTIONAL) else value


def load_plans(store: Store, org_id: str, weeks: Sequence[str], *,
               team_id: str | None = None) -> dict[PlanKey, CapacityPlan]:
    """The live plans of the organisation (or one team) in `weeks`."""
    if not weeks:
        return {}
    marks = ",".join("?" * len(weeks))
    sql = (
        "SELECT id, org_id, team_id, profession_id, week, hours_needed, hours_available, "
        "COALESCE(hours_lent, 0) AS hours_lent, COALESCE(hours_borrowed, 0) AS hours_borrowed, "
        "COALESCE(temp_hours, 0) AS temp_hours, COALESCE(note, '') AS note FROM capacity_plans "
        f"WHERE org_id = ? AND _exists AND week IN ({marks})"
    )
    params: list[str] = [org_id, *weeks]
    if team_id is not None:
        sql += " AND team_id = ?"
        params.append(team_id)
    plans = [CapacityPlan.model_validate(row) for row in store.query(sql, params)]
    return {(p.team_id, p.profession_id, p.week): p for p in plans}


@dataclass(frozen=True)
class OverviewRow:
    """A profession's hours per week: summed over the teams (`team_id` None) or one team's."""

    profession_id: str
    team_id: str | None
    hours: tuple[Hours | None, ...]
    """Per week shown; None where nothing is planned."""


def overview_rows(team_ids: Sequence[str], profession_ids: Sequence[str], weeks: Sequence[str],
                  plans: dict[PlanKey, CapacityPlan]) -> list[OverviewRow]:
    """Per profession with plans: its total over the teams, then each team that has a plan."""
    rows: list[OverviewRow] = []
    for profession in profession_ids:
        teams = [t for t in team_ids
                 if any((t, profession, week) in plans for week in weeks)]
        if not teams:
            continue
        per_team = [
            OverviewRow(profession, team, tuple(
                Hours.of(plans[(team, profession, week)])
                if (team, profession, week) in plans else None for week in weeks))
            for team in teams
        ]
        totals: list[Hours | None] = []
        for index in range(len(weeks)):
            found = [hours for row in per_team if (hours := row.hours[index]) is not None]
            total = None
            for hours in found:
                total = hours if total is None else total + hours
            totals.append(total)
        rows.append(OverviewRow(profession, None, tuple(totals)))
        rows.extend(per_team)
    return rows


# -- rules -------------------------------------------------------------------------------------

BreakKind = Literal["temps", "lent", "borrowed", "unmatched"]


@dataclass(frozen=True)
class RuleBreak:
    """A plan (or a profession's week across teams) that breaks one of the rules."""

    kind: BreakKind
    team_id: str | None
    """None for a break across the organisation ("unmatched")."""
    profession_id: str
    week: str
    hours: float
    """The hours that break the rule (for "unmatched": the hours lent)."""
    limit: float
    """The most the rule allows (for "unmatched": the hours borrowed)."""
    share: float | None = None
    """For "temps": the rule as a share of needed hours (%)."""


def rule_breaks(org: Organisation, plans: Iterable[CapacityPlan]) -> list[RuleBreak]:
    """Every rule the plans break, by week, profession and team."""
    found: list[RuleBreak] = []
    lent: dict[tuple[str, str], float] = {}
    borrowed: dict[tuple[str, str], float] = {}
    for plan in plans:
        key = (plan.profession_id, plan.week)
        lent[key] = lent.get(key, 0.0) + plan.hours_lent
        borrowed[key] = borrowed.get(key, 0.0) + plan.hours_borrowed
        pct = org.temp_limit_pct
        if pct is not None and plan.temp_hours > 0:
            allowed = (plan.hours_needed or 0.0) * pct / 100
            if plan.temp_hours > allowed + EPSILON:
                found.append(RuleBreak("temps", plan.team_id, plan.profession_id, plan.week,
                                       plan.temp_hours, allowed, pct))
        limit = org.lend_limit_hours
        if limit is not None:
            lending: tuple[tuple[BreakKind, float], ...] = (
                ("lent", plan.hours_lent), ("borrowed", plan.hours_borrowed))
            for kind, hours in lending:
                if hours > limit + EPSILON:
                    found.append(RuleBreak(kind, plan.team_id, plan.profession_id, plan.week,
                                           hours, limit))
    for key in lent:
        if abs(lent[key] - borrowed[key]) > EPSILON:
            found.append(RuleBreak("unmatched", None, key[0], key[1], lent[key], borrowed[key]))
    found.sort(key=lambda b: (b.week, b.profession_id, b.team_id or "", b.kind))
    return found


def break_text(rule: RuleBreak, team: str, profession: str, tr: Translator) -> str:
    """A broken rule in words: where, what and the limit."""
    week = period_label(rule.week, tr)
    hours, limit = tr.number(rule.hours), tr.number(rule.limit)
    if rule.kind == "temps":
        return tr("team_compare.capacity.break_temps", team=team, profession=profession,
                  week=week, hours=hours, limit=limit, pct=tr.number(rule.share))
    if rule.kind == "unmatched":
        return tr("team_compare.capacity.break_unmatched", profession=profession, week=week,
                  lent=hours, borrowed=limit)
    return tr(f"team_compare.capacity.break_{rule.kind}", team=team, profession=profession,
              week=week, hours=hours, limit=limit)


# -- editing -----------------------------------------------------------------------------------


def set_hours(log: UndoLog, org_id: str, team_id: str, profession_id: str, week: str,
              field: str, text: str) -> CapacityPlan | None:
    """Set one kind of hours of a team's plan for a profession and week from typed text
    (decimal comma or point; empty clears). Returns the plan (None: nothing to write)."""
    if field not in HOUR_FIELDS:
        raise ValueError(field)
    value = parse_number(text, field)
    if value is None and field not in OPTIONAL:
        value = 0.0
    plan_id = CapacityPlan.id_for(team_id, profession_id, week)
    rows = log.store.query("SELECT _exists FROM capacity_plans WHERE id = ?", [plan_id])
    if rows and rows[0]["_exists"]:
        return log.update(CapacityPlan, plan_id, **{field: value})
    if value is None or (value == 0 and field not in OPTIONAL):
        return None
    plan = changelog.build(CapacityPlan, id=plan_id, org_id=org_id, team_id=team_id,
                           profession_id=profession_id, week=week, **{field: value})
    return log.create(plan)


def set_limits(log: UndoLog, org_id: str, temp_text: str, lend_text: str) -> Organisation:
    """Set the rules: the temp limit (% of needed hours) and the lend limit (hours per week);
    empty text means no rule."""
    return log.update(Organisation, org_id,
                      temp_limit_pct=parse_number(temp_text, "temp_limit_pct"),
                      lend_limit_hours=parse_number(lend_text, "lend_limit_hours"))
