"""The funnel plot by keyboard: from the benchmark on the demo's sick leave (Team Syd named in
words, the plot with its markers and lines), at 80×24 and 120×40; a figure without a base or of
another kind says what to do; and the palette finds the key."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Label

from core.db.store import Store
from tests.tui.conftest import make_app
from tui.teams.benchmark import BenchmarkScreen
from tui.teams.funnel import TeamFunnelScreen
from tui.widgets.funnel_chart import FunnelChart


def _label(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Label).render())


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_sick_leave_funnel_names_team_syd(demo_store: Store, size: tuple[int, int]) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        await pilot.press("b")
        await _settle(pilot)
        assert isinstance(app.screen, BenchmarkScreen)
        await pilot.press("t")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, TeamFunnelScreen)
        assert _label(pilot, "#funnel-heading") == "Sygefravær · uge 47 2026 · samlet 5,8 %"
        words = _label(pilot, "#funnel-words")
        assert words.startswith("Team Syd ligger over 95 %-grænsen (men inden for 99,8 %): "
                                "9,8 % mod 5,8 % samlet – værre end forventet")
        chart = screen.query_one(FunnelChart)
        text = chart.chart_text
        assert "△" in text and "•" in text and "─" in text and "╌" in text and "┈" in text
        assert chart.region.height >= 5 and chart.region.width >= 40
        table = screen.query_one("#funnel-units", DataTable)
        rows = {str(table.get_row_at(i)[0]): [str(c) for c in table.get_row_at(i)]
                for i in range(table.row_count)}
        assert rows["Team Syd"][1:] == ["259", "9,8 %", "△ over 95 %-grænsen – værre end "
                                                        "forventet"]
        assert rows["Team Nord"][3] == "• inden for grænserne"
        # the week before: Team Syd at 4,1 % is inside
        await pilot.press("comma")
        await pilot.pause()
        assert "uge 46 2026" in _label(pilot, "#funnel-heading")
        assert _label(pilot, "#funnel-words").startswith("Alle 6 teams ligger inden for")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BenchmarkScreen)


async def test_funnel_without_base_and_of_another_kind(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("b")
        await _settle(pilot)
        await pilot.press("n")  # Klienttid: a share, but the demo gives it no base
        await pilot.pause()
        await pilot.press("t")
        await _settle(pilot)
        hint = _label(pilot, "#funnel-empty")
        assert hint.startswith("Intet team har et grundlag for Klienttid i uge 47 2026.")
        assert not app.screen.query_one(FunnelChart).display
        await pilot.press("escape")
        await pilot.press("n")  # Vikartimer: neither a share nor a rate
        await pilot.pause()
        await pilot.press("t")
        await _settle(pilot)
        assert _label(pilot, "#funnel-empty").startswith(
            "Vikartimer er hverken en andel eller en rate")


async def test_palette_lists_the_funnel(demo_store: Store) -> None:
    from tui.commands import screen_commands

    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("b")
        await _settle(pilot)
        names = [str(c.title) for c in screen_commands(app, app.screen)]
        assert "Tragtdiagram" in names
