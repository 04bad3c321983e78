"""The CPR scanner: what counts as a Danish CPR number or a Norwegian fødselsnummer, and what
does not (phone numbers, case numbers, dates, digits inside longer numbers); every way a number
is written (separators, Unicode digits, format characters); number values."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.sync import cpr_numbers
from core.sync.cpr_numbers import (
    NumberKind,
    find_numbers,
    is_cpr,
    is_fnr,
    mask_numbers,
    number_could_be_personal,
)

CPR, FNR = NumberKind.CPR, NumberKind.FNR

POSITIVES = [
    # (text, kind, masked context)
    ("Borger 010190-1234 ringede", CPR, "Borger 010190-**** ringede"),
    ("Borger 0101901234 ringede", CPR, "Borger 010190**** ringede"),
    ("010190–1234 (en dash from Word)", CPR, "010190–**** (en dash from Word)"),
    ("cpr:010190-1234.", CPR, "cpr:010190-****."),
    ("(311299-0007)", CPR, "(311299-****)"),
    ("290200-4234 født i et skudår", CPR, "290200-**** født i et skudår"),  # 2000: leap year
    ("290296-1234", CPR, "290296-****"),  # 1996: leap year
    ("010137-4000", CPR, "010137-****"),  # 7th digit 4, year 37 -> 1937
    ("010158-5000", CPR, "010158-****"),  # 7th digit 5, year 58 -> 1858
    ("ssn 0101901234\nny linje", CPR, "ssn 010190**** ny linje"),
    ("fnr 15038512363 i notat", FNR, "fnr 150385***** i notat"),
    ("fnr 150385 12363 i notat", FNR, "fnr 150385 ***** i notat"),
    ("010190 1234", CPR, "010190 ****"),  # a space is a separator too (issue 21)
    ("D-nummer 55038512357", FNR, "D-nummer 550385*****"),
    ("H-nummer 15438512346", FNR, "H-nummer 154385*****"),
    ("29020050088 (2000, skudår)", FNR, "290200***** (2000, skudår)"),
]

NEGATIVES = [
    "310290-1234",  # 31 February
    "290200-1234",  # 29 February 1900 (7th digit 1): not a leap year
    "320190-1234",  # day 32
    "011390-1234",  # month 13
    "000190-1234",  # day 0
    "610190-1234",  # replacement numbers (day + 60) are not counted
    "+45 12 34 56 78",  # phone numbers
    "12345678",
    "+4512345678",
    "2026-123456",  # a case number
    "sag 2026-123456-7",
    "2026-11-24",  # an ISO date
    "24-11-2026",
    "24.11.2026",
    "01019012345",  # 11 digits: not a CPR number, and its control digits are wrong
    "x01019012340",
    "12-010190-1234",  # inside a longer number
    "010190-1234-5",
    "9010190-1234",
    "010190-12345",
    "15038512364",  # fødselsnummer with a wrong second control digit
    "15038512373",  # wrong first control digit
    "29020012380",  # valid control digits, 29 February 1900
    "150385123630",  # inside a longer number
    "15838512329",  # synthetic test number (month + 80)
    "",
    "ingen tal her",
]


@pytest.mark.parametrize(("text", "kind", "context"), POSITIVES)
def test_a_number_is_found_with_its_kind_and_masked_context(
    text: str, kind: NumberKind, context: str
) -> None:
    (hit,) = find_numbers(text)
    assert hit.kind is kind
    assert hit.context == context
    assert hit.masked in context
    assert hit.digits not in context
    assert text[hit.start:hit.end].replace("-", "").replace("–", "").replace(" ", "") == hit.digits


@pytest.mark.parametrize("text", NEGATIVES)
def test_what_is_not_a_number(text: str) -> None:
    assert find_numbers(text) == []
    assert mask_numbers(text) == text


def test_several_numbers_each_masked_in_every_context() -> None:
    text = "Mor 010190-1234 og barn 0203045678 kom"
    hits = find_numbers(text)
    assert [h.masked for h in hits] == ["010190-****", "020304****"]
    assert hits[0].context == "Mor 010190-**** og barn 020304**** kom"
    assert mask_numbers(text) == "Mor 010190-**** og barn 020304**** kom"


def test_a_long_text_shows_only_the_text_around_the_number() -> None:
    text = "a" * 100 + " 010190-1234 " + "b" * 100
    (hit,) = find_numbers(text)
    assert hit.context.startswith("…") and hit.context.endswith("…")
    assert "010190-****" in hit.context
    assert len(hit.context) < 80


def test_a_number_cut_by_the_context_edge_is_still_masked() -> None:
    text = "x" * 20 + "0101901234" + "y" * 10 + "1203871234"
    hits = find_numbers(text)
    assert len(hits) == 2
    for hit in hits:
        assert "1234" not in hit.context


@pytest.mark.parametrize(("digits", "expected"), [
    ("0101901234", True), ("3102901234", False), ("010190123", False), ("01019O1234", False),
    ("٠١٠١٩٠١٢٣٤", False),  # Arabic-Indic digits are not CPR digits
])
def test_is_cpr(digits: str, expected: bool) -> None:
    assert is_cpr(digits) is expected


@pytest.mark.parametrize(("digits", "expected"), [
    ("15038512363", True), ("55038512357", True), ("15438512346", True),
    ("15038512364", False), ("1503851236", False), ("15838512329", False),
])
def test_is_fnr(digits: str, expected: bool) -> None:
    assert is_fnr(digits) is expected


@given(st.text(alphabet=st.sampled_from("0123456789-– +\n.ab"), max_size=80)
       | st.text(alphabet=st.sampled_from("0123456789０٣ -–—\u2212/.\n\u00a0\u200b\u00ada"),
                 max_size=80)
       | st.text())
def test_never_raises_and_hits_are_inside_the_text(text: str) -> None:
    hits = find_numbers(text)
    last = 0
    for hit in hits:
        assert last <= hit.start < hit.end <= len(text)
        last = hit.end
        assert hit.masked in hit.context
    masked = mask_numbers(text)
    assert find_numbers(masked) == []
    assert len(masked) == len(text)


# -- every way a number is written (issue 21) -------------------------------------------------

CPR_DIGITS, FNR_DIGITS = "0101901239", "15038712486"

WRITTEN = [
    # (the number as written, kind, NumberHit.masked)
    ("010190-1239", CPR, "010190-****"),
    ("010190–1239", CPR, "010190–****"),  # en dash
    ("0101901239", CPR, "010190****"),
    ("010190 1239", CPR, "010190 ****"),
    ("010190.1239", CPR, "010190.****"),
    ("010190/1239", CPR, "010190/****"),
    ("010190\n1239", CPR, "010190 ****"),  # white space is shown collapsed
    ("010190\r\n1239", CPR, "010190 ****"),
    ("010190\t1239", CPR, "010190 ****"),
    ("010190\u00a01239", CPR, "010190 ****"),  # no-break space
    ("010190\u202f1239", CPR, "010190 ****"),  # narrow no-break space
    ("010190\u30001239", CPR, "010190 ****"),  # ideographic space
    ("010190—1239", CPR, "010190—****"),  # em dash
    ("010190\u20111239", CPR, "010190\u2011****"),  # non-breaking hyphen
    ("010190\u22121239", CPR, "010190\u2212****"),  # minus sign
    ("010190\u20101239", CPR, "010190\u2010****"),  # hyphen
    ("010190\u20121239", CPR, "010190\u2012****"),  # figure dash
    ("010190\ufe631239", CPR, "010190\ufe63****"),  # small hyphen-minus
    ("010190\uff0d1239", CPR, "010190\uff0d****"),  # full-width hyphen-minus
    ("010190 - 1239", CPR, "010190 - ****"),  # a run of three
    ("010190\u200b1239", CPR, "010190****"),  # zero-width space: left out
    ("01\u200c01\u200d90\u20601239", CPR, "010190****"),  # joiners, word joiner
    ("\ufeff010190-12\u00ad39", CPR, "010190-****"),  # BOM, soft hyphen inside the serial
    ("0101\u200b90\u200b-\u200b1239", CPR, "010190-****"),
    ("01.01.90-1239", CPR, "01.01.90-****"),
    ("01.01.90 1239", CPR, "01.01.90 ****"),
    ("01 01 90 1239", CPR, "01 01 90 ****"),
    ("01-01-90-1239", CPR, "01-01-90-****"),
    ("01/01/90-1239", CPR, "01/01/90-****"),
    ("01. 01. 90 - 1239", CPR, "01. 01. 90 - ****"),
    ("01\u00a001\u00a090\u00a01239", CPR, "01 01 90 ****"),
    ("0101 90 1239", CPR, "0101 90 ****"),
    ("01 0190 1239", CPR, "01 0190 ****"),
    ("0101 90-1239", CPR, "0101 90-****"),
    ("01 01 90\n1239", CPR, "01 01 90 ****"),
    ("０１０１９０－１２３９", CPR, "０１０１９０－****"),  # full-width digits
    ("０１０１９０１２３９", CPR, "０１０１９０****"),
    ("01０1901２39", CPR, "01０190****"),  # mixed
    ("٠١٠١٩٠-١٢٣٩", CPR, "٠١٠١٩٠-****"),  # Arabic-Indic digits
    ("०१०१९०१२३९", CPR, "०१०१९०****"),  # Devanagari digits
    ("𝟎𝟏𝟎𝟏𝟗𝟎-𝟏𝟐𝟑𝟗", CPR, "𝟎𝟏𝟎𝟏𝟗𝟎-****"),  # mathematical bold digits
    ("15038712486", FNR, "150387*****"),
    ("150387-12486", FNR, "150387-*****"),
    ("150387 12486", FNR, "150387 *****"),
    ("15.03.87 12486", FNR, "15.03.87 *****"),
    ("15 03 87 12486", FNR, "15 03 87 *****"),
    ("1503 87 12486", FNR, "1503 87 *****"),
    ("150387\u00a012486", FNR, "150387 *****"),
    ("150387\n12486", FNR, "150387 *****"),
    ("150387—12486", FNR, "150387—*****"),
    ("15\u200b0387\u200b12486", FNR, "150387*****"),
    ("１５０３８７－１２４８６", FNR, "１５０３８７－*****"),
]


def _digits_of(text: str) -> str:
    """The decimal digits of `text`, read as ASCII digits."""
    return "".join(str(unicodedata.decimal(ch)) for ch in text
                   if unicodedata.decimal(ch, None) is not None)


@pytest.mark.parametrize(("written", "kind", "masked"), WRITTEN)
def test_every_written_form_is_found_where_it_stands_and_masked(
    written: str, kind: NumberKind, masked: str
) -> None:
    before, after = "Borgeren (sag) har nr. ", " og ringede i går."
    text = before + written + after
    (hit,) = find_numbers(text)
    assert hit.kind is kind
    assert hit.digits == (CPR_DIGITS if kind is CPR else FNR_DIGITS)
    assert text[hit.start:hit.end].strip("\ufeff") == written.strip("\ufeff")
    assert hit.masked == masked
    assert hit.masked in hit.context
    assert hit.context.startswith("Borgeren (sag) har nr. ")
    assert hit.context.endswith(" og ringede i går.")
    shown = mask_numbers(text)
    assert len(shown) == len(text)
    assert shown.startswith(before) and shown.endswith(after)
    assert shown[hit.start:hit.end].count("*") == len(hit.digits) - 6
    assert find_numbers(shown) == []


@pytest.mark.parametrize(("written", "kind", "masked"), WRITTEN)
def test_the_context_never_holds_the_number_in_any_form(
    written: str, kind: NumberKind, masked: str
) -> None:
    (hit,) = find_numbers(f"Notat: {written} ringede")
    serial = hit.digits[6:]
    for shown in (hit.context, hit.masked):
        normal = unicodedata.normalize("NFKC", shown)
        assert hit.digits not in _digits_of(shown)
        assert serial not in _digits_of(shown)
        assert serial not in normal
    assert hit.masked.endswith(cpr_numbers.MASK * len(serial))
    assert _digits_of(hit.masked) == hit.digits[:6]


LOOK_ALIKES = [
    # phone numbers
    "+45 12 34 56 78", "12 34 56 78", "12345678", "+4512345678", "+47 123 45 678",
    "12 34 56 78 90", "+45 20 12 90 12", "tlf. 01 01 90 12 39",
    "01 02 03 04 05", "01 02 03 0405 06",  # runs of 2-digit groups: a longer number
    "45 01 01 90 1239", "01 01 90 1239 12",
    # dates and date ranges
    "01.01.1990", "2026-11-24", "01-01-90", "24.11.2026", "1.1.1990",
    "01.01.90-31.12.90", "010190-311290", "01.01.1990-31.12.1990", "01.01.90–02.02.90",
    # case numbers
    "2026-123456", "sag 24/123456", "sag 2026-123456-7", "j.nr. 2026/0101-1239",
    "2012-123456", "sag 24/12345678",  # a date in parts has its serial apart: not 20-12-12 3456
    "01 01 901239", "0101 901239", "01.01.901239",
    # EAN-13 numbers
    "5701234567899", "5 701234 567899", "EAN 5701019012395",
    # IBAN-ish digit runs (DK31 0112 3456 reads as 31-01-1912, serial 3456, on its own)
    "DK31 0112 3456 7890 12", "DK50 0040 0440 1162 43", "NO93 8601 1117 947",
    "1234 5678 9012 3456",
    # amounts
    "1.234.567,00", "12 345 678 kr.", "1 234 567 890 kr.", "kr. 10.101.901.239",
    # inside a longer digit run, or joined to one without white space
    "12345010190123967890", "9010190-1239", "010190-1239-5", "12-010190-1239",
    "12.010190-1239", "010190-1239/7", "1.01.01.90-1239",
    # fødselsnumre with a wrong control digit, however written
    "150387-12487", "15.03.87 12476", "150387 12496",
    # the rule for separators: a date split in three uses one separator; at most three between
    "01.01 90 1239", "01 01-90 1239", "010190    1239", "01..  01..  90 1239",
    # digits NFKC makes of what is not a digit, and a mark in the middle
    "⁰¹⁰¹⁹⁰¹²³⁹", "010190-①②③④", "010190\u03011239",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_left_alone(text: str) -> None:
    assert find_numbers(text) == []
    assert find_numbers(f"Se {text} i notatet") == []
    assert mask_numbers(text) == text


def test_a_list_of_numbers_written_alike_is_every_number() -> None:
    text = "010190 1239 020290 2345\n01.01.90 1239 02.02.90 2345"
    hits = find_numbers(text)
    assert [hit.masked for hit in hits] == [
        "010190 ****", "020290 ****", "01.01.90 ****", "02.02.90 ****"]
    assert mask_numbers(text) == "010190 **** 020290 ****\n01.01.90 **** 02.02.90 ****"


def test_a_markdown_text_keeps_its_marks() -> None:
    text = "* **010190-1239**\n* _15.03.87 12486_"
    assert mask_numbers(text) == "* **010190-******\n* _15.03.87 *****_"


# -- hypothesis: random numbers, random separators -------------------------------------------

SEPARATORS = (
    " ", "\t", "\n", "\r\n", "\u00a0", "\u202f", "\u3000", ".", "/", "-", "\u2010", "\u2011",
    "\u2012", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d", " - ", ". ", "- ",
)
FORMAT_CHARS = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
ZEROS = ("0", "０", "٠", "०", "𝟎")  # ASCII, full-width, Arabic-Indic, Devanagari, bold
_W1, _W2 = (3, 7, 6, 1, 8, 9, 4, 5, 2), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _control(digits: str, weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return 0 if rest == 11 else None if rest == 10 else rest


@st.composite
def random_cprs(draw: st.DrawFn) -> str:
    born = draw(st.dates(dt.date(1858, 1, 1), dt.date(2057, 12, 31)))
    serial = draw(st.integers(0, 9999))
    return draw(st.just(f"{born:%d%m%y}{serial:04d}").filter(is_cpr))


@st.composite
def random_fnrs(draw: st.DrawFn) -> str:
    born = draw(st.dates(dt.date(1854, 1, 1), dt.date(2039, 12, 31)))
    nine = f"{born:%d%m%y}{draw(st.integers(0, 999)):03d}"
    first = _control(nine, _W1)
    second = None if first is None else _control(nine + str(first), _W2)
    number = f"{nine}{first}{second}"
    return draw(st.just(number).filter(is_fnr))


def _written(draw: st.DrawFn, digits: str) -> tuple[str, list[int]]:
    """`digits` written with random separators, digit scripts and format characters, and
    where each serial digit stands in what is written."""
    def digit(d: str) -> str:
        zero = draw(st.sampled_from(ZEROS))
        return chr(ord(zero) + int(d))

    def maybe_format() -> str:
        return draw(st.sampled_from(("", "", "", *FORMAT_CHARS)))

    date_split = draw(st.sampled_from(((), (2,), (4,), (2, 4))))
    date_sep = draw(st.sampled_from(SEPARATORS))
    serial_sep = draw(st.sampled_from(SEPARATORS if date_split else ("", *SEPARATORS)))
    out: list[str] = []
    serial_at: list[int] = []
    for at, d in enumerate(digits):
        if at in date_split:
            out.append(date_sep)
        if at == 6:
            out.append(serial_sep)
        out.append(maybe_format())
        if at >= 6:
            serial_at.append(sum(map(len, out)))
        out.append(digit(d))
    return "".join(out), serial_at


FILLER = st.text(alphabet="abcæøå ÆØÅ", max_size=30)


@given(st.data(), st.one_of(random_cprs(), random_fnrs()))
def test_a_random_number_written_any_way_in_text_is_found_and_masked(
    data: st.DataObject, digits: str
) -> None:
    written, serial_at = _written(data.draw, digits)
    before, after = data.draw(FILLER), data.draw(FILLER)
    text = before + written + after
    (hit,) = find_numbers(text)
    assert hit.digits == digits
    assert hit.kind is (CPR if len(digits) == 10 else FNR)
    lead = 1 if unicodedata.category(written[0]) == "Cf" else 0  # not part of the hit
    assert (hit.start, hit.end) == (len(before) + lead, len(before) + len(written))
    masked = mask_numbers(text)
    assert masked.startswith(before) and masked.endswith(after)
    assert [masked[len(before) + at] for at in serial_at] == [cpr_numbers.MASK] * len(serial_at)
    assert _digits_of(masked) == _digits_of(before + after) + digits[:6]
    assert _digits_of(hit.context) == digits[:6]  # the filler has no digits
    assert find_numbers(masked) == []


NO_LINK = st.text(alphabet="abcxyzæøå,;:()", min_size=1, max_size=3)
"""What breaks a run of digits (letters, punctuation that is not a separator)."""
LINKED = st.sampled_from(("", "", *SEPARATORS, *FORMAT_CHARS))
"""What may stand between the digits of a run."""


@st.composite
def short_runs(draw: st.DrawFn) -> str:
    """One to five digits of any script, joined by separators or format characters."""
    count = draw(st.integers(1, 5))
    return draw(LINKED).join(chr(ord(draw(st.sampled_from(ZEROS))) + draw(st.integers(0, 9)))
                             for _ in range(count))


@given(st.lists(st.tuples(short_runs(), NO_LINK), max_size=20))
def test_text_without_six_joined_digits_has_no_numbers(pieces: list[tuple[str, str]]) -> None:
    text = "".join(run + gap for run, gap in pieces)
    assert find_numbers(text) == []
    assert mask_numbers(text) == text


def test_the_fast_path_reads_no_text_with_fewer_than_ten_digits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    normalise = cpr_numbers._normalise

    def counted(text: str) -> tuple[str, list[int] | None]:
        calls.append(text)
        return normalise(text)

    monkeypatch.setattr(cpr_numbers, "_normalise", counted)
    few = [f"Møde {n} uge 4{n % 10}, tlf 12 {n:02d}" for n in range(100)]  # 7-9 digits
    few += ["ingen tal", "", "0101 90", "1 2 3 4 5 6 7 8 9", "０１０１９０１２３"]
    assert all(find_numbers(text) == [] and mask_numbers(text) == text for text in few)
    assert calls == []
    many = [f"Borger {written} ringede" for written, _kind, _masked in WRITTEN]
    assert all(len(find_numbers(text)) == 1 for text in many)
    assert len(calls) == len(many)


# -- number values (issue 21, item 6) ----------------------------------------------------------


@pytest.mark.parametrize(("value", "kind"), [
    (101901239, CPR),  # 0101901239 typed as a number: the leading zero is gone
    (101901239.0, CPR),
    (3112991239, CPR),
    (3112991239.0, CPR),
    (15038712486, FNR),
    (15038712486.0, FNR),
    (55038512357, FNR),  # a D-number
    (1038712486, None),  # zero-padded to eleven: 01038712486, wrong control digits
    (0, None), (1239, None), (12345678, None), (1234567890, None), (3102901234, None),
    (101901239.5, None), (-101901239, None), (-101901239.0, None),
    (float("nan"), None), (float("inf"), None), (1e30, None), (10**11 + 101901239, None),
    (True, None),
])
def test_a_number_value_that_could_be_a_personal_number(
    value: float | int, kind: NumberKind | None
) -> None:
    assert number_could_be_personal(value) is kind


@given(random_cprs())
def test_every_cpr_number_stored_as_a_number_is_recognised(digits: str) -> None:
    kind = number_could_be_personal(float(digits))
    assert kind in (CPR, FNR)  # eleven zero-padded digits may also read as a fødselsnummer
    assert number_could_be_personal(int(digits)) is kind


@given(random_fnrs())
def test_every_fnr_stored_as_a_number_is_recognised(digits: str) -> None:
    assert number_could_be_personal(float(digits)) is FNR
    assert number_could_be_personal(int(digits)) is FNR


def test_the_database_look_finds_every_written_form() -> None:
    """`sql_globs` (the guard's quick look in SQLite) lets every written form through."""
    import sqlite3

    ten_digits, other_digits = cpr_numbers.sql_globs()
    with sqlite3.connect(":memory:") as con:
        def passes(text: str) -> bool:
            row = con.execute("SELECT ? GLOB ? OR ? GLOB ?",
                              [text, ten_digits, text, other_digits]).fetchone()
            return bool(row[0])

        assert all(passes(f"x {written} y") for written, _kind, _masked in WRITTEN)
        assert not passes("Møde i uge 47 med 12 deltagere")
        assert not passes("")
    assert re.fullmatch(r"\*(\[0-9\]\*){10}", ten_digits)
