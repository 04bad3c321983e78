"""The status report for the steering group: where the project stands and what it asks for.

Sections: overview, charter summary, phases and checklists, measures with their charts,
the action plan's actions overdue, due and done, cycles of the period with their decisions,
successes, benefits (when this Tavle has them) and the decisions the steering group is asked
to take.
"""

from __future__ import annotations

import datetime as dt

from core.closing.decisions import summary as closing_summary
from core.db import changelog
from core.kaizen.cycles import Stage, stage, title
from core.measures.signals import MeasureStatus
from core.models import ActionStatus, Cycle, KaizenCard, Project
from core.phases import PHASES
from core.plan.actions import PlanRow, done_days, load_plan, summarize
from core.project.charter import load_charter, warnings
from core.reports import parts
from core.reports.model import Block, Bullets, Facts, Paragraph, Report, Section, Table
from core.reports.parts import Context, phase_name
from core.views.measure_summary import SummaryRow
from core.views.overview import PhaseOverview, project_overview

DUE_DAYS = 14
"""The action plan's rows due this many days ahead are listed (what comes before the next
meeting of the steering group)."""

STEERING_PHASES = (1, 5, 6)
"""The phases whose decisions the steering group takes (the KL guide)."""


def status_report(ctx: Context, project_id: str) -> Report:
    """Build the status report of a project for the period `ctx.since`..`ctx.today`."""
    tr = ctx.tr
    project = parts.load_project(ctx, project_id)
    statuses = parts.measure_statuses(ctx, project_id)
    phases = project_overview(ctx.store, project_id, today=ctx.today)
    plan = load_plan(ctx.store, project_id)
    cycles = _cycles_of_period(ctx, project_id)
    summary = [SummaryRow(project.id, project.name, project.unit, status) for status in statuses]
    sections = [
        _overview(ctx, statuses, plan, cycles),
        parts.summary_section(ctx, summary, projects=False),
        _charter(ctx, project_id, statuses),
        _phases(ctx, phases),
        Section("measures", tr("qic_core.measures_title"),
                tuple(parts.charts(ctx, statuses)) or (Paragraph(tr("reports.measures.none")),),
                new_page=True),
        _driver_diagram(ctx, project_id),
        _actions(ctx, project_id, plan),
        _cycles(ctx, project, cycles),
        Section("successes", tr("reports.successes.title_since", date=tr.date(ctx.since)),
                tuple(parts.successes_blocks(ctx, project_id, since=ctx.since))),
    ]
    benefits = parts.benefits_section(ctx, project_id)
    if benefits is not None:
        sections.append(benefits)
    sections.append(_asks(ctx, project, phases, plan, cycles))
    return Report(
        kind="status", lang=tr.lang, title=tr("reports.status.title"), subtitle=project.name,
        facts=parts.project_facts(ctx, project, period=True), sections=tuple(sections),
        footer=parts.footer(ctx), made_on=ctx.today,
    )


# -- driver diagram ---------------------------------------------------------------------------


def _driver_diagram(ctx: Context, project_id: str) -> Section:
    """The driver diagram as an outline: the aim, then each box with its roll-up or state."""
    from core.drivers.outline import outline_items

    aim, items = outline_items(ctx.store, project_id, ctx.tr)
    lines = [
        f"{'· ' * item.depth}{item.label + ' ' if item.label else ''}{item.text}"
        for item in items if item.depth >= 0
    ]
    blocks: list[Block] = [Paragraph(f"{aim.label} {aim.text}")]
    blocks += [Paragraph(item.text) for item in items if item.depth < 0]
    if lines:
        blocks.append(Bullets(tuple(lines)))
    return Section("driver", ctx.tr("driver.title"), tuple(blocks))


# -- overview -------------------------------------------------------------------------------


def _overview(ctx: Context, statuses: list[MeasureStatus],
              plan: list[PlanRow], cycles: list[tuple[Cycle, str]]) -> Section:
    tr = ctx.tr
    summary = summarize(plan, ctx.today)
    better = sum(1 for s in statuses if s.signal and s.direction == "better")
    worse = sum(1 for s in statuses if s.signal and s.direction == "worse")
    decided = sum(1 for cycle, _ in cycles if cycle.act is not None)
    facts = Facts((
        (tr("reports.overview.actions"), tr(
            "reports.overview.actions_value", done=summary.counts[ActionStatus.DONE],
            total=summary.total, overdue=summary.overdue)),
        (tr("reports.overview.measures"), tr(
            "reports.overview.measures_value", count=len(statuses), better=better,
            worse=worse)),
        (tr("reports.overview.cycles"), tr(
            "reports.overview.cycles_value", count=len(cycles), decided=decided)),
    ))
    return Section("overview", tr("reports.overview.title"), (facts,))


