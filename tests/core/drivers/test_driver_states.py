"""What tests say about change ideas, rolled up to their drivers; the aim from the charter; the
three questions; the Markdown outline; the demo's diagram."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.demo.build import open_demo
from core.drivers import edits
from core.drivers.diagram import Diagram, load_diagram
from core.drivers.outline import outline
from core.drivers.questions import aim_of, three_questions
from core.drivers.state import IdeaState, combine
from core.i18n import Translator
from core.kaizen import board, cycles
from core.models import BoardColumn, DriverKind, DriverTestKind, IdeaStatus, Measure, MeasureRole
from core.project import charter, projects
from core.workflow import ideas

TODAY = dt.date(2026, 11, 24)
TX = Translator("da")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "states.db")


def _diagram(store: Store, project_id: str, ideas_count: int) -> tuple[Diagram, list[str]]:
    log = UndoLog(store)
    d = load_diagram(store, project_id)
    primary = edits.add_child(log, d, d.aim.id, "Fælles start").id
    d = load_diagram(store, project_id)
    secondary = edits.add_child(log, d, primary, "Hurtig kontakt").id
    found = []
    for number in range(ideas_count):
        d = load_diagram(store, project_id)
        found.append(edits.add_child(log, d, secondary, f"Idé {number + 1}").id)
    return load_diagram(store, project_id), [primary, secondary, *found]


def test_combine_rule() -> None:
    assert combine([]) is IdeaState.NOT_TRIED
    assert combine([IdeaState.ABANDONED, IdeaState.ADOPTED]) is IdeaState.ADOPTED
    assert combine([IdeaState.ADAPTED, IdeaState.TESTING]) is IdeaState.TESTING
    assert combine([IdeaState.ABANDONED, IdeaState.ADAPTED]) is IdeaState.ADAPTED
    assert combine([IdeaState.ABANDONED, IdeaState.ABANDONED]) is IdeaState.ABANDONED
    assert combine([IdeaState.ABANDONED, IdeaState.NOT_TRIED]) is IdeaState.NOT_TRIED


def test_the_rollup_follows_the_cycles(store: Store) -> None:
    project_id = projects.create_project(store, "Sygedagpenge").id
    log = UndoLog(store)
    d, (primary, secondary, one, two, three, four, _five) = _diagram(store, project_id, 5)
    card = board.add_card(log, project_id, BoardColumn.PLANNED, "Ring til borgeren")
    other = board.add_card(log, project_id, BoardColumn.PLANNED, "Sms dagen før")
    idea = ideas.capture(store, project_id, "Byt plads en dag")
    first = cycles.start(log, card.id, TX, today=TODAY)
    edits.set_tests(log, d, one, [(DriverTestKind.CYCLE, first.id)])
    edits.set_tests(log, d, two, [(DriverTestKind.CARD, other.id)])
    edits.set_tests(log, d, three, [(DriverTestKind.IDEA, idea.id)])
    d = load_diagram(store, project_id)
    assert d.states[one] is IdeaState.TESTING
    assert d.states[two] is IdeaState.NOT_TRIED and d.states[four] is IdeaState.NOT_TRIED
    assert d.rollup(primary).text(TX) == "0 af 5 idéer indført"
    second = cycles.adapt(log, first.id, TX, notes="tjekliste", today=TODAY)
    d = load_diagram(store, project_id)
    assert d.states[one] is IdeaState.TESTING  # the chain goes on in cycle 2
    cycles.adopt(log, second.id, TX, leader="Lars", decision="standard", today=TODAY)
    d = load_diagram(store, project_id)
    assert d.states[one] is IdeaState.ADOPTED
    assert d.rollup(secondary).text(TX) == "1 af 5 idéer indført"
    run = cycles.start(log, other.id, TX, today=TODAY)
    cycles.abandon(log, run.id, reason="for dyrt", today=TODAY)
    ideas.set_status(log, idea.id, IdeaStatus.REJECTED)
    d = load_diagram(store, project_id)
    assert d.states[two] is IdeaState.ABANDONED and d.states[three] is IdeaState.ABANDONED
    rollup = d.rollup(d.aim.id)
    assert (rollup.count(IdeaState.ADOPTED), rollup.count(IdeaState.ABANDONED),
            rollup.count(IdeaState.NOT_TRIED)) == (1, 2, 2)
    # one idea tested by a card that adapts (its last cycle) and another that is dropped
    card3 = board.add_card(log, project_id, BoardColumn.PLANNED, "Tjekliste")
    c3 = cycles.start(log, card3.id, TX, today=TODAY)
    with store.transaction():
        changelog.update(store, type(c3), c3.id, act="adapt")
    edits.set_tests(log, d, four, [(DriverTestKind.CARD, card3.id),
                                   (DriverTestKind.CARD, other.id)])
    assert load_diagram(store, project_id).states[four] is IdeaState.ADAPTED
    board.move_to_column(log, card3.id, BoardColumn.STANDARD, today=TODAY)
    assert load_diagram(store, project_id).states[four] is IdeaState.ADOPTED


def test_the_aim_keeps_in_step_with_the_charter(store: Store) -> None:
    project_id = projects.create_project(store, "Sygedagpenge").id
    log = UndoLog(store)
    d = load_diagram(store, project_id)
    assert aim_of(store, d, TX).statement == ""
    charter.save_texts(store, project_id, {"purpose": "Ét sammenhængende forløb"})
    with store.transaction():
        measure = changelog.create(store, changelog.build(
            Measure, project_id=project_id, name="Andel med plan", kind="proportion"))
    charter.add_goal(log, project_id, text="Fælles plan inden 8 uger", measure_id=measure.id,
                     target=0.8, due=dt.date(2027, 4, 1))
    aim = aim_of(store, load_diagram(store, project_id), TX)
    assert aim.statement == "Ét sammenhængende forløb" and aim.from_charter
    assert aim.goals == ("Fælles plan inden 8 uger · mål 80 % · senest 01-04-2027",)
    charter.save_texts(store, project_id, {"purpose": "Hurtigere afklaring"})
    assert aim_of(store, load_diagram(store, project_id), TX).statement == "Hurtigere afklaring"
    edits.edit_text(log, load_diagram(store, project_id), d.aim.id, "Vores eget mål")
    aim = aim_of(store, load_diagram(store, project_id), TX)
    assert aim.statement == "Vores eget mål" and not aim.from_charter and len(aim.goals) == 1
    edits.edit_text(log, load_diagram(store, project_id), d.aim.id, "")
    assert aim_of(store, load_diagram(store, project_id), TX).from_charter


def test_three_questions_and_outline(store: Store) -> None:
    project_id = projects.create_project(store, "Sygedagpenge").id
    empty = three_questions(store, load_diagram(store, project_id), TX)
    assert [a.lines for a in empty] == [(TX("driver.q1_empty"),), (TX("driver.q2_empty"),),
                                        (TX("driver.q3_empty"),)]
    log = UndoLog(store)
    d, (_, _, one, two) = _diagram(store, project_id, 2)
    with store.transaction():
        measure = changelog.create(store, changelog.build(
            Measure, project_id=project_id, name="[b]Dage[/b] *til* samtale"))
    edits.set_measure_role(log, d, measure.id, MeasureRole.OUTCOME, d.aim.id)
    card = board.add_card(log, project_id, BoardColumn.STANDARD, "Fast tirsdagstid")
    edits.set_tests(log, d, one, [(DriverTestKind.CARD, card.id)])
    answers = three_questions(store, load_diagram(store, project_id), TX)
    assert answers[0].question == "Hvad vil vi opnå?"
    assert answers[1].lines == (
        f"Resultatmål: [b]Dage[/b] *til* samtale – ○ {TX('measures.no_data')}",)
    assert answers[2].lines == (
        "2 forandringsidéer under 1 primære drivere: 1 indført · 1 ikke afprøvet",)
    text = outline(store, project_id, TX)
    assert text.startswith("## Driverdiagram\n")
    assert "- **P1** Fælles start – 1 af 2 idéer indført" in text
    assert "    - **F1** Idé 1 – Indført" in text
    assert "Afprøves med: Kort: Fast tirsdagstid" in text
    assert r"\*til\*" in text and r"\[b\]" in text  # user text stays text
    assert "  - **S1.1** Hurtig kontakt" in text
    assert two in load_diagram(store, project_id).nodes


def test_the_demo_has_a_filled_diagram(tmp_path: Path) -> None:
    store = open_demo(tmp_path / "demo.db", today=TODAY)
    project_id = store.query("SELECT id FROM projects")[0]["id"]
    d = load_diagram(store, project_id)
    assert d.aim_saved and d.aim.text == ""  # the aim follows the charter
    assert len(d.of_kind(DriverKind.PRIMARY)) >= 3
    assert len(d.of_kind(DriverKind.SECONDARY)) >= 4
    ideas_ = d.of_kind(DriverKind.CHANGE_IDEA)
    assert len(ideas_) >= 6
    states = {d.states[i] for i in ideas_}
    assert {IdeaState.ADOPTED, IdeaState.TESTING, IdeaState.ABANDONED,
            IdeaState.NOT_TRIED} <= states
    assert d.links, "a change idea serves two drivers"
    assert all(m.role is not None and m.node_id in d.nodes for m in d.measures)
    assert {m.role for m in d.measures} >= {MeasureRole.OUTCOME, MeasureRole.PROCESS}
    assert "Afprøves med" in outline(store, project_id, TX)
