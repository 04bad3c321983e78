"""What several reports share: the context they are built in, the header facts, the charts of
a project's measures, successes, benefits and the result goals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.db import changelog
from core.db.store import Store
from core.i18n import Translator
from core.kaizen import successes
from core.measures.signals import MeasureStatus, measure_status, project_measure_ids
from core.measures.words import format_value
from core.models import Direction, Measure, Project, ResultGoal
from core.phases import phase
from core.reports.charts import chart_of
from core.reports.model import Block, Bullets, Chart, Facts, Paragraph, Section, Table
from core.views.measure_summary import COLUMNS, SummaryRow, sort_summary, summary_cells


@dataclass(frozen=True)
class Context:
    """What a report is built from: the store, the language, today and the period's start."""

    store: Store
    tr: Translator
    today: dt.date
    since: dt.date

    def period(self) -> str:
        """The report's period in words ("28-10-2026 – 24-11-2026")."""
        return self.tr("reports.period_range", start=self.tr.date(self.since),
                       end=self.tr.date(self.today))


def load_project(ctx: Context, project_id: str) -> Project:
    """The project, read with its field defaults."""
    return changelog.load(ctx.store, Project, project_id)


def phase_name(tr: Translator, number: int) -> str:
    """ "Fase 5: Afprøvningsfasen"."""
    return tr("reports.phase_name", number=number, name=tr(f"phase.{phase(number).key}.name"))


def project_facts(ctx: Context, project: Project, *, period: bool) -> Facts:
    """The facts under a project report's title: project, unit, leader, phase, period, date."""
    tr = ctx.tr
    items = [(tr("reports.fact.project"), project.name)]
    if project.unit:
        items.append((tr("field.unit"), project.unit))
    if project.leader:
        items.append((tr("field.leader"), project.leader))
    items.append((tr("field.current_phase"), phase_name(tr, project.current_phase)))
    if period:
        items.append((tr("reports.fact.period"), ctx.period()))
    items.append((tr("reports.fact.made_on"), tr.date(ctx.today)))
    return Facts(tuple(items))


def footer(ctx: Context) -> str:
    """The line at the end of every report."""
    from core import __version__

    return ctx.tr("reports.footer", version=__version__, date=ctx.tr.date(ctx.today))


def _live_ids(store: Store, table: str, project_id: str, order: str) -> list[str]:
    rows = store.query(
        f'SELECT id FROM "{table}" WHERE project_id = ? AND _exists ORDER BY {order}',
        [project_id])
    return [row["id"] for row in rows]


def measure_statuses(ctx: Context, project_id: str) -> list[MeasureStatus]:
    """The signal state of each of the project's measures, in their order."""
    return [measure_status(ctx.store, measure_id)
            for measure_id in project_measure_ids(ctx.store, project_id)]


def summary_section(ctx: Context, rows: list[SummaryRow], *, projects: bool) -> Section:
    """The summary table of measures ("Overblik over målinger"): latest value, target,
    variation, assurance and since when, those needing attention first (`projects`: with the
    project's name, for the portfolio)."""
    tr = ctx.tr
    keys = COLUMNS if projects else COLUMNS[1:]
    table_rows = tuple(tuple(summary_cells(row, tr)[key] for key in keys)
                       for row in sort_summary(rows))
    blocks: tuple[Block, ...] = (Paragraph(tr("reports.measures.none")),)
    if table_rows:
        blocks = (Paragraph(tr("mdc.summary_intro"), note=True), Table(
            tuple(tr(f"mdc.column.{key}") for key in keys), table_rows,
            numeric=(keys.index("last"), keys.index("target")), nowrap=(keys.index("since"),),
            css="summary", icons=(keys.index("variation"), keys.index("assurance"))))
    return Section("summary", tr("mdc.summary_title"), blocks)


def charts(ctx: Context, statuses: list[MeasureStatus]) -> list[Chart]:
    """The chart each measure is read on (run chart or control chart)."""
    return [chart_of(status, ctx.tr) for status in statuses]


def result_goals(ctx: Context, project_id: str) -> list[ResultGoal]:
    """The charter's result goals, in their order."""
    return [changelog.load(ctx.store, ResultGoal, goal_id)
            for goal_id in _live_ids(ctx.store, "result_goals", project_id, '"order", id')]


def goal_target(goal: ResultGoal, measure: Measure | None) -> float | None:
    """The goal's target value, else its measure's."""
    if goal.target is not None:
        return goal.target
    return measure.target if measure is not None else None


