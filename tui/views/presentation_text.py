"""The words of presentation mode's pages, as (style, text) lines: headings in bold, user text
shown literally by the screen."""

from __future__ import annotations

from collections.abc import Sequence

from core.closing.benefits import format_amount, summarize, total_sentence
from core.kaizen.cycles import title as cycle_title
from core.models import Annotation
from core.views.presentation import Story
from tui.lang import tr, translator
from tui.workflow.texts import figure_change_lines, figure_lines

Line = tuple[str, str]
"""A line of a page and its style ("bold" for a heading, "" for text)."""
HEAD = "bold"


def _plain(lines: Sequence[str]) -> list[Line]:
    return [("", line) for line in lines]


def case_lines(story: Story) -> list[Line]:
    """Page 1: the citizen case and the purpose, or what is missing."""
    lines = [(HEAD, tr("field.citizen_case")),
             ("", story.citizen_case or tr("presentation.no_case")), ("", ""),
             (HEAD, tr("field.purpose")), ("", story.purpose or tr("presentation.no_purpose"))]
    if story.unit:
        lines += [("", ""), ("", tr("presentation.unit", unit=story.unit))]
    return lines


def workflow_lines(story: Story) -> list[Line]:
    """Page 2: today's workflow against the redesign in figures, or what is missing."""
    comparison = story.comparison
    if comparison is None:
        return [("", tr("presentation.no_maps"))]
    if not story.has_redesign:
        return [("", tr("presentation.only_current")), ("", ""),
                *_plain([f"  {line}" for line in figure_lines(comparison.before)])]
    lines = [(HEAD, tr("workflow.compare.heading")), ("", ""),
             *_plain([f"  {line}" for line in figure_change_lines(comparison)]), ("", "")]
    if not story.has_current:
        lines.append(("", tr("presentation.no_current")))
    lines.append(("", tr("presentation.steps_changed", removed=len(comparison.removed),
                          added=len(comparison.added), changed=len(comparison.changed))))
    return lines


def marks_legend(annotations: Sequence[Annotation]) -> str:
    """The changes marked on the chart, numbered as on the chart."""
    t = translator()
    marks = [tr("measures.mark", number=n, date=t.date(a.on), text=a.text)
             for n, a in enumerate(annotations, start=1)]
    return tr("measures.marks", marks=" · ".join(marks)) if marks else ""


def meeting_line(story: Story) -> str:
    """The kaizen meetings held in the project's rhythm: "3 kaizen-møder holdt · møderytme: 21
    dage · 3 af 5 planlagte" ("" before the first)."""
    plan = story.meetings
    if plan is None or not plan.held:
        return ""
    line = tr("presentation.meetings_held", count=plan.held, every=plan.rhythm.every_days)
    if plan.rhythm.planned is not None:
        of = tr("presentation.meetings_of", count=plan.held, planned=plan.rhythm.planned)
        line = f"{line} · {of}"
    return line


def cycle_lines(story: Story) -> list[Line]:
    """Page 4: the kaizen meetings held, and each cycle tried (its change, prediction, what was
    learned, the decision)."""
    meetings = meeting_line(story)
    head: list[Line] = [("", meetings), ("", "")] if meetings else []
    if not story.cycles:
        return [*head, ("", tr("presentation.no_cycles"))]
    t = translator()
    lines: list[Line] = list(head)
    for item in story.cycles:
        cycle = item.cycle
        decision = tr(f"enum.act_decision.{cycle.act.value}") if cycle.act else tr(
            "presentation.cycle_running")
        lines.append((HEAD, tr("presentation.cycle_line", name=cycle_title(
            t, story.cycle_name, cycle.number), card=item.card_title, decision=decision)))
        for key, text in (("prediction", cycle.prediction), ("learned", cycle.study_notes),
                          ("act_notes", cycle.act_notes)):
            if text.strip():
                lines.append(("", tr(f"presentation.cycle_{key}", text=text.strip())))
        lines.append(("", ""))
    return lines[:-1]


def results_lines(story: Story) -> list[Line]:
    """Page 5: the successes celebrated and the benefits, expected and realised."""
    t = translator()
    lines: list[Line] = [(HEAD, tr("presentation.successes"))]
    lines += [("", f"  ★ {t.date(s.on)} {s.text}") for s in story.successes] or [
        ("", f"  {tr('presentation.no_successes')}")]
    lines += [("", ""), (HEAD, tr("presentation.benefits"))]
    if not story.benefits:
        return [*lines, ("", f"  {tr('presentation.no_benefits')}")]
    summary = summarize(story.benefits)
    lines += [(HEAD, f"  {total_sentence(total, t)}") for total in summary.totals]
    for row in story.benefits:
        b = row.benefit
        amount = format_amount(b.kind, b.amount, b.unit, t)
        line = tr("presentation.benefit_line", status=tr(f"enum.benefit_status.{b.status.value}"),
                  title=b.title, amount=amount or "–")
        if row.measure_name:
            line += " " + tr("presentation.documented_by", measure=row.measure_name)
        elif row.unmeasured:
            line += " " + tr("benefits.flag_unmeasured")
        lines.append(("", f"  • {line}"))
    return lines
