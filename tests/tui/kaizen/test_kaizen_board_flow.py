"""The kaizen board by keyboard only: a card from an idea, moved to "being tested", a cycle that
is adapted, a second cycle adopted by the leader, and the card in Standard with the decision."""

from __future__ import annotations

from textual.widgets import Input, Label, OptionList, TextArea

from core.db import changelog
from core.db.store import Store
from core.kaizen import board, cycles, successes
from core.models import ActDecision, BoardColumn, Idea, KaizenCard, Project
from tests.tui.conftest import make_app
from tui.dialogs import FormDialog
from tui.dialogs.pick import PickDialog
from tui.kaizen.board import BoardScreen
from tui.kaizen.card import CardScreen

HOSTILE = "[@click=app.quit]x[/] [/x]"


def _project_id(store: Store) -> str:
    (project_id,) = store.execute("SELECT id FROM projects").fetchone()
    return str(project_id)


def _column_lines(screen: BoardScreen, column: BoardColumn) -> list[str]:
    options = screen.query_one(f"#cards-{column.value}", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_card_from_idea_through_two_cycles_to_standard(demo_store: Store) -> None:
    app = make_app(demo_store, initials="MH", name="Mette Holm")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "b")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert "Kaizen-tavle" in screen.sub_title
        assert str(screen.query_one("#title-idea", Label).render()).startswith("Idé (2)")

        # a card from an idea (the newest idea not on the board yet)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        card_row = demo_store.query(
            "SELECT id, idea_id FROM kaizen_cards WHERE title LIKE 'Egen læge%'")[0]
        idea = changelog.load(demo_store, Idea, card_row["idea_id"])
        assert idea.text.startswith("Egen læge")
        assert screen.focused_card() is not None
        assert screen.focused_card().id == card_row["id"]
        assert any("Egen læge" in line for line in _column_lines(screen, BoardColumn.IDEA))

        # shift+right twice: Planned, then Being tested
        await pilot.press("shift+right", "shift+right")
        await pilot.pause()
        card = changelog.load(demo_store, KaizenCard, card_row["id"])
        assert card.column == BoardColumn.TESTING
        assert any("Egen læge" in line for line in _column_lines(screen, BoardColumn.TESTING))

        # open it and start the first cycle
        await pilot.press("enter")
        await pilot.pause()
        card_screen = app.screen
        assert isinstance(card_screen, CardScreen)
        assert "Ingen afprøvninger endnu" in str(card_screen.query_one("#no-cycles").render())
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.focused, TextArea) and app.focused.id == "f-plan_what"
        await pilot.press(*"Video med egen læge", "tab", *"Rasmus", "tab", *"+7", "tab",
                          *"Jobcenter Nord", "tab", *HOSTILE, "ctrl+s")
        await pilot.pause()
        [first] = cycles.cycles_of(demo_store, card.id)
        assert (first.number, first.plan_what, first.plan_who, first.plan_where) == (
            1, "Video med egen læge", "Rasmus", "Jobcenter Nord")
        assert first.prediction == HOSTILE and first.plan_when is not None
        options = card_screen.query_one("#cycles", OptionList)
        assert "PDSA-afprøvning 1" in str(options.get_option_at_index(0).prompt)

        # adapt: the second cycle opens with the first one's plan
        await pilot.press("escape", "t")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Kortere samtale", "enter")
        await pilot.pause()
        assert app.screen is card_screen
        first, second = cycles.cycles_of(demo_store, card.id)
        assert (first.act, first.act_notes) == (ActDecision.ADAPT, "Kortere samtale")
        assert (second.number, second.previous_id, second.plan_what) == (
            2, first.id, "Video med egen læge")
        assert card_screen.query_one("#f-plan_what", TextArea).text == "Video med egen læge"
        assert options.option_count == 2
        assert "PDSA-afprøvning 2" in str(card_screen.query_one("#cycle-title").render())

        # adopt: the leader's decision; the card moves to Standard and a success is offered
        await pilot.press("escape", "v")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        leader = changelog.load(demo_store, Project, card.project_id).leader
        assert app.screen.query_one("#field-leader", Input).value == leader
        await pilot.press("tab", *"Sådan gør vi her", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)  # the success offer
        assert "er blevet standard" in app.screen.query_one("#field-text", Input).value
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is card_screen
        second = cycles.cycles_of(demo_store, card.id)[1]
        assert (second.act, second.decided_by, second.act_notes) == (
            ActDecision.ADOPT, leader, "Sådan gør vi her")
        assert "Indfør" in str(card_screen.query_one("#act-summary").render())
        assert "Sådan gør vi her" in str(card_screen.query_one("#act-summary").render())
        [success] = [s for s in successes.list_successes(demo_store, card.project_id)
                     if s.card_id == card.id]
        assert success.recorded_by == "MH"

        # back on the board (Esc from the list of cycles): the card is in Standard
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert changelog.load(demo_store, KaizenCard, card.id).column == BoardColumn.STANDARD
        assert any("Egen læge" in line for line in _column_lines(screen, BoardColumn.STANDARD))
        assert screen.focused_card() is not None and screen.focused_card().id == card.id
        assert app.focused is screen.query_one("#cards-standard", OptionList)


async def test_hostile_card_text_is_shown_literally(empty_store: Store) -> None:
    from core.db.undo import UndoLog
    from core.project import projects

    project = projects.create_project(empty_store, "Tavle")
    card = board.add_card(UndoLog(empty_store), project.id, BoardColumn.IDEA, HOSTILE,
                          owner="[b]Ejer[/b]", description="[red]rød")
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(project.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        [line] = _column_lines(screen, BoardColumn.IDEA)
        assert line.startswith("[@click=app.quit]x[/") and "[b]Ejer[/b]" in line
        assert HOSTILE in str(screen.query_one("#board-details", Label).render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CardScreen)
        assert str(app.screen.query_one("#card-title", Label).render()) == HOSTILE
        assert "[red]rød" in str(app.screen.query_one("#card-info", Label).render())
        await pilot.press("escape", "x")
        await pilot.pause()
        assert HOSTILE in str(app.screen.query_one(".dialog-question", Label).render())
        await pilot.press("y")
        await pilot.pause()
        assert app.is_running
        assert changelog.load(empty_store, KaizenCard, card.id).archived
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not changelog.load(empty_store, KaizenCard, card.id).archived
        assert len(_column_lines(screen, BoardColumn.IDEA)) == 1


async def test_rename_a_column_and_choose_pgek(demo_store: Store) -> None:
    project_id = _project_id(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(project_id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        await pilot.press("right", "right", "right", "r")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Sådan gør vi", "enter")
        await pilot.pause()
        title = str(screen.query_one("#title-standard", Label).render())
        assert title.startswith("Sådan gør") and title.endswith(" (2)")  # cut at 80 columns
        assert board.column_labels(demo_store, project_id) == {
            BoardColumn.STANDARD: "Sådan gør vi"}
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert changelog.load(demo_store, Project, project_id).cycle_name == "pgek"
        # the card being tested: its cycles are now called PGEK
        await pilot.press("left", "home", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CardScreen)
        options = app.screen.query_one("#cycles", OptionList)
        assert str(options.get_option_at_index(1).prompt).startswith("PGEK 2")