# -- charter --------------------------------------------------------------------------------


def _charter(ctx: Context, project_id: str, statuses: list[MeasureStatus]) -> Section:
    tr = ctx.tr
    view = load_charter(ctx.store, project_id)
    texts = [(tr(f"field.{name}"), getattr(view.charter, name).strip())
             for name in ("purpose", "citizen_case", "success_criteria", "scope")]
    blocks: list[Block] = []
    shown = tuple((label, text) for label, text in texts if text)
    blocks.append(Facts(shown) if shown else Paragraph(tr("reports.charter.empty")))
    goals = parts.goals_table(ctx, project_id, statuses)
    if goals is not None:
        blocks.append(goals)
    people = []
    if view.units:
        people.append((tr("reports.charter.units"), ", ".join(u.name for u in view.units)))
    if view.steering:
        people.append((tr("enum.group.steering"), ", ".join(
            f"{seat.name} ({seat.member.role})" if seat.member.role else seat.name
            for seat in view.steering)))
    if people:
        blocks.append(Facts(tuple(people)))
    return Section("charter", tr("charter.title"), tuple(blocks))


# -- phases ---------------------------------------------------------------------------------


def _phases(ctx: Context, phases: list[PhaseOverview]) -> Section:
    tr = ctx.tr
    rows = []
    for overview in phases:
        total = len(overview.advice_done) + len(overview.custom_items)
        done = total - overview.checklist_open
        name = phase_name(tr, overview.number)
        if overview.is_current:
            name = tr("reports.phases.current", name=name)
        rows.append((name, tr(f"phase_status.{overview.status.value}"),
                     tr("reports.phases.ticked", done=done, total=total)))
    blocks: list[Block] = [Table(
        (tr("field.phase"), tr("field.status"), tr("reports.phases.checklist")), tuple(rows),
        numeric=(2,), css="phases")]
    current = next(p for p in phases if p.is_current)
    open_items = [tr(f"phase.{current.key}.advice.{key}")
                  for key, done in current.advice_done.items() if not done]
    open_items += [text for text, done in current.custom_items if not done]
    if open_items:
        blocks.append(Paragraph(tr("reports.phases.open_in_current", count=len(open_items))))
        blocks.append(Bullets(tuple(open_items)))
    return Section("phases", tr("reports.phases.title"), tuple(blocks))


# -- the action plan ------------------------------------------------------------------------


def _actions(ctx: Context, project_id: str, plan: list[PlanRow]) -> Section:
    """What the steering group asks of the plan: one line of counts, then the actions overdue,
    those due in the next `DUE_DAYS` days and those done since the period began."""
    tr = ctx.tr
    if not plan:
        return Section("actions", tr("action_plan.title"),
                       (Paragraph(tr("reports.actions.none")),))
    summary = summarize(plan, ctx.today)
    blocks: list[Block] = [Paragraph(tr.count(
        "reports.actions.summary", summary.total, done=summary.counts[ActionStatus.DONE],
        open=sum(row.is_open for row in plan), overdue=summary.overdue))]

    def who(row: PlanRow) -> str:
        return row.responsible.strip() or tr("reports.actions.nobody")

    def by_deadline(rows: list[PlanRow]) -> list[PlanRow]:
        return sorted(rows, key=lambda r: (r.deadline or dt.date.max, r.order, r.id))

    columns = (tr("field.change"), tr("field.responsible"), tr("field.deadline"),
               tr("field.status"))
    overdue = by_deadline([r for r in plan if r.is_overdue(ctx.today)])
    if overdue:
        blocks.append(Table(columns, tuple(
            (r.change, who(r), tr.date(r.deadline),
             tr("reports.actions.late", status=tr(f"enum.action_status.{r.status.value}")))
            for r in overdue), caption=tr("reports.actions.overdue_rows"), nowrap=(2,),
            css="overdue"))
    else:
        blocks.append(Paragraph(tr("reports.actions.overdue_none")))
    until = ctx.today + dt.timedelta(days=DUE_DAYS)
    due = by_deadline([r for r in plan if r.is_open and r.deadline is not None
                       and ctx.today <= r.deadline <= until])
    if due:
        blocks.append(Table(columns, tuple(
            (r.change, who(r), tr.date(r.deadline), tr(f"enum.action_status.{r.status.value}"))
            for r in due), caption=tr("reports.actions.due_rows", days=DUE_DAYS,
                                      date=tr.date(until)), nowrap=(2,), css="due"))
    else:
        blocks.append(Paragraph(tr("reports.actions.due_none", days=DUE_DAYS,
                                   date=tr.date(until))))
    days = done_days(ctx.store, project_id, plan)
    done = sorted((r for r in plan if r.id in days and ctx.since <= days[r.id] <= ctx.today),
                  key=lambda r: (days[r.id], r.order, r.id))
    if done:
        blocks.append(Table(
            (tr("field.change"), tr("field.responsible"), tr("field.deadline"),
             tr("reports.actions.done_on")),
            tuple((r.change, who(r), tr.date(r.deadline), tr.date(days[r.id])) for r in done),
            caption=tr("reports.actions.done_rows", date=tr.date(ctx.since)), nowrap=(2, 3),
            css="done"))
    else:
        blocks.append(Paragraph(tr("reports.actions.done_none", date=tr.date(ctx.since))))
    return Section("actions", tr("action_plan.title"), tuple(blocks))


