"""The portfolio, benefits and presentation mode by keyboard, as a coordinator would use them
in a learning network's meeting: open the portfolio from the start screen, sort, filter, open a
project; add a benefit; present the demo project page by page; hostile names stay text."""

from __future__ import annotations

import datetime as dt

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label

from core.closing.benefits import list_benefits
from core.db.store import Store
from core.models import BenefitKind, BenefitStatus
from core.project import projects
from tests.tui.conftest import DEMO_TODAY, demo_signals, make_app
from tui.app import TavleApp
from tui.closing.benefit_overview import BenefitOverviewScreen
from tui.closing.benefits import BenefitsScreen
from tui.dialogs.choice_form import ChoiceFormDialog
from tui.dialogs.pick import PickDialog
from tui.measures.measure import MeasureScreen
from tui.project.project_list import ProjectListScreen
from tui.project.project_screen import ProjectScreen
from tui.views.portfolio import PortfolioScreen
from tui.views.presentation import PresentationScreen

HOSTILE = "[@click=app.quit]x[/] Ventetid"
HOSTILE_UNIT = "[/x]Team [b]Syd"


def _rows(table: DataTable[object]) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def _text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Label).render())  # type: ignore[attr-defined]


async def _settle(app: TavleApp, pilot: Pilot[None]) -> None:
    """Wait for the portfolio's signal worker (started just after the rows are drawn)."""
    for _ in range(200):
        await pilot.pause(0.05)
        if not isinstance(app.screen, PortfolioScreen) or app.screen.signals is not None:
            break
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_portfolio_from_the_start_screen_sort_filter_and_open(demo_store: Store) -> None:
    other = projects.create_project(demo_store, HOSTILE, unit=HOSTILE_UNIT, leader="[i]Ib")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        table = screen.query_one("#portfolio", DataTable)
        rows = _rows(table)
        assert [r[0] for r in rows] == [HOSTILE, "Hurtigere afklaring af sygemeldte borgere"]
        demo = rows[1]
        (held,) = demo_store.execute("SELECT MAX(held_on) FROM meetings").fetchone()
        days = (DEMO_TODAY - dt.date.fromisoformat(held)).days
        assert demo[1:3] == ["Jobcenter Nord", "5. Afprøvning"]
        assert demo[3] == (f"{days} dage" if days <= 14 else f"{days} dage ⚠")
        assert demo[4] == "6 · 2 forsinket" and demo[5] == f"▲{demo_signals(demo_store)[1]} ✗1"
        assert rows[0][1] == HOSTILE_UNIT and rows[0][3] == "intet møde"
        assert rows[0][7] == "[i]Ib"
        assert "252\u00a0000 kr. sparet" in _text(screen, "#portfolio-benefits")
        assert "1 forventet gevinst mangler" in _text(screen, "#portfolio-benefits")
        assert "2 af 2 projekter" in _text(screen, "#portfolio-status")
        # sort by days since the meeting: the project that never met goes last either way
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert screen.sort_key == "meeting" and screen.descending
        assert "Dage siden møde (faldende)" in _text(screen, "#portfolio-status")
        # filter by unit, then by typed text, Esc clears every filter
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("down", "enter")  # All units, the hostile one, Jobcenter Nord
        await pilot.pause()
        assert [r[0] for r in _rows(table)] == [HOSTILE]
        assert f"enhed: {HOSTILE_UNIT}" in _text(screen, "#portfolio-status")
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 2 and isinstance(app.screen, PortfolioScreen)
        await pilot.press("slash", *"hurtig")
        await pilot.pause()
        assert screen.query_one("#portfolio-filter", Input).display
        assert [r[0] for r in _rows(table)] == ["Hurtigere afklaring af sygemeldte borgere"]
        await pilot.press("enter")  # back to the table with the filter kept
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")  # a signal in the better direction
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert app.screen.title == "Hurtigere afklaring af sygemeldte borgere"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")  # clears the filters
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        assert other.id  # the hostile project was listed as text, and the app still runs


async def test_portfolio_works_at_80_columns_and_opens_the_benefits_overview(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(PortfolioScreen())
        await _settle(app, pilot)
        table = app.screen.query_one("#portfolio", DataTable)
        assert table.row_count == 1 and table.columns
        await pilot.press("g")
        await pilot.pause()
        overview = app.screen
        assert isinstance(overview, BenefitOverviewScreen)
        assert "252\u00a0000 kr. sparet på 2 måneder i 1 projekt" in _text(
            overview, "#overview-totals")
        sums = _rows(overview.query_one("#unit-sums", DataTable))
        assert ["Jobcenter Nord", "Kroner", "1,3 mio. kr.", "252\u00a0000 kr.", "1"] in sums
        benefits = _rows(overview.query_one("#all-benefits", DataTable))
        assert any("⚠ Mangler dokumenterende måling" in row for row in benefits)
        await pilot.press("s")  # the first benefit's documenting run chart
        await pilot.pause()
        assert isinstance(app.screen, MeasureScreen)
        await pilot.press("escape", "escape")  # the proposed split is put away, then back
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BenefitsScreen)


