"""The closing report (phase 6): every change the project made, grouped by its decision with
who carries it and the note, the results against the result goals with their charts, the
successes, and what goes on in normal operation."""

from __future__ import annotations

from core.closing.decisions import closing_items, group_key, grouped
from core.closing.decisions import summary as closing_summary
from core.i18n import Translator
from core.reports import parts
from core.reports.model import Block, Facts, Paragraph, Report, Section, Table
from core.reports.parts import Context


def _choice(tr: Translator, value: bool | None, yes: str, no: str) -> str:
    return tr("closing.undecided") if value is None else tr(yes if value else no)


def closing_report(ctx: Context, project_id: str) -> Report:
    """Build the closing report of a project."""
    tr = ctx.tr
    project = parts.load_project(ctx, project_id)
    statuses = parts.measure_statuses(ctx, project_id)
    summary = closing_summary(ctx.store, project_id)
    items = closing_items(ctx.store, project_id)

    facts = Facts((
        (tr("reports.closing.changes"), tr.count(
            "closing.summary", summary.items, continued=summary.continued,
            developed=summary.developed, cancelled=summary.cancelled)),
        (tr("reports.closing.undecided"), str(summary.undecided)),
        (tr("field.kaizen_continues"), _choice(
            tr, summary.kaizen_continues, "reports.yes", "reports.no")),
        (tr("field.steering_group_stays"), _choice(
            tr, summary.steering_group_stays, "reports.yes", "reports.no")),
    ))
    overview: list[Block] = [facts]
    if project.current_phase != 6:
        overview.insert(0, Paragraph(tr("reports.closing.not_phase_6",
                                        phase=parts.phase_name(tr, project.current_phase))))
    decisions: list[Block] = [
        Table(
            (tr("closing.column.kind"), tr("closing.column.subject"),
             tr("closing.column.responsible"), tr("field.decided_on"),
             tr("reports.closing.note")),
            tuple(
                (item.kind_text(tr), item.subject,
                 item.decision.responsible if item.decision else "",
                 tr.date(item.decision.decided_on) if item.decision else "",
                 item.decision.note if item.decision else "")
                for item in members),
            caption=f"{tr(f'reports.closing.group.{group_key(choice)}')} ({len(members)})",
            nowrap=(3,), css=f"decisions-{group_key(choice)}")
        for choice, members in grouped(items)
    ] or [Paragraph(tr("reports.closing.no_items"))]

    goals = parts.goals_table(ctx, project_id, statuses)
    goal_measures = {goal.measure_id for goal in parts.result_goals(ctx, project_id)}
    shown = [s for s in statuses if s.measure.id in goal_measures] or statuses
    results: list[Block] = [goals] if goals is not None else [
        Paragraph(tr("reports.closing.no_goals"))]
    results += parts.charts(ctx, shown)

    sections = [
        Section("overview", tr("reports.overview.title"), tuple(overview)),
        Section("decisions", tr("reports.closing.decisions"), tuple(decisions)),
        Section("results", tr("reports.closing.results"), tuple(results), new_page=True),
        Section("successes", tr("reports.successes.title"),
                tuple(parts.successes_blocks(ctx, project_id, since=None))),
    ]
    benefits = parts.benefits_section(ctx, project_id)
    if benefits is not None:
        sections.append(benefits)
    return Report(
        kind="closing", lang=tr.lang, title=tr("reports.closing.title"), subtitle=project.name,
        facts=parts.project_facts(ctx, project, period=False), sections=tuple(sections),
        footer=parts.footer(ctx), made_on=ctx.today,
    )
