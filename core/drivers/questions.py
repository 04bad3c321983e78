"""The aim from the charter, and the Model for Improvement's three questions answered from the
charter, the measures and the driver diagram; what the team is changing is counted from its
ideas, cards and action-plan rows while the diagram has no change ideas.

The aim is kept in step with the charter by reading it, never by copying it: the aim's
statement is the text the team typed on the aim, or the charter's purpose when they typed none
(an empty aim text), and its result goals (what, how much, by when) are always the charter's.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.db import changelog
from core.db.store import Store
from core.drivers.diagram import Diagram, DiagramMeasure, RollUp
from core.drivers.state import STATE_ORDER
from core.i18n import Translator
from core.kaizen.board import load_cards
from core.measures.signals import MeasureStatus
from core.measures.words import format_value, state_text
from core.models import ActionStatus, BoardColumn, Charter, DriverKind, Measure, ResultGoal
from core.plan.actions import load_plan


@dataclass(frozen=True)
class Aim:
    """What the team is trying to accomplish."""

    statement: str
    """The aim's own text, or the charter's purpose ("" when there is neither)."""
    from_charter: bool
    goals: tuple[str, ...]
    """The charter's result goals as "what · how much · by when", in the user's language."""


def _goals(store: Store, project_id: str) -> list[ResultGoal]:
    rows = store.query(
        'SELECT id FROM result_goals WHERE project_id = ? AND _exists '
        'ORDER BY COALESCE("order", \'\'), id', [project_id])
    return [changelog.load(store, ResultGoal, row["id"]) for row in rows]


def goal_text(store: Store, goal: ResultGoal, tr: Translator) -> str:
    """A result goal as "what · how much · by when" (the parts the charter has)."""
    parts = [goal.text]
    if goal.target is not None:
        measure = None
        if goal.measure_id:
            rows = store.query("SELECT _exists FROM measures WHERE id = ?", [goal.measure_id])
            if rows and rows[0]["_exists"]:
                measure = changelog.load(store, Measure, goal.measure_id)
        target = (format_value(measure, goal.target, tr) if measure
                  else tr.number(goal.target))
        parts.append(tr("driver.goal_target", target=target))
    if goal.due is not None:
        parts.append(tr("driver.goal_due", due=tr.date(goal.due)))
    return " · ".join(parts)


def aim_of(store: Store, diagram: Diagram, tr: Translator) -> Aim:
    """The aim: its own text or the charter's purpose, and the charter's result goals."""
    own = diagram.aim.text.strip()
    purpose = ""
    rows = store.query("SELECT _exists FROM charters WHERE id = ?",
                       [Charter.id_for(diagram.project_id)])
    if rows and rows[0]["_exists"]:
        purpose = changelog.load(store, Charter, Charter.id_for(diagram.project_id)).purpose
    goals = tuple(goal_text(store, g, tr) for g in _goals(store, diagram.project_id))
    return Aim(own or purpose.strip(), not own, goals)


def signal_words(status: MeasureStatus, tr: Translator) -> str:
    """A measure's signal state in words, always with a marker (○ when there is no signal)."""
    words = state_text(status, tr)
    return words if status.signal else f"{tr('driver.no_signal_mark')} {words}"


def measure_line(item: DiagramMeasure, tr: Translator) -> str:
    """"Resultatmål: name – ▲ Signal – bedre"."""
    role = tr(f"enum.measure_role.{item.role.value}") if item.role else tr("driver.no_role")
    return tr("driver.measure_line", role=role, name=item.measure.name,
              state=signal_words(item.status, tr))


def rollup_words(rollup: RollUp, tr: Translator) -> str:
    """"2 indført · 1 afprøves · 5 ikke afprøvet" (the states that occur)."""
    return " · ".join(tr(f"driver.count.{state.value}", count=rollup.count(state))
                      for state in STATE_ORDER if rollup.count(state))


@dataclass(frozen=True)
class ChangeWork:
    """What a project is changing outside the driver diagram, each thing counted once."""

    ideas: int
    """Ideas neither rejected nor parked that are on no card and no action-plan row yet."""
    cards: int
    """Cards on the board (archived and dropped ones left out)."""
    actions: int
    """Action-plan rows not cancelled."""

    def words(self, tr: Translator) -> str:
        """"1 idé · 4 kort · 7 handlinger" (only what there is)."""
        return " · ".join(tr.count(f"driver.work_{name}", count)
                          for name, count in (("ideas", self.ideas), ("cards", self.cards),
                                              ("actions", self.actions)) if count)


def change_work(store: Store, project_id: str) -> ChangeWork:
    """Count the project's ideas, cards and action-plan rows (`ChangeWork`)."""
    (ideas,) = store.execute(
        "SELECT COUNT(*) FROM ideas i WHERE i.project_id = ? AND i._exists "
        "AND i.status IN ('new', 'chosen') "
        "AND NOT EXISTS (SELECT 1 FROM kaizen_cards c WHERE c.idea_id = i.id AND c._exists) "
        "AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.idea_id = i.id AND a._exists)",
        [project_id]).fetchone()
    cards = sum(card.column != BoardColumn.DROPPED for card in load_cards(store, project_id))
    actions = sum(row.status != ActionStatus.CANCELLED for row in load_plan(store, project_id))
    return ChangeWork(int(ideas), cards, actions)


@dataclass(frozen=True)
class Answer:
    """One of the three questions and its answer, as lines."""

    question: str
    short: str
    """The question in a few words (for a narrow panel)."""
    lines: tuple[str, ...]
    summary: str
    """The answer in one line (for a narrow panel)."""


def three_questions(store: Store, diagram: Diagram, tr: Translator) -> list[Answer]:
    """What are we trying to accomplish? How will we know that a change is an improvement?
    What changes can we make that will result in improvement?"""
    aim = aim_of(store, diagram, tr)
    first = [aim.statement] if aim.statement else [tr("driver.q1_empty")]
    first += [f"• {goal}" for goal in aim.goals]
    goals = tr("driver.q1_goals", count=len(aim.goals)) if aim.goals else tr("driver.q1_no_goals")
    measures = diagram.measures
    second = [measure_line(m, tr) for m in measures] or [tr("driver.q2_empty")]
    better = sum(1 for m in measures if m.status.signal and m.status.direction == "better")
    summary2 = (tr("driver.q2_summary", count=len(measures), better=better) if measures
                else tr("driver.q2_empty"))
    ideas = diagram.of_kind(DriverKind.CHANGE_IDEA)
    rollup = diagram.rollup(diagram.aim.id)
    if ideas:
        third = [tr("driver.q3_line", ideas=len(ideas),
                    drivers=len(diagram.of_kind(DriverKind.PRIMARY)),
                    states=rollup_words(rollup, tr))]
        summary3 = tr("driver.q3_summary", ideas=len(ideas), states=rollup_words(rollup, tr))
    elif (work := change_work(store, diagram.project_id).words(tr)):
        third = [tr("driver.q3_work", work=work)]
        summary3 = tr("driver.q3_work_summary", work=work)
    else:
        third = [tr("driver.q3_empty")]
        summary3 = third[0]
    return [
        Answer(tr("driver.q1"), tr("driver.q1_short"), tuple(first),
               aim.statement or f"{tr('driver.q1_empty')} ({goals})"),
        Answer(tr("driver.q2"), tr("driver.q2_short"), tuple(second), summary2),
        Answer(tr("driver.q3"), tr("driver.q3_short"), tuple(third), summary3),
    ]
