"""A team's key figures for one period, typed at meeting speed or pasted from Excel.

One record per team, period and figure (`TeamFigure.id_for`): typing a value writes or changes
it, an empty cell deletes it. A weekly or fortnightly figure is stored under the ISO week, a
monthly one under the month that week starts in. Screens edit through an `UndoLog` (a paste is
one step); numbers accept a decimal comma or point.

A value may carry its base (`TeamFigure.denominator`: planned hours, citizens), what a funnel
plot weighs the team by; a paste or import gives it in an optional column after the value. A
value written without a base keeps the base it had.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import TavleError
from core.models import KeyFigure, TeamFigure
from core.teams.key_figures import by_name
from core.values.numbers import parse_number
from core.values.periods import fit_period, period_start


def period_for(figure: KeyFigure, week: str) -> str:
    """The period a figure stores for an entry week (the month it starts in, if monthly)."""
    return fit_period(week, figure.frequency)


def last_week(today: dt.date) -> str:
    """The ISO week before `today`'s (the week a reporter usually enters)."""
    from core.models import week_period

    return week_period(today - dt.timedelta(weeks=1))


def shift_week(week: str, weeks: int) -> str:
    """The week `weeks` before or after `week`."""
    from core.models import week_period

    return week_period(period_start(week) + dt.timedelta(weeks=weeks))


def values_of(store: Store, team_id: str, periods: Iterable[str]) -> dict[tuple[str, str], float]:
    """The team's live values in `periods`, by (figure id, period)."""
    wanted = sorted(set(periods))
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    rows = store.query(
        f"SELECT figure, period, value FROM team_figures WHERE team_id = ? AND _exists "
        f"AND period IN ({marks})", [team_id, *wanted])
    return {(r["figure"], r["period"]): r["value"] for r in rows}


def bases_of(store: Store, team_id: str, periods: Iterable[str]) -> dict[tuple[str, str], float]:
    """The bases the team's live values in `periods` carry, by (figure id, period)."""
    wanted = sorted(set(periods))
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    rows = store.query(
        f"SELECT figure, period, denominator FROM team_figures WHERE team_id = ? AND _exists "
        f"AND denominator IS NOT NULL AND period IN ({marks})", [team_id, *wanted])
    return {(r["figure"], r["period"]): r["denominator"] for r in rows}


def week_values(store: Store, team_id: str, figures: Sequence[KeyFigure],
                week: str) -> dict[str, float]:
    """The team's value of each figure for an entry week, by figure id."""
    found = values_of(store, team_id, (period_for(f, week) for f in figures))
    return {f.id: found[(f.id, period_for(f, week))]
            for f in figures if (f.id, period_for(f, week)) in found}


def current(store: Store, team_id: str, figure_id: str, period: str) -> TeamFigure | None:
    """The live record of a team, figure and period, if there is one."""
    record_id = TeamFigure.id_for(team_id, period, figure_id)
    rows = store.query("SELECT _exists FROM team_figures WHERE id = ?", [record_id])
    if rows and rows[0]["_exists"]:
        return changelog.load(store, TeamFigure, record_id)
    return None


def put_value(log: UndoLog, org_id: str, team_id: str, figure_id: str, period: str,
              value: float | None, base: float | None = None) -> bool:
    """Write a value (None deletes it) and, when given, its base (None keeps the base it had);
    return whether anything changed."""
    found = current(log.store, team_id, figure_id, period)
    if value is None:
        if found is None:
            return False
        log.delete(TeamFigure, found.id)
        return True
    if found is not None:
        changes: dict[str, float] = {}
        if found.value != value:
            changes["value"] = value
        if base is not None and found.denominator != base:
            changes["denominator"] = base
        if not changes:
            return False
        log.update(TeamFigure, found.id, **changes)
        return True
    log.create(changelog.build(
        TeamFigure, id=TeamFigure.id_for(team_id, period, figure_id), org_id=org_id,
        team_id=team_id, period=period, figure=figure_id, value=value, denominator=base))
    return True


def read_base(text: str) -> float | None:
    """A base as typed (empty: none); raise `InvalidError` unless it is a number above 0."""
    from core.errors import InvalidError

    base = parse_number(text, "denominator")
    if base is not None and base <= 0:
        raise InvalidError([("denominator", "error.greater_than", {"gt": 0})])
    return base


def set_value(log: UndoLog, team_id: str, figure: KeyFigure, week: str, text: str) -> bool:
    """Save what was typed in a figure's cell for an entry week (empty deletes the value);
    raise `InvalidError` when it is not a number. Return whether anything changed."""
    value = parse_number(text, "value")
    return put_value(log, figure.org_id, team_id, figure.id, period_for(figure, week), value)


# -- a block pasted from Excel ----------------------------------------------------------------


@dataclass(frozen=True)
class PastedValue:
    """One line of a pasted block: the figure and value it sets, or why it cannot."""

    line: int
    figure: KeyFigure | None
    value: float | None
    problem: TavleError | None = None
    base: float | None = None
    """The base given after the value (None: none given)."""


def _number(text: str) -> float | None:
    try:
        return parse_number(text, "value")
    except TavleError:
        return None


def parse_block(text: str, figures: Sequence[KeyFigure], start: int = 0) -> list[PastedValue]:
    """Read a block copied from a spreadsheet into the entry grid.

    A line "name<TAB>value" sets the figure of that name (or starter key, any case); a line
    holding only a value sets the next figure down from row `start`. A cell after the value is
    its base (optional). A value cell left empty deletes the figure's value. A first line
    without a number is taken as headings."""
    named = by_name(list(figures))
    result: list[PastedValue] = []
    row = start
    lines = text.splitlines()
    first = next((i for i, raw in enumerate(lines) if raw.strip()), -1)
    for index, raw in enumerate(lines):
        cells = [c.strip() for c in raw.split("\t")]
        if not any(cells):
            continue
        number = index + 1
        if index == first and all(c and _number(c) is None for c in cells):
            continue
        if len(cells) >= 2 and _number(cells[0]) is None:
            figure = named.get(cells[0].casefold())
            if figure is None:
                result.append(PastedValue(number, None, None,
                                          TavleError("teams.paste.unknown_figure", name=cells[0])))
                continue
            value_text, rest = cells[1], cells[2:]
        else:
            if row >= len(figures):
                result.append(PastedValue(number, None, None,
                                          TavleError("teams.paste.too_many", count=len(figures))))
                continue
            figure, value_text, rest = figures[row], cells[0], cells[1:]
            row += 1
        try:
            value = parse_number(value_text, "value")
            base = read_base(rest[0]) if rest and value is not None else None
            result.append(PastedValue(number, figure, value, base=base))
        except TavleError as error:
            result.append(PastedValue(number, figure, None, error))
    return result


def apply_block(log: UndoLog, team_id: str, week: str, lines: Iterable[PastedValue]) -> int:
    """Save the good lines of a paste in one transaction and one undo step; return how many
    values changed."""
    changed = 0
    with log.group():
        for line in lines:
            if line.problem is None and line.figure is not None:
                changed += put_value(log, line.figure.org_id, team_id, line.figure.id,
                                     period_for(line.figure, week), line.value, line.base)
    return changed
