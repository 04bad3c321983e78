"""`core.values.inert`: no character a terminal obeys survives; every other character does."""

from __future__ import annotations

import unicodedata

import pytest

from core.values.inert import PLACEHOLDER, has_hidden, inert

BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
CONTROLS = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cc"]


def test_every_control_and_bidi_control_is_hidden_and_replaced() -> None:
    assert len(CONTROLS) == 65  # C0, DEL, C1
    for char in CONTROLS + BIDI:
        assert has_hidden(f"a{char}b"), hex(ord(char))
        assert inert(f"a{char}b") == f"a{PLACEHOLDER}b", hex(ord(char))


@pytest.mark.parametrize(("text", "shown"), [
    ("\x1b[2JNord", "?[2JNord"),
    ("\x1b]0;titel\x07Nord", "?]0;titel?Nord"),
    ("\x1b[1A\x1b[2KNord", "?[1A?[2KNord"),
    ("Nord\rSyd", "Nord?Syd"),
    ("\x9b2J", "?2J"),
    ("Nord\x08\x08Syd", "Nord??Syd"),
    ("\u202eeslaf", "?eslaf"),
    ("a\tb\nc", "a?b?c"),
])
def test_escape_sequences_are_shown_not_obeyed(text: str, shown: str) -> None:
    assert inert(text) == shown
    assert not has_hidden(inert(text))


def test_newlines_may_stay_in_a_message_of_several_lines() -> None:
    assert inert("a\nb\r\nc\x1b[2J", keep_newlines=True) == "a\nb?\nc?[2J"


@pytest.mark.parametrize("text", [
    "Hurtigere afklaring af sygemeldte borgere",
    "Sygefravær – Tromsø · Ærø «Nord» »Syd« “x” …",
    "1\u00a0234,5",  # the Danish thousands separator: a no-break space
    "Ελλάδα · Україна · عربي · 中文",
    "\u200fعربي\u200e (2026)\u061c",  # the bidi marks of right-to-left text are not controls
    "",
])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert not has_hidden(text)
    assert inert(text) == inert(text, keep_newlines=True) == text