# -- cycles ---------------------------------------------------------------------------------


def _cycles_of_period(ctx: Context, project_id: str) -> list[tuple[Cycle, str]]:
    """Cycles started, decided or still running in the period, with their card's title."""
    rows = ctx.store.query(
        "SELECT id FROM cycles WHERE project_id = ? AND _exists AND (act IS NULL "
        "OR started_on >= ? OR ended_on >= ?) ORDER BY COALESCE(ended_on, started_on), id",
        [project_id, ctx.since.isoformat(), ctx.since.isoformat()])
    found = []
    for row in rows:
        cycle = changelog.load(ctx.store, Cycle, row["id"])
        if cycle.act is None and cycle.started_on is None:
            continue
        card = changelog.load(ctx.store, KaizenCard, cycle.card_id)
        found.append((cycle, card.title))
    return found


def _cycles(ctx: Context, project: Project, cycles: list[tuple[Cycle, str]]) -> Section:
    tr = ctx.tr
    heading = tr("reports.cycles.title", date=tr.date(ctx.since))
    if not cycles:
        return Section("cycles", heading, (Paragraph(tr("reports.cycles.none")),))
    rows = []
    for cycle, card in cycles:
        if cycle.act is None:
            decision = tr("reports.cycles.running", stage=tr(f"reports.stage.{stage(cycle)}"))
        else:
            decision = tr(f"enum.act_decision.{cycle.act.value}")
            if cycle.decided_by:
                decision = tr("reports.cycles.decided_by", decision=decision,
                              who=cycle.decided_by)
        rows.append((card, title(tr, project.cycle_name, cycle.number),
                     tr.date(cycle.started_on), tr.date(cycle.ended_on), decision,
                     cycle.act_notes or cycle.study_notes))
    return Section("cycles", heading, (Table(
        (tr("reports.cycles.card"), tr("reports.cycles.cycle"), tr("field.started_on"),
         tr("field.ended_on"), tr("field.decision"), tr("reports.cycles.notes")),
        tuple(rows), nowrap=(2, 3), css="cycles"),))


# -- what the steering group is asked to decide ---------------------------------------------


def _asks(ctx: Context, project: Project, phases: list[PhaseOverview], plan: list[PlanRow],
          cycles: list[tuple[Cycle, str]]) -> Section:
    tr = ctx.tr
    asks: list[str] = []
    current = project.current_phase
    overview = phases[current - 1]
    if current < len(PHASES) and not overview.checklist_open:
        asks.append(tr("reports.asks.move", phase=phase_name(tr, current),
                       next=phase_name(tr, current + 1)))
    elif current in STEERING_PHASES and overview.checklist_open:
        asks.append(tr("reports.asks.phase_open", phase=phase_name(tr, current),
                       count=overview.checklist_open))
    for cycle, card in cycles:
        if cycle.act is None and stage(cycle) is Stage.ACT:
            asks.append(tr("reports.asks.cycle", card=card,
                           cycle=title(tr, project.cycle_name, cycle.number)))
    if current == len(PHASES):
        closing = closing_summary(ctx.store, project.id)
        if closing.undecided:
            asks.append(tr.count("reports.asks.closing_items", closing.undecided))
        if closing.kaizen_continues is None:
            asks.append(tr("reports.asks.kaizen"))
        if closing.steering_group_stays is None:
            asks.append(tr("reports.asks.steering"))
    if current == 1:
        view = load_charter(ctx.store, project.id)
        asks += [tr(w.key, **w.params) for w in warnings(view)]
    overdue = sum(row.is_overdue(ctx.today) for row in plan)
    if overdue:
        asks.append(tr("reports.asks.overdue", count=overdue))
    block: Block = Bullets(tuple(asks)) if asks else Paragraph(tr("reports.asks.none"))
    return Section("asks", tr("reports.asks.title"), (block,))
