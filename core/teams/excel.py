"""Team key figures and capacity to and from Excel: the back office's files read into a preview
and applied in one step, and the figures and a team's capacity plan written as tables.

In. A file is what Danish and Norwegian Excel keep – an xlsx (or xlsm, xls, ods) or a CSV as
`core.values.excel_csv` reads it (`;`, `,` or tab, a `sep=` line, UTF-8, Windows-1252 or UTF-16)
– read by `core.values.sheets.read_sheets`, the first sheet with recognised headings (else the
first), with a title row or blank rows above the headings. Columns: team, period, figure, value
(headings in Danish, Norwegian or English, in any order; without headings, in that order), and
an optional fifth, the value's base (grundlag: planned hours, citizens – what a funnel plot
weighs the team by; left empty, a value keeps the base it has). A period is an Excel date (its
week, or its month for a monthly figure) or what `core.values.periods.read_week` reads
("2026-W47", "uge 47 2026", "46-2026", "nov-26", a date as text), stored as its ISO week (or its
month for a monthly figure). A value is Excel's number or a number as typed (decimal comma).
Back offices' other layout is read too: weeks as columns – headings team and figure, then one
period per column (text or Excel dates) – where each filled cell is one value (team, figure,
period, value); empty cells are skipped. A cell that is a formula error in Excel (`#DIV/0!`)
refuses its value (in a line of one value, the line), naming the sheet, row and cell. Teams
and figures are matched by name, ignoring case; unknown ones are listed and their rows left
out, never created. A file naming the same team, period and figure twice is refused as a
whole, with the lines named: nothing is written.

Out. `key_figures_tables` gives the organisation's values as two tables, one value a row in
exactly the columns the import reads (so an exported file imports unchanged) and one line per
team and figure with a column per period; `capacity_table` gives a team's capacity plan as
its grid shows it, hours as numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import TavleError
from core.i18n import Translator
from core.models import KeyFigure, Team
from core.models.measure import Frequency
from core.teams.capacity import HOUR_FIELDS, Hours, load_plans, shown_hours
from core.teams.figures import bases_of, put_value, read_base, values_of
from core.teams.key_figures import by_name, figures
from core.teams.organisation import professions
from core.values.excel_csv import cell_in, header_key, header_row, read_rows, words_known
from core.values.periods import is_week, period_label, period_of, period_start, read_week
from core.values.sheets import (
    Cell,
    Column,
    Kind,
    Sheet,
    Table,
    Value,
    cell_number,
    cell_text,
    read_sheets,
)

COLUMNS: tuple[str, ...] = ("team", "period", "figure", "value")
OPTIONAL = "base"
"""The optional column after the value: the value's base (`TeamFigure.denominator`)."""
HEADER_FIELDS = {"team": "team_id", "period": "period", "figure": "figure", "value": "value",
                 OPTIONAL: "denominator"}
"""The field label (`field.<name>`) each column's heading is matched against."""
EXTRA_HEADERS = {"team": "team", "hold": "team", "teams": "team", "gruppe": "team",
                 "periode": "period", "uge": "period", "uke": "period", "måned": "period",
                 "month": "period", "nøkkeltall": "figure", "indikator": "figure",
                 "mål": "figure", "measure": "figure", "verdi": "value", "antal": "value",
                 "antall": "value",
                 "week": "period", "nøgletal": "figure", "key figure": "figure",
                 "figure": "figure", "value": "value", "værdi": "value", "period": "period",
                 "base": "base", "grundlag": "base", "grunnlag": "base", "n": "base",
                 "nævner": "base", "nevner": "base", "denominator": "base"}

Status = Literal["new", "changed", "unchanged", "unknown", "refused"]


@dataclass
class FileRow:
    """One value of the file (a data line, or a filled period cell of a weeks-as-columns line)
    and what importing it would do. The texts are the cells as shown; `cells` keep the period's,
    value's and base's cells as read (an Excel date or number, or text)."""

    line: int
    team_name: str
    period_text: str
    figure_name: str
    value_text: str
    base_text: str = ""
    team_id: str | None = None
    figure: KeyFigure | None = None
    period: str | None = None
    value: float | None = None
    base: float | None = None
    old: float | None = None
    old_base: float | None = None
    status: Status = "new"
    problem: TavleError | None = None
    cells: tuple[Cell, Cell, Cell] = (None, None, None)


