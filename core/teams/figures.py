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
from core.values.sheets import Cell, cell_number


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
    return _column_of(store, team_id, periods, "value")


def bases_of(store: Store, team_id: str, periods: Iterable[str]) -> dict[tuple[str, str], float]:
    """The bases the team's live values in `periods` carry, by (figure id, period)."""
    return _column_of(store, team_id, periods, "denominator")


def _column_of(store: Store, team_id: str, periods: Iterable[str],
               column: str) -> dict[tuple[str, str], float]:
    wanted = sorted(set(periods))
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    rows = store.query(
        f"SELECT figure, period, {column} AS found FROM team_figures WHERE team_id = ? "
        f"AND _exists AND {column} IS NOT NULL AND period IN ({marks})", [team_id, *wanted])
    return {(r["figure"], r["period"]): r["found"] for r in rows}


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


def read_base(cell: Cell) -> float | None:
    """A base as typed or in a file's cell (empty: none); raise `InvalidError` unless it is a
    number above 0."""
    from core.errors import InvalidError

    base = cell_number(cell, "denominator")
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
    """One cell of a pasted block: the figure and value it sets, why it cannot, or that it was
    left empty (the figure keeps its value)."""

    line: int
    figure: KeyFigure | None
    value: float | None
    problem: TavleError | None = None
    base: float | None = None
    """The base given after the value in a named line (None: none given)."""
    skipped: str = ""
    """"empty": an empty cell or line among the values, which keeps its figure's place and
    changes nothing; "heading": a first line of column headings."""


def _number(text: str) -> float | None:
    try:
        return parse_number(text, "value")
    except TavleError:
        return None


def parse_block(text: str, figures: Sequence[KeyFigure], start: int = 0) -> list[PastedValue]:
    """Read a block copied from a spreadsheet into the entry grid; every cell is accounted for.

    - A line "name<TAB>value[<TAB>base]" sets the figure of that name (or starter key, any
      case); an empty value there deletes the figure's value.
    - A line of values sets the next figures down from row `start`, one per cell: a column
      copied from Excel fills the rows downwards, a row copied from Excel fills them across.
      An empty cell, or an empty line between values, keeps its figure's place and changes
      nothing (the later values never slide onto the wrong figures).
    - A first line without a number is column headings, skipped (and said so)."""
    named = by_name(list(figures))
    result: list[PastedValue] = []
    row = start
    lines = text.splitlines()
    filled = [i for i, raw in enumerate(lines) if raw.strip()]
    if not filled:
        return result
    first, last = filled[0], filled[-1]

    def next_figure(number: int) -> KeyFigure | None:
        nonlocal row
        if row >= len(figures):
            result.append(PastedValue(number, None, None,
                                      TavleError("teams.paste.too_many", count=len(figures))))
            return None
        row += 1
        return figures[row - 1]

    for index in range(first, last + 1):
        raw, number = lines[index], index + 1
        cells = [c.strip() for c in raw.split("\t")]
        named_line = len(cells) >= 2 and bool(cells[0]) and _number(cells[0]) is None
        while len(cells) > (2 if named_line else 1) and not cells[-1]:
            cells.pop()
        if index == first and any(cells) and all(c and _number(c) is None for c in cells):
            result.append(PastedValue(number, None, None, skipped="heading"))
            continue
        if named_line:
            figure = named.get(cells[0].casefold())
            if figure is None:
                result.append(PastedValue(number, None, None,
                                          TavleError("teams.paste.unknown_figure", name=cells[0])))
                continue
            try:
                value = parse_number(cells[1], "value")
                base = read_base(cells[2]) if len(cells) > 2 and value is not None else None
                result.append(PastedValue(number, figure, value, base=base))
            except TavleError as error:
                result.append(PastedValue(number, figure, None, error))
            continue
        for cell in cells:
            found = next_figure(number)
            if found is None:
                break
            if not cell:
                result.append(PastedValue(number, found, None, skipped="empty"))
                continue
            try:
                result.append(PastedValue(number, found, parse_number(cell, "value")))
            except TavleError as error:
                result.append(PastedValue(number, found, None, error))
    return result


def apply_block(log: UndoLog, team_id: str, week: str, lines: Iterable[PastedValue]) -> int:
    """Save the good lines of a paste in one transaction and one undo step; return how many
    values changed."""
    changed = 0
    with log.group():
        for line in lines:
            if line.problem is None and line.figure is not None and not line.skipped:
                changed += put_value(log, line.figure.org_id, team_id, line.figure.id,
                                     period_for(line.figure, week), line.value, line.base)
    return changed
