"""The CPR scanner: what counts as a Danish CPR number or a Norwegian fødselsnummer, and what
does not (phone numbers, case numbers, dates, digits inside longer numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.sync.cpr_numbers import NumberKind, find_numbers, is_cpr, is_fnr, mask_numbers

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
    "010190 1234",  # a space is not a CPR separator
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


@given(st.text(alphabet=st.sampled_from("0123456789-– +\n.ab"), max_size=80) | st.text())
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
