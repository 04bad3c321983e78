"""What the tests of a change idea say: not tried, being tested, adopted, adapted or abandoned.

The rule, per thing that tests a change idea:
- a PDSA/PGEK cycle: the last cycle of its chain (cycles that follow it by `previous_id`) counts;
  its act decision adopt, adapt or abandon gives adopted, adapted or abandoned; without a
  decision it is being tested once started, else not tried;
- a kaizen card: the Standard column is adopted and Dropped is abandoned (the board holds the
  leader's decision); otherwise its last cycle's state; a card without cycles in Testing is
  being tested, else not tried;
- an idea: rejected is abandoned; otherwise the best state of the cards made from it (not
  tried when there is none).
A change idea with several tests is adopted when one of them is, else being tested when one
is, else adapted when one is, else abandoned when every one is; else (or without tests) it is
not tried.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from core.db.store import Store
from core.models import ActDecision, BoardColumn, DriverTestKind, IdeaStatus


class IdeaState(StrEnum):
    NOT_TRIED = "not_tried"
    TESTING = "testing"
    ADOPTED = "adopted"
    ADAPTED = "adapted"
    ABANDONED = "abandoned"


STATE_ORDER: tuple[IdeaState, ...] = (
    IdeaState.ADOPTED, IdeaState.TESTING, IdeaState.ADAPTED, IdeaState.ABANDONED,
    IdeaState.NOT_TRIED,
)
"""The states from the furthest on, in the order roll-ups and outlines list them."""

_ACT = {ActDecision.ADOPT.value: IdeaState.ADOPTED, ActDecision.ADAPT.value: IdeaState.ADAPTED,
        ActDecision.ABANDON.value: IdeaState.ABANDONED}


def combine(states: Iterable[IdeaState]) -> IdeaState:
    """The state of a change idea from the states of its tests (see the module's rule)."""
    found = list(states)
    for state in (IdeaState.ADOPTED, IdeaState.TESTING, IdeaState.ADAPTED):
        if state in found:
            return state
    if found and all(state is IdeaState.ABANDONED for state in found):
        return IdeaState.ABANDONED
    return IdeaState.NOT_TRIED


@dataclass(frozen=True)
class _Cycle:
    id: str
    card_id: str
    number: int
    previous_id: str | None
    act: str | None
    started: bool


@dataclass
class TestStates:
    """The project's cycles, cards and ideas, read once, and the state of each."""

    cycles: dict[str, _Cycle] = field(default_factory=dict)
    cards: dict[str, str] = field(default_factory=dict)
    """card id -> column"""
    ideas: dict[str, str] = field(default_factory=dict)
    """idea id -> status"""
    cards_of_idea: dict[str, list[str]] = field(default_factory=dict)

    def cycle(self, cycle_id: str) -> IdeaState:
        """The state of the last cycle in the chain that starts at `cycle_id`."""
        following = {c.previous_id: c for c in self.cycles.values() if c.previous_id}
        current = self.cycles.get(cycle_id)
        if current is None:
            return IdeaState.NOT_TRIED
        seen = {current.id}
        while current.id in following and following[current.id].id not in seen:
            current = following[current.id]
            seen.add(current.id)
        if current.act in _ACT:
            return _ACT[current.act]
        return IdeaState.TESTING if current.started else IdeaState.NOT_TRIED

    def card(self, card_id: str) -> IdeaState:
        """The state of a kaizen card (its column, else its last cycle)."""
        column = self.cards.get(card_id)
        if column is None:
            return IdeaState.NOT_TRIED
        if column == BoardColumn.STANDARD.value:
            return IdeaState.ADOPTED
        if column == BoardColumn.DROPPED.value:
            return IdeaState.ABANDONED
        own = [c for c in self.cycles.values() if c.card_id == card_id]
        if own:
            return self.cycle(max(own, key=lambda c: (c.number, c.id)).id)
        return IdeaState.TESTING if column == BoardColumn.TESTING.value else IdeaState.NOT_TRIED

    def idea(self, idea_id: str) -> IdeaState:
        """The state of an idea (rejected, else the best of the cards made from it)."""
        status = self.ideas.get(idea_id)
        if status is None:
            return IdeaState.NOT_TRIED
        if status == IdeaStatus.REJECTED.value:
            return IdeaState.ABANDONED
        cards = self.cards_of_idea.get(idea_id, [])
        if not cards:
            return IdeaState.NOT_TRIED
        states = [self.card(card_id) for card_id in cards]
        return next((s for s in STATE_ORDER if s in states), IdeaState.NOT_TRIED)

    def of(self, kind: DriverTestKind, ref_id: str) -> IdeaState:
        """The state of one test."""
        if kind is DriverTestKind.CYCLE:
            return self.cycle(ref_id)
        if kind is DriverTestKind.CARD:
            return self.card(ref_id)
        return self.idea(ref_id)


def load_test_states(store: Store, project_id: str) -> TestStates:
    """Read the project's cycles, cards and ideas once."""
    states = TestStates()
    for row in store.query(
        "SELECT id, card_id, number, previous_id, act, started_on FROM cycles "
        "WHERE project_id = ? AND _exists", [project_id],
    ):
        states.cycles[row["id"]] = _Cycle(
            row["id"], row["card_id"], int(row["number"] or 1), row["previous_id"], row["act"],
            row["started_on"] is not None)
    for row in store.query(
        'SELECT id, "column", idea_id FROM kaizen_cards WHERE project_id = ? AND _exists',
        [project_id],
    ):
        states.cards[row["id"]] = row["column"]
        if row["idea_id"]:
            states.cards_of_idea.setdefault(row["idea_id"], []).append(row["id"])
    for row in store.query(
        "SELECT id, status FROM ideas WHERE project_id = ? AND _exists", [project_id]
    ):
        states.ideas[row["id"]] = row["status"]
    return states
