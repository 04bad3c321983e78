"""The Markdown reports hold the same sections and numbers as the HTML; each chart is a table of
its points with the signals marked; user text is escaped in both formats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.db.store import Store
from core.demo.build import open_demo
from core.i18n import Translator
from core.measures.signals import measure_status, project_measure_ids
from core.measures.words import format_value, point_label
from core.reports.files import make_report
from core.reports.markdown import md_escape
from tests.core.reports.reports_parse import parse

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, str]]:
    store = open_demo(tmp_path_factory.mktemp("demo") / "d.db", today=TODAY)
    [project_id] = [row["id"] for row in store.query("SELECT id FROM projects")]
    yield store, project_id
    store.close()


def both(store: Store, kind: str, project_id: str | None) -> tuple[str, str]:
    html = make_report(store, kind, project_id, fmt="html", today=TODAY).text  # type: ignore[arg-type]
    md = make_report(store, kind, project_id, fmt="md", today=TODAY).text  # type: ignore[arg-type]
    return html, md


def md_table(md: str, header_start: str) -> list[list[str]]:
    """The rows of the first Markdown table whose header starts with `header_start`."""
    lines = md.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header_start}"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return [rows[0], *rows[2:]]


@pytest.mark.parametrize("kind", ["status", "closing", "portfolio"])
def test_markdown_has_the_html_sections_and_tables(demo: tuple[Store, str], kind: str) -> None:
    store, project_id = demo
    html, md = both(store, kind, None if kind == "portfolio" else project_id)
    page = parse(html)
    headings = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert headings == [h.text for h in page.find("h2")][1:]  # the HTML also has contents
    for css, rows in page.tables.items():
        for row in rows[1:]:
            for cell in row:
                assert md_escape(" ".join(cell.split())) in md, (css, cell)


def test_each_chart_is_a_table_of_points_with_cores_signals(demo: tuple[Store, str]) -> None:
    store, project_id = demo
    _, md = both(store, "status", project_id)
    tr = Translator("da")
    assert "10 af 17 færdige · 2 forsinkede" in md
    blocks = md.split("\n### ")[1:]
    ids = project_measure_ids(store, project_id)
    assert len(blocks) == len(ids)
    for block, measure_id in zip(blocks, ids, strict=True):
        status = measure_status(store, measure_id)
        assert block.startswith(md_escape(status.measure.name))
        qic = status.chart
        header, *rows = md_table(block, "Periode")
        assert header == ["Periode", "Værdi", "Middelværdi", "Nedre grænse", "Øvre grænse",
                          "Signal"]
        assert [row[0] for row in rows] == [point_label(status.measure, p, tr)
                                            for p in status.series.labels]
        signs = [row[5].split(", ") for row in rows]
        assert {i for i, s in enumerate(signs) if "signal" in s} == set(qic.run_indexes)
        assert {i for i, s in enumerate(signs) if "uden for kontrolgrænserne" in s} == set(
            qic.sigma_indexes)
        assert [row[2] for row in rows] == [
            format_value(status.measure, p.cl, tr) for p in qic.points]
        assert [row[4] for row in rows] == [
            format_value(status.measure, p.ucl, tr) for p in qic.points]
        assert f"Middelværdi: {rows[-1][2]}" in block
    assert "- I-kort: Signal: 16 punkter i træk over middelværdien (grænse 8) · Signal: kun 1 " \
        "krydsning af middelværdien (grænse 8)" in md


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[tuple[Store, str, str]]:
    from core.db.undo import UndoLog
    from core.measures import entry as measures
    from core.project import charter
    from core.project.projects import create_project

    store = Store.open(tmp_path / "h.db")
    name = "<script>alert(1)</script> [/x]"
    project = create_project(store, name, unit="[@click=app.quit]x[/]")
    log = UndoLog(store)
    measure = measures.add_measure(log, project.id, name="<b>Ventetid</b> | *fed* [/x]")
    for week in range(1, 13):
        measures.add_measurement(log, measure, measures.Entry(f"2026-W{week:02d}", value=week))
    purpose = "</section><h1>Hacket</h1>\n# ikke en overskrift"
    charter.save_texts(store, project.id, {"purpose": purpose})
    yield store, project.id, measure.id
    store.close()


def test_hostile_names_are_escaped_in_html(hostile: tuple[Store, str, str]) -> None:
    store, project_id, measure_id = hostile
    html = make_report(store, "status", project_id, fmt="html", today=TODAY).text
    assert "<script" not in html and "<b>" not in html and "<h1>Hacket" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [/x]" in html
    page = parse(html)
    assert page.find("p", "subtitle")[0].text == "<script>alert(1)</script> [/x]"
    assert page.find("section")[2].attrs["id"] == "charter"  # no section was closed early
    assert "</section><h1>Hacket</h1>" in page.section_text["charter"]
    [svg] = page.find("svg", "run-chart")
    assert svg.attrs["aria-label"] == "<b>Ventetid</b> | *fed* [/x]"
    assert page.find("h3")[0].text == "<b>Ventetid</b> | *fed* [/x]"
    assert svg.attrs["data-measure"] == measure_id


def test_hostile_names_are_escaped_in_markdown(hostile: tuple[Store, str, str]) -> None:
    store, project_id, _ = hostile
    md = make_report(store, "status", project_id, fmt="md", today=TODAY).text
    assert "<script>" not in md and "<b>" not in md and "\n# ikke" not in md
    assert r"**\<script\>alert(1)\</script\> \[/x\]**" in md
    assert r"### \<b\>Ventetid\</b\> \| \*fed\* \[/x\]" in md
    assert r"\# ikke en overskrift" in md
    assert r"\[@click=app.quit\]x\[/\]" in md


def test_the_summary_of_measures_reads_as_words(demo: tuple[Store, str]) -> None:
    store, project_id = demo
    md = make_report(store, "status", project_id, fmt="md", today=TODAY).text
    summary = md[md.index("## Overblik over målinger"):]
    summary = summary[:summary.index("\n## ", 1)]
    assert ("| Måling | Seneste | Mål | Variation | Når målet? | Siden |") in summary
    assert ("| Dage fra sygemelding til første fælles samtale | 12 dage | 14 dage | "
            "▲ særlig årsag – forbedring | ✗ når ikke målet | uge 38 2026 |") in summary
    assert "<svg" not in summary
