"""Use cases of a case-level measure: its cases (a date and a value, a date and yes or no, or the
date of a rare event) typed at meeting speed, a block pasted from Excel, and a CSV file.

Screens edit through an `UndoLog`, so every step can be undone (a paste or an import is one
step). Dates are read by `core.values.days.parse_day` (a case looks back: "i går", "man",
"24-11"), numbers by
`core.values.numbers.parse_number`, pasted blocks by `core.values.excel_csv`, xlsx and CSV files
by `core.values.sheets.read_sheets` (`core.measures.excel.cases_text`); what is
written into a cell to be edited (`format_date`, `core.values.numbers.typed_number`) they read
back.

A pasted block saves its good lines (the preview names the others); a file is imported whole or
not at all. Lines that match a case already there (the same date, value and answer) are left
out, so pasting or importing the same block twice adds nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import InvalidError, TavleError
from core.i18n import Translator
from core.measures.excel import cases_text
from core.measures.signals import cases_of
from core.models import Entry, Measure, MeasureCase
from core.values.dates import format_date, parse_date
from core.values.days import Looking, parse_day
from core.values.excel_csv import cell_in, read_rows
from core.values.numbers import parse_number

YES_WORDS = frozenset({"ja", "j", "yes", "y", "1", "x", "true", "sand", "sant"})
NO_WORDS = frozenset({"nej", "nei", "n", "no", "0", "false", "falsk", "usant"})
"""What a yes or a no is typed or pasted as, in Danish, English and Norwegian."""

COLUMNS: dict[Entry, tuple[int, int]] = {
    Entry.CASES: (2, 3),
    Entry.YES_NO: (2, 3),
    Entry.EVENTS: (1, 3),
}
"""How many columns a pasted line of each kind of case-level measure holds (fewest, most):
date and value (or yes/no) and a note; for events the date, the count since the event before
and a note."""


def is_case_level(measure: Measure) -> bool:
    """Whether a measure is typed case by case (else one value per period)."""
    return measure.entry is not Entry.PERIOD


# -- reading and writing one value ------------------------------------------------------------


def parse_yes(text: str) -> bool | None:
    """Read yes or no as typed or pasted (ja/nej, yes/no, ja/nei, j/n, 1/0); empty is None.

    Raise `TavleError` when the text is neither."""
    word = text.strip().casefold().rstrip(".")
    if not word:
        return None
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise TavleError("cases.error.yes_no", text=text.strip())


def format_yes(yes: bool | None, tr: Translator) -> str:
    """Yes or no in the user's language ("ja", "nej"); `parse_yes` reads it back."""
    if yes is None:
        return ""
    return tr("cases.yes" if yes else "cases.no")


# -- one case ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseEntry:
    """A case as typed: its date, and a value or yes/no (events: an optional count)."""

    on: dt.date
    value: float | None = None
    yes: bool | None = None
    note: str = ""

    def fields(self) -> dict[str, Any]:
        return {"on": self.on, "value": self.value, "yes": self.yes, "note": self.note}

    @property
    def key(self) -> tuple[dt.date, float | None, bool | None]:
        """What makes two cases the same for an import (the note aside)."""
        return self.on, self.value, self.yes


class FutureDateError(TavleError):
    """A case dated after today."""

    def __init__(self, on: dt.date) -> None:
        super().__init__("cases.error.future", date=format_date(on))
        self.on = on

    def message(self, tr: Translator) -> str:
        return tr(self.key, date=tr.date(self.on))


def read_case(
    measure: Measure, date: str, answer: str = "", note: str = "", *, today: dt.date
) -> CaseEntry:
    """Check typed text against the measure and return a `CaseEntry`, or raise `TavleError`.

    `answer` is the value (cases), yes or no (yes/no), or the count since the event before
    (events; may be empty). A date after `today` is refused: a typo more often than not."""
    if not is_case_level(measure):
        raise TavleError("cases.error.not_case_level", name=measure.name)
    on = parse_day(date, "on", today, Looking.BACK)
    if on is None:
        raise TavleError("cases.error.date_missing")
    if on > today:
        raise FutureDateError(on)
    note = note.strip()
    if measure.entry is Entry.YES_NO:
        yes = parse_yes(answer)
        if yes is None:
            raise TavleError("cases.error.answer_missing")
        return CaseEntry(on, yes=yes, note=note)
    value = parse_number(answer, "value")
    if measure.entry is Entry.EVENTS:
        if value is not None and (value < 0 or not value.is_integer()):
            raise TavleError("cases.error.whole_count")
        return CaseEntry(on, value=value, note=note)
    if value is None:
        raise TavleError("cases.error.value_missing")
    if value < 0 and not measure.can_be_negative:
        raise InvalidError([("value", "error.greater_than_equal", {"ge": 0})])
    return CaseEntry(on, value=value, note=note)


def add_case(log: UndoLog, measure: Measure, entry: CaseEntry) -> MeasureCase:
    """Save a new case (undo deletes it)."""
    return log.create(changelog.build(
        MeasureCase, project_id=measure.project_id, measure_id=measure.id, **entry.fields()))


def edit_case(log: UndoLog, case_id: str, entry: CaseEntry) -> MeasureCase:
    """Change a case's date, value, answer or note (undo writes the old ones back)."""
    return log.update(MeasureCase, case_id, **entry.fields())


def delete_case(log: UndoLog, case_id: str) -> None:
    """Delete a case (undo brings it back)."""
    log.delete(MeasureCase, case_id)


