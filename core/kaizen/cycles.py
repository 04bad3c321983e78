"""Tests of change on a kaizen card: PDSA (PGEK, prøvehandling) cycles and their decisions.

A cycle is planned (what, who, when, where, the prediction, the measure that will tell), done
(what happened, problems), studied (the result against the prediction) and acted on: adapt opens
the next cycle prefilled from this one, adopt makes the card's routine the standard by the
leader's decision, abandon drops the card with the reason. Starting a cycle moves its card to
"testing" and marks the start on the linked measure's run chart. Every write goes through the
screen's `UndoLog`; each use case is one undo step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import TavleError
from core.i18n import Translator
from core.kaizen import board
from core.models import (
    ActDecision,
    Annotation,
    AnnotationKind,
    BoardColumn,
    Cycle,
    CycleName,
    KaizenCard,
    Project,
)
from core.order_keys import key_between

PLAN_FIELDS: tuple[str, ...] = ("plan_what", "plan_who", "plan_when", "plan_where", "prediction")
DO_FIELDS: tuple[str, ...] = ("do_notes", "do_problems")
STUDY_FIELDS: tuple[str, ...] = ("study_notes",)
FORM_FIELDS: tuple[str, ...] = (*PLAN_FIELDS, *DO_FIELDS, *STUDY_FIELDS)
"""The fields typed on a cycle's form, in the order Plan, Do, Study."""
PREFILLED: tuple[str, ...] = ("plan_what", "plan_who", "plan_where", "prediction", "measure_id")
"""What the next cycle takes over from the one it adapts."""


class Stage(StrEnum):
    """Where a cycle stands."""

    PLAN = "plan"
    DO = "do"
    STUDY = "study"
    ACT = "act"
    DONE = "done"


def stage(cycle: Cycle) -> Stage:
    """The stage a cycle is in, from what has been written on it."""
    if cycle.act is not None:
        return Stage.DONE
    if cycle.study_notes.strip():
        return Stage.ACT
    if cycle.do_notes.strip() or cycle.do_problems.strip():
        return Stage.STUDY
    if cycle.started_on is not None:
        return Stage.DO
    return Stage.PLAN


def waits_for_study(cycle: Cycle, today: dt.date) -> bool:
    """Whether a cycle should be studied now: it is running and either its do notes are in and
    no study notes yet, or its plan date has passed."""
    if cycle.act is not None or cycle.started_on is None:
        return False
    done_not_studied = bool(cycle.do_notes.strip()) and not cycle.study_notes.strip()
    return done_not_studied or (cycle.plan_when is not None and cycle.plan_when < today)


def title(tx: Translator, name: CycleName, number: int) -> str:
    """A cycle's name as the project calls it: "PDSA-afprøvning 2", "PGEK 2", "Prøvehandling 2"."""
    return tx(f"cycles.name.{name.value}", number=number)


def cycles_of(store: Store, card_id: str) -> list[Cycle]:
    """A card's cycles, first to last."""
    rows = store.execute(
        "SELECT id FROM cycles WHERE card_id = ? AND _exists ORDER BY number, id", [card_id]
    ).fetchall()
    return [changelog.load(store, Cycle, id_) for (id_,) in rows]


def running(store: Store, card_id: str) -> Cycle | None:
    """The card's cycle that has no decision yet (the last one), if any."""
    open_cycles = [c for c in cycles_of(store, card_id) if c.act is None]
    return open_cycles[-1] if open_cycles else None


def _annotation_order(store: Store, project_id: str) -> str:
    (last,) = store.execute(
        'SELECT MAX("order") FROM annotations WHERE project_id = ? AND _exists', [project_id]
    ).fetchone()
    return key_between(last or None, None) or ""


