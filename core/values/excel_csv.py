"""The CSV dialect Danish and Norwegian Excel reads and writes, one place for every CSV file.

Written: UTF-8 with a BOM (so Excel reads æøå), `;` between fields, CRLF line ends, and a cell
that Excel would run as a formula (starting with = + - @, a tab or a carriage return) written
with a leading apostrophe. Read: what Danish and Norwegian Excel really writes – UTF-8 with or
without a BOM, Windows-1252 ("CSV (semikolonsepareret)"), UTF-16 with a BOM, little or big
endian ("Unicode-tekst", tab between fields); a `sep=X` first line (Excel's own, naming the
separator); else `;`, tab or `,` as the first lines show. NUL characters never reach the user.
A title row or blank rows may stand above the header: `header_row` finds the first row that
holds the expected headings. The apostrophe Tavle wrote is taken off again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from core.i18n import LANGUAGES, Translator

V = TypeVar("V")

ENCODING = "utf-8-sig"
DELIMITER = ";"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel run a cell as a formula."""


def cell_out(text: str) -> str:
    """A cell as written: an apostrophe before text Excel would run as a formula (and before
    such text that already starts with apostrophes, so `cell_in` gives it back as it was)."""
    return f"'{text}" if text.lstrip("'").startswith(FORMULA_START) else text


def cell_in(text: str) -> str:
    """A cell as typed: the apostrophe Tavle put before a formula-like text taken off."""
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START) \
        else text


def write_rows(path: Path, rows: Iterable[Sequence[str]]) -> None:
    """Write rows of cells (already made safe with `cell_out` where they hold user text)."""
    with open(path, "w", encoding=ENCODING, newline="") as handle:
        writer = csv.writer(handle, delimiter=DELIMITER, lineterminator="\r\n")
        writer.writerows(rows)


def decode_csv(data: bytes) -> str:
    """The text of a CSV file: UTF-16 with a BOM (Excel's "Unicode-tekst"), UTF-8 (with or
    without a BOM), else Windows-1252 as Excel saves "CSV (semikolonsepareret)". A UTF-16 file
    without its BOM is known by its NUL bytes. NUL characters are taken out."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data.decode("utf-8-sig", errors="replace")
    elif len(data) >= 2 and b"\x00" in data[:200] and (odd := data[1:200:2].count(0)) != (
            even := data[0:200:2].count(0)):
        text = data.decode("utf-16-le" if odd > even else "utf-16-be", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text.replace("\x00", "")


_SEP_LINE = re.compile(r"^\ufeff?\s*sep\s*=\s*(.)\s*$", re.IGNORECASE)
_SNIFF_LINES = 10
"""How many of the first non-empty lines the separator is sniffed from."""


_QUOTED = re.compile(r'"[^"]*"')
"""A quoted cell (a doubled quote inside it is two quoted parts side by side)."""


def sniff_delimiter(first_line: str) -> str:
    """The field separator a line (or the first lines) uses: `;`, tab or `,` (`;` when none).

    A separator stands the same number of times in the rows of a table, where a decimal comma
    or a comma in a note does not: each sign scores the number of lines that hold it as often as
    the most lines do (a title row above holds it fewer times, and counts less); the best score
    wins, `;` before tab before `,` on a tie (Danish and Norwegian Excel's order). Signs inside
    quotes are text, not separators: a cell holding ";" must not outvote the decimal commas."""
    lines = [_QUOTED.sub("", line) for line in first_line.splitlines() if line.strip()]
    lines = lines[:_SNIFF_LINES]
    best, best_score = ";", (0, 0)
    for sign in (";", "\t", ","):
        counts = [line.count(sign) for line in lines if line.count(sign)]
        if not counts:
            continue
        usual = max(set(counts), key=lambda count: (counts.count(count), count))
        score = (counts.count(usual), usual)
        if score > best_score:
            best, best_score = sign, score
    return best


def read_rows(text: str) -> list[list[str]]:
    """The rows of a CSV text, in the separator a `sep=X` first line names or the first lines
    use; raise `csv.Error` when the text is not well-formed CSV (an open quote, say). A `sep=`
    line is given back as an empty row, so rows keep their line numbers."""
    first_line, _, rest = text.partition("\n")
    if match := _SEP_LINE.match(first_line.rstrip("\r")):
        delimiter = match[1]
        rows = list(csv.reader(io.StringIO(rest, newline=""), delimiter=delimiter, strict=True))
        return [[], *rows]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text[:20000]),
                        strict=True)
    return list(reader)


HEADER_SEARCH = 20
"""How many rows from the top a header row is looked for in (below a title and blank rows)."""


def header_key(label: str) -> str:
    """A heading as it is matched: trimmed, case folded, inner spaces single, without a trailing
    colon or asterisk."""
    return " ".join(label.strip().strip("*:").casefold().split())


def words_known(
    extra: Mapping[str, V], named: Iterable[tuple[V, str, str]], key: Callable[[str], str],
) -> dict[str, V]:
    """The words a file's headings or cells may use for each value, matched by `key`: the
    `extra` words people write, then each value's own name and its catalog label (`label_key`)
    in every language Tavle speaks – `named` gives (value, name, label_key)."""
    known = {key(word): value for word, value in extra.items()}
    for value, name, label_key in named:
        known[key(name)] = value
        for lang in LANGUAGES:
            known[key(Translator(lang)(label_key))] = value
    return known


def header_row(
    rows: Sequence[Sequence[str]], recognise: Callable[[str], str | None],
    needed: Collection[str],
) -> int | None:
    """The index of the first row (among the first `HEADER_SEARCH`) whose cells, read by
    `recognise`, name every column in `needed`; None when there is none."""
    for index, cells in enumerate(rows[:HEADER_SEARCH]):
        names = {recognise(cell) for cell in cells}
        if set(needed) <= names:
            return index
    return None