def reached(value: float | None, target: float | None, better: Direction) -> bool | None:
    """Whether a value meets a target in the measure's better direction (None: cannot tell)."""
    if value is None or target is None:
        return None
    return value >= target if better is Direction.HIGHER else value <= target


def goals_table(ctx: Context, project_id: str, statuses: list[MeasureStatus]) -> Table | None:
    """The result goals against their measures: latest value, the centre line now (of the
    chart each measure is read on), target, reached."""
    tr = ctx.tr
    goals = result_goals(ctx, project_id)
    if not goals:
        return None
    by_id = {status.measure.id: status for status in statuses}
    rows = []
    for goal in goals:
        status = by_id.get(goal.measure_id or "")
        measure = status.measure if status else None
        target = goal_target(goal, measure)
        last = status.last_value if status else None
        centre = status.part.centre if status and status.part else None
        if last is None or measure is None:
            verdict = "no_data"
        elif target is None:
            verdict = "no_target"
        else:
            verdict = "reached" if reached(last, target, measure.better) else "not_reached"

        def shown(value: float | None, measure: Measure | None = measure) -> str:
            if value is None:
                return "–"
            return format_value(measure, value, tr) if measure else tr.number(value)

        rows.append((goal.text, measure.name if measure else "–", shown(last), shown(centre),
                     shown(target), tr.date(goal.due) or "–", tr(f"reports.goal.{verdict}")))
    return Table(
        columns=(tr("reports.goal.goal"), tr("field.measure_id"), tr("reports.goal.latest"),
                 tr("qic_core.goal_centre"), tr("field.target"), tr("field.due"),
                 tr("reports.goal.verdict")),
        rows=tuple(rows), numeric=(2, 3, 4), nowrap=(5,), css="goals",
    )


def successes_blocks(ctx: Context, project_id: str, *, since: dt.date | None) -> list[Block]:
    """The successes celebrated (since a date, or all), newest first."""
    tr = ctx.tr
    found = [s for s in successes.list_successes(ctx.store, project_id)
             if since is None or s.on >= since]
    if not found:
        key = "reports.successes.none_since" if since else "reports.successes.none"
        return [Paragraph(tr(key))]
    rows = tuple((tr.date(s.on), s.text, s.recorded_by or "") for s in found)
    return [Table((tr("field.on"), tr("reports.successes.what"), tr("field.recorded_by")),
                  rows, nowrap=(0,), css="successes")]


def benefits_section(ctx: Context, project_id: str | None) -> Section | None:
    """The benefits (gevinster) of a project, or of every live project (None: there are none)."""
    blocks = benefit_blocks(ctx, project_id)
    if blocks is None:
        return None
    return Section("benefits", ctx.tr("reports.benefits.title"), tuple(blocks))


def benefit_blocks(ctx: Context, project_id: str | None) -> list[Block] | None:
    """The totals in words, each benefit with its amount and documenting measure, and the
    expected benefits no measure documents (`core.closing.benefits`). None without benefits."""
    from core.closing import benefits

    tr = ctx.tr
    rows = benefits.list_benefits(ctx.store, project_id)
    if not rows:
        return None
    summary = benefits.summarize(rows)
    blocks: list[Block] = [Bullets(tuple(
        benefits.total_sentence(total, tr) for total in summary.totals))]
    table_rows = []
    for row in rows:
        item = row.benefit
        period = tr("reports.period_range", start=tr.date(item.period_from),
                    end=tr.date(item.period_to)) if item.period_from or item.period_to else ""
        measure = row.measure_name or (tr("reports.benefits.unmeasured") if row.unmeasured
                                       else "–")
        first = (row.project_name,) if project_id is None else ()
        table_rows.append((*first, item.title, tr(f"enum.benefit_kind.{item.kind.value}"),
                           tr(f"enum.benefit_status.{item.status.value}"),
                           benefits.format_amount(item.kind, item.amount, item.unit, tr) or "–",
                           period, measure))
    first_column = (tr("reports.fact.project"),) if project_id is None else ()
    shift = len(first_column)
    blocks.append(Table(
        (*first_column, tr("reports.benefits.what"), tr("field.kind"), tr("field.status"),
         tr("reports.benefits.amount"), tr("reports.fact.period"),
         tr("reports.benefits.measure")),
        tuple(table_rows), numeric=(3 + shift,), nowrap=(4 + shift,), css="benefits"))
    if summary.unmeasured:
        blocks.append(Paragraph(tr("reports.benefits.unmeasured_count",
                                   count=summary.unmeasured), note=True))
    return blocks
