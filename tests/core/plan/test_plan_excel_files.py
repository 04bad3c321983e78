"""Action-plan CSV files as Danish and Norwegian Excel really writes them, read into a preview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.models import ActionStatus
from core.plan import excel as plan_csv
from core.plan.words import read_heading, read_status

TODAY = dt.date(2026, 11, 24)
AUG_17 = dt.date(2026, 8, 17)


def _preview(tmp_path: Path, data: bytes) -> plan_csv.ImportPreview:
    path = tmp_path / "handlingsplan.csv"
    path.write_bytes(data)
    return plan_csv.read_plan_file(path, TODAY)


def test_excel_semicolon_file_with_sep_line_title_and_wide_rows(tmp_path: Path) -> None:
    text = ("sep=;\r\nHandlingsplan 2026;;;;;\r\n;;;;;\r\n"
            "Ændring/opgave;Ansvarlig;Effekt;Hvordan;Deadline;Status\r\n"
            "Ringe til borgere;Mette;Færre genindlæggelser;Telefon;17. aug. 2026;Afsluttet;;x\r\n"
            "Tjekliste;Bo;;;17-aug-2026;Igang\r\n"
            "Møde;Ida;;;2026-08-17 00:00:00;Ikke startet\r\n"
            "Serie;Ida;;;46251;Udført\r\n")
    preview = _preview(tmp_path, text.encode("cp1252"))
    assert not preview.problems
    assert [row.line for row in preview.rows] == [5, 6, 7, 8]
    assert all(row.ok for row in preview.rows)
    assert [row.values["deadline"] for row in preview.rows] == [AUG_17] * 4
    assert [row.values["status"] for row in preview.rows] == [
        ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.NOT_STARTED, ActionStatus.DONE]
    assert preview.rows[0].values["change"] == "Ringe til borgere"
    assert preview.rows[0].values["how"] == "Telefon"


def test_norwegian_unicode_text_file(tmp_path: Path) -> None:
    text = ("Tiltak\tAnsvar\tFrist\tStatus\r\n"
            "Ringe pasienter\tKari\t17. aug. 2026\tFullført\r\n"
            "Sjekkliste\tOla\t17.08.2026\tPågår\r\n"
            "Møte\tOla\t\tIkke startet\r\n"
            "Avlyst møte\tOla\t\tAvlyst\r\n")
    preview = _preview(tmp_path, text.encode("utf-16"))
    assert not preview.problems
    assert [row.values for row in preview.rows] == [
        {"change": "Ringe pasienter", "responsible": "Kari", "deadline": AUG_17,
         "status": ActionStatus.DONE},
        {"change": "Sjekkliste", "responsible": "Ola", "deadline": AUG_17,
         "status": ActionStatus.IN_PROGRESS},
        {"change": "Møte", "responsible": "Ola", "status": ActionStatus.NOT_STARTED},
        {"change": "Avlyst møte", "responsible": "Ola", "status": ActionStatus.CANCELLED},
    ]


def test_english_headers_and_statuses_in_utf8_with_commas(tmp_path: Path) -> None:
    text = ("Action,Owner,Deadline,Status\n"
            "Call,Ann,17-aug-2026,Done\nList,Bob,,In progress\nMeet,Bob,,Not started\n")
    preview = _preview(tmp_path, text.encode("utf-8"))
    assert [row.values.get("status") for row in preview.rows] == [
        ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.NOT_STARTED]
    assert preview.rows[0].values["responsible"] == "Ann"


def test_unknown_status_and_unreadable_date_still_say_why(tmp_path: Path) -> None:
    text = "sep=;\r\nTiltak;Frist;Status\r\nA;17. foo 2026;\r\nB;;Måske\r\nC;99999999;\r\n"
    preview = _preview(tmp_path, text.encode("cp1252"))
    keys = [[problem.key for problem in row.problems] for row in preview.rows]
    assert keys == [["action_plan.deadline.unreadable"], ["action_plan.import.unknown_status"],
                    ["action_plan.deadline.unreadable"]]
    assert preview.good == []


def test_no_header_row_in_the_file_is_refused(tmp_path: Path) -> None:
    preview = _preview(tmp_path, "Titel\r\n\r\nNavn;Noget\r\nA;B\r\n".encode("cp1252"))
    assert [problem.key for problem in preview.problems] == [
        "action_plan.import.no_change_column"]


@pytest.mark.parametrize(("word", "status"), [
    ("Afsluttet", ActionStatus.DONE), ("Udført", ActionStatus.DONE),
    ("Færdig", ActionStatus.DONE), ("FÆRDIG", ActionStatus.DONE),
    ("Fullført", ActionStatus.DONE), ("Done", ActionStatus.DONE),
    ("I gang", ActionStatus.IN_PROGRESS), ("Igang", ActionStatus.IN_PROGRESS),
    ("i  gang", ActionStatus.IN_PROGRESS), ("Pågår", ActionStatus.IN_PROGRESS),
    ("In progress", ActionStatus.IN_PROGRESS), ("in-progress", ActionStatus.IN_PROGRESS),
    ("Ikke startet", ActionStatus.NOT_STARTED), ("Not started", ActionStatus.NOT_STARTED),
    ("Annulleret", ActionStatus.CANCELLED), ("Avlyst", ActionStatus.CANCELLED),
    ("Cancelled", ActionStatus.CANCELLED), ("cancelled", ActionStatus.CANCELLED),
])
def test_status_words_people_write(word: str, status: ActionStatus) -> None:
    assert read_status(word) is status


@pytest.mark.parametrize(("heading", "name"), [
    ("Tiltak", "change"), ("Ændring/opgave", "change"), ("Endring/oppgave", "change"),
    ("Change/task", "change"), ("Ansvarlig", "responsible"), ("Ansvar", "responsible"),
    ("Responsible", "responsible"), ("Frist", "deadline"), ("Deadline", "deadline"),
    ("Status:", "status"), ("Effekt", "effect"), ("Effect", "effect"), ("Hvordan", "how"),
    ("How", "how"),
])
def test_headings_in_three_languages(heading: str, name: str) -> None:
    assert read_heading(heading) == name
