"""A measure shared by name across projects of different units, compared in a funnel plot:
core (which measures are shared, the funnel of a period), the portfolio report's words and
table, and the portfolio screen's T key with its two small lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.db.store import Store
from core.db.undo import UndoLog
from core.measures.entry import Entry, add_measure, add_measurement
from core.models import Direction, MeasureKind
from core.project.projects import create_project
from core.reports.files import make_report
from core.teams.funnel import Position
from core.views.funnel import shared_funnel, shared_measures, shared_periods

TODAY = dt.date(2026, 11, 24)
UNITS = {"Jobcenter Nord": (12, 100), "Jobcenter Syd": (30, 100), "Jobcenter Vest": (11, 90)}
"""Unit -> (numerator, denominator) in week 47: Syd is far above the others."""


def make_units(store: Store) -> None:
    log = UndoLog(store)
    for unit, (top, bottom) in UNITS.items():
        project = create_project(store, f"Afklaring {unit}", unit=unit)
        measure = add_measure(log, project.id, name="Andel med plan inden 8 uger",
                              kind=MeasureKind.PROPORTION, better=Direction.HIGHER,
                              multiply=100.0)
        add_measurement(log, measure, Entry("2026-W47", numerator=top, denominator=bottom))
        add_measure(log, project.id, name=f"Egen måling {unit}", kind=MeasureKind.PROPORTION)


@pytest.fixture
def units_store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "units.db")
    make_units(store)
    yield store
    store.close()


def test_a_measure_shared_by_three_units(units_store: Store) -> None:
    (shared,) = shared_measures(units_store)
    assert shared.name == "Andel med plan inden 8 uger" and len(shared.measures) == 3
    assert shared_periods(units_store, shared) == ["2026-W47"]
    result = shared_funnel(units_store, shared, "2026-W47")
    by_name = {u.name: u for u in result.units}
    # p = 53 / 290 = 0.183; Syd at 0.30 with n = 100: sd = 0.0386, 99.8 % upper 0.302: inside
    assert by_name["Jobcenter Syd"].position is Position.ABOVE_95
    assert by_name["Jobcenter Syd"].better is True  # higher is better here


def test_the_portfolio_report_carries_the_funnel(units_store: Store) -> None:
    html = make_report(units_store, "portfolio", None, fmt="html", today=TODAY).text
    assert "Tragtdiagram: Andel med plan inden 8 uger, uge 47 2026" in html
    assert ("Jobcenter Syd ligger over 95 %-grænsen (men inden for 99,8 %): 30 % mod "
            "18,3 % samlet – bedre end forventet") in html
    md = make_report(units_store, "portfolio", None, fmt="md", today=TODAY).text
    assert "| Jobcenter Syd | 100 | 30 % | △ over 95 %-grænsen – bedre end forventet |" in md


def test_the_html_report_draws_the_funnel(units_store: Store) -> None:
    from tests.core.reports.reports_parse import parse

    html = make_report(units_store, "portfolio", None, fmt="html", today=TODAY).text
    page = parse(html)
    (plot,) = page.find("svg", "funnel")
    assert float(plot.attrs["data-overall"]) == pytest.approx(53 / 290)
    points = {p.attrs["data-unit"]: p for p in page.find("circle", "point")
              + page.find("polygon", "point")}
    assert set(points) == set(UNITS)
    assert points["Jobcenter Syd"].attrs["data-position"] == "above_95"
    assert points["Jobcenter Nord"].attrs["data-position"] == "inside"
    # the overall rate and the four limit curves; the unit outside is named beside its point
    assert len(page.find("line", "overall")) == 1
    assert len(page.find("polyline", "limit")) == 4
    assert [t.text for t in page.find("text", "mark-label")] == ["Jobcenter Syd"]
    md = make_report(units_store, "portfolio", None, fmt="md", today=TODAY).text
    assert "<svg" not in md
