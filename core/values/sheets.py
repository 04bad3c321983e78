"""Tables as files for Excel: one model, written as xlsx or CSV, and read back from either.

Out. Every table a user takes to Excel (the action plan, a measure's values, key figures, the
portfolio, benefits, capacity) is made once as a `Table` – a sheet name, typed `Column`s and
rows of values – and `write_tables` writes it as the path's suffix says:

- **xlsx** (xlsxwriter): numbers are numbers and dates are dates (shown dd-mm-åååå), with
  number formats Excel shows in the reader's own locale (`#,##0.0` is "1.234,5" in Danish
  Excel), a bold header row that stays in view (frozen) with a filter, columns as wide as
  their text (up to `MAX_WIDTH`), one sheet per table named after it. Text is always written as
  text: no cell is ever a formula, a number or a link Excel would make of it.
- **CSV** (`core.values.excel_csv`'s dialect): one table; numbers with the language's decimal
  sign and no thousands sign (so Danish Excel reads them as numbers and `read_number` reads
  them back), dates dd-mm-åååå, shares as per cent ("80%"), text that Excel would run as a
  formula behind an apostrophe.

A file is written under a hidden temporary name and renamed when whole: a full disk or a
locked folder leaves no half file.

In. `read_sheets(path)` reads a table file as Excel users have it – CSV or text in every
dialect `excel_csv` reads, xlsx, xlsm, xls or ods (python-calamine) – into `Sheet`s of
cells, Excel's own numbers and dates kept as such (`float`, `datetime.date`). Cells that are
formula errors in Excel (`#DIV/0!`, `#REF!`…) are kept apart in `Sheet.errors` (calamine gives
them as empty cells, so they are read from the file's XML) for the importer to name by sheet and
row. A file that is not a table, is password-protected or cannot be read raises `TavleError`
naming the file and saying what to do.

`cell_text`, `cell_number` and `cell_day` turn one cell into what an importer stores, each
through the one reader of its kind (`read_number`, `read_day`) when the cell holds text.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import TavleError
from core.i18n import Translator
from core.values.dates import format_date
from core.values.excel_csv import cell_in, cell_out, decode_csv, read_rows, write_rows
from core.values.numbers import typed_number

if TYPE_CHECKING:
    from core.values.days import Looking

Value = str | float | int | dt.date | None
"""What a table's cell holds when written: text, a number, a date or nothing."""
Cell = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None
"""What a cell read from a file holds (python-calamine's types; CSV gives text only)."""

WRITE_SUFFIXES: tuple[str, ...] = (".xlsx", ".csv")
"""The table files Tavle writes, the first the default."""
READ_SUFFIXES: tuple[str, ...] = (".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")
"""The table files Tavle reads."""
WORKBOOK_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".ods")

MAX_WIDTH = 60
"""The widest a column is made (characters); longer text wraps in Excel when asked to."""
WIDTH_ROWS = 2000
"""How many rows a column's width is measured over."""
SHEET_NAME_LENGTH = 31
"""Excel's limit on a sheet's name."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The start of a compound file: an old .xls, or an xlsx that is password-protected."""


class Kind(StrEnum):
    """What a column holds, which says how it is written."""

    TEXT = "text"
    NUMBER = "number"
    INTEGER = "integer"
    DATE = "date"
    SHARE = "share"
    """A fraction shown in per cent (0.8 is 80 %)."""


@dataclass(frozen=True)
class Column:
    """One column of a table: its heading (in the user's language), kind and shown decimals
    (`None`: as many as the value has)."""

    heading: str
    kind: Kind = Kind.TEXT
    decimals: int | None = None


@dataclass
class Table:
    """A table as it is exported: sheet name, columns and rows of values, one per column."""

    name: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Value]]

    def texts(self) -> Iterator[str]:
        """Every text the file will hold (headings, the sheet's name and text cells): what the
        CPR guard scans."""
        yield self.name
        for column in self.columns:
            yield column.heading
        for row in self.rows:
            for value in row:
                if isinstance(value, str) and value:
                    yield value


# -- out ------------------------------------------------------------------------------------