def _new_cycle(log: UndoLog, card: KaizenCard, tx: Translator, today: dt.date,
               previous: Cycle | None) -> Cycle:
    """Write cycle number n + 1 of a card, its card in "testing" and its chart annotation."""
    store = log.store
    project = changelog.load(store, Project, card.project_id)
    numbers = [c.number for c in cycles_of(store, card.id)]
    taken = {name: getattr(previous, name) for name in PREFILLED} if previous else {}
    taken.setdefault("measure_id", card.measure_id)
    if previous is None:
        taken["plan_who"] = card.owner
    cycle = log.create(changelog.build(
        Cycle, project_id=card.project_id, card_id=card.id, number=max(numbers, default=0) + 1,
        previous_id=previous.id if previous else None, started_on=today, **taken,
    ))
    board.move_to_column(log, card.id, BoardColumn.TESTING, today=today)
    if cycle.measure_id:
        text = f"{title(tx, project.cycle_name, cycle.number)}: {card.title}"[:200]
        log.create(changelog.build(
            Annotation, project_id=card.project_id, measure_id=cycle.measure_id, on=today,
            text=text, cycle_id=cycle.id, kind=AnnotationKind.CYCLE,
            order=_annotation_order(store, card.project_id),
        ))
    return cycle


def start(log: UndoLog, card_id: str, tx: Translator, *, today: dt.date) -> Cycle:
    """Start a card's next cycle (prefilled from the last one, if any); one undo step.

    Refused with `TavleError` while the card has a cycle without a decision."""
    card = changelog.load(log.store, KaizenCard, card_id)
    cycles = cycles_of(log.store, card_id)
    if any(c.act is None for c in cycles):
        raise TavleError("cycles.already_running")
    with log.store.transaction(), log.group():
        return _new_cycle(log, card, tx, today, cycles[-1] if cycles else None)


def save(log: UndoLog, cycle_id: str, **fields: object) -> Cycle:
    """Save what was typed on a cycle's form (plan, do, study)."""
    unknown = set(fields) - set(FORM_FIELDS)
    if unknown:
        raise ValueError(f"not a form field: {sorted(unknown)}")
    return log.update(Cycle, cycle_id, **fields)


def _close(log: UndoLog, cycle_id: str, act: ActDecision, notes: str, decided_by: str,
           today: dt.date) -> Cycle:
    cycle = changelog.load(log.store, Cycle, cycle_id)
    if cycle.act is not None:
        raise TavleError("cycles.already_decided")
    ended = max(today, cycle.started_on) if cycle.started_on else today
    return log.update(Cycle, cycle_id, act=act, act_notes=notes.strip(),
                      decided_by=decided_by.strip(), ended_on=ended)


def adapt(log: UndoLog, cycle_id: str, tx: Translator, *, notes: str, decided_by: str = "",
          today: dt.date) -> Cycle:
    """Adjust and try again: close the cycle as adapted, start the next one prefilled from it.
    Returns the new cycle; one undo step."""
    with log.store.transaction(), log.group():
        closed = _close(log, cycle_id, ActDecision.ADAPT, notes, decided_by, today)
        card = changelog.load(log.store, KaizenCard, closed.card_id)
        return _new_cycle(log, card, tx, today, closed)


@dataclass(frozen=True)
class Adopted:
    """An adopted cycle, and the success Tavle offers to record for it."""

    cycle: Cycle
    card: KaizenCard
    success_text: str
    moved: board.Moved
    """The move to Standard (with the card that came back, when the card recurs)."""


def adopt(log: UndoLog, cycle_id: str, tx: Translator, *, leader: str, decision: str,
          today: dt.date) -> Adopted:
    """The leader decides the routine is no longer a trial but the way we work here: the cycle is
    closed as adopted with the decision recorded and the card moves to Standard; one undo step.

    Refused with `TavleError` without the leader's name."""
    if not leader.strip():
        raise TavleError("cycles.leader_needed")
    with log.store.transaction(), log.group():
        cycle = _close(log, cycle_id, ActDecision.ADOPT, decision, leader, today)
        moved = board.move_to_column(log, cycle.card_id, BoardColumn.STANDARD, today=today)
    card = moved.card
    return Adopted(cycle, card, tx("successes.offer_card", title=card.title), moved)


def abandon(log: UndoLog, cycle_id: str, *, reason: str, decided_by: str = "",
            today: dt.date) -> Cycle:
    """Give the idea up: the cycle is closed with the reason and the card moves to Dropped;
    one undo step. Refused with `TavleError` without a reason."""
    if not reason.strip():
        raise TavleError("cycles.reason_needed")
    with log.store.transaction(), log.group():
        cycle = _close(log, cycle_id, ActDecision.ABANDON, reason, decided_by, today)
        board.move_to_column(log, cycle.card_id, BoardColumn.DROPPED, today=today)
    return cycle