@dataclass
class TeamImportPreview:
    """What an import would do, row by row, and what stops the whole file."""

    rows: list[FileRow] = field(default_factory=list)
    problems: list[TavleError] = field(default_factory=list)
    """Problems with the file as a whole (a duplicate row, no data): nothing is imported."""
    unknown_teams: list[str] = field(default_factory=list)
    unknown_figures: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.problems)

    def count(self, status: Status) -> int:
        return sum(row.status == status for row in self.rows)

    @property
    def to_write(self) -> list[FileRow]:
        """The new and changed rows (none when the file is refused)."""
        if self.refused:
            return []
        return [row for row in self.rows if row.status in ("new", "changed")]


def _headers() -> dict[str, str]:
    return words_known(EXTRA_HEADERS, ((column, column, f"field.{name}")
                                       for column, name in HEADER_FIELDS.items()), header_key)


Recognise = Callable[[str], str | None]


@dataclass(frozen=True)
class _Layout:
    """Where a sheet's headings are: the row of a one-value-a-line layout's headings (None: no
    headings, the columns in `COLUMNS` order), or the row of a weeks-as-columns layout with
    its period columns."""

    top: int | None
    wide: int | None = None
    periods: dict[int, str] = field(default_factory=dict)

    @property
    def recognised(self) -> bool:
        return self.top is not None or bool(self.periods)


def _layout(lines: list[list[str]], recognise: Recognise, today: dt.date) -> _Layout:
    top = header_row(lines, recognise, COLUMNS)
    wide = header_row(lines, recognise, ("team", "figure"))
    if top is None and wide is not None and (periods := _period_columns(
            lines[wide], recognise, today)):
        return _Layout(None, wide, periods)
    return _Layout(top)


def _recogniser() -> Recognise:
    known = _headers()
    return lambda cell: known.get(header_key(cell))


def _texts(sheet: Sheet) -> list[list[str]]:
    tx = Translator()
    return [[cell_text(cell, tx) for cell in row] for row in sheet.rows]


def read_team_file(path: Path, store: Store, org_id: str, today: dt.date) -> TeamImportPreview:
    """Read an xlsx or CSV file into a preview (the first sheet with recognised headings, else
    the first); raise `TavleError` (`values.sheet.*`) when it cannot be read as a table."""
    sheets = read_sheets(path)
    recognise = _recogniser()
    for sheet in sheets:
        if _layout(_texts(sheet), recognise, today).recognised:
            return parse_team_sheet(sheet, store, org_id, today)
    return parse_team_sheet(sheets[0], store, org_id, today)


def parse_team_csv(text: str, store: Store, org_id: str, today: dt.date) -> TeamImportPreview:
    """Parse the text of a team figures CSV (see `parse_team_sheet`)."""
    try:
        rows = read_rows(text)
    except csv.Error:
        preview = TeamImportPreview()
        preview.problems.append(TavleError("teams.import.damaged"))
        return preview
    cells: list[list[Cell]] = [[cell_in(cell) for cell in row] for row in rows]
    return parse_team_sheet(Sheet("", cells), store, org_id, today)


def parse_team_sheet(sheet: Sheet, store: Store, org_id: str,
                     today: dt.date) -> TeamImportPreview:
    """Parse a sheet of team figures against the organisation's teams and figures: one value
    per row, or weeks as columns (see the module)."""
    preview = TeamImportPreview()
    lines = _texts(sheet)
    recognise = _recogniser()
    teams = {r["name"].casefold(): r["id"] for r in store.query(
        "SELECT id, name FROM teams WHERE org_id = ? AND _exists", [org_id])}
    named = by_name(figures(store, org_id))
    layout = _layout(lines, recognise, today)
    if layout.wide is not None:
        _read_wide(sheet, lines, layout.wide, layout.periods, recognise, teams, named, today,
                   preview)
    else:
        order = [*COLUMNS, OPTIONAL]
        start = 0
        if layout.top is not None:
            order, start = [recognise(c) or "" for c in lines[layout.top]], layout.top + 1
        position = {name: index for index, name in enumerate(order) if name}
        for index in range(start, len(lines)):
            texts, cells = lines[index], sheet.rows[index]
            error = sheet.error_in(index)
            if not any(texts) and error is None:
                continue

            def at(name: str, row: list[Cell] | list[str]) -> Cell:
                column = position.get(name)
                return row[column] if column is not None and column < len(row) else None

            row = FileRow(index + 1, str(at("team", texts) or ""),
                          str(at("period", texts) or ""), str(at("figure", texts) or ""),
                          str(at("value", texts) or ""), str(at(OPTIONAL, texts) or ""),
                          cells=(at("period", cells), at("value", cells), at(OPTIONAL, cells)))
            problem = None if error is None else _formula_error(sheet, index, error)
            _understand(row, teams, named, today, preview, problem)
            preview.rows.append(row)
    if not preview.rows:
        preview.problems.append(TavleError("teams.import.empty"))
    _refuse_duplicates(preview)
    _compare(store, preview)
    return preview


