"""Tables as xlsx and CSV files: written, read back the same, bad files refused by name."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import TavleError
from core.i18n import LANGUAGES, Translator
from core.values.days import Looking
from core.values.sheets import (
    Column,
    Kind,
    Table,
    cell_day,
    cell_number,
    cell_text,
    column_letters,
    read_sheets,
    sheet_name,
    write_tables,
)

TODAY = dt.date(2026, 11, 24)

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
                max_size=30).map(str.strip)
numbers = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda v: round(v, 6))
days = st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31))
shares = st.integers(0, 1000).map(lambda n: n / 1000)

COLUMNS = (Column("Tekst"), Column("Tal", Kind.NUMBER), Column("Antal", Kind.INTEGER),
           Column("Dato", Kind.DATE), Column("Andel", Kind.SHARE, 1))
rows = st.lists(st.tuples(texts, st.none() | numbers, st.integers(-10**6, 10**6),
                          st.none() | days, shares), max_size=15)


def read_back(path: Path, tr: Translator) -> list[tuple[object, ...]]:
    """The data rows of the file's first sheet, each cell read as its column's kind."""
    sheet = read_sheets(path)[0]
    found = []
    for cells in sheet.rows[1:]:
        cells = [*cells, *[None] * (5 - len(cells))]
        found.append((cell_text(cells[0], tr), cell_number(cells[1]),
                      cell_number(cells[2]), cell_day(cells[3], TODAY, Looking.BACK),
                      cell_number(cells[4], share=True)))
    return found


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("lang", LANGUAGES)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=rows)
def test_what_is_written_reads_back_the_same(tmp_path: Path, suffix: str, lang: str,
                                             data: list[tuple[object, ...]]) -> None:
    tr = Translator(lang)
    path = tmp_path / f"tabel{suffix}"
    from core.values.numbers import set_typing_language

    set_typing_language(lang)
    try:
        written = write_tables(path, [Table("Målinger", COLUMNS, data)], tr)  # type: ignore[arg-type]
        assert written == len(data)
        found = read_back(path, tr)
    finally:
        set_typing_language("da")
    expected = [(text, number, float(count), day, pytest.approx(share))
                for text, number, count, day, share in data]
    assert found == expected


def test_xlsx_cells_are_typed_and_text_is_never_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    table = Table("Handlingsplan", COLUMNS, [
        ("=SUM(A1:A2)", 1234.5, 3, dt.date(2026, 8, 17), 0.8),
        ("+45 12 34 56 78", None, 0, None, 0.0),
        ("https://example.org", 0.1, 1, dt.date(2026, 1, 1), 1.0)])
    write_tables(path, [table], Translator("da"))
    sheet = read_sheets(path)[0]
    assert sheet.name == "Handlingsplan"
    assert sheet.rows[0] == ["Tekst", "Tal", "Antal", "Dato", "Andel"]
    assert sheet.rows[1] == ["=SUM(A1:A2)", 1234.5, 3.0, dt.date(2026, 8, 17), 0.8]
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml  # no formula anywhere
    assert '<pane ySplit="1"' in xml  # the header row stays in view
    assert "<autoFilter" in xml


def test_csv_writes_the_language_decimal_sign_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    table = Table("Plan", COLUMNS, [("=1+1", 1234.5, 3, dt.date(2026, 8, 17), 0.805)])
    write_tables(path, [table], Translator("da"))
    text = path.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[1] == "'=1+1;1234,5;3;17-08-2026;80,5%"
    write_tables(path, [table], Translator("en"))
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[1] == "'=1+1;1234.5;3;17-08-2026;80.5%"


def test_several_tables_are_sheets_with_names_excel_takes(tmp_path: Path) -> None:
    path = tmp_path / "mange.xlsx"
    tables = [Table("Nøgletal: uge/periode [lang]", [Column("A")], [("x",)]),
              Table("nøgletal: uge/periode [lang]", [Column("B")], [("y",)]),
              Table("", [Column("C")], [])]
    assert write_tables(path, tables, Translator("da")) == 2
    names = [sheet.name for sheet in read_sheets(path)]
    assert names == ["Nøgletal uge periode lang", "nøgletal uge periode lang (2)", "Tavle"]
    with pytest.raises(ValueError):
        write_tables(tmp_path / "to.csv", tables, Translator("da"))


def test_sheet_names() -> None:
    assert sheet_name("a" * 40) == "a" * 31
    assert sheet_name("'Plan'") == "Plan"
    assert sheet_name("Plan", ["PLAN", "Plan (2)"]) == "Plan (3)"
    assert len(sheet_name("x" * 40, ["x" * 31])) == 31


def test_no_half_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"the old file")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("core.values.sheets.os.replace", broken)
    with pytest.raises(OSError):
        write_tables(path, [Table("Plan", COLUMNS, [])], Translator("da"))
    assert path.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


def test_formula_errors_are_kept_by_cell(tmp_path: Path) -> None:
    path = tmp_path / "fejl.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Data")
    sheet.write_row(0, 0, ["Periode", "Værdi"])
    sheet.write_row(1, 0, ["uge 45", 12])
    sheet.write_string(2, 0, "uge 46")
    sheet.write_formula(2, 1, "=1/0", None, "#DIV/0!")
    sheet.write_formula(3, 1, "=B2*2", None, 24)
    workbook.close()
    found = read_sheets(path)[0]
    assert found.errors == {(2, 1): "#DIV/0!"}
    assert found.error_in(2) == ("B3", "#DIV/0!")
    assert found.error_in(3) is None
    assert found.rows[3][1] == 24.0


def test_column_letters() -> None:
    assert [column_letters(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


@pytest.mark.parametrize(("name", "data", "key"), [
    ("beskyttet.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000), "values.sheet.protected"),
    ("noget.xlsx", b"%PDF-1.7 not a workbook", "values.sheet.not_a_table"),
    ("zip.xlsx", b"PK\x03\x04broken", "values.sheet.not_a_table"),
    ("billede.csv", bytes(range(256)) * 4, "values.sheet.not_a_table"),
    ("åben.csv", b'Tiltag;Frist\n"open quote;1\n', "values.sheet.damaged"),
], ids=["protected", "pdf", "broken-zip", "binary", "open-quote"])
def test_bad_files_are_refused_by_name(tmp_path: Path, name: str, data: bytes, key: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(TavleError) as caught:
        read_sheets(path)
    assert caught.value.key == key
    assert name in caught.value.message(Translator("da"))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(TavleError) as caught:
        read_sheets(tmp_path / "væk.xlsx")
    assert caught.value.key == "values.sheet.no_file"


def test_cells_read_through_the_one_reader_of_their_kind() -> None:
    tr = Translator("da")
    assert cell_text(12.0, tr) == "12"
    assert cell_text(12.5, tr) == "12,5"
    assert cell_text(dt.datetime(2026, 8, 17), tr) == "17-08-2026"
    assert cell_day(46251.0, TODAY, Looking.AHEAD) == dt.date(2026, 8, 17)
    assert cell_day("17. aug. 2026", TODAY, Looking.AHEAD) == dt.date(2026, 8, 17)
    assert cell_day("", TODAY, Looking.AHEAD) is None
    assert cell_number("1.234,5") == 1234.5
    assert cell_number(7) == 7.0
    with pytest.raises(TavleError):
        cell_day(12.5, TODAY, Looking.AHEAD)