def write_tables(path: Path, tables: Sequence[Table], tr: Translator) -> int:
    """Write the tables to `path` as its suffix says (xlsx: a sheet each; CSV: exactly one),
    whole or not at all; return how many rows were written. Raise `OSError` when the file cannot
    be written."""
    path = Path(path)
    if path.suffix.casefold() != ".xlsx" and len(tables) != 1:
        raise ValueError("a CSV file holds one table")
    partial = path.with_name(f".{path.name}.partial")
    try:
        if path.suffix.casefold() == ".xlsx":
            _write_xlsx(partial, tables)
        else:
            write_rows(partial, csv_rows(tables[0], tr))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return sum(len(table.rows) for table in tables)


def table_file_name(parts: Sequence[str], suffix: str) -> str:
    """A file name that says what it holds, its parts usable in a Windows name and joined by
    " - " ("Handlingsplan - Projekt - Enhed - 2026-11-24.xlsx")."""
    from core.paths import name_part

    return " - ".join(p for p in (name_part(part) for part in parts) if p) + suffix


def csv_rows(table: Table, tr: Translator) -> Iterator[list[str]]:
    """The table's rows as CSV cells: the header, then each row as `csv_cell` writes it."""
    yield [cell_out(column.heading) for column in table.columns]
    for row in table.rows:
        yield [csv_cell(value, column.kind, tr) for value, column in zip(row, table.columns,
                                                                         strict=True)]


def csv_cell(value: Value, kind: Kind, tr: Translator) -> str:
    """One value as a CSV cell: a number with the language's decimal sign and no thousands
    sign, a share in per cent, a date dd-mm-åååå, text made safe from Excel's formulas."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, str):
        return cell_out(value)
    if kind is Kind.SHARE:
        return f"{typed_number(round(value * 100, 10), tr)}%"
    return typed_number(value, tr)


def sheet_name(name: str, taken: Sequence[str] = ()) -> str:
    """A name Excel takes for a sheet: without []:*?/\\, at most 31 characters, not starting or
    ending with an apostrophe, unlike the names in `taken` (case does not count)."""
    cleaned = re.sub(r"[\[\]:*?/\\\x00-\x1f]", " ", name).strip().strip("'").strip()
    cleaned = " ".join(cleaned.split()) or "Tavle"
    lowered = {other.casefold() for other in taken}
    candidate, number = cleaned[:SHEET_NAME_LENGTH], 1
    while candidate.casefold() in lowered:
        number += 1
        tail = f" ({number})"
        candidate = cleaned[:SHEET_NAME_LENGTH - len(tail)].rstrip() + tail
    return candidate


def _number_format(column: Column) -> str:
    if column.kind is Kind.DATE:
        return "dd-mm-yyyy"
    if column.kind is Kind.INTEGER:
        return "#,##0"
    if column.kind is Kind.SHARE:
        return "0" + ("." + "0" * column.decimals if column.decimals else "") + "%"
    if column.kind is Kind.NUMBER and column.decimals is not None:
        return "#,##0" + ("." + "0" * column.decimals if column.decimals else "")
    return "General"


def _shown_width(value: Value, column: Column) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    digits = len(f"{abs(value):,.{column.decimals or 0}f}") + (value < 0)
    return digits + (2 if column.kind is Kind.SHARE else 0) + (
        4 if column.decimals is None and not float(value).is_integer() else 0)


def column_widths(table: Table) -> list[int]:
    """How wide each column is made: its heading or its widest value in the first
    `WIDTH_ROWS` rows, plus room for the filter button, at most `MAX_WIDTH`."""
    widths = [len(column.heading) + 3 for column in table.columns]
    for row in table.rows[:WIDTH_ROWS]:
        for index, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            widths[index] = max(widths[index], _shown_width(value, column) + 1)
    return [min(max(width, 6), MAX_WIDTH) for width in widths]


def _write_xlsx(path: Path, tables: Sequence[Table]) -> None:
    import xlsxwriter  # only when an xlsx is written: keeps start-up light

    workbook = xlsxwriter.Workbook(str(path), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False, "default_date_format": "dd-mm-yyyy"})
    header = workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True,
                                  "valign": "top"})
    formats: dict[str, object] = {}
    taken: list[str] = []
    try:
        for table in tables:
            name = sheet_name(table.name, taken)
            taken.append(name)
            sheet = workbook.add_worksheet(name)
            kinds = [column.kind for column in table.columns]
            cell_formats = []
            for column, width in zip(table.columns, column_widths(table), strict=True):
                number_format = _number_format(column)
                if number_format not in formats:
                    formats[number_format] = workbook.add_format({"num_format": number_format})
                cell_formats.append(formats[number_format])
                sheet.set_column(len(cell_formats) - 1, len(cell_formats) - 1, width)
            sheet.freeze_panes(1, 0)
            for index, column in enumerate(table.columns):
                sheet.write_string(0, index, column.heading, header)
            for row_index, row in enumerate(table.rows, start=1):
                for index, value in enumerate(row):
                    if value is None or value == "":
                        continue
                    if isinstance(value, str):
                        sheet.write_string(row_index, index, value)
                    elif isinstance(value, dt.date):
                        sheet.write_datetime(row_index, index, value, cell_formats[index])
                    elif isinstance(value, bool) or kinds[index] is Kind.TEXT:
                        sheet.write_string(row_index, index, str(value))
                    elif math.isfinite(value):
                        sheet.write_number(row_index, index, value, cell_formats[index])
            if table.columns:
                sheet.autofilter(0, 0, max(len(table.rows), 1), len(table.columns) - 1)
    finally:
        workbook.close()


# -- in -------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One sheet of a table file: its name, its rows of cells from A1 on (rows and columns
    counted from 0), and the cells that are formula errors in Excel, by (row, column)."""

    name: str
    rows: list[list[Cell]]
    errors: dict[tuple[int, int], str] = field(default_factory=dict)

    def error_in(self, row: int) -> tuple[str, str] | None:
        """The first formula error in a row: (cell reference "C5", Excel's error "#DIV/0!")."""
        if not self.errors:
            return None
        found = sorted(column for at_row, column in self.errors if at_row == row)
        if not found:
            return None
        return f"{column_letters(found[0])}{row + 1}", self.errors[(row, found[0])]


