"""Norwegian (bokmål) on the screens: switch the language in settings and read Norwegian words on
every main screen of the demo; a project created in Norwegian calls its cycles PGEK."""

from __future__ import annotations

import re

from textual.pilot import Pilot
from textual.widgets import Label

from core.db.store import Store
from core.models import CycleName
from core.project import projects
from tests.tui.conftest import DEMO_TODAY, make_app, screen_text
from tui.app import TavleApp
from tui.kaizen.board import BoardScreen
from tui.measures.measure import MeasureScreen
from tui.measures.overview import MeasuresScreen
from tui.plan.action_plan import ActionPlanScreen
from tui.project.charter import CharterScreen
from tui.project.project_list import ProjectListScreen
from tui.project.project_screen import ProjectScreen
from tui.screens.settings import SettingsScreen

NB_DATE = re.compile(r"\b\d{2}\.\d{2}\.20\d{2}\b")


def _labels(app: TavleApp) -> str:
    """The text of every label on the screen, scrolled into view or not."""
    return "\n".join(str(label.render()) for label in app.screen.query(Label))


async def _open(pilot: Pilot[None], key: str, screen: type) -> str:
    await pilot.press(key)
    for _ in range(40):
        await pilot.pause(0.05)
        if isinstance(pilot.app.screen, screen):
            break
    await pilot.pause(0.2)
    assert isinstance(pilot.app.screen, screen)
    return screen_text(pilot.app)


async def test_switch_to_norwegian_and_every_main_screen_speaks_it(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Projekter" in screen_text(app)
        await _open(pilot, "s", SettingsScreen)
        # the language dropdown has focus: open it, take the third language, save
        await pilot.press("enter", "down", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert app.settings.language == "nb"
        text = screen_text(app)
        assert app.screen.sub_title == "Innstillinger"
        assert "Språk" in text and "Norsk (bokmål)" in text and "Initialene dine" in text

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        text = screen_text(app)
        assert app.screen.sub_title == "Prosjekter"
        assert "Åpne tiltak" in text and "Sist endret" in text
        assert "Hurtigere afklaring af syg" in text  # typed data stays as typed

        text = await _open(pilot, "enter", ProjectScreen)
        assert app.screen.sub_title == "Fase 5: Utprøving"
        for word in ("Før prosjektstart", "Arbeidsprosess i dag", "Handlingsplan",
                     "Forbedringstavle", "Sjekkpunkter", "Forbedringsmøter"):
            assert word in text, word

        text = await _open(pilot, "k", CharterScreen)
        assert app.screen.sub_title.startswith("Prosjektmandat · Fase 5")
        labels = _labels(app)
        for word in ("Brukerforløp", "Formål", "Suksesskriterier", "Styringsgruppe",
                     "Prosjektgruppe", "Resultatmål"):
            assert word in labels, word
        await pilot.press("escape")

        text = await _open(pilot, "h", ActionPlanScreen)
        assert app.screen.sub_title.startswith("Handlingsplan · Fase 5")
        for word in ("Endring/oppgave", "Ansvarlig", "Effekt", "Hvordan", "Frist", "rader"):
            assert word in text, word
        assert NB_DATE.search(text)
        await pilot.press("escape")

        text = await _open(pilot, "m", MeasuresScreen)
        assert app.screen.sub_title.startswith("Målinger · Fase 5")
        assert "Variasjon" in text and "▲ forbedring" in text and "Når målet?" in text
        text = await _open(pilot, "enter", MeasureScreen)
        assert "I-kort" in text and "punkter på rad over gjennomsnittet" in text
        assert re.search(r"\buke \d{1,2} 20\d\d\b", text)
        assert "Forslag: ny del fra" in text and "s deler, Esc lar være" in text
        await pilot.press("escape", "escape", "escape")  # the proposed split, the chart

        text = await _open(pilot, "b", BoardScreen)
        assert app.screen.sub_title.startswith("Forbedringstavle · Fase 5")
        for word in ("Idé", "Planlagt", "Prøves ut", "Standard", "Droppet"):
            assert word in text, word
        assert "Afprøves" not in text


async def test_a_project_created_in_norwegian_calls_its_cycles_pgek(empty_store: Store) -> None:
    app = make_app(empty_store, language="nb")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Ingen prosjekter ennå" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Færre fall om natten", "enter", "enter", "enter")
        await pilot.pause()
        [summary] = projects.list_projects(empty_store, today=DEMO_TODAY)
        assert projects.get_project(empty_store, summary.id).cycle_name is CycleName.PGEK
        assert "Prosjektet «Færre fall om natten» er opprettet." in {
            str(n.message) for n in app._notifications
        }
