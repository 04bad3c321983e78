"""The HTML reports on the demo: one self-contained file whose sections, numbers and charts are
core's own (each chart's centre lines, limits and signal points are those of the chart the
measure is read on, `core.measures.qic`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.db.store import Store
from core.demo.build import open_demo
from core.measures.signals import measure_status, project_measure_ids
from core.models import ActionStatus, Chart
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
    assert page.section_ids() == ["overview", "summary", "charter", "phases", "measures",
                                  "driver", "actions", "cycles", "successes", "benefits", "asks"]
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
    still_open = summary.counts[ActionStatus.NOT_STARTED] + summary.counts[
        ActionStatus.IN_PROGRESS]
    assert f"{summary.total} handlinger i planen: {done} færdige · {still_open} åbne · " \
        f"{summary.overdue} forsinkede" in page.section_text["actions"]
    overdue = page.tables["overdue"]
    assert len(overdue) - 1 == summary.overdue
    assert all(row[3].startswith("forsinket") for row in overdue[1:])
    assert ["Beskrive stedfortræderordning ved ferie og sygdom", "Susanne Krogh",
            "09-11-2026", "forsinket (I gang)"] in overdue
    goals = page.tables["goals"]
    # the centre line now of the chart each measure is read on: the I chart's mean of the days,
    # the P chart's pooled share (issue 17)
    assert goals[0][3] == "Centerlinje nu"
    assert goals[1][2:] == ["12 dage", "20,4 dage", "14 dage", "15-02-2027", "Nået"]
    assert goals[2][2:] == ["78,6 %", "42,8 %", "80 %", "12-04-2027", "Ikke nået"]
    phases = page.tables["phases"]
    assert phases[5] == ["Fase 5: Afprøvning (aktuel)", "I gang", "3 af 5"]
    assert "Fase 5: Afprøvning har 2 åbne punkter på tjeklisten." in page.section_text["asks"]
    assert "2 rækker i handlingsplanen er forsinkede" in page.section_text["asks"]
    assert "Den faste tirsdagstid er blevet standard" in page.section_text["successes"]
    assert "1,3 mio. kr. forventet sparet på 12 måneder i 1 projekt" in \
        page.section_text["benefits"]


def test_each_chart_draws_cores_chart_and_signals(demo: tuple[Store, str]) -> None:
    store, project_id = demo
    _, page = html_of(store, "status", project_id)
    ids = project_measure_ids(store, project_id)
    assert [svg.attrs["data-measure"] for svg in page.find("svg", "run-chart")] == ids
    assert [svg.attrs["data-chart"] for svg in page.find("svg", "run-chart")] == [
        "i", "p", "c", "xbar", "p", "t"]
    signals_seen = 0
    for measure_id in ids:
        status = measure_status(store, measure_id)
        qic, labels = status.chart, status.series.labels
        # the measure's own chart: a mean on these control charts, not a median (issue 17)
        centres = page.find("line", "centre", chart=measure_id)
        assert all("mean" in c.classes for c in centres)  # no run or G chart in the demo
        assert [float(c.attrs["data-value"]) for c in centres] == [
            part.centre for part in qic.parts]
        for side in ("lcl", "ucl"):
            [limit] = page.find("polyline", side, chart=measure_id)
            assert [float(v) for v in limit.attrs["data-values"].split()] == [
                getattr(point, side) for point in qic.points]
        points = page.find("circle", "point", chart=measure_id)
        assert [p.attrs["data-period"] for p in points] == list(labels)
        assert [float(p.attrs["data-value"]) for p in points] == list(qic.values)
        signals = {p.attrs["data-period"] for p in page.find("circle", "signal", chart=measure_id)}
        assert signals == {labels[i] for i in qic.run_indexes}
        signals_seen += len(signals)
        sigma = {r.attrs["data-period"] for r in page.find("rect", "sigma", chart=measure_id)}
        assert sigma == {labels[i] for i in qic.sigma_indexes}
        [target] = page.find("line", "target", chart=measure_id)
        assert float(target.attrs["data-value"]) == status.measure.target
        # a signal point is bigger than a plain one (colour is not the only sign)
        # an excluded point is a ring of its own size
        excluded = {labels[p.index] for p in qic.points if not p.include}
        assert all(p.attrs["r"] == ("5" if p.attrs["data-period"] in signals else
                                    "4" if p.attrs["data-period"] in excluded else "3")
                   for p in points)
    # the time to the first meeting, on its I chart: the 16 weeks before go-live a run above
    # the mean (20.4 days), the 10 after a run below it, 12 weeks outside the limits; and the
    # runs of the demo's case-level measures (issue 17)
    assert signals_seen == sum(len(measure_status(store, m).chart.run_indexes) for m in ids)
    assert signals_seen > 26
    text = page.section_text["measures"]
    assert "I-kort: Signal: 16 punkter i træk over middelværdien (grænse 8)" in text
    assert "I-kort: Signal: 12 punkter uden for kontrolgrænserne" in text
    assert "P-kort: Ingen tegn på ikke-tilfældig variation" in text
    assert "C-kort: Alle punkter inden for kontrolgrænserne" in text
    assert "▲ Signal – bedre (I-kort)" in text
    assert "Middelværdi: 20,4 dage" in text
    [legend, *_] = page.find("p", "legend")
    assert "stiplet linje: middelværdien" in legend.text
    assert "tynde grå linjer: kontrolgrænserne" in legend.text
    assert "udeladt" not in legend.text  # only what the chart shows


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
    parts = status.chart.parts
    assert status.chart.chart is Chart.C and len(parts) == 2
    assert parts[0].frozen == 6 and parts[0].centre == 55 / 6  # the 6 weeks up to week 15
    centres = page.find("line", "centre", chart=measure.id)
    assert [float(m.attrs["data-value"]) for m in centres] == [p.centre for p in parts]
    assert centres[0].attrs["data-frozen-until"] == "6"
    assert "data-frozen-until" not in centres[1].attrs
    assert len(page.find("line", "part-split", chart=measure.id)) == 1
    [mark] = page.find("line", "mark", chart=measure.id)
    assert mark.attrs["data-number"] == "1"
    assert "C-kort, del 2 fra uge 21 2026:" in page.section_text["measures"]
    assert ("Centerlinjen (middelværdien) og kontrolgrænserne er låst til perioden til og med "
            "uge 15 2026.") in page.section_text["measures"]
    assert "(ny del med egen centerlinje og egne grænser)" in page.section_text["measures"]
    store.close()


def test_a_missing_period_is_a_gap_and_an_excluded_point_is_marked(tmp_path: Path) -> None:
    from core.db import changelog
    from core.db.undo import UndoLog
    from core.measures import entry as measures
    from core.models import ChartMark, MarkKind, MeasureKind
    from core.project.projects import create_project

    store = Store.open(tmp_path / "x.db")
    project = create_project(store, "Huller")
    log = UndoLog(store)
    measure = measures.add_measure(log, project.id, name="Ventetid", unit="dage",
                                   kind=MeasureKind.TIME)
    values = {10: 12.0, 11: 14.0, 12: 13.0, 14: 15.0, 15: 40.0, 16: 12.0, 17: 14.0, 18: 13.0}
    for week, value in values.items():
        measures.add_measurement(log, measure, measures.Entry(f"2026-W{week:02d}", value=value))
    for week, kind, reason in ((13, MarkKind.MISSING, ""), (15, MarkKind.EXCLUDED, "Nyt system")):
        point = f"2026-W{week}"
        log.create(changelog.build(
            ChartMark, id=ChartMark.id_for(project.id, measure.id, point, kind),
            project_id=project.id, measure_id=measure.id, point=point, mark=kind, reason=reason))
    _, page = html_of(store, "status", project.id)
    status = measure_status(store, measure.id)
    qic = status.chart
    assert qic.chart is Chart.I and qic.values[3] is None and not qic.points[5].include
    # the excluded 40 is left out of the mean: (12 + 14 + 13 + 15 + 12 + 14 + 13) / 7 = 13.29
    assert qic.parts[0].centre == 93 / 7
    # two stretches of line around the missing week; no point drawn for it
    assert len(page.find("polyline", "series", chart=measure.id)) == 2
    points = page.find("circle", "point", chart=measure.id)
    assert [p.attrs["data-period"] for p in points] == [
        f"2026-W{week}" for week in (10, 11, 12, 14, 15, 16, 17, 18)]
    [excluded] = page.find("circle", "excluded", chart=measure.id)
    assert excluded.attrs["data-period"] == "2026-W15" and excluded.attrs["r"] == "4"
    # still a sigma signal: outside the limits though left out of them
    [sigma] = page.find("rect", "sigma", chart=measure.id)
    assert sigma.attrs["data-period"] == "2026-W15"
    [legend] = page.find("p", "legend", chart=None)
    assert "○ hul ring: udeladt punkt" in legend.text
    assert "hul i linjen: manglende periode" in legend.text
    md = make_report(store, "status", project.id, fmt="md", lang="da", today=TODAY).text
    [row13] = [line for line in md.splitlines() if line.startswith("| uge 13 2026 |")]
    assert row13.endswith("| mangler |")
    [row15] = [line for line in md.splitlines() if line.startswith("| uge 15 2026 |")]
    assert row15.startswith("| uge 15 2026 | 40 dage | 13,3 dage |")
    assert row15.endswith("| uden for kontrolgrænserne, udeladt |")
    store.close()


def test_the_closing_report_holds_decisions_and_results(demo: tuple[Store, str]) -> None:
    from core.closing.decisions import closing_items

    store, project_id = demo
    _, page = html_of(store, "closing", project_id)
    assert page.section_ids() == ["overview", "decisions", "results", "successes", "benefits"]
    items = closing_items(store, project_id)
    decisions = page.tables["decisions-undecided"]  # the demo has decided nothing yet
    assert [row[1] for row in decisions[1:]] == [item.subject for item in items]
    [table] = [t for t in page.find("table") if "decisions-undecided" in t.classes]
    assert len(items) == 39 and "keep" not in table.classes  # long: breaks between rows
    assert "Projektet er i Fase 5: Afprøvning." in page.section_text["overview"]
    assert page.tables["goals"][3][0] == \
        "Højst 3 nye sager om ugen har mere end 3 sagsbehandlere"
    assert page.tables["goals"][3][-1] == "Nået"
    assert len(page.find("svg", "run-chart")) == 3


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
        str(summary.open_actions), str(summary.overdue_actions), "5 days ago", "6", "4", "0",
        "1"]]
    # the summary of measures: those needing attention first (a target that will not be met),
    # each with its variation and assurance as an icon and words, and since when
    summary = page.tables["summary"]
    assert summary[0] == ["Project", "Measure", "Latest", "Target", "Variation",
                          "Meets target?", "Since"]
    assert [row[1:] for row in summary[1:]] == [
        ["Dage fra sygemelding til første fælles samtale", "12 dage", "14 dage",
         "▲ special cause – improving", "✗ consistently fails the target", "week 38 2026"],
        ["Andel borgere med fælles plan inden 8 uger", "78.6%", "80%", "~ common cause",
         "± hit and miss", "week 22 2026"],
        ["Antal nye sager med mere end 3 sagsbehandlere", "1 sager", "3 sager",
         "~ common cause", "± hit and miss", "week 22 2026"],
        ["Dage fra sygemelding til første fælles samtale, pr. borger", "12.7 dage", "14 dage",
         "▲ special cause – improving", "± hit and miss", "week 38 2026"],
        ["Fælles samtale holdt på første aftalte tid", "66.7%", "90%",
         "▲ special cause – improving", "± hit and miss", "week 38 2026"],
        ["Klager over sagsbehandlingen", "16.0 dage mellem klager", "21 dage mellem klager",
         "▲ special cause – improving", "± hit and miss", "15-06-2026"],
    ]
    icons = page.find("svg", "icon")
    assert len(icons) == 2 * (len(summary) - 1)
    assert [i.text for i in icons[:2]] == ["▲", "✗"]
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
