"""The portfolio report: every live project side by side (phase, action plan, kaizen meetings,
signals, successes), the summary of every project's measures (variation, assurance, since
when), funnel plots of the measures projects share, and the benefits of the whole portfolio.
The rows and signals are `core.views.portfolio`'s, as the portfolio screen shows."""

from __future__ import annotations

from core.reports import parts
from core.reports.model import Block, Facts, FunnelPlot, Paragraph, Report, Section, Table
from core.reports.parts import Context
from core.teams.funnel import funnel_table, summary_sentences
from core.values.periods import period_label
from core.views.funnel import shared_funnel, shared_measures, shared_periods
from core.views.measure_summary import SummaryRow
from core.views.portfolio import load_portfolio, portfolio_signals


def funnel_sections(ctx: Context) -> list[Section]:
    """A funnel plot's words and table for each measure several projects share, in the latest
    period any of them has numerator and denominator for."""
    tr = ctx.tr
    sections = []
    for index, shared in enumerate(shared_measures(ctx.store)):
        periods = shared_periods(ctx.store, shared)
        if not periods:
            continue
        period = periods[-1]
        result = shared_funnel(ctx.store, shared, period)
        if not result.units:
            continue
        words = summary_sentences(result, shared.shown, tr, what="units")
        blocks: list[Block] = [
            Paragraph(tr("funnel.report.intro", overall=shared.shown.text(result.overall, tr))),
            *(Paragraph(sentence) for sentence in words),
            FunnelPlot(result, shared.shown),
            Table((tr("funnel.column.unit"), tr("funnel.column.n"), tr("funnel.column.rate"),
                   tr("funnel.column.position")),
                  tuple(funnel_table(result, shared.shown, tr)), numeric=(1, 2), css="funnel"),
        ]
        sections.append(Section(f"funnel-{index + 1}", tr(
            "funnel.report.heading", measure=shared.name, period=period_label(period, tr)),
            tuple(blocks)))
    return sections


def portfolio_report(ctx: Context) -> Report:
    """Build the portfolio report over the live projects that are not archived."""
    tr = ctx.tr
    rows = load_portfolio(ctx.store, today=ctx.today)
    signals = portfolio_signals(ctx.store, [row.id for row in rows])
    won = dict(ctx.store.execute(
        "SELECT project_id, COUNT(*) FROM successes WHERE _exists GROUP BY project_id"
    ).fetchall())
    overview_rows = []
    summary: list[SummaryRow] = []
    for row in rows:
        meeting = "–" if row.days_since_meeting is None else tr(
            "reports.portfolio.days_ago", days=row.days_since_meeting)
        if row.meeting_overdue():
            meeting = tr("reports.portfolio.meeting_late", days=meeting)
        overview_rows.append((
            row.name, row.unit, row.leader, parts.phase_name(tr, row.phase),
            str(row.open_actions), str(row.overdue_actions), meeting, str(row.measures),
            str(signals.better.get(row.id, 0)), str(signals.worse.get(row.id, 0)),
            str(won.get(row.id, 0)),
        ))
        summary += [SummaryRow(row.id, row.name, row.unit, status)
                    for status in parts.measure_statuses(ctx, row.id)]
    blocks: list[Block]
    if overview_rows:
        blocks = [Table(
            (tr("reports.fact.project"), tr("field.unit"), tr("field.leader"),
             tr("field.phase"), tr("reports.actions.open"), tr("reports.actions.overdue"),
             tr("reports.portfolio.last_meeting"), tr("measures.title"),
             tr("reports.portfolio.better"), tr("reports.portfolio.worse"),
             tr("reports.successes.title")),
            tuple(overview_rows), numeric=(4, 5, 7, 8, 9, 10), css="projects")]
    else:
        blocks = [Paragraph(tr("reports.portfolio.none"))]
    sections = [Section("projects", tr("reports.portfolio.projects"), tuple(blocks))]
    if summary:
        sections.append(parts.summary_section(ctx, summary, projects=True))
    sections += funnel_sections(ctx)
    benefits = parts.benefits_section(ctx, None)
    if benefits is not None:
        sections.append(benefits)
    facts = Facts((
        (tr("reports.portfolio.count"), str(len(rows))),
        (tr("reports.fact.made_on"), tr.date(ctx.today)),
    ))
    return Report(
        kind="portfolio", lang=tr.lang, title=tr("reports.portfolio.title"),
        subtitle=tr("reports.portfolio.subtitle"), facts=facts, sections=tuple(sections),
        footer=parts.footer(ctx), made_on=ctx.today,
    )
