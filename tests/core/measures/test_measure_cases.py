"""Case-level measures: typed cases, yes/no and events; undo; a block pasted from Excel; a CSV
file imported whole or not at all; and what Tavle writes into a cell is read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import InvalidError, TavleError
from core.i18n import LANGUAGES, Translator, catalog
from core.measures import cases
from core.measures import entry as measures
from core.measures.signals import cases_of, load_series
from core.models import Chart, Entry, Measure, MeasureKind
from core.project import projects
from core.values.dates import format_date, parse_date
from core.values.excel_csv import cell_out, write_rows
from core.values.numbers import parse_number, set_typing_language, typed_number

TODAY = dt.date(2026, 11, 24)
DA = Translator("da")


def _measure(log: UndoLog, entry: Entry, kind: MeasureKind = MeasureKind.TIME) -> Measure:
    project = projects.create_project(log.store, "P")
    return measures.add_measure(log, project.id, name="Dage til samtale", kind=kind, unit="dage",
                                entry=entry)


def _message(error: TavleError, lang: str = "da") -> str:
    return error.message(Translator(lang))


# -- one case -------------------------------------------------------------------------------------


def test_a_case_is_read_with_a_danish_date_and_a_decimal_comma(log: UndoLog) -> None:
    measure = _measure(log, Entry.CASES)
    entry = cases.read_case(measure, "20-11-2026", "12,5", " ny borger ", today=TODAY)
    assert entry == cases.CaseEntry(dt.date(2026, 11, 20), value=12.5, note="ny borger")
    assert cases.read_case(measure, "20.11.2026", "3", today=TODAY).on == dt.date(2026, 11, 20)
    assert cases.read_case(measure, "2026-11-20", "3", today=TODAY).value == 3


@pytest.mark.parametrize(("date", "on"), [
    ("i går", dt.date(2026, 11, 23)),
    ("fre", dt.date(2026, 11, 20)),  # last Friday, not the coming one
    ("20/11", dt.date(2026, 11, 20)),
    ("24-12", dt.date(2025, 12, 24)),  # this year's is still to come: last year's
    ("uge 47", dt.date(2026, 11, 16)),  # the week's Monday
    ("-3", dt.date(2026, 11, 21)),
])
def test_a_case_date_typed_as_in_a_meeting_looks_back(log: UndoLog, date: str,
                                                      on: dt.date) -> None:
    measure = _measure(log, Entry.CASES)
    assert cases.read_case(measure, date, "3", today=TODAY).on == on


@pytest.mark.parametrize(("entry", "date", "answer", "key"), [
    (Entry.CASES, "", "3", "cases.error.date_missing"),
    (Entry.CASES, "31-11-2026", "3", "error.invalid_record"),
    (Entry.CASES, "25-11-2026", "3", "cases.error.future"),
    (Entry.CASES, "20-11-2026", "", "cases.error.value_missing"),
    (Entry.CASES, "20-11-2026", "tolv", "error.invalid_record"),
    (Entry.CASES, "20-11-2026", "-2", "error.invalid_record"),
    (Entry.YES_NO, "20-11-2026", "", "cases.error.answer_missing"),
    (Entry.YES_NO, "20-11-2026", "måske", "cases.error.yes_no"),
    (Entry.EVENTS, "20-11-2026", "4,5", "cases.error.whole_count"),
    (Entry.EVENTS, "20-11-2026", "-1", "cases.error.whole_count"),
])
def test_what_cannot_be_saved_says_what_to_do(
    log: UndoLog, entry: Entry, date: str, answer: str, key: str
) -> None:
    measure = _measure(log, entry)
    with pytest.raises(TavleError) as caught:
        cases.read_case(measure, date, answer, today=TODAY)
    assert caught.value.key == key
    for lang in LANGUAGES:
        text = _message(caught.value, lang)
        assert text and "cases." not in text and "error." not in text, (lang, text)
    if key == "cases.error.future":
        assert "25-11-2026" in _message(caught.value)
        assert "25.11.2026" in _message(caught.value, "nb")


@pytest.mark.parametrize(("text", "yes"), [
    ("ja", True), ("Ja", True), ("j", True), ("yes", True), ("Y", True), ("1", True),
    ("nej", False), ("NEJ", False), ("nei", False), ("n", False), ("no", False), ("0", False),
    ("", None), ("  ", None),
])
def test_yes_and_no_in_danish_english_and_norwegian(text: str, yes: bool | None) -> None:
    assert cases.parse_yes(text) is yes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_yes_and_no_as_written_are_read_back(lang: str) -> None:
    tr = Translator(lang)
    for answer in (True, False):
        assert cases.parse_yes(cases.format_yes(answer, tr)) is answer


def test_an_event_may_have_a_count_or_none(log: UndoLog) -> None:
    measure = _measure(log, Entry.EVENTS, MeasureKind.COUNT)
    assert cases.read_case(measure, "20-11-2026", today=TODAY).value is None
    assert cases.read_case(measure, "20-11-2026", "42", today=TODAY).value == 42


def test_a_period_measure_has_no_cases(log: UndoLog) -> None:
    measure = _measure(log, Entry.PERIOD)
    with pytest.raises(TavleError) as caught:
        cases.read_case(measure, "20-11-2026", "3", today=TODAY)
    assert caught.value.key == "cases.error.not_case_level"
    preview = cases.parse_cases(log.store, measure, "20-11-2026\t3", TODAY)
    assert preview.problems and not preview.new


def test_add_edit_delete_and_undo_each_step(store: Store, log: UndoLog) -> None:
    measure = _measure(log, Entry.CASES)
    first = cases.add_case(log, measure, cases.read_case(measure, "16-11-2026", "9", today=TODAY))
    second = cases.add_case(log, measure,
                            cases.read_case(measure, "18-11-2026", "14", today=TODAY))
    assert [c.value for c in cases_of(store, measure.id)] == [9, 14]
    cases.edit_case(log, first.id, cases.read_case(measure, "19-11-2026", "11", "rettet",
                                                   today=TODAY))
    assert [(c.on.day, c.value, c.note) for c in cases_of(store, measure.id)] == [
        (18, 14, ""), (19, 11, "rettet")]
    cases.delete_case(log, second.id)
    assert [c.id for c in cases_of(store, measure.id)] == [first.id]
    log.undo()  # the delete
    assert len(cases_of(store, measure.id)) == 2
    log.undo()  # the edit
    assert [(c.on.day, c.value) for c in cases_of(store, measure.id)] == [(16, 9), (18, 14)]
    log.undo()
    log.undo()
    assert cases_of(store, measure.id) == []
    log.redo()
    assert [c.value for c in cases_of(store, measure.id)] == [9]


def test_cases_reach_the_chart_as_a_mean_per_week(store: Store, log: UndoLog) -> None:
    measure = _measure(log, Entry.CASES)
    for date, value in (("16-11-2026", "10"), ("17-11-2026", "14"), ("23-11-2026", "8")):
        cases.add_case(log, measure, cases.read_case(measure, date, value, today=TODAY))
    series = load_series(store, measure.id)
    assert series.periods == ("2026-W47", "2026-W48")
    assert series.values == [12.0, 8.0]


def test_days_between_events(store: Store, log: UndoLog) -> None:
    measure = _measure(log, Entry.EVENTS, MeasureKind.COUNT)
    for date in ("01-11-2026", "11-11-2026", "14-11-2026"):
        cases.add_case(log, measure, cases.read_case(measure, date, today=TODAY))
    assert cases.days_between(cases_of(store, measure.id)) == [None, 10, 3]
    assert load_series(store, measure.id).chart is Chart.T


# -- a block pasted from Excel --------------------------------------------------------------------


def test_paste_reads_tabs_headings_and_a_note_and_names_bad_lines(
    store: Store, log: UndoLog
) -> None:
    measure = _measure(log, Entry.CASES)
    block = ("Dato\tDage\tNote\n"
             "02-11-2026\t12,5\n"
             "03-11-2026\t9\tborger flyttede\n"
             "\n"
             "31-11-2026\t7\n"
             "04-11-2026\ttolv\n"
             "05-11-2026\n")
    preview = cases.parse_cases(store, measure, block, TODAY)
    assert [(e.on.day, e.value, e.note) for e in preview.new] == [
        (2, 12.5, ""), (3, 9, "borger flyttede")]
    assert [line.number for line in preview.bad] == [5, 6, 7]
    messages = [_message(line.problem) for line in preview.bad if line.problem]
    assert "Datoen »31-11-2026« findes ikke" in messages[0]
    assert "kan ikke læses som et tal" in messages[1]
    assert "Linjen har 1 kolonne." in messages[2]
    assert cases.apply_cases(log, measure, preview) == 2
    assert len(cases_of(store, measure.id)) == 2
    log.undo()  # the whole paste is one step
    assert cases_of(store, measure.id) == []


def test_paste_reads_semicolons_yes_no_words_and_skips_cases_already_there(
    store: Store, log: UndoLog
) -> None:
    measure = _measure(log, Entry.YES_NO, MeasureKind.PROPORTION)
    block = "02-11-2026;ja\n02-11-2026;nej\n03-11-2026;J\n03-11-2026;0\n"
    first = cases.parse_cases(store, measure, block, TODAY)
    assert [e.yes for e in first.new] == [True, False, True, False]
    cases.apply_cases(log, measure, first)
    # the same block and one more line: only the new line is saved
    again = cases.parse_cases(store, measure, block + "04-11-2026;yes\n", TODAY)
    assert len(again.known) == 4 and [e.yes for e in again.new] == [True]
    assert cases.apply_cases(log, measure, again) == 1
    assert load_series(store, measure.id).values == [0.6]  # 3 yes of 5 in week 45


def test_two_equal_cases_in_one_block_are_two_cases(store: Store, log: UndoLog) -> None:
    measure = _measure(log, Entry.CASES)
    cases.apply_cases(log, measure, cases.parse_cases(store, measure, "02-11-2026\t9", TODAY))
    preview = cases.parse_cases(store, measure, "02-11-2026\t9\n02-11-2026\t9\n", TODAY)
    assert len(preview.known) == 1 and len(preview.new) == 1


def test_paste_of_events_takes_a_date_alone_or_with_a_count(store: Store, log: UndoLog) -> None:
    measure = _measure(log, Entry.EVENTS, MeasureKind.COUNT)
    preview = cases.parse_cases(
        store, measure, "Dato\tBesøg\n01-10-2026\n15-10-2026\t120\tfaldt på badeværelset\n", TODAY)
    assert [(e.on.day, e.value, e.note) for e in preview.new] == [
        (1, None, ""), (15, 120, "faldt på badeværelset")]
    assert not preview.bad


def test_a_first_line_with_a_bad_date_is_no_heading(store: Store, log: UndoLog) -> None:
    measure = _measure(log, Entry.CASES)
    preview = cases.parse_cases(store, measure, "32-10-2026\t4\n01-11-2026\t5\n", TODAY)
    assert [line.number for line in preview.bad] == [1] and len(preview.new) == 1


def test_empty_text_and_an_open_quote_are_refused_as_a_whole(store: Store, log: UndoLog) -> None:
    measure = _measure(log, Entry.CASES)
    for text, key in (("", "cases.error.empty"), ("Dato\tDage\n", "cases.error.empty"),
                      ('01-11-2026;"4\n', "cases.error.damaged")):
        preview = cases.parse_cases(store, measure, text, TODAY)
        assert [p.key for p in preview.problems] == [key]
        with pytest.raises(TavleError):
            cases.apply_cases(log, measure, preview)


# -- a CSV file: all lines or none ----------------------------------------------------------------


def test_a_file_with_a_bad_line_writes_nothing(store: Store, log: UndoLog, tmp_path: Path) -> None:
    measure = _measure(log, Entry.CASES)
    path = tmp_path / "sager.csv"
    path.write_bytes("Dato;Dage\r\n02-11-2026;12,5\r\n03-11-2026;x\r\n".encode("cp1252"))
    preview = cases.read_cases_file(path, store, measure, TODAY)
    assert len(preview.new) == 1 and [line.number for line in preview.bad] == [3]
    screen_log = UndoLog(store)
    with pytest.raises(cases.WholeFileError) as caught:
        cases.apply_cases(screen_log, measure, preview, whole=True)
    assert _message(caught.value) == (
        "1 linje kan ikke læses, så intet er importeret. Ret eller slet linjen, og tryk Ctrl+S "
        "igen.")
    assert cases_of(store, measure.id) == [] and not screen_log.can_undo


def test_a_file_as_tavle_and_excel_write_it_is_imported_whole(
    store: Store, log: UndoLog, tmp_path: Path
) -> None:
    measure = _measure(log, Entry.CASES)
    path = tmp_path / "sager.csv"
    rows = [["Dato", "Dage", "Note"]] + [
        [format_date(dt.date(2026, 10, day)), typed_number(day * 1.5, DA),
         cell_out("=ikke en formel" if day == 3 else "")]
        for day in range(1, 11)]
    write_rows(path, rows)
    preview = cases.read_cases_file(path, store, measure, TODAY)
    assert not preview.bad and len(preview.new) == 10
    assert preview.new[2].note == "=ikke en formel"  # the apostrophe Tavle wrote is taken off
    assert cases.apply_cases(log, measure, preview, whole=True) == 10
    assert [c.value for c in cases_of(store, measure.id)] == [d * 1.5 for d in range(1, 11)]


def test_a_missing_file_says_so(store: Store, log: UndoLog, tmp_path: Path) -> None:
    measure = _measure(log, Entry.CASES)
    with pytest.raises(TavleError) as caught:
        cases.read_cases_file(tmp_path / "ingen.csv", store, measure, TODAY)
    assert "ingen.csv" in _message(caught.value) and "findes ikke" in _message(caught.value)


# -- catalogs -------------------------------------------------------------------------------------


def test_every_case_key_is_in_every_catalog() -> None:
    used = {"cases.error.columns_cases", "cases.error.columns_yes_no",
            "cases.error.columns_events", "cases.yes", "cases.no", "cases.error.whole_file_one"}
    for lang in LANGUAGES:
        assert used <= set(catalog(lang)), lang
        assert Translator(lang).count("cases.paste.saved", 1) != Translator(lang).count(
            "cases.paste.saved", 2)


# -- what is written is read back (da, en, nb) ----------------------------------------------------

DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31))
VALUES = st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False,
                     allow_infinity=False).map(float)


@given(day=DATES)
def test_dates_as_written_are_read_back(day: dt.date) -> None:
    assert parse_date(format_date(day)) == day
    for lang in LANGUAGES:
        assert parse_date(Translator(lang).date(day)) == day


@given(value=VALUES)
def test_numbers_as_typed_are_read_back(value: float) -> None:
    for lang in LANGUAGES:
        assert parse_number(typed_number(value, Translator(lang)), lang=lang) == pytest.approx(
            value, abs=1e-9)


@given(value=st.decimals(min_value=-999, max_value=999, places=1).map(float))
def test_numbers_as_shown_below_a_thousand_are_read_back(value: float) -> None:
    for lang in LANGUAGES:
        assert parse_number(Translator(lang).number(value), lang=lang) == pytest.approx(value)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_as_shown_from_a_thousand_are_read_back(lang: str) -> None:
    assert parse_number(Translator(lang).number(1234.0), lang=lang) == 1234.0


@given(day=DATES.filter(lambda d: d <= TODAY), value=VALUES.filter(lambda v: v >= 0),
       lang=st.sampled_from(LANGUAGES))
def test_a_case_as_written_into_a_pasted_line_is_read_back(
    day: dt.date, value: float, lang: str
) -> None:
    measure = Measure(project_id="p", name="Dage", kind=MeasureKind.TIME, entry=Entry.CASES)
    tr = Translator(lang)
    line = f"{tr.date(day)}\t{typed_number(value, tr)}"
    set_typing_language(lang)
    try:
        entry = cases.read_case(measure, *line.split("\t"), today=TODAY)
    finally:
        set_typing_language("da")
    assert entry.on == day and entry.value == pytest.approx(value, abs=1e-9)


def test_invalid_error_for_a_negative_value_names_the_field(log: UndoLog) -> None:
    measure = _measure(log, Entry.CASES)
    with pytest.raises(InvalidError) as caught:
        cases.read_case(measure, "20-11-2026", "-2", today=TODAY)
    assert "Værdi" in _message(caught.value)


def test_deleting_a_case_measure_takes_its_cases_and_marks_along(
    store: Store, log: UndoLog
) -> None:
    from core.measures.entry import delete_measure, measurement_count
    from core.measures.marks import set_mark
    from core.measures.signals import marks_of
    from core.models import MarkKind

    measure = _measure(log, Entry.CASES)
    for day, value in (("16-11-2026", "9"), ("18-11-2026", "14")):
        cases.add_case(log, measure, cases.read_case(measure, day, value, today=TODAY))
    set_mark(log, measure, "2026-W47", MarkKind.EXCLUDED, "Ferie")
    assert measurement_count(store, measure.id) == 2
    delete_measure(log, measure.id)
    assert cases_of(store, measure.id) == [] and marks_of(store, measure.id) == []
    log.undo()
    assert len(cases_of(store, measure.id)) == 2 and len(marks_of(store, measure.id)) == 1