def column_letters(index: int) -> str:
    """A column's letters as Excel names it (0 is A, 26 is AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def read_sheets(path: Path) -> list[Sheet]:
    """The sheets of a table file (CSV and text files are one sheet, named after the file);
    raise `TavleError` (`values.sheet.*`, naming the file) when it cannot be read as a table."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            start = handle.read(8)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise TavleError("values.sheet.no_file", file=path.name) from None
    except OSError:
        raise TavleError("values.sheet.not_readable", file=path.name) from None
    if path.suffix.casefold() in WORKBOOK_SUFFIXES or start.startswith((b"PK\x03\x04",
                                                                         _OLE_MAGIC)):
        return _read_workbook(path, start)
    return [_read_text_table(path)]


def _read_text_table(path: Path) -> Sheet:
    try:
        data = path.read_bytes()
    except OSError:
        raise TavleError("values.sheet.not_readable", file=path.name) from None
    if _looks_binary(data[:20000]):
        raise TavleError("values.sheet.not_a_table", file=path.name)
    text = decode_csv(data)
    try:
        rows = read_rows(text)
    except csv.Error:
        raise TavleError("values.sheet.damaged", file=path.name) from None
    return Sheet(path.stem, [[cell_in(cell) for cell in row] for row in rows])


_CONTROL_BYTES = bytes([*range(1, 9), 11, 12, *range(14, 32)])


