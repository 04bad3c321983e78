"""The back office's CSV of team key figures, read into a preview and applied in one step.

The file is what Danish Excel saves, as `core.values.excel_csv` reads it (`;`, `,` or tab, a
`sep=` line, UTF-8, Windows-1252 or UTF-16; a title row or blank rows above the headings), with
a decimal comma. Columns: team, period, figure, value (headings in Danish, Norwegian or English,
in any order; without headings, in that order), and an
optional fifth, the value's base (grundlag: planned hours, citizens – what a funnel plot weighs
the team by; left empty, a value keeps the base it has). A period
is what `core.values.periods.read_week` reads ("2026-W47", "uge 47 2026", "46-2026",
"nov-26", a date), stored as its ISO week (or its month for a monthly figure). Back offices'
other layout is read too: weeks as columns – headings team and figure, then one period per
column – where each filled cell is one value (team, figure, period, value); empty cells are
skipped. Teams and figures are matched by name, ignoring case; unknown ones are listed
and their rows left out, never created. A file naming the same team, period and figure twice
is refused as a whole, with the lines named: nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import TavleError
from core.i18n import LANGUAGES, Translator
from core.models import KeyFigure
from core.models.measure import Frequency
from core.teams.figures import bases_of, put_value, read_base, values_of
from core.teams.key_figures import by_name, figures
from core.values.excel_csv import cell_in, decode_csv, header_key, header_row, read_rows
from core.values.numbers import parse_number
from core.values.periods import read_week

COLUMNS: tuple[str, ...] = ("team", "period", "figure", "value")
OPTIONAL = "base"
"""The optional column after the value: the value's base (`TeamFigure.denominator`)."""
HEADER_FIELDS = {"team": "team_id", "period": "period", "figure": "figure", "value": "value"}
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
class CsvRow:
    """One data line of the file and what importing it would do."""

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


@dataclass
class TeamImportPreview:
    """What an import would do, row by row, and what stops the whole file."""

    rows: list[CsvRow] = field(default_factory=list)
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
    def to_write(self) -> list[CsvRow]:
        """The new and changed rows (none when the file is refused)."""
        if self.refused:
            return []
        return [row for row in self.rows if row.status in ("new", "changed")]


def _headers() -> dict[str, str]:
    known = dict(EXTRA_HEADERS)
    for lang in LANGUAGES:
        tr = Translator(lang)
        for column, name in HEADER_FIELDS.items():
            known[header_key(tr(f"field.{name}"))] = column
    return known


def read_team_csv(path: Path, store: Store, org_id: str, today: dt.date) -> TeamImportPreview:
    """Read a file into a preview; raise `TavleError` when it cannot be read."""
    try:
        data = Path(path).read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise TavleError("teams.import.no_file", path=str(path)) from None
    except OSError:
        raise TavleError("teams.import.not_readable", path=str(path)) from None
    return parse_team_csv(decode_csv(data), store, org_id, today)


def _lines(text: str) -> list[list[str]] | None:
    try:
        return [[cell_in(c.strip()) for c in cells] for cells in read_rows(text)]
    except csv.Error:
        return None


def parse_team_csv(text: str, store: Store, org_id: str, today: dt.date) -> TeamImportPreview:
    """Parse the text of a team figures CSV against the organisation's teams and figures: one
    value per row, or weeks as columns (see the module)."""
    preview = TeamImportPreview()
    lines = _lines(text)
    if lines is None:
        preview.problems.append(TavleError("teams.import.damaged"))
        return preview
    known = _headers()

    def recognise(cell: str) -> str | None:
        return known.get(header_key(cell))

    teams = {r["name"].casefold(): r["id"] for r in store.query(
        "SELECT id, name FROM teams WHERE org_id = ? AND _exists", [org_id])}
    named = by_name(figures(store, org_id))
    top = header_row(lines, recognise, COLUMNS)
    wide = header_row(lines, recognise, ("team", "figure"))
    if top is None and wide is not None and (periods := _period_columns(
            lines[wide], recognise, today)):
        _read_wide(lines, wide, periods, recognise, teams, named, today, preview)
    else:
        order = [*COLUMNS, OPTIONAL]
        start = 0
        if top is not None:
            order, start = [recognise(c) or "" for c in lines[top]], top + 1
        for number, cells in enumerate(lines[start:], start=start + 1):
            if not any(cells):
                continue
            values = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(order)
                      if name}
            row = CsvRow(number, values.get("team", ""), values.get("period", ""),
                         values.get("figure", ""), values.get("value", ""),
                         values.get(OPTIONAL, ""))
            _understand(row, teams, named, today, preview)
            preview.rows.append(row)
    if not preview.rows:
        preview.problems.append(TavleError("teams.import.empty"))
    _refuse_duplicates(preview)
    _compare(store, preview)
    return preview


def _period_columns(heads: list[str], recognise: Callable[[str], str | None],
                    today: dt.date) -> dict[int, str]:
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


def _read_wide(lines: list[list[str]], top: int, periods: dict[int, str],
               recognise: Callable[[str], str | None], teams: dict[str, str],
               named: dict[str, KeyFigure], today: dt.date,
               preview: TeamImportPreview) -> None:
    """One row per filled period cell of each team-and-figure line."""
    heads = [recognise(cell) for cell in lines[top]]
    team_at, figure_at = heads.index("team"), heads.index("figure")
    for number, cells in enumerate(lines[top + 1:], start=top + 2):
        if not any(cells):
            continue
        team = cells[team_at] if team_at < len(cells) else ""
        figure = cells[figure_at] if figure_at < len(cells) else ""
        for index, period in periods.items():
            if index < len(cells) and cells[index]:
                row = CsvRow(number, team, period, figure, cells[index])
                _understand(row, teams, named, today, preview)
                preview.rows.append(row)


def _understand(row: CsvRow, teams: dict[str, str], named: dict[str, KeyFigure],
                today: dt.date, preview: TeamImportPreview) -> None:
    row.team_id = teams.get(row.team_name.casefold())
    row.figure = named.get(row.figure_name.casefold())
    if row.team_id is None and row.team_name not in preview.unknown_teams:
        preview.unknown_teams.append(row.team_name)
    if row.figure is None and row.figure_name not in preview.unknown_figures:
        preview.unknown_figures.append(row.figure_name)
    try:
        row.period = read_week(row.period_text, today,
                               row.figure.frequency if row.figure else Frequency.WEEKLY)
        row.value = parse_number(row.value_text, "value")
        if row.value is None:
            raise TavleError("teams.import.no_value")
        row.base = read_base(row.base_text)
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
    by_team: dict[str, list[CsvRow]] = defaultdict(list)
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
