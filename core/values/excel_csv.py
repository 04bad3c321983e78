"""The CSV dialect Danish and Norwegian Excel reads and writes, one place for every CSV file.

Written: UTF-8 with a BOM (so Excel reads æøå), `;` between fields, CRLF line ends, and a cell
that Excel would run as a formula (starting with = + - @, a tab or a carriage return) written
with a leading apostrophe. Read: UTF-8 with or without a BOM, else Windows-1252 as Excel saves
"CSV (semikolonsepareret)"; `;`, tab or `,` between fields; the apostrophe Tavle wrote taken
off again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

ENCODING = "utf-8-sig"
DELIMITER = ";"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel run a cell as a formula."""


def cell_out(text: str) -> str:
    """A cell as written: an apostrophe before text Excel would run as a formula."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def cell_in(text: str) -> str:
    """A cell as typed: the apostrophe Tavle put before a formula-like text taken off."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def write_rows(path: Path, rows: Iterable[Sequence[str]]) -> None:
    """Write rows of cells (already made safe with `cell_out` where they hold user text)."""
    with open(path, "w", encoding=ENCODING, newline="") as handle:
        writer = csv.writer(handle, delimiter=DELIMITER, lineterminator="\r\n")
        writer.writerows(rows)


def decode_csv(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without a BOM), else Windows-1252 as Excel saves
    "CSV (semikolonsepareret)"."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(first_line: str) -> str:
    """The field separator a file's first line uses: `;`, tab or `,` (`;` when none)."""
    counts = {sign: first_line.count(sign) for sign in (";", "\t", ",")}
    best = max(counts, key=lambda sign: counts[sign])
    return best if counts[best] else ";"


def read_rows(text: str) -> list[list[str]]:
    """The rows of a CSV text, in the separator its first line uses; raise `csv.Error` when the
    text is not well-formed CSV (an open quote, say)."""
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first_line),
                        strict=True)
    return list(reader)