def _formula_error(sheet: Sheet, row: int, error: tuple[str, str]) -> TavleError:
    return TavleError("values.sheet.formula_error", row=row + 1, sheet=sheet.name,
                      cell=error[0], error=error[1])


def _period_columns(heads: list[str], recognise: Recognise, today: dt.date) -> dict[int, str]:
    """The columns of a weeks-as-columns heading row that name a period (by index, as written);
    empty when any other heading is neither a known column nor a period."""
    periods: dict[int, str] = {}
    for index, head in enumerate(heads):
        if not head or recognise(head) is not None:
            continue
        try:
            read_week(head, today)
        except TavleError:
            return {}
        periods[index] = head
    return periods


def _read_wide(sheet: Sheet, lines: list[list[str]], top: int, periods: dict[int, str],
               recognise: Recognise, teams: dict[str, str], named: dict[str, KeyFigure],
               today: dt.date, preview: TeamImportPreview) -> None:
    """One row per filled period cell of each team-and-figure line; a formula error in a period
    cell refuses that value, one in the team's or figure's cell every value of the line."""
    from core.values.sheets import column_letters

    heads = [recognise(cell) for cell in lines[top]]
    team_at, figure_at = heads.index("team"), heads.index("figure")
    for index in range(top + 1, len(lines)):
        texts, cells = lines[index], sheet.rows[index]
        errors = {column: error for (at_row, column), error in sheet.errors.items()
                  if at_row == index}
        if not any(texts) and not errors:
            continue
        team = texts[team_at] if team_at < len(texts) else ""
        figure = texts[figure_at] if figure_at < len(texts) else ""
        line_error = next((column for column in sorted(errors) if column not in periods),
                          None)
        for column, period in periods.items():
            value = texts[column] if column < len(texts) else ""
            if not value and column not in errors:
                continue
            at = column if column in errors else line_error
            problem = None if at is None else _formula_error(
                sheet, index, (f"{column_letters(at)}{index + 1}", errors[at]))
            row = FileRow(index + 1, team, period, figure, value,
                          cells=(sheet.rows[top][column], cells[column] if column < len(cells)
                                 else None, None))
            _understand(row, teams, named, today, preview, problem)
            preview.rows.append(row)


def _period(cell: Cell, text: str, today: dt.date, frequency: Frequency) -> str:
    """The period of a period cell: an Excel date's week (or month), else the text's."""
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    if isinstance(cell, dt.date):
        return period_of(cell, frequency)
    return read_week(text, today, frequency)


def _understand(row: FileRow, teams: dict[str, str], named: dict[str, KeyFigure],
                today: dt.date, preview: TeamImportPreview,
                problem: TavleError | None = None) -> None:
    row.team_id = teams.get(row.team_name.casefold())
    row.figure = named.get(row.figure_name.casefold())
    if row.team_id is None and row.team_name not in preview.unknown_teams:
        preview.unknown_teams.append(row.team_name)
    if row.figure is None and row.figure_name not in preview.unknown_figures:
        preview.unknown_figures.append(row.figure_name)
    if problem is not None:
        row.status, row.problem = "refused", problem
        return
    period_cell, value_cell, base_cell = row.cells
    try:
        row.period = _period(period_cell, row.period_text, today,
                             row.figure.frequency if row.figure else Frequency.WEEKLY)
        row.value = cell_number(value_cell, "value")
        if row.value is None:
            raise TavleError("teams.import.no_value")
        row.base = read_base(base_cell)
    except TavleError as error:
        row.status, row.problem = "refused", error
        return
    if row.team_id is None or row.figure is None:
        row.status = "unknown"


def _refuse_duplicates(preview: TeamImportPreview) -> None:
    lines: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for row in preview.rows:
        if row.team_id and row.figure and row.period:
            lines[(row.team_id, row.period, row.figure.id)].append(row.line)
    for numbers in lines.values():
        if len(numbers) > 1:
            row = next(r for r in preview.rows if r.line == numbers[0])
            preview.problems.append(TavleError(
                "teams.import.duplicate", lines=", ".join(str(n) for n in numbers),
                team=row.team_name, figure=row.figure_name, period=row.period_text))


