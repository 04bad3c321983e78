"""The HTML reports on the demo: one self-contained file whose sections, numbers and charts are
core's own (the chart's medians and signal points are the run-chart analysis's)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.db.store import Store
from core.demo.build import open_demo
from core.measures.signals import measure_status, project_measure_ids
from core.models import ActionStatus
from core.plan.actions import load_plan, summarize
from core.reports.files import make_report
from tests.core.reports.reports_parse import Parsed, parse

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, str]]:
    store = open_demo(tmp_path_factory.mktemp("demo") / "d.db", today=TODAY)
    [project_id] = [row["id"] for row in store.query("SELECT id FROM projects")]
    yield store, project_id
    store.close()


def html_of(store: Store, kind: str, project_id: str | None, lang: str = "da",
            since: dt.date | None = None) -> tuple[str, Parsed]:
    made = make_report(store, kind, project_id, fmt="html", lang=lang, today=TODAY,  # type: ignore[arg-type]
                       since=since)
    return made.text, parse(made.text)


def test_the_status_report_is_one_self_contained_printable_file(demo: tuple[Store, str]) -> None:
    store, project_id = demo
    text, page = html_of(store, "status", project_id)
    assert text.startswith("<!DOCTYPE html>")
    assert page.find("html")[0].attrs["lang"] == "da"
    # no scripts, no network, no external files
    assert not page.find("script") and not page.find("link") and not page.find("img")
    assert not re.search(r"""(src|href)\s*=\s*["'](?!#)""", text)
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in text
    # A4, charts and tables not split, a page break before the charts
    assert "@page { size: A4; margin: 15mm; }" in text
    assert re.search(r"figure\.chart \{[^}]*page-break-inside: avoid", text)
    assert re.search(r"table\.keep \{[^}]*page-break-inside: avoid", text)
    assert re.search(r"tr \{[^}]*page-break-inside: avoid", text)
    assert re.search(r"thead \{ display: table-header-group", text)
    short = [t for t in page.find("table") if len(page.tables[t.attrs["class"].split()[0]]) <= 13]
    assert short and all("keep" in t.classes for t in short)
    assert page.section_ids() == ["overview", "charter", "phases", "measures", "driver", "actions",
                                  "cycles", "successes", "benefits", "asks"]
    [measures] = [s for s in page.find("section") if s.attrs["id"] == "measures"]
    assert "new-page" in measures.classes
    assert page.find("h1")[0].text == "Statusrapport til styregruppen"


def test_status_numbers_are_cores(demo: tuple[Store, str]) -> None:
    store, project_id = demo
    _, page = html_of(store, "status", project_id)
    summary = summarize(load_plan(store, project_id), TODAY)
    done = summary.counts[ActionStatus.DONE]
    assert (done, summary.total, summary.overdue) == (10, 17, 2)
    assert f"{done} af {summary.total} færdige · {summary.overdue} forsinkede" in \
        page.section_text["overview"]
    people = page.tables["by-responsible"]
    assert people[0] == ["Ansvarlig", "Rækker", "Færdig", "Åbne", "Forsinkede"]
    assert sum(int(row[1]) for row in people[1:]) == summary.total
    assert sum(int(row[2]) for row in people[1:]) == done
    assert sum(int(row[4]) for row in people[1:]) == summary.overdue
    overdue = page.tables["overdue"]
    assert len(overdue) - 1 == summary.overdue
    assert all(row[3].startswith("forsinket") for row in overdue[1:])
    assert ["Beskrive stedfortræderordning ved ferie og sygdom", "Susanne Krogh",
            "09-11-2026", "forsinket (I gang)"] in overdue
    goals = page.tables["goals"]
    assert goals[1][2:] == ["12 dage", "22,7 dage", "14 dage", "15-02-2027", "Nået"]
    assert goals[2][2:] == ["78,6 %", "43,7 %", "80 %", "12-04-2027", "Ikke nået"]
    phases = page.tables["phases"]
    assert phases[5] == ["Fase 5: Afprøvning (aktuel)", "I gang", "3 af 5"]
    assert "Fase 5: Afprøvning har 2 åbne punkter på tjeklisten." in page.section_text["asks"]
    assert "2 rækker i handlingsplanen er forsinkede" in page.section_text["asks"]
    assert "Den faste tirsdagstid er blevet standard" in page.section_text["successes"]
    assert "1,3 mio. kr. forventet sparet på 12 måneder i 1 projekt" in \
        page.section_text["benefits"]


def test_each_chart_draws_cores_medians_and_signals(demo: tuple[Store, str]) -> None:
    store, project_id = demo
    _, page = html_of(store, "status", project_id)
    ids = project_measure_ids(store, project_id)
    assert [svg.attrs["data-measure"] for svg in page.find("svg")] == ids
    signals_seen = 0
    for measure_id in ids:
        status = measure_status(store, measure_id)
        analysis, series = status.analysis, status.series
        medians = page.find("line", "median", chart=measure_id)
        assert [float(m.attrs["data-value"]) for m in medians] == [
            part.centre for part in analysis.parts]
        points = page.find("circle", "point", chart=measure_id)
        assert [p.attrs["data-period"] for p in points] == series.periods
        assert [float(p.attrs["data-value"]) for p in points] == series.values
        signals = {p.attrs["data-period"] for p in page.find("circle", "signal", chart=measure_id)}
        assert signals == {series.periods[i] for i in analysis.signal_indexes}
        signals_seen += len(signals)
        sigma = {r.attrs["data-period"] for r in page.find("rect", "sigma", chart=measure_id)}
        assert sigma == {series.periods[i] for i in status.control.signal_indexes}
        [target] = page.find("line", "target", chart=measure_id)
        assert float(target.attrs["data-value"]) == status.measure.target
        # a signal point is bigger than a plain one (colour is not the only sign)
        assert all(p.attrs["r"] == ("5" if p.attrs["data-period"] in signals else "3")
                   for p in points)
    assert signals_seen == 11  # the time to the first meeting: 11 weeks in a row below
    text = page.section_text["measures"]
    assert "Signal: 11 punkter i træk under medianen (grænse 8)" in text
    assert "▲ Signal – bedre" in text


