"""The demo: a realistic cross-unit project in its test phase, written through the change log.

`build_demo` writes "Hurtigere afklaring af sygemeldte borgere" (Jobcenter Nord with Træning and
Voksenrådgivningen) and six home-care teams (`core.demo.teams`) into a store; `open_demo` makes
a fresh demo file.
The result is deterministic for a seed and a day: ids and values come from `random.Random(seed)`,
the change log's wall clock is a fake that ticks 1 ms per change, and every date is an offset
from the Monday of `today`'s ISO week, so the demo always looks current.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core import clock
from core.db.store import Store
from core.demo import data, plan
from core.demo.builder import DemoBuild, FakeClock, anchor_of, demo_order
from core.ids import stable_id
from core.measures.qic import periods, qic
from core.models import (
    Action,
    Annotation,
    AnnotationKind,
    Chart,
    Charter,
    ChecklistItem,
    Cycle,
    Group,
    GroupMember,
    Idea,
    KaizenCard,
    Lane,
    Measure,
    Measurement,
    Meeting,
    MeetingItem,
    MeetingParticipant,
    Person,
    PhaseState,
    PhaseStatus,
    Project,
    ResultGoal,
    Step,
    Success,
    UnitInvolved,
    WorkflowMap,
    week_period,
)
from core.phases import PHASES

DEMO_UNIT = "Jobcenter Nord"
DEMO_AUTHOR = "MH"
CLOCK_WEEKS_BACK = 1
"""The fake change-log clock starts at midnight UTC of the anchor Monday minus this many weeks."""
SERIES_WEEKS = 26
"""Weekly measurements per measure, ending with last week."""

PHASE_DONE_ON = {1: -34 * data.W + 3, 2: -31 * data.W + 2, 3: -28 * data.W + 2, 4: -11 * data.W}
PHASE5_DONE = {"attention": data.GO_LIVE, "measure_kpis": data.GO_LIVE + data.W,
               "kaizen_meetings": -5 * data.W + 3}
"""Advice of the test phase already ticked off (the rest is still open), with the day."""


def _person_name(key: str) -> str:
    return next(p.name for p in data.PEOPLE if p.key == key)


@contextmanager
def _demo_clock(store: Store, anchor: dt.date) -> Iterator[None]:
    """Stamp changes with the fake clock and the demo author, restoring both afterwards."""
    start = dt.datetime.combine(anchor - dt.timedelta(weeks=CLOCK_WEEKS_BACK), dt.time(),
                                tzinfo=dt.UTC)
    saved = store.wall_clock, store.author
    store.wall_clock, store.author = FakeClock(int(start.timestamp() * 1000)), DEMO_AUTHOR
    try:
        yield
    finally:
        store.wall_clock, store.author = saved


def build_demo(store: Store, *, seed: int = 2026, today: dt.date | None = None) -> str:
    """Write the demo project and teams in one transaction; return the project's id.

    The demo's dates are anchored to `today` (the real date, `core.clock.today()`, when None).
    """
    build = DemoBuild(store, random.Random(seed), anchor_of(today or clock.today()))
    build.project_id = build.new_id()
    with _demo_clock(store, build.anchor), store.transaction():
        for part in (_project, _people_and_groups, _charter_and_goals, _phases, _maps, _ideas,
                     _measures, _annotations, _actions, _board, _meetings, _driver_diagram,
                     _teams, _capacity, _benefits, _network):
            part(build)
        from core.demo.charts import build_charts  # case-level measures (issue 17)

        build_charts(build)
    return build.project_id


def open_demo(path: Path, *, seed: int = 2026, today: dt.date | None = None) -> Store:
    """Make a fresh demo database at `path` (replacing any old one) and return it open."""
    path = Path(path)
    for old in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        old.unlink(missing_ok=True)
    store = Store.open(path)
    with store.transaction():
        store.db.execute("UPDATE sync_replica SET unit_name = ? WHERE id = 1", [DEMO_UNIT])
    build_demo(store, seed=seed, today=today)
    return store


# -- the project, its people and charter ------------------------------------------------------


def _project(b: DemoBuild) -> None:
    b.add(Project(id=b.project_id, name=data.PROJECT_NAME, unit=data.UNIT,
                  leader=_person_name(data.LEADER), current_phase=5,
                  created_on=b.day(data.CREATED)))


def _people_and_groups(b: DemoBuild) -> None:
    pid = b.project_id
    for person in data.PEOPLE:
        b.add(Person(id=b.id(person.key), project_id=pid, name=person.name,
                     initials=person.initials, unit=person.unit, title=person.title))
    for name in data.UNITS_INVOLVED:
        b.add(UnitInvolved(id=b.new_id(), project_id=pid, name=name))
    units = {p.key: p.unit for p in data.PEOPLE}
    for key, role, deciding in data.STEERING:
        b.add(GroupMember(id=b.new_id(), project_id=pid, group=Group.STEERING, person_id=b.id(key),
                          role=role, deciding_leader=deciding, unit=units[key]))
    for key, role in data.PROJECT_GROUP:
        b.add(GroupMember(id=b.new_id(), project_id=pid, group=Group.PROJECT, person_id=b.id(key),
                          role=role, unit=units[key]))


def _charter_and_goals(b: DemoBuild) -> None:
    b.add(Charter(id=Charter.id_for(b.project_id), project_id=b.project_id,
                  citizen_case=data.CITIZEN_CASE, purpose=data.PURPOSE,
                  success_criteria=data.SUCCESS_CRITERIA, scope=data.SCOPE,
                  background=data.BACKGROUND))
    for index, goal in enumerate(data.GOALS):
        b.add(ResultGoal(id=b.id(goal.key), project_id=b.project_id, text=goal.text,
                         measure_id=b.id(goal.measure), target=goal.target,
                         due=b.day(goal.due), order=demo_order(index)))


def _phases(b: DemoBuild) -> None:
    done, doing, waiting = PhaseStatus.DONE, PhaseStatus.IN_PROGRESS, PhaseStatus.NOT_STARTED
    statuses = {1: done, 2: done, 3: done, 4: done, 5: doing, 6: waiting}
    for number, status in statuses.items():
        b.add(PhaseState(id=PhaseState.id_for(b.project_id, number), project_id=b.project_id,
                         phase=number, status=status))
    for phase in PHASES[:5]:
        for index, key in enumerate(phase.advice):
            _checklist_item(b, phase.number, index, key)


def _checklist_item(b: DemoBuild, phase: int, index: int, key: str) -> None:
    if phase in PHASE_DONE_ON:
        offset: int | None = PHASE_DONE_ON[phase] - 2 * (len(PHASES[phase - 1].advice) - index)
    else:
        offset = PHASE5_DONE.get(key)
    done_at = None
    if offset is not None:
        minutes = 9 * 60 + b.rng.randrange(0, 6 * 60, 5)
        done_at = dt.datetime.combine(b.day(offset), dt.time(), tzinfo=dt.UTC) + dt.timedelta(
            minutes=minutes)
    b.add(ChecklistItem(
        id=ChecklistItem.id_for(b.project_id, phase, key), project_id=b.project_id,
        phase=phase, item_key=key, done=done_at is not None,
        done_by=("MH" if index % 2 == 0 else "KF") if done_at else "", done_at=done_at,
        order=demo_order(index)))


# -- workflow maps and ideas ------------------------------------------------------------------


def _maps(b: DemoBuild) -> None:
    for key, kind, title, made_on in data.MAPS:
        map_id = b.id(f"map:{key}")
        b.add(WorkflowMap(id=map_id, project_id=b.project_id, kind=kind, title=title,
                          made_on=b.day(made_on)))
        for index, (lane, name) in enumerate(data.LANES):
            b.add(Lane(id=b.id(f"{key}/{lane}"), project_id=b.project_id, map_id=map_id,
                       name=name, order=demo_order(index)))
        steps = (data.CURRENT_STEPS if kind == "current"
                 else [s[:4] for s in data.REDESIGN_STEPS])
        kpis = [False] * len(steps) if kind == "current" else [s[4] for s in data.REDESIGN_STEPS]
        # A redesigned step remembers today's step it redesigns (drawn before: no new ids).
        sources = ([None] * len(steps) if kind == "current"
                   else [s[5] and f"cur:{s[5]}" for s in data.REDESIGN_STEPS])
        for index, ((lane, symbol, text, duration), kpi, source) in enumerate(
                zip(steps, kpis, sources, strict=True)):
            b.add(Step(id=b.id(f"{key}:{demo_order(index)}"), project_id=b.project_id,
                       map_id=map_id, lane_id=b.id(f"{key}/{lane}"), symbol=symbol, text=text,
                       order=demo_order(index), duration=duration, kpi=kpi,
                       source_step_id=b.opt(source)))


def _ideas(b: DemoBuild) -> None:
    for idea in data.IDEAS:
        b.add(Idea(id=b.id(idea.key), project_id=b.project_id, text=idea.text, who=idea.who,
                   source=idea.source, step_id=b.opt(idea.step), status=idea.status,
                   created_on=b.day(idea.created), note=idea.note))


# -- measures, their weekly series and the chart annotations ----------------------------------


def _measures(b: DemoBuild) -> None:
    periods = [week_period(b.day(-7 * (SERIES_WEEKS - i))) for i in range(SERIES_WEEKS)]
    go_live = SERIES_WEEKS + data.GO_LIVE // data.W
    series: dict[str, list[float] | list[tuple[float, float]]] = {
        "m1": _time_series(b.rng, go_live), "m2": _proportion_series(b.rng, go_live),
        "m3": _count_series(b.rng)}
    for index, spec in enumerate(data.MEASURES):
        measure_id = b.id(spec.key)
        b.add(Measure(id=measure_id, project_id=b.project_id, name=spec.name,
                      definition=spec.definition, kind=spec.kind, unit=spec.unit,
                      better=spec.better, target=spec.target, baseline=spec.baseline,
                      step_id=b.id(spec.step), goal_id=b.id(spec.goal), order=demo_order(index)))
        for week, (period, value) in enumerate(zip(periods, series[spec.key], strict=True)):
            fields = ({"numerator": value[0], "denominator": value[1]}
                      if isinstance(value, tuple) else {"value": value})
            b.add(Measurement(
                id=Measurement.id_for(b.project_id, measure_id, period),
                project_id=b.project_id, measure_id=measure_id, period=period,
                note=data.MEASUREMENT_NOTES.get((spec.key, week), ""), **fields))


def _time_series(rng: random.Random, go_live: int) -> list[float]:
    """Days to the first joint meeting: about 24 before go-live, a real shift to about 13 after.

    The clamps keep every value after go-live below every value before it, so on the I chart the
    measure is read on (a time) the weeks before go-live lie in a run above the mean and the
    weeks after it in a run below: Anhøj shift signals, and the latest weeks below the lower
    limit. (On a run chart the weeks after go-live, at least 9, lie below the median.)
    """
    before = [round(min(max(rng.gauss(24.0, 2.5), 18.5), 31.0), 1) for _ in range(go_live)]
    after = [round(min(max(rng.gauss(13.0, 1.8), 9.0), 17.5), 1)
             for _ in range(SERIES_WEEKS - go_live)]
    return before + after


def _proportion_series(rng: random.Random, go_live: int) -> list[tuple[float, float]]:
    """Citizens with a joint plan within 8 weeks: about 35 %, rising slowly after go-live."""
    values = []
    for week in range(SERIES_WEEKS):
        share = 0.35 + 0.05 * max(0, week - go_live - 1)
        denominator = rng.randint(9, 16)
        numerator = sum(rng.random() < share for _ in range(denominator))
        values.append((float(numerator), float(denominator)))
    return values


def _count_series(rng: random.Random) -> list[float]:
    """Cases with more than 3 caseworkers: stable random variation (no signal on the C chart the
    measure is read on: no Anhøj signal against its mean, no point outside its limits)."""
    while True:
        values = [float(sum(rng.random() < 0.3 for _ in range(20))) for _ in range(SERIES_WEEKS)]
        chart = qic(periods(values), chart=Chart.C)
        if chart.last is not None and not chart.last.signal:
            return values


def _annotations(b: DemoBuild) -> None:
    notes = [
        (None, data.GO_LIVE, "Ny arbejdsgang i drift: fast tirsdagstid og fælles samtale", None),
        ("m1", plan.CYCLE1_START, "PDSA 1: ring i stedet for oplysningsskema", "cycle1"),
        ("m1", plan.CYCLE2_START, "PDSA 2: opkald med tjekliste og sms", "cycle2"),
    ]
    for index, (measure, on, text, cycle) in enumerate(notes):
        kind = AnnotationKind.NOTE if cycle is None else AnnotationKind.CYCLE
        b.add(Annotation(id=b.new_id(), project_id=b.project_id, measure_id=b.opt(measure),
                         on=b.day(on), text=text, cycle_id=b.opt(cycle), order=demo_order(index),
                         kind=kind))


# -- action plan, kaizen board, cycles, meetings ----------------------------------------------


def _actions(b: DemoBuild) -> None:
    for index, row in enumerate(plan.ACTIONS):
        b.add(Action(id=b.new_id(), project_id=b.project_id, change=row.change,
                     responsible=_person_name(row.responsible), effect=row.effect, how=row.how,
                     deadline=b.day(row.deadline), status=row.status,
                     measure_id=b.opt(row.measure), idea_id=b.opt(row.idea),
                     step_id=b.opt(row.step), order=demo_order(index)))


def _board(b: DemoBuild) -> None:
    for index, card in enumerate(plan.CARDS):
        due = None if card.due is None else b.day(card.due)
        b.add(KaizenCard(id=b.id(card.key), project_id=b.project_id, title=card.title,
                         description=card.description, owner=_person_name(card.owner), due=due,
                         column=card.column, order=demo_order(index),
                         measure_id=b.opt(card.measure), idea_id=b.opt(card.idea)))
    previous = None
    for number, spec in enumerate(plan.CYCLES, start=1):
        ended_on = spec["ended_on"]
        b.add(Cycle(plan_what=spec["plan_what"], plan_who=spec["plan_who"],
                    plan_when=b.day(spec["plan_when"]), plan_where=spec["plan_where"],
                    prediction=spec["prediction"], do_notes=spec["do_notes"],
                    do_problems=spec["do_problems"], study_notes=spec["study_notes"],
                    act=spec["act"], act_notes=spec["act_notes"],
                    started_on=b.day(spec["started_on"]),
                    ended_on=None if ended_on is None else b.day(ended_on),
                    id=b.id(f"cycle{number}"), project_id=b.project_id,
                    card_id=b.id(plan.CYCLE_CARD), number=number, previous_id=previous,
                    measure_id=b.id("m1")))
        previous = b.id(f"cycle{number}")


def _meetings(b: DemoBuild) -> None:
    held: list[str] = []
    for spec in plan.MEETINGS:
        meeting_id = b.new_id()
        held.append(meeting_id)
        started = dt.datetime.combine(b.day(spec.held_on), plan.MEETING_STARTS, tzinfo=dt.UTC)
        b.add(Meeting(id=meeting_id, project_id=b.project_id, held_on=b.day(spec.held_on),
                      duration_min=spec.duration, notes=spec.notes, decisions=spec.decisions,
                      started_at=started,
                      ended_at=started + dt.timedelta(minutes=spec.duration)))
        for person in spec.people:
            b.add(MeetingParticipant(id=b.new_id(), project_id=b.project_id,
                                     meeting_id=meeting_id, person_id=b.id(person)))
    # Agenda items and the success get ids from their natural keys, not from the random source,
    # so every record drawn after them stays the same.
    for index, item in enumerate(plan.MEETING_ITEMS):
        meeting_id = held[item.meeting]
        b.add(MeetingItem(id=stable_id(meeting_id, "meeting_item", index),
                          project_id=b.project_id, meeting_id=meeting_id, kind=item.kind,
                          ref_id=b.opt(item.ref), title=item.title, note=item.note,
                          decision=item.decision, order=demo_order(index)))
    success = plan.SUCCESS
    b.add(Success(id=stable_id(b.project_id, "success", success.card), project_id=b.project_id,
                  text=success.text, on=b.day(plan.MEETINGS[success.meeting].held_on),
                  card_id=b.id(success.card), meeting_id=held[success.meeting],
                  recorded_by=DEMO_AUTHOR))


# -- the driver diagram -------------------------------------------------------------------


def _driver_diagram(b: DemoBuild) -> None:
    from core.demo.drivers import build_drivers

    build_drivers(b)


# -- home-care teams and their weekly key figures ---------------------------------------------


def _teams(b: DemoBuild) -> None:
    from core.demo.teams import build_teams

    build_teams(b)


def _capacity(b: DemoBuild) -> None:
    from core.demo.capacity import build_capacity

    build_capacity(b)


# -- benefits (gevinster) ---------------------------------------------------------------------


def _benefits(b: DemoBuild) -> None:
    """Benefits expected and realised; ids from natural keys, not the random source."""
    from core.models import Benefit

    for index, spec in enumerate(plan.BENEFITS):
        b.add(Benefit(id=stable_id(b.project_id, "demo_benefit", index),
                      project_id=b.project_id, title=spec.title, kind=spec.kind,
                      status=spec.status, amount=spec.amount, unit=spec.unit,
                      period_from=b.day(spec.start), period_to=b.day(spec.end),
                      how_computed=spec.how, measure_id=b.opt(spec.measure), note=spec.note,
                      order=demo_order(index)))


# -- the learning network (læringsnetværk) ---------------------------------------------------


def _network(b: DemoBuild) -> None:
    from core.demo.network import build_network

    build_network(b)
