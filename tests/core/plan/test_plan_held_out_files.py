"""Held-out action plans as Danish and Norwegian Excel users keep them (tests/data/excel, made
by make_held_out.py, not by Tavle's writer) import with the expected records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.i18n import Translator
from core.models import ActionStatus
from core.plan.excel import read_plan_file

DATA = Path(__file__).resolve().parents[2] / "data" / "excel"
TODAY = dt.date(2026, 11, 24)


def test_a_danish_workbook_with_a_guide_sheet_title_row_and_formulas() -> None:
    preview = read_plan_file(DATA / "handlingsplan_da.xlsx", TODAY)
    assert not preview.problems
    good = [(row.line, row.values) for row in preview.good]
    assert good == [
        (4, {"change": "Ringe til borgere", "responsible": "Mette",
             "effect": "Færre genindlæggelser", "how": "Telefon",
             "deadline": dt.date(2026, 8, 17), "status": ActionStatus.DONE}),
        (5, {"change": "Tjekliste til første samtale", "responsible": "Bo", "effect": "",
             "how": "", "deadline": dt.date(2026, 8, 17), "status": ActionStatus.IN_PROGRESS}),
        (7, {"change": "Fælles kalender", "responsible": "Ida", "effect": "", "how": "",
             "deadline": dt.date(2026, 9, 1), "status": ActionStatus.NOT_STARTED}),
        (9, {"change": "=Opdater skabelon", "responsible": "12", "effect": "", "how": "",
             "status": ActionStatus.DONE}),
    ]
    [refused] = [row for row in preview.rows if not row.ok]
    assert refused.line == 8
    assert [problem.message(Translator("da")) for problem in refused.problems] == [
        "Cellen E8 i arket »Handlingsplan« er en fejl i Excel (#REF!). Ret formlen i Excel, "
        "eller lad rækken ude."]


def test_a_norwegian_workbook_with_a_serial_date_and_bokmål_statuses() -> None:
    preview = read_plan_file(DATA / "tiltaksplan_nb.xlsx", TODAY)
    assert not preview.problems and len(preview.good) == 3
    assert [row.values.get("deadline") for row in preview.good] == [
        dt.date(2026, 8, 17), None, dt.date(2026, 12, 18)]
    assert [row.values["status"] for row in preview.good] == [
        ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.NOT_STARTED]
    assert [row.values["responsible"] for row in preview.good] == ["Kari", "Ola", "Kari"]


def test_norwegian_unicode_text_from_excel() -> None:
    preview = read_plan_file(DATA / "tiltaksplan_unicode.txt", TODAY)
    assert not preview.problems
    assert [(row.values["change"], row.values.get("deadline"), row.values["status"])
            for row in preview.good] == [
        ("Felles inntakssamtale", dt.date(2026, 8, 17), ActionStatus.IN_PROGRESS),
        ("Sjekkliste", None, ActionStatus.DONE)]
