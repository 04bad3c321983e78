"""The demo's case-level measures, so every kind of chart has something to show.

- In the sick-leave project: the days from notice to the first joint meeting per citizen,
  several cases a week (read on X̄ and S charts), and whether the joint meeting was held at the
  first time agreed, yes or no per citizen (a P chart), with one holiday week left out of the
  centre line and limits with its reason. (The project's weekly time, m1, is its I chart.)
- Written complaints about the case handling: the date of each with the cases decided since the
  complaint before: the days between complaints on a T chart, or the cases between them on a G
  chart. Complaints grow rarer after every citizen got a letter naming their caseworker.

Like the rest of the demo: dates are day offsets from the anchor Monday (every one before it),
ids come from natural keys (`stable_id`), and values from a random source of this module's own
seed, so the records the other parts draw stay the same.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from core.demo.builder import demo_order
from core.demo.data import GO_LIVE, W
from core.ids import stable_id
from core.models import (
    Annotation,
    AnnotationKind,
    ChartMark,
    Direction,
    DriverNode,
    Entry,
    MarkKind,
    Measure,
    MeasureCase,
    MeasureKind,
    MeasureRole,
    week_period,
)

if TYPE_CHECKING:
    from core.demo.builder import DemoBuild

SEED = 4
"""The seed of this module's values (chosen so each chart tells its story: a shift for the
better after go-live, the holiday week inside the limits)."""
WEEKS = 26
"""Weeks of cases, ending with last week (as the project's weekly series)."""
FIRST_ORDER = 3
"""The new measures follow the project's three weekly ones."""

CASES_NAME = "Dage fra sygemelding til første fælles samtale, pr. borger"
CASES_DEFINITION = (
    "For hver borger, der havde sin første fælles samtale: kalenderdage fra første sygedag til "
    "samtalen. Skrives borger for borger på kaizen-mødet, så både niveauet (X̄-kort) og "
    "spredningen mellem borgerne (S-kort) ses. Kilde: mødelisten fra den faste tirsdagstid."
)
YES_NO_NAME = "Fælles samtale holdt på første aftalte tid"
YES_NO_DEFINITION = (
    "For hver borger med en fælles samtale i ugen: ja, hvis samtalen blev holdt på den første "
    "tid, der blev aftalt; nej, hvis den blev flyttet eller aflyst. Diagrammet viser andelen ja "
    "pr. uge (P-kort)."
)
HOLIDAY_WEEK = 6
"""Weeks before last week of the week left out of the P chart's centre line and limits."""
HOLIDAY_REASON = "Ferieuge: halvdelen af sagsbehandlerne var væk, og mange tider blev flyttet"

COMPLAINTS_NAME = "Klager over sagsbehandlingen"
COMPLAINTS_DEFINITION = (
    "Datoen for hver skriftlig klage fra en sygemeldt borger over sagsbehandlingen (fra "
    "klageregistreringen), med antal afgjorte sager siden klagen før. Diagrammet viser dage "
    "mellem klagerne (T-kort); antal sager mellem klagerne kan vælges i stedet (G-kort). Flere "
    "dage mellem klagerne er bedre."
)
LAST_COMPLAINT = -5
"""Wednesday of last week."""
COMPLAINT_GAPS = (8, 6, 10, 7, 5, 9, 8, 11, 6, 8, 7, 9, 7, 5,
             13, 17, 11, 19, 15, 22, 14, 18, 24, 16)
"""Days between the 25 complaints, the first (when the project was created) to the last: about
a week apart before the letter naming the citizen's caseworker, two to three weeks after."""
LETTERS_AFTER = 14
"""The letters began a few days after this many gaps."""
DECIDED_PER_DAY = (6.0, 9.0)
"""Sick-leave cases decided a day (lowest, highest)."""
COMPLAINT_NOTES = {3: "Klage over ubesvaret mail", 17: "Klage over flyttet samtale"}


def build_charts(b: DemoBuild) -> None:
    """Write the case-level measures (in the demo's project, after its weekly ones)."""
    rng = random.Random(SEED)
    weeks = [b.day(-7 * (WEEKS - i)) for i in range(WEEKS)]
    go_live = WEEKS + GO_LIVE // W
    _cases_measure(b, rng, weeks, go_live)
    _yes_no_measure(b, rng, weeks, go_live)
    _complaints(b, rng)


def _measure(b: DemoBuild, project_id: str, key: str, order: int, **fields: object) -> Measure:
    measure = Measure.model_validate({
        "id": stable_id(project_id, "demo_measure", key), "project_id": project_id,
        "order": demo_order(order), **fields})
    b.add(measure)
    return measure


def _case(measure: Measure, index: int, on: dt.date, **fields: object) -> MeasureCase:
    return MeasureCase.model_validate({
        "id": stable_id(measure.project_id, "demo_case", measure.id, index),
        "project_id": measure.project_id, "measure_id": measure.id, "on": on, **fields})


def _cases_measure(b: DemoBuild, rng: random.Random, weeks: list[dt.date], go_live: int) -> None:
    """Three to six citizens a week; about 24 days before go-live, about 13 after."""
    measure = _measure(
        b, b.project_id, "cases", FIRST_ORDER, name=CASES_NAME, definition=CASES_DEFINITION,
        kind=MeasureKind.TIME, unit="dage", better=Direction.LOWER, target=14.0, baseline=24.0,
        entry=Entry.CASES, role=MeasureRole.OUTCOME, driver_node_id=DriverNode.aim_id(b.project_id))
    records: list[MeasureCase] = []
    for week, monday in enumerate(weeks):
        mean, spread = (24.0, 5.0) if week < go_live else (13.0, 3.0)
        for _ in range(rng.randint(3, 6)):
            value = float(max(3, round(rng.gauss(mean, spread))))
            records.append(_case(measure, len(records), monday + dt.timedelta(
                days=rng.randrange(5)), value=value))
    b.add_many(records)


def _yes_no_measure(b: DemoBuild, rng: random.Random, weeks: list[dt.date], go_live: int) -> None:
    """Eight to fourteen citizens a week; about half held on time before go-live, about 88 % after,
    and a holiday week of moved meetings left out with its reason."""
    measure = _measure(
        b, b.project_id, "yes_no", FIRST_ORDER + 1, name=YES_NO_NAME,
        definition=YES_NO_DEFINITION, kind=MeasureKind.PROPORTION, unit="andel af borgere",
        better=Direction.HIGHER, target=0.9, baseline=0.5, entry=Entry.YES_NO,
        role=MeasureRole.PROCESS, driver_node_id=stable_id(b.project_id, "demo_driver", "d_slot"))
    holiday = len(weeks) - 1 - HOLIDAY_WEEK
    records: list[MeasureCase] = []
    for week, monday in enumerate(weeks):
        share = 0.5 if week < go_live else 0.88
        if week == holiday:
            share = 0.35
        for _ in range(rng.randint(8, 14)):
            records.append(_case(measure, len(records), monday + dt.timedelta(
                days=rng.randrange(5)), yes=rng.random() < share))
    b.add_many(records)
    point = week_period(weeks[holiday])
    b.add(ChartMark(id=ChartMark.id_for(b.project_id, measure.id, point, MarkKind.EXCLUDED),
                    project_id=b.project_id, measure_id=measure.id, point=point,
                    mark=MarkKind.EXCLUDED, reason=HOLIDAY_REASON))


def _complaints(b: DemoBuild, rng: random.Random) -> None:
    """The complaints measure and its 25 complaints, a rare event on T and G charts."""
    project_id = b.project_id
    measure = _measure(
        b, project_id, "complaints", FIRST_ORDER + 2, name=COMPLAINTS_NAME,
        definition=COMPLAINTS_DEFINITION,
        kind=MeasureKind.COUNT, unit="dage mellem klager", better=Direction.HIGHER, target=21.0,
        baseline=7.5, entry=Entry.EVENTS, role=MeasureRole.BALANCING,
        driver_node_id=DriverNode.aim_id(project_id))
    days = [LAST_COMPLAINT - sum(COMPLAINT_GAPS)]
    for gap in COMPLAINT_GAPS:
        days.append(days[-1] + gap)
    records = []
    for index, day in enumerate(days):
        visits = None if index == 0 else float(round(
            COMPLAINT_GAPS[index - 1] * rng.uniform(*DECIDED_PER_DAY)))
        records.append(_case(measure, index, b.day(day), value=visits,
                             note=COMPLAINT_NOTES.get(index, "")))
    b.add_many(records)
    began = b.day(days[LETTERS_AFTER] + 3)
    b.add(Annotation(id=stable_id(project_id, "demo_annotation", "letters"),
                     project_id=project_id, measure_id=measure.id, on=began,
                     text="Borgeren får brev med sin faste sagsbehandlers navn og telefon",
                     order="0040",
                     kind=AnnotationKind.DECISION))
