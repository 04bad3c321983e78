"""Text in swimlane boxes and lane names (and every other drawn box) wraps at spaces and after
hyphens: a word that fits on a line is never split; only a word longer than the line is broken,
with a hyphen; what does not fit in the lines given ends in an ellipsis."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.drivers.tree_layout import TreeItem, inside_lines
from tui.widgets.canvas import wrap
from tui.workflow.swimlane_layout import BOX_WIDTH, LABEL_WIDTH, TEXT_LINES, box_lines, lane_label

LETTERS = "abcdefghijklmnopqrstuvwxyzæøåÆØÅ"
words = st.lists(st.text(LETTERS, min_size=1, max_size=24), min_size=0, max_size=12)
"""Hyphen-free words: any '-' in the result is one the wrapping put at a break."""


def _chars(lines: list[str]) -> str:
    return "".join(lines).replace(" ", "").replace("-", "").replace("…", "")


@given(words, st.integers(2, 30))
def test_no_word_that_fits_is_split_and_nothing_is_lost(word_list: list[str], width: int) -> None:
    lines = wrap(" ".join(word_list), width)
    assert all(len(line) <= width for line in lines)
    for word in word_list:
        if len(word) <= width:
            assert any(word in line.split(" ") for line in lines)
    assert _chars(lines) == "".join(word_list)
    assert lines == [line.strip() for line in lines]


@given(words, st.integers(2, 30), st.integers(1, 6))
def test_cut_text_ends_in_an_ellipsis(word_list: list[str], width: int, max_lines: int) -> None:
    text = " ".join(word_list)
    whole = wrap(text, width)
    lines = wrap(text, width, max_lines)
    assert all(len(line) <= width for line in lines)
    if len(whole) <= max_lines:
        assert lines == whole
    else:
        assert len(lines) == max_lines and lines[-1].endswith("…")
        assert "".join(word_list).startswith(_chars(lines))
        assert lines[:-1] == whole[: max_lines - 1]


@given(st.lists(st.text(LETTERS + "-", min_size=1, max_size=20), max_size=8), st.integers(2, 30))
def test_hyphenated_words_break_after_their_hyphens(word_list: list[str], width: int) -> None:
    lines = wrap(" ".join(word_list), width)
    assert all(len(line) <= width for line in lines)
    assert _chars(lines) == "".join(word_list).replace("-", "")


def test_the_issue_s_step_breaks_between_words() -> None:
    inside = box_lines("Første opfølgningssamtale", "□", "30 min", "")
    assert [line.rstrip() for line in inside[:TEXT_LINES]] == [
        "Første", "opfølgningssamt-", "ale"]
    assert box_lines("Første opfølgning med rådgiver", "□", "", "")[:2] == [
        "Første".ljust(BOX_WIDTH - 2), "opfølgning med".ljust(BOX_WIDTH - 2)]
    assert [line.rstrip() for line in lane_label("Sundheds- og omsorgsteamet")] == [
        "Sundheds- og", "omsorgsteamet"[: LABEL_WIDTH - 3] + "-", "et"]
    assert [line.rstrip() for line in lane_label("Borger og pårørende")] == [
        "Borger og", "pårørende"]


def test_a_long_box_text_ends_in_an_ellipsis() -> None:
    inside = box_lines("en to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten",
                       "□", "", "")
    assert inside[TEXT_LINES - 1].rstrip().endswith("…")
    assert all(len(line) == BOX_WIDTH - 2 for line in inside)


def test_driver_boxes_wrap_the_same_way() -> None:
    item = TreeItem("a", 1, "P1", ("Kortere ventetid på første opfølgningssamtale",),
                    max_lines=3)
    inside = [line.rstrip() for line in inside_lines(item, 24)]
    assert inside == ["Kortere ventetid på", "første", "opfølgningssamtale"]
