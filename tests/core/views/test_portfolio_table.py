"""The portfolio as a table for Excel: the demo's projects with typed cells, read back the same
from xlsx and CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db.store import Store
from core.demo.build import open_demo
from core.i18n import Translator
from core.project import projects
from core.views.portfolio import load_portfolio, portfolio_signals, portfolio_table
from tests.core.values.sheets_back import as_written, read_back

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def demo(tmp_path: Path) -> Store:
    store = open_demo(tmp_path / "demo.db", today=TODAY)
    projects.create_project(store, "=1+1 Ventetid", unit="Team Syd", leader="")
    return store


def test_cells_are_typed(demo: Store) -> None:
    rows = load_portfolio(demo, today=TODAY)
    signals = portfolio_signals(demo, [row.id for row in rows])
    table = portfolio_table(rows, Translator("da"), signals)
    assert table.name == "Portefølje" and len(table.columns) == len(table.rows[0])
    assert [column.heading for column in table.columns[:3]] == ["Projekt", "Enhed", "Fase"]
    by_name = {values[0]: dict(zip((column.heading for column in table.columns), values,
                                   strict=True)) for values in table.rows}
    first = by_name["Hurtigere afklaring af sygemeldte borgere"]
    demo_row = next(row for row in rows if row.name == first["Projekt"])
    assert first["Fase"] == 5 and first["Fasens navn"] == "Afprøvning"
    assert first["Åbne handlinger"] == demo_row.open_actions
    assert first["Forsinkede handlinger"] == demo_row.overdue_actions >= 2
    assert first["Signaler – bedre"] == signals.better[demo_row.id]
    assert isinstance(first["Sidst ændret"], dt.date)
    assert first["Dage siden møde"] == demo_row.days_since_meeting
    new = by_name["=1+1 Ventetid"]  # text that Excel would run stays text
    assert new["Dage siden møde"] is None and new["Konflikter"] == 0


def test_without_signals_their_cells_are_empty(demo: Store) -> None:
    table = portfolio_table(load_portfolio(demo, today=TODAY), Translator("en"))
    headings = [column.heading for column in table.columns]
    assert table.rows[0][headings.index("Conflicts")] is None
    assert headings[3] == "Phase name"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_read_back_the_same(demo: Store, tmp_path: Path, suffix: str) -> None:
    tr = Translator("da")
    rows = load_portfolio(demo, today=TODAY)
    table = portfolio_table(rows, tr, portfolio_signals(demo, [row.id for row in rows]))
    assert read_back(table, tmp_path / f"portefølje{suffix}", tr) == as_written(table)