def listed_cases(store: Store, measure_id: str) -> list[MeasureCase]:
    """A measure's cases by date and, within a day, in the order they were written (as the
    table lists them: a case typed stays where it was typed)."""
    by_row = {row["id"]: row["rowid"] for row in store.query(
        "SELECT id, rowid FROM measure_cases WHERE measure_id = ? AND _exists", [measure_id])}
    return sorted(cases_of(store, measure_id), key=lambda case: (case.on, by_row[case.id]))


def days_between(events: Sequence[MeasureCase]) -> list[int | None]:
    """For each event in date order, the days since the event before (None for the first): what
    a T chart plots."""
    return [None if i == 0 else (case.on - events[i - 1].on).days
            for i, case in enumerate(events)]


# -- a block pasted from Excel, or a CSV file ---------------------------------------------------


@dataclass(frozen=True)
class CaseLine:
    """One line of a pasted block or file: the case it holds, or why it cannot be read."""

    number: int
    """1-based line number in the text (a quoted cell holding a line break counts as one)."""
    text: str
    entry: CaseEntry | None
    problem: TavleError | None
    known: bool = False
    """The same case is already there (or earlier in the text, beyond those already there)."""


@dataclass(frozen=True)
class CasePreview:
    """What a paste or an import would save, line by line, and what stops it as a whole."""

    lines: tuple[CaseLine, ...]
    problems: tuple[TavleError, ...] = ()
    """Problems with the text as a whole (not CSV, no lines): nothing can be saved."""
    left_out: tuple[TavleError, ...] = ()
    """Rows of a file left out before the text was read (a formula error in Excel), named."""

    @property
    def new(self) -> list[CaseEntry]:
        """The cases that would be saved."""
        return [line.entry for line in self.lines if line.entry is not None and not line.known]

    @property
    def known(self) -> list[CaseLine]:
        return [line for line in self.lines if line.known]

    @property
    def bad(self) -> list[CaseLine]:
        return [line for line in self.lines if line.problem is not None]


def _looks_like_header(cells: list[str]) -> bool:
    """A first line whose first cell is no date and holds no digit: column headings."""
    first = cells[0]
    if any(sign.isdigit() for sign in first):
        return False
    try:
        return parse_date(first, "on") is None
    except InvalidError:
        return True


def parse_cases(
    store: Store, measure: Measure, text: str, today: dt.date
) -> CasePreview:
    """Read lines copied from Excel or a CSV file: separated by tab, `;` or `,` (as the first
    line shows); per line a date and a value (cases), a date and yes/no (yes/no), or a date and
    optionally the count since the event before (events), and optionally a note. A first line
    of headings is skipped, and so are empty lines."""
    if not is_case_level(measure):
        return CasePreview((), (TavleError("cases.error.not_case_level", name=measure.name),))
    try:
        rows = read_rows(text)
    except csv.Error:
        return CasePreview((), (TavleError("cases.error.damaged"),))
    there = Counter(CaseEntry(c.on, c.value, c.yes).key for c in cases_of(store, measure.id))
    lines: list[CaseLine] = []
    first = True
    for number, row in enumerate(rows, start=1):
        cells = [cell_in(cell.strip()) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        raw = "\t".join(cells)
        if first:
            first = False
            if _looks_like_header(cells):
                continue
        try:
            entry = _line_entry(measure, cells, today)
        except TavleError as problem:
            lines.append(CaseLine(number, raw, None, problem))
            continue
        known = there[entry.key] > 0
        if known:
            there[entry.key] -= 1
        lines.append(CaseLine(number, raw, entry, None, known))
    if not lines:
        return CasePreview((), (TavleError("cases.error.empty"),))
    return CasePreview(tuple(lines))


def _line_entry(measure: Measure, cells: list[str], today: dt.date) -> CaseEntry:
    fewest, most = COLUMNS[measure.entry]
    if not fewest <= len(cells) <= most:
        raise TavleError(f"cases.error.columns_{measure.entry.value}", count=len(cells))
    cells = cells + [""] * (most - len(cells))
    return read_case(measure, cells[0], cells[1], cells[2], today=today)


def read_cases_file(
    path: Path, store: Store, measure: Measure, today: dt.date
) -> CasePreview:
    """Read an xlsx or CSV file (as Excel saves it) into a preview, the rows with a formula
    error in Excel named in `left_out`; raise `TavleError` when the file cannot be read."""
    text, left_out = cases_text(path, Translator())
    return replace(parse_cases(store, measure, text, today), left_out=tuple(left_out))


class WholeFileError(TavleError):
    """A file import with lines that cannot be read: nothing is written."""

    def __init__(self, count: int) -> None:
        super().__init__("cases.error.whole_file", count=count)
        self.count = count

    def message(self, tr: Translator) -> str:
        return tr.count(self.key, self.count)


def apply_cases(
    log: UndoLog, measure: Measure, preview: CasePreview, *, whole: bool = False
) -> int:
    """Save the new cases of a preview in one transaction, as one undo step; return how many.

    With `whole` (a file), a preview with any line that cannot be read is refused with
    `WholeFileError` and nothing is written; else those lines are left out."""
    if preview.problems:
        raise preview.problems[0]
    if whole and preview.bad:
        raise WholeFileError(len(preview.bad))
    count = 0
    with log.group():
        for entry in preview.new:
            add_case(log, measure, entry)
            count += 1
    return count
