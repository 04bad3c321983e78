"""The benefits as a table for Excel: the demo's benefits with typed cells (amounts floats,
periods dates), read back the same from xlsx and CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.closing.benefits import AMOUNT_DECIMALS, benefits_table, list_benefits
from core.db.store import Store
from core.demo.build import open_demo
from core.i18n import Translator
from core.values.sheets import Kind
from tests.core.values.sheets_back import as_written, read_back

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def demo(tmp_path: Path) -> Store:
    return open_demo(tmp_path / "demo.db", today=TODAY)


def test_cells_are_typed(demo: Store) -> None:
    rows = list_benefits(demo)
    table = benefits_table(rows, Translator("da"))
    headings = [column.heading for column in table.columns]
    amount = table.columns[headings.index("Beløb")]
    assert amount.kind is Kind.NUMBER and amount.decimals == AMOUNT_DECIMALS
    assert len(table.rows) == len(rows) >= 3
    for row, values in zip(rows, table.rows, strict=True):
        cells = dict(zip(headings, values, strict=True))
        assert cells["Projekt"] == row.project_name and cells["Gevinst"] == row.benefit.title
        assert isinstance(cells["Beløb"], float) and cells["Beløb"] == row.benefit.amount
        assert isinstance(cells["Fra"], dt.date) and isinstance(cells["Til"], dt.date)
    by_unit = {cells[headings.index("Type")]: cells[headings.index("Beløbet i")]
               for cells in table.rows}
    assert by_unit["Kroner"] == "kr." and by_unit["Timer"] == "timer"
    assert any(cells[headings.index("Dokumenteret af")].startswith("⚠")
               for cells in table.rows)  # the flag of a benefit no measure documents


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_read_back_the_same(demo: Store, tmp_path: Path, suffix: str) -> None:
    tr = Translator("nb")
    table = benefits_table(list_benefits(demo), tr)
    assert read_back(table, tmp_path / f"gevinster{suffix}", tr) == as_written(table)
