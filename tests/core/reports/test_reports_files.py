"""Report files: their names, where they are written, the period, and the CPR guard's scan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db.store import Store
from core.errors import TavleError
from core.i18n import Translator
from core.project import charter
from core.project.projects import create_project
from core.reports.content import build_report, default_since
from core.reports.files import file_name, free_path, make_report, report_hits, save_report

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "x.db")


def test_file_names_say_kind_project_and_date() -> None:
    da, en = Translator("da"), Translator("en")
    assert file_name("status", "Hurtigere afklaring – Æblegården", TODAY, "html", da) == \
        "Statusrapport_Hurtigere-afklaring-Aeblegaarden_2026-11-24.html"
    assert file_name("closing", "Ø/å?", TODAY, "md", da) == "Afslutningsrapport_Oe-aa_2026-11-24.md"
    assert file_name("portfolio", None, TODAY, "html", da) == \
        "Portefoeljerapport_2026-11-24.html"
    assert file_name("status", "<script>", TODAY, "md", en) == "Status-report_script_2026-11-24.md"


def test_a_report_never_overwrites_in_a_folder_but_replaces_a_named_file(tmp_path: Path) -> None:
    first = save_report("one", name="R.html", folder=tmp_path)
    second = save_report("two", name="R.html", folder=tmp_path)
    assert (first.name, second.name) == ("R.html", "R-2.html")
    assert free_path(tmp_path, "R.html").name == "R-3.html"
    named = save_report("three", name="ignored.html", path=tmp_path / "mine.html")
    again = save_report("four", name="ignored.html", path=named)
    assert again == named and named.read_text("utf-8") == "four"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["R-2.html", "R.html", "mine.html"]
    with pytest.raises(TavleError) as missing:
        save_report("x", name="R.html", folder=tmp_path / "nowhere")
    assert missing.value.key == "reports.error.no_folder"
    assert "nowhere" in missing.value.message(Translator("da"))


def test_the_period_defaults_to_four_weeks(store: Store) -> None:
    project = create_project(store, "P")
    assert default_since(TODAY) == dt.date(2026, 10, 27)
    report = build_report(store, "status", project.id, today=TODAY)
    assert dict(report.facts.items)["Periode"] == "27-10-2026 – 24-11-2026"
    report = build_report(store, "status", project.id, today=TODAY, since=dt.date(2026, 9, 1))
    assert dict(report.facts.items)["Periode"] == "01-09-2026 – 24-11-2026"
    assert [s.id for s in report.sections] == [
        "overview", "summary", "charter", "phases", "measures", "driver", "actions", "cycles",
        "successes", "asks"]
    with pytest.raises(ValueError):
        build_report(store, "status", None, today=TODAY)


def test_an_empty_project_says_what_is_missing(store: Store) -> None:
    project = create_project(store, "Tom")
    md = make_report(store, "status", project.id, fmt="md", today=TODAY).text
    assert "Projektkommissoriet er ikke udfyldt endnu." in md
    assert "Projektet har ingen målinger endnu." in md
    assert "Handlingsplanen har ingen rækker endnu." in md
    assert "Fase 1: Før projektstart har 4 åbne punkter på tjeklisten." in md


def test_cpr_hits_from_the_records_are_editable_and_others_are_not(store: Store) -> None:
    project = create_project(store, "Borger 010190-1234 ikke her")
    charter.save_texts(store, project.id, {"purpose": "Sagen om 020290-1236 viser det"})
    made = make_report(store, "status", project.id, fmt="html", today=TODAY)
    hits = report_hits(store, made, Translator("da"))
    assert {hit.number.digits for hit in hits} == {"0101901234", "0202901236"}
    assert all(hit.editable for hit in hits)
    assert {hit.field for hit in hits} == {"name", "purpose"}
    clean = create_project(store, "Ren")
    made = make_report(store, "status", clean.id, fmt="md", today=TODAY)
    assert report_hits(store, made, Translator("da")) == []


def test_a_goal_without_measure_or_target_says_so(store: Store) -> None:
    from core.db.undo import UndoLog

    project = create_project(store, "Mål")
    charter.add_goal(UndoLog(store), project.id, text="Gladere borgere")
    report = build_report(store, "closing", project.id, today=TODAY)
    [results] = [s for s in report.sections if s.id == "results"]
    goals = results.blocks[0]
    assert goals.rows == (("Gladere borgere", "–", "–", "–", "–", "–", "Ingen data"),)  # type: ignore[union-attr]


def test_a_target_is_reached_in_the_measures_better_direction() -> None:
    from core.models import Direction
    from core.reports.parts import reached

    assert reached(12, 14, Direction.LOWER) and not reached(15, 14, Direction.LOWER)
    assert reached(0.8, 0.8, Direction.HIGHER) and not reached(0.79, 0.8, Direction.HIGHER)
    assert reached(None, 14, Direction.LOWER) is None and reached(3, None, Direction.LOWER) is None