def _looks_binary(start: bytes) -> bool:
    """Whether a file's first bytes are no text (a picture, a PDF, a program): more than one
    in twenty are control bytes (text has none but tab and line ends; UTF-16 adds NULs and
    the odd byte of a dash)."""
    controls = len(start) - len(start.translate(None, _CONTROL_BYTES))
    return controls > max(2, len(start) // 20)


def _read_workbook(path: Path, start: bytes) -> list[Sheet]:
    import python_calamine as calamine  # only when a workbook is read

    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise TavleError("values.sheet.protected", file=path.name) from None
    except (calamine.CalamineError, ValueError, OSError):
        if start.startswith(_OLE_MAGIC) and path.suffix.casefold() != ".xls":
            raise TavleError("values.sheet.protected", file=path.name) from None
        raise TavleError("values.sheet.not_a_table", file=path.name) from None
    errors = _error_cells(path)
    sheets = []
    try:
        for name in workbook.sheet_names:
            try:
                rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except calamine.CalamineError:
                raise TavleError("values.sheet.damaged", file=path.name) from None
            sheets.append(Sheet(name, [list(row) for row in rows], errors.get(name, {})))
    finally:
        workbook.close()
    return sheets


_SHEET_ENTRY = re.compile(rb"<sheet\b[^>]*?\bname=\"([^\"]*)\"[^>]*?\br:id=\"([^\"]*)\"")
_RELATION = re.compile(rb"<Relationship\b[^>]*?\bId=\"([^\"]*)\"[^>]*?\bTarget=\"([^\"]*)\"")
_RELATION_REVERSED = re.compile(
    rb"<Relationship\b[^>]*?\bTarget=\"([^\"]*)\"[^>]*?\bId=\"([^\"]*)\"")
_ERROR_CELL = re.compile(rb"<c\b([^>]*\bt=\"e\"[^>]*)>(.*?)</c>", re.DOTALL)
_REFERENCE = re.compile(rb"\br=\"([A-Z]+)(\d+)\"")
_VALUE = re.compile(rb"<v>([^<]*)</v>")


def _error_cells(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """The formula-error cells of an xlsx or xlsm file by sheet name (python-calamine reads
    them as empty): each `<c t="e">` in the sheets' XML. Other files have none to find here."""
    from html import unescape

    found: dict[str, dict[tuple[int, int], str]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" not in names:
                return found
            workbook = archive.read("xl/workbook.xml")
            relations = archive.read("xl/_rels/workbook.xml.rels")
            targets = {rel_id: target for rel_id, target in _RELATION.findall(relations)}
            targets |= {rel_id: target for target, rel_id in
                        _RELATION_REVERSED.findall(relations)}
            for name, rel_id in _SHEET_ENTRY.findall(workbook):
                target = targets.get(rel_id, b"").decode()
                member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                if member not in names:
                    continue
                data = archive.read(member)
                if b'"e"' not in data:  # no error cell (t="e"): spare the search cell by cell
                    continue
                cells = {}
                for attributes, inner in _ERROR_CELL.findall(data):
                    reference, value = _REFERENCE.search(attributes), _VALUE.search(inner)
                    if reference:
                        cells[(int(reference[2]) - 1, _column_index(reference[1].decode()))] = (
                            unescape(value[1].decode()) if value else "#?")
                if cells:
                    found[unescape(name.decode())] = cells
    except (zipfile.BadZipFile, KeyError, OSError):
        return found
    return found


# -- one cell as a value --------------------------------------------------------------------


def cell_text(cell: Cell, tr: Translator) -> str:
    """A cell as text: text as it stands (trimmed), a number as it is typed in the language, a
    date dd-mm-åååå, nothing as ""."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, bool):
        return str(cell).upper()
    if isinstance(cell, dt.datetime):
        return format_date(cell.date()) if cell.time() == dt.time() else cell.isoformat(" ")
    if isinstance(cell, dt.date):
        return format_date(cell)
    if isinstance(cell, int | float):
        return typed_number(float(cell), tr)
    return str(cell)


def cell_day(cell: Cell, today: dt.date, looking: Looking) -> dt.date | None:
    """The date a cell holds: Excel's own date, a serial number, or text as every date field
    reads it (`read_day`); None when empty; raise `TavleError` when it means no date."""
    from core.values.days import read_day

    if cell is None or cell == "":
        return None
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if float(cell).is_integer():
            return read_day(str(int(cell)), today, looking, cell=True)
        raise TavleError("action_plan.deadline.unreadable", text=str(cell))
    return read_day(str(cell), today, looking, cell=True)


def cell_number(cell: Cell, field_name: str = "value", *, share: bool = False) -> float | None:
    """The number a cell holds: Excel's own number (a share as Excel keeps per cent, 0.8 for
    80 %), or text as `parse_number` reads it; None when empty; raise `InvalidError` when it
    is no number or could be two."""
    from core.values.numbers import parse_number

    if cell is None or cell == "":
        return None
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    return parse_number(str(cell), field_name, share=share)
