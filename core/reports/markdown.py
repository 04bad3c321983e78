"""A report as Markdown, for pasting into the municipality's own documents: the same sections
and numbers as the HTML, each chart as a table of its points with the signals in words.
User text is escaped so that it reads as typed (no links, emphasis or HTML)."""

from __future__ import annotations

import re

from core.i18n import Translator
from core.reports.charts import centre_text, mark_text
from core.reports.model import (
    Block,
    Bullets,
    Chart,
    Facts,
    FunnelPlot,
    Paragraph,
    Report,
    Table,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+[.)])", re.MULTILINE)


def md_escape(text: str) -> str:
    """Text that Markdown shows literally (no emphasis, links, HTML, headings or lists)."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m[1] + "\\" + m[2], text)


def _cell(text: str) -> str:
    return md_escape(" ".join(text.split())) or " "


def _table(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
           numeric: tuple[int, ...] = ()) -> list[str]:
    rule = ["---:" if i in numeric else "---" for i in range(len(columns))]
    lines = ["| " + " | ".join(_cell(c) for c in columns) + " |",
             "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _paragraphs(text: str) -> list[str]:
    lines = []
    for part in (p for p in text.strip().split("\n\n") if p.strip()):
        lines += [md_escape(line) + "  " for line in part.strip().split("\n")]
        lines[-1] = lines[-1].rstrip()
        lines.append("")
    return lines[:-1]


def _facts(facts: Facts) -> list[str]:
    """Short facts as a list; a fact of several lines as a bold label and its paragraphs."""
    lines: list[str] = []
    for label, value in facts.items:
        if "\n" in value.strip():
            if lines and lines[-1] != "":
                lines.append("")
            lines += [f"**{md_escape(label)}:**", "", *_paragraphs(value), ""]
        else:
            lines.append(f"- **{md_escape(label)}:** {md_escape(value.strip())}")
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def _chart(chart: Chart, tr: Translator) -> list[str]:
    lines = [f"### {md_escape(chart.title)}", "",
             f"*{md_escape(chart.subtitle)}* · **{md_escape(chart.state)}**", ""]
    lines += [f"- {md_escape(sentence)}" for sentence in chart.sentences]
    if not chart.points:
        return lines
    numbers = [tr("reports.chart.latest", value=chart.last_shown or "–",
                  period=chart.points[-1].label)]
    if chart.parts and chart.parts[-1].centre_shown:
        numbers.append(centre_text(chart, chart.parts[-1].centre_shown, tr))
    if chart.target is not None:
        numbers.append(tr("reports.chart.target", value=chart.target_shown))
    lines += ["", md_escape(" · ".join(numbers)), ""]
    limits = any(p.lcl is not None or p.ucl is not None for p in chart.points)
    rows = []
    for point in chart.points:
        signs = [tr("reports.chart.signal_point")] if point.signal else []
        if point.sigma:
            signs.append(tr("reports.chart.sigma_point"))
        if point.excluded:
            signs.append(tr("qic_core.excluded_point"))
        if point.value is None:
            signs.append(tr("qic_core.missing_point"))
        row: tuple[str, ...] = (point.label, point.shown or "–", point.centre_shown)
        if limits:
            row += (point.lcl_shown or "–", point.ucl_shown or "–")
        rows.append((*row, ", ".join(signs)))
    centre = tr("reports.chart.median_column") if chart.median else tr("qic_core.mean_column")
    columns: tuple[str, ...] = (tr("field.period"), tr("field.value"), centre)
    if limits:
        columns += (tr("qic_core.lcl_column"), tr("qic_core.ucl_column"))
    lines += _table((*columns, tr("reports.chart.signal_column")), tuple(rows),
                    numeric=tuple(range(1, len(columns))))
    if chart.marks:
        lines.append("")
        lines += [f"{mark.number}. {md_escape(mark_text(mark, tr, median=chart.median))}"
                  for mark in chart.marks]
    return lines


def _block(block: Block, tr: Translator) -> list[str]:
    if isinstance(block, Paragraph):
        text = _paragraphs(block.text)
        return [f"*{line}*" if block.note and line else line for line in text]
    if isinstance(block, Facts):
        return _facts(block)
    if isinstance(block, Bullets):
        return [f"- {md_escape(' '.join(item.split()))}" for item in block.items]
    if isinstance(block, Table):
        caption = [f"**{md_escape(block.caption)}**", ""] if block.caption else []
        return caption + _table(block.columns, block.rows, block.numeric)
    if isinstance(block, FunnelPlot):
        return []  # the table of units beside it says the same in words
    return _chart(block, tr)


def render_markdown(report: Report) -> str:
    """The whole report as a Markdown document."""
    tr = Translator(report.lang)
    lines = [f"# {md_escape(report.title)}", "", f"**{md_escape(report.subtitle)}**", ""]
    lines += _facts(report.facts)
    for section in report.sections:
        lines += ["", f"## {md_escape(section.title)}", ""]
        for block in section.blocks:
            lines += _block(block, tr)
            lines.append("")
        while lines and lines[-1] == "":
            lines.pop()
    lines += ["", "---", "", md_escape(report.footer), ""]
    return "\n".join(lines)