def _compare(store: Store, preview: TeamImportPreview) -> None:
    """Mark each understood row new, changed or unchanged against the database."""
    by_team: dict[str, list[FileRow]] = defaultdict(list)
    for row in preview.rows:
        if row.status == "new" and row.team_id:
            by_team[row.team_id].append(row)
    for team_id, rows in by_team.items():
        periods = {r.period for r in rows if r.period}
        old = values_of(store, team_id, periods)
        bases = bases_of(store, team_id, periods)
        for row in rows:
            assert row.figure is not None and row.period is not None
            row.old = old.get((row.figure.id, row.period))
            row.old_base = bases.get((row.figure.id, row.period))
            if row.old is not None:
                same = row.old == row.value and row.base in (None, row.old_base)
                row.status = "unchanged" if same else "changed"


def apply_team_import(log: UndoLog, org_id: str, preview: TeamImportPreview) -> int:
    """Write the new and changed rows in one transaction and one undo step; return how many.
    A refused preview writes nothing."""
    count = 0
    rows = preview.to_write
    with log.group():
        for row in rows:
            assert row.team_id and row.figure and row.period
            count += put_value(log, org_id, row.team_id, row.figure.id, row.period, row.value,
                               row.base)
    return count


# -- out ------------------------------------------------------------------------------------


def _teams(store: Store, org_id: str) -> dict[str, str]:
    """The organisation's live teams' names by id, in name order."""
    return {r["id"]: r["name"] for r in store.query(
        "SELECT id, name FROM teams WHERE org_id = ? AND _exists ORDER BY name, id", [org_id])}


def _period_order(period: str) -> tuple[dt.date, bool]:
    return period_start(period), is_week(period)


def key_figures_tables(store: Store, org_id: str, tr: Translator) -> list[Table]:
    """The organisation's key-figure values as two tables: one value a row (team, period,
    figure, value, base – the columns the import reads, so the file imports unchanged) and one
    line per team and figure with a column per period (weeks and months in time order)."""
    team_names = _teams(store, org_id)
    catalogue = figures(store, org_id)
    figure_at = {figure.id: index for index, figure in enumerate(catalogue)}
    team_at = {team_id: index for index, team_id in enumerate(team_names)}
    found = [r for r in store.query(
        "SELECT team_id, figure, period, value, denominator FROM team_figures "
        "WHERE org_id = ? AND _exists", [org_id])
        if r["team_id"] in team_at and r["figure"] in figure_at]
    found.sort(key=lambda r: (team_at[r["team_id"]], figure_at[r["figure"]],
                              _period_order(r["period"])))
    labels = {period: period_label(period, tr) for period in {r["period"] for r in found}}
    long = Table(tr("teams.export.values_sheet"), [
        Column(tr("field.team_id")), Column(tr("field.period")), Column(tr("field.figure")),
        Column(tr("field.value"), Kind.NUMBER), Column(tr("field.denominator"), Kind.NUMBER),
    ], [(team_names[r["team_id"]], labels[r["period"]], catalogue[figure_at[r["figure"]]].name,
         r["value"], r["denominator"]) for r in found])
    periods = sorted(labels, key=_period_order)
    lines: dict[tuple[str, str], dict[str, float]] = {}
    for r in found:
        lines.setdefault((r["team_id"], r["figure"]), {})[r["period"]] = r["value"]
    wide = Table(tr("teams.export.periods_sheet"), [
        Column(tr("field.team_id")), Column(tr("field.figure")),
        *(Column(labels[period], Kind.NUMBER) for period in periods),
    ], [(team_names[team_id], catalogue[figure_at[figure_id]].name,
         *(values.get(period) for period in periods))
        for (team_id, figure_id), values in lines.items()])
    return [long, wide]


def capacity_table(store: Store, org_id: str, team_id: str, weeks: Sequence[str],
                   tr: Translator) -> Table:
    """A team's capacity plan for `weeks` as its grid shows it: per profession its balance,
    then each kind of hours, a column per week, hours as numbers (empty where the grid is)."""
    team = changelog.load(store, Team, team_id)
    plans = load_plans(store, org_id, weeks, team_id=team_id)
    rows: list[tuple[Value, ...]] = []
    for profession in professions(store, org_id):
        week_plans = [plans.get((team_id, profession.id, week)) for week in weeks]
        rows.append((profession.name, tr("teams.export.balance"),
                     *(None if plan is None else Hours.of(plan).balance for plan in week_plans)))
        for hours in HOUR_FIELDS:
            rows.append((profession.name, tr(f"team_compare.capacity.row.{hours}"),
                         *(shown_hours(plan, hours) for plan in week_plans)))
    return Table(tr("team_compare.capacity.plan_title", team=team.name), [
        Column(tr("field.profession_id")), Column(tr("teams.export.hours")),
        *(Column(period_label(week, tr), Kind.NUMBER) for week in weeks),
    ], rows)
