"""What Danish and Norwegian Excel really writes, read by the one CSV reader, the one date reader
and the one period reader; and what Tavle writes, read back per language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import TavleError
from core.i18n import LANGUAGES, Translator
from core.models.measure import Frequency, week_period
from core.values.dates import format_date
from core.values.days import Looking, parse_day, read_day
from core.values.excel_csv import decode_csv, header_row, read_rows, sniff_delimiter
from core.values.periods import period_label, read_period, read_week

TODAY = dt.date(2026, 11, 24)
ROWS = [["Tiltak", "Frist"], ["Ringe æøå", "17-08-2026"]]


def _file(tmp_path: Path, data: bytes) -> list[list[str]]:
    path = tmp_path / "excel.csv"
    path.write_bytes(data)
    return read_rows(decode_csv(path.read_bytes()))


@pytest.mark.parametrize("data", [
    "Tiltak;Frist\r\nRinge æøå;17-08-2026\r\n".encode("cp1252"),
    "Tiltak;Frist\r\nRinge æøå;17-08-2026\r\n".encode(),
    "Tiltak;Frist\r\nRinge æøå;17-08-2026\r\n".encode("utf-8-sig"),
    "Tiltak\tFrist\r\nRinge æøå\t17-08-2026\r\n".encode("utf-16"),
    b"\xff\xfe" + "Tiltak\tFrist\r\nRinge æøå\t17-08-2026\r\n".encode("utf-16-le"),
    b"\xfe\xff" + "Tiltak\tFrist\r\nRinge æøå\t17-08-2026\r\n".encode("utf-16-be"),
    "Tiltak\tFrist\r\nRinge æøå\t17-08-2026\r\n".encode("utf-16-le"),
    "Tiltak,Frist\r\nRinge æøå,17-08-2026\r\n".encode(),
])
def test_every_encoding_and_separator_excel_writes_is_read(tmp_path: Path, data: bytes) -> None:
    rows = _file(tmp_path, data)
    assert rows == ROWS
    assert all("\x00" not in cell for row in rows for cell in row)


def test_a_sep_line_names_the_separator_and_keeps_line_numbers(tmp_path: Path) -> None:
    data = "sep=;\r\nTiltak;Frist, dato\r\nRinge, mødes;17-08-2026\r\n".encode("cp1252")
    assert _file(tmp_path, data) == [[], ["Tiltak", "Frist, dato"],
                                     ["Ringe, mødes", "17-08-2026"]]
    tabbed = "sep=\t\r\nA\tB,C\r\n".encode("utf-16")
    assert _file(tmp_path, tabbed) == [[], ["A", "B,C"]]


def test_a_title_and_blank_rows_above_the_header_are_found_past(tmp_path: Path) -> None:
    data = ("Handlingsplan, Hjemmeplejen 2026\r\n;\r\n\r\nTiltak;Ansvar;Frist\r\n"
            "Ringe;Bo;17-08-2026;;;\r\n").encode("cp1252")
    rows = _file(tmp_path, data)
    heads = {"tiltak": "change", "ansvar": "responsible", "frist": "deadline"}
    assert header_row(rows, lambda cell: heads.get(cell.casefold()), ["change"]) == 3
    assert header_row(rows, lambda cell: heads.get(cell.casefold()), ["status"]) is None
    assert rows[4][:3] == ["Ringe", "Bo", "17-08-2026"]


def test_nul_characters_never_reach_the_user() -> None:
    assert "\x00" not in decode_csv(b"A;B\x00\r\n")


@pytest.mark.parametrize("text", [
    "17. aug. 2026", "17-aug-2026", "17.08.2026", "17-08-2026", "2026-08-17 00:00:00",
    "2026-08-17T00:00:00", "17-08-2026 00:00", "17 august 2026", "17. August 2026",
    "aug 17, 2026", "17-aug-26", "17. aug 2026",
])
def test_the_long_date_forms_excel_writes(text: str) -> None:
    assert read_day(text, TODAY, Looking.AHEAD) == dt.date(2026, 8, 17)
    assert parse_day(text, "deadline", TODAY) == dt.date(2026, 8, 17)


@pytest.mark.parametrize(("text", "day"), [
    ("17. mai 2026", dt.date(2026, 5, 17)), ("17. maj 2026", dt.date(2026, 5, 17)),
    ("1. okt. 2026", dt.date(2026, 10, 1)), ("1 oct 2026", dt.date(2026, 10, 1)),
    ("24. des. 2026", dt.date(2026, 12, 24)), ("24. dec 2026", dt.date(2026, 12, 24)),
    ("3. marts 2027", dt.date(2027, 3, 3)), ("3. mars 2027", dt.date(2027, 3, 3)),
    ("17. aug.", dt.date(2027, 8, 17)),  # no year, a deadline: the next one
])
def test_month_names_in_danish_norwegian_and_english(text: str, day: dt.date) -> None:
    assert read_day(text, TODAY, Looking.AHEAD) == day


def test_an_excel_serial_number_is_a_date_only_from_a_spreadsheet_cell() -> None:
    assert read_day("46251", TODAY, Looking.AHEAD, cell=True) == dt.date(2026, 8, 17)
    assert read_day("46251,5", TODAY, Looking.AHEAD, cell=True) == dt.date(2026, 8, 17)
    assert parse_day("46251", "deadline", TODAY, cell=True) == dt.date(2026, 8, 17)
    assert read_day("2", TODAY, Looking.AHEAD, cell=True) == dt.date(1900, 1, 1)
    assert read_day("73415", TODAY, Looking.AHEAD, cell=True) == dt.date(2100, 12, 31)
    for outside in ("73416", "999999"):
        with pytest.raises(TavleError):
            read_day(outside, TODAY, Looking.AHEAD, cell=True)
    with pytest.raises(TavleError):
        read_day("46251", TODAY, Looking.AHEAD)


def test_an_impossible_named_date_is_refused() -> None:
    with pytest.raises(TavleError) as error:
        read_day("31. feb. 2026", TODAY, Looking.AHEAD)
    assert error.value.key == "action_plan.deadline.no_such_date"


DAYS = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31))


@given(day=DAYS, lang=st.sampled_from(LANGUAGES))
def test_a_date_tavle_writes_is_read_back_per_language(day: dt.date, lang: str) -> None:
    tr = Translator(lang)
    for looking in Looking:
        assert read_day(tr.date(day), TODAY, looking) == day
        assert read_day(format_date(day), TODAY, looking, cell=True) == day
    assert parse_day(tr.date(day), "deadline", TODAY) == day


@given(day=st.dates(min_value=dt.date(2000, 1, 3), max_value=dt.date(2099, 12, 28)),
       lang=st.sampled_from(LANGUAGES))
def test_a_period_tavle_names_is_read_back_per_language(day: dt.date, lang: str) -> None:
    tr = Translator(lang)
    week = week_period(day)
    assert read_period(period_label(week, tr), Frequency.WEEKLY, TODAY) == week
    assert read_week(period_label(week, tr), TODAY) == week
    assert read_week(week, TODAY) == week
    month = f"{day.year:04d}-{day.month:02d}"
    assert read_period(period_label(month, tr), Frequency.MONTHLY, TODAY) == month
    assert read_week(period_label(month, tr), TODAY, Frequency.MONTHLY) == month


@pytest.mark.parametrize(("text", "weekly", "monthly"), [
    ("46-2026", "2026-W46", "2026-11"), ("2026 uge 45", "2026-W45", "2026-11"),
    ("uke 45 2026", "2026-W45", "2026-11"), ("2026-W45", "2026-W45", "2026-11"),
    ("uge 45 2026", "2026-W45", "2026-11"), ("47/2026", "2026-W47", "2026-11"),
    ("nov-26", "2026-W44", "2026-11"), ("nov. 2026", "2026-W44", "2026-11"),
    ("november 2026", "2026-W44", "2026-11"), ("2026-11-02 00:00:00", "2026-W45", "2026-11"),
])
def test_the_periods_back_offices_write(text: str, weekly: str, monthly: str) -> None:
    assert read_week(text, TODAY) == weekly
    assert read_week(text, TODAY, Frequency.MONTHLY) == monthly


@pytest.mark.parametrize("text", ["=1+1", "'=1+1", "''=1+1", "'abc", "abc", "-5", "'", ""])
def test_cell_out_and_in_give_back_the_text(text: str) -> None:
    from core.values.excel_csv import cell_in, cell_out

    assert cell_in(cell_out(text)) == text
    assert not cell_out(text).startswith(("=", "+", "-", "@"))


@pytest.mark.parametrize(("text", "sign"), [
    ("Dato;Værdi;Note\n02-11-2026;12,5;a, b, c\n", ";"),  # commas in a note and a decimal
    ("a,b,c\n1,2,3\n", ","),
    ("a\tb\n1,5\t2\n", "\t"),
    ("Titel, 2026\nA;B;C\n1;2;3\n", ";"),  # a title above with a comma
    ("Handlingsplan 2026;;;;;\n;;;;;\nÆ;A;E;H;D;S\n", ";"),
    ("x", ";"),
])
def test_the_separator_is_the_one_the_rows_hold_alike(text: str, sign: str) -> None:
    assert sniff_delimiter(text) == sign


def test_a_separator_inside_quotes_is_text_and_does_not_outvote_the_decimal_commas() -> None:
    """Found by hypothesis in test_sheets (nb, CSV): two cells holding ";" counted as separators
    made the rows disagree on ";", and the decimal commas of "0,1%" won."""
    text = ('Tekst;Tal;Antal;Dato;Andel\r\n;;0;;0,1%\r\n;;0;;0,1%\r\n";";;0;;0,1%\r\n'
            '";";;0;;0,1%\r\n')
    assert sniff_delimiter(text) == ";"
    assert read_rows(text)[3] == [";", "", "0", "", "0,1%"]