def test_the_chart_follows_a_split_and_a_frozen_baseline(tmp_path: Path) -> None:
    from core.db import changelog
    from core.db.undo import UndoLog
    from core.measures import entry as measures
    from core.models import Measure
    from core.project.projects import create_project

    store = Store.open(tmp_path / "x.db")
    project = create_project(store, "Delt")
    log = UndoLog(store)
    measure = measures.add_measure(log, project.id, name="Ventetid", unit="dage")
    values = [9, 8, 10, 9, 11, 8, 9, 10, 9, 8, 4, 5, 3, 4, 5, 4, 3, 4, 5, 4, 3, 4]
    for week, value in enumerate(values, start=10):
        measures.add_measurement(log, measure, measures.Entry(f"2026-W{week:02d}", value=value))
    measures.add_annotation(log, measure, dt.date(2026, 5, 18), "Ny plan", split=True)
    measures.freeze_baseline(log, measure.id, "2026-W15")
    changelog.load(store, Measure, measure.id)
    _, page = html_of(store, "status", project.id)
    status = measure_status(store, measure.id)
    assert len(status.analysis.parts) == 2
    medians = page.find("line", "median", chart=measure.id)
    assert [float(m.attrs["data-value"]) for m in medians] == [
        p.centre for p in status.analysis.parts]
    assert medians[0].attrs["data-frozen-until"] == str(status.analysis.parts[0].baseline_end)
    assert len(page.find("line", "part-split", chart=measure.id)) == 1
    [mark] = page.find("line", "mark", chart=measure.id)
    assert mark.attrs["data-number"] == "1"
    assert "Del 2 fra uge 21 2026:" in page.section_text["measures"]
    assert "Medianen er låst til perioden til og med uge 15 2026." in \
        page.section_text["measures"]
    store.close()


def test_the_closing_report_holds_decisions_and_results(demo: tuple[Store, str]) -> None:
    from core.closing.decisions import closing_items

    store, project_id = demo
    _, page = html_of(store, "closing", project_id)
    assert page.section_ids() == ["overview", "decisions", "results", "successes", "benefits"]
    items = closing_items(store, project_id)
    decisions = page.tables["decisions"]
    assert [row[1] for row in decisions[1:]] == [item.subject for item in items]
    [table] = [t for t in page.find("table") if "decisions" in t.classes]
    assert len(items) == 15 and "keep" not in table.classes  # long: breaks between rows
    assert "Projektet er i Fase 5: Afprøvning." in page.section_text["overview"]
    assert page.tables["goals"][3][0] == \
        "Højst 3 nye sager om ugen har mere end 3 sagsbehandlere"
    assert page.tables["goals"][3][-1] == "Nået"
    assert len(page.find("svg")) == 3


def test_the_portfolio_report_lists_every_project(demo: tuple[Store, str]) -> None:
    from core.project.projects import list_projects

    store, _ = demo
    _, page = html_of(store, "portfolio", None, lang="en")
    assert page.find("html")[0].attrs["lang"] == "en"
    assert page.find("h1")[0].text == "Portfolio report"
    [summary] = list_projects(store, today=TODAY)
    projects = page.tables["projects"]
    assert projects[0][:6] == ["Project", "Unit", "Project leader", "Phase", "Open", "Overdue"]
    assert projects[1:] == [[
        summary.name, "Jobcenter Nord", "Mette Holm", "Phase 5: Test",
        str(summary.open_actions), str(summary.overdue_actions), "5 days ago", "3", "1", "0",
        "1"]]
    signals = page.tables["signals"]
    assert [row[1:] for row in signals[1:]] == [
        ["Dage fra sygemelding til første fælles samtale", "12 dage", "14 dage",
         "▲ Signal – better"],
        ["Andel borgere med fælles plan inden 8 uger", "78.6%", "80%", "No signal"],
        ["Antal nye sager med mere end 3 sagsbehandlere", "1 sager", "3 sager", "No signal"],
    ]
    from core.closing.benefits import benefit_summary, total_sentence
    from core.i18n import Translator

    totals = benefit_summary(store).totals
    assert totals
    for total in totals:
        assert total_sentence(total, Translator("en")) in page.section_text["benefits"]
    assert page.find("h2")[-1].text == "Benefits"


def test_the_status_report_holds_the_driver_diagram_as_an_outline(tmp_path: Path) -> None:
    import datetime as dt

    from core.demo.build import open_demo
    from core.reports.content import build_report
    from core.reports.markdown import render_markdown

    store = open_demo(tmp_path / "d.db", today=dt.date(2026, 11, 24))
    project_id = store.query("SELECT id FROM projects")[0]["id"]
    report = build_report(store, "status", project_id, lang="da", today=dt.date(2026, 11, 24))
    [section] = [s for s in report.sections if s.id == "driver"]
    text = render_markdown(report)
    assert section.title == "Driverdiagram" and "Driverdiagram" in text
    assert "P1 Borgeren får hurtigt én fælles start – 1 af 5 idéer indført" in text
    assert "· S1.1 Fast tid, hvor alle tre enheder er klar" in text