async def test_add_a_benefit_by_keyboard_and_undo_it(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Udskrivning", unit="Sundhed")
    app = make_app(empty_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.open_project(project.id)
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BenefitsScreen)
        assert "Tryk a" in _text(screen, "#benefits-empty")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceFormDialog)
        # title, kind (Kroner), status (down: Realiseret), amount, unit, from, to, how, measure
        await pilot.press(*HOSTILE, "tab", "tab", "enter", "down", "enter", "tab",
                          *"4,6 mio.", "tab", "tab", *"01-05-2025", "tab", *"31-10-2026",
                          "tab", *"35 borgere x 1,6 uge", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BenefitsScreen)
        [row] = list_benefits(empty_store, project.id)
        benefit = row.benefit
        assert (benefit.title, benefit.kind, benefit.status) == (
            HOSTILE, BenefitKind.KR, BenefitStatus.REALISED)
        assert benefit.amount == 4_600_000.0 and benefit.how_computed == "35 borgere x 1,6 uge"
        table = screen.query_one("#benefits", DataTable)
        assert _rows(table)[0][:4] == [HOSTILE, "Realiseret", "4,6 mio. kr.", "(ingen måling)"]
        assert "4,6 mio. kr. sparet på 18 måneder i 1 projekt" in _text(
            screen, "#benefits-summary")
        # an expected benefit without a measure is flagged in words
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("tab", "tab", "enter", "up", "enter", "ctrl+s")
        await pilot.pause()
        assert _rows(table)[0][1:4] == ["Forventet", "4,6 mio. kr.",
                                        "⚠ Mangler dokumenterende måling"]
        assert "mangler en dokumenterende måling" in _text(screen, "#benefits-summary")
        # a typo in the amount keeps the dialog open with the reason
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "ctrl+a", "backspace", *"mange", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceFormDialog)
        assert "Beløb" in str(app.screen.query_one("#form-error", Label).render())
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert list_benefits(empty_store, project.id) == []
        assert table.row_count == 0


async def test_present_the_demo_page_by_page(demo_store: Store) -> None:
    (project_id,) = [r["id"] for r in demo_store.query("SELECT id FROM projects")]
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.open_project(project_id)
        await pilot.pause()
        project_screen = app.screen
        await pilot.press("P")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentationScreen)
        pages = []
        for key in ("right", "space", "pagedown", "right", "right"):
            pages.append((screen.page_title, screen.page_text()))
            await pilot.press(key)
            await pilot.pause()
        assert screen.page == 4  # the last page: more "next" presses stay there
        heads = [title for title, _ in pages]
        assert heads == ["1/5 · Borgerforløbet og formålet",
                         "2/5 · Arbejdsgangen i dag og redesignet", "3/5 · Hovedmålingen",
                         "4/5 · Afprøvninger og det lærte", "5/5 · Succeser og gevinster"]
        case, workflow, measure, cycles, results = (text for _, text in pages)
        assert "Lone er 42 år" in case and "Formål" in case
        assert "Overleveringer: 6 → 5" in workflow and "Redesignet fjerner 3 trin" in workflow
        assert "Dage fra sygemelding til første fælles samtale" in measure
        assert "▲ Signal – bedre (I-kort)" in measure and "punkter i træk" in measure
        assert "Ny arbejdsgang i drift" in measure and "◆" in measure  # the chart is drawn
        assert "PDSA-afprøvning 1" in cycles and "Det lærte vi:" in cycles
        assert "Den faste tirsdagstid er blevet standard" in results
        assert "252\u00a0000 kr. sparet" in results and "⚠ Mangler dokumenterende måling" in results
        await pilot.press("left", "pageup")
        await pilot.pause()
        assert screen.page_title.startswith("3/5")
        await pilot.press("home")
        await pilot.pause()
        assert screen.page_title.startswith("1/5")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is project_screen


async def test_presentation_of_an_empty_project_says_what_is_missing(empty_store: Store) -> None:
    project = projects.create_project(empty_store, HOSTILE, unit=HOSTILE_UNIT)
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(PresentationScreen(project.id))
        await pilot.pause()
        screen = app.screen
        texts = []
        for _ in range(5):
            texts.append(screen.page_text())  # type: ignore[attr-defined]
            await pilot.press("right")
            await pilot.pause()
        assert screen.title == HOSTILE
        assert "intet borgerforløb endnu" in texts[0] and HOSTILE_UNIT in texts[0]
        assert "Hverken arbejdsgangen i dag eller redesignet" in texts[1]
        assert "ingen målinger endnu" in texts[2]
        assert "Ingen afprøvninger endnu" in texts[3]
        assert "Ingen succeser" in texts[4] and "Ingen gevinster" in texts[4]
