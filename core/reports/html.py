"""A report as one self-contained HTML file: inline CSS and SVG, no scripts, no network, made
to print on A4 (a new page before the sections a reader expects there, nothing split inside a
chart or a table's row). Every text is HTML-escaped."""

from __future__ import annotations

from html import escape

from core.i18n import Translator
from core.measures.assurance import Assurance, Variation
from core.measures.words import ASSURANCE_SYMBOL, VARIATION_SYMBOL
from core.reports.charts import centre_text, mark_text
from core.reports.model import (
    Block,
    Bullets,
    Chart,
    Facts,
    FunnelPlot,
    Paragraph,
    Report,
    Section,
    Table,
)
from core.reports.svg import funnel_svg, run_chart_svg

KEEP_ROWS = 12
"""Tables with at most this many rows are never split across printed pages."""

CSS = """
@page { size: A4; margin: 15mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Calibri, Arial, Helvetica, sans-serif; font-size: 10.5pt;
  line-height: 1.4; color: #111; background: #fff; margin: 0 auto; max-width: 180mm;
  padding: 8mm 0; }
h1 { font-size: 20pt; margin: 0 0 2pt; }
h2 { font-size: 14pt; margin: 16pt 0 6pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #1f4e79;
  color: #1f4e79; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 10pt 0 2pt; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 6pt; }
.subtitle { font-size: 13pt; margin: 0 0 8pt; }
.report-head { border-bottom: 1pt solid #999; padding-bottom: 6pt; margin-bottom: 8pt; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 10pt; margin: 0 0 8pt; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
dl.facts dd p:last-child { margin-bottom: 0; }
nav.toc ol { margin: 0 0 6pt; padding-left: 16pt; columns: 2; }
nav.toc a { color: inherit; text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-size: 9.5pt; }
table.keep { page-break-inside: avoid; break-inside: avoid; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
caption { text-align: left; font-weight: 600; padding: 0 0 3pt; }
th, td { border: 0.75pt solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #e8eef5; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
ul, ol { margin: 0 0 8pt; padding-left: 16pt; }
section.new-page { break-before: page; page-break-before: always; }
figure.chart { margin: 8pt 0 14pt; page-break-inside: avoid; break-inside: avoid; }
figure.chart h3 { margin-top: 0; }
.chart-sub, .legend, .note, footer { color: #444; font-size: 9pt; }
svg.run-chart { display: block; width: 100%; height: auto; font-size: 11px; }
svg .grid { stroke: #ddd; stroke-width: 1; }
svg .axis { stroke: #666; stroke-width: 1; }
svg .y-tick, svg .x-tick { fill: #333; font-size: 10px; }
svg .series { fill: none; stroke: #1f4e79; stroke-width: 1.6; }
svg .point { fill: #1f4e79; stroke: #fff; stroke-width: 0.8; }
svg .point.signal { fill: #b71c1c; stroke: #000; stroke-width: 1.6; }
svg .sigma { fill: none; stroke: #b71c1c; stroke-width: 1.4; }
svg .centre { stroke: #444; stroke-width: 1.4; stroke-dasharray: 6 4; }
svg .limit { fill: none; stroke: #777; stroke-width: 1; }
svg .point.excluded { fill: #fff; stroke: #1f4e79; stroke-width: 1.6; }
svg .target { fill: none; stroke: #2e7d32; stroke-width: 1.6; }
svg .line-value { fill: #333; font-size: 9px; }
svg.icon { vertical-align: -3px; }
svg.icon text { stroke: none; font-weight: 700; }
svg text { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg .target-label { fill: #2e7d32; font-size: 10px; }
svg .part-split { stroke: #888; stroke-width: 1; stroke-dasharray: 2 3; }
svg .mark { stroke: #6a1b9a; stroke-width: 1; stroke-dasharray: 1 3; }
svg .mark-label { fill: #6a1b9a; font-size: 10px; font-weight: 600; }
ul.signals { margin: 4pt 0; }
ol.marks { font-size: 9pt; }
footer { border-top: 1pt solid #999; margin-top: 16pt; padding-top: 4pt; }
@media print { body { padding: 0; max-width: none; } nav.toc { display: none; } }
"""


def _text(text: str) -> str:
    """Escaped text, paragraphs for blank lines and line breaks kept."""
    paragraphs = [part.strip("\n") for part in text.split("\n\n") if part.strip()]
    if len(paragraphs) <= 1:
        return escape(text.strip()).replace("\n", "<br>")
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def _facts(facts: Facts) -> str:
    items = "".join(f"<dt>{escape(label)}</dt><dd>{_text(value)}</dd>"
                    for label, value in facts.items)
    return f'<dl class="facts">{items}</dl>'


ICON_COLOURS: dict[str, str] = {
    VARIATION_SYMBOL[Variation.IMPROVING]: "#1565c0",
    VARIATION_SYMBOL[Variation.CONCERNING]: "#e65100",
    VARIATION_SYMBOL[Variation.COMMON]: "#757575",
    VARIATION_SYMBOL[Variation.NEITHER]: "#6a1b9a",
    ASSURANCE_SYMBOL[Assurance.PASS]: "#1565c0",
    ASSURANCE_SYMBOL[Assurance.FAIL]: "#e65100",
    ASSURANCE_SYMBOL[Assurance.HIT_AND_MISS]: "#757575",
}
"""Making Data Count's colours (blue improving or met, orange concerning or failed, grey common
cause or hit and miss, purple a signal without a side); the words beside say the same."""


def icon(symbol: str) -> str:
    """A small inline SVG icon: the symbol in white on a disc of its colour."""
    colour = ICON_COLOURS[symbol]
    return ('<svg class="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">'
            f'<circle cx="8" cy="8" r="7.5" fill="{colour}"/><text x="8" y="11.5" '
            f'text-anchor="middle" font-size="10" fill="#fff">{escape(symbol)}</text></svg>')


def _table(table: Table) -> str:
    def cell(tag: str, index: int, text: str) -> str:
        names = [name for name, columns in (("num", table.numeric), ("nowrap", table.nowrap))
                 if index in columns]
        css = f' class="{" ".join(names)}"' if names else ""
        symbol, _, words = text.partition(" ")
        if tag == "td" and index in table.icons and symbol in ICON_COLOURS:
            return f"<{tag}{css}>{icon(symbol)} {_text(words)}</{tag}>"
        return f"<{tag}{css}>{_text(text)}</{tag}>"

    # A short table stays on one page; a long one breaks between rows, its header repeated.
    names = " ".join(n for n in (table.css, "keep" if len(table.rows) <= KEEP_ROWS else "") if n)
    css = f' class="{escape(names, quote=True)}"' if names else ""
    caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
    head = "".join(cell("th", i, text) for i, text in enumerate(table.columns))
    body = "".join(
        "<tr>" + "".join(cell("td", i, text) for i, text in enumerate(row)) + "</tr>"
        for row in table.rows)
    return f"<table{css}>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart(chart: Chart, tr: Translator) -> str:
    out = [f'<figure class="chart" id="chart-{escape(chart.measure_id, quote=True)}">',
           f"<h3>{escape(chart.title)}</h3>",
           f'<p class="chart-sub">{escape(chart.subtitle)} · <strong class="state">'
           f"{escape(chart.state)}</strong></p>"]
    if chart.points:
        out.append(run_chart_svg(chart, tr))
        out.append(f'<p class="legend">{escape(chart.legend)}</p>')
        numbers = [tr("reports.chart.latest", value=chart.last_shown or "–",
                      period=chart.points[-1].label)]
        centre = chart.parts[-1].centre_shown if chart.parts else ""
        if centre:
            numbers.append(centre_text(chart, centre, tr))
        if chart.target is not None:
            numbers.append(tr("reports.chart.target", value=chart.target_shown))
        out.append(f'<p class="chart-numbers">{escape(" · ".join(numbers))}</p>')
    out.append('<ul class="signals">' + "".join(
        f"<li>{escape(sentence)}</li>" for sentence in chart.sentences) + "</ul>")
    if chart.marks:
        out.append('<ol class="marks">' + "".join(
            f'<li value="{mark.number}">{escape(mark_text(mark, tr, median=chart.median))}</li>'
            for mark in chart.marks) + "</ol>")
    out.append("</figure>")
    return "\n".join(out)


def _block(block: Block, tr: Translator) -> str:
    if isinstance(block, Paragraph):
        css = ' class="note"' if block.note else ""
        return f"<p{css}>{_text(block.text)}</p>"
    if isinstance(block, Facts):
        return _facts(block)
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_text(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, FunnelPlot):
        return f'<figure class="funnel">{funnel_svg(block, tr)}</figure>'
    return _chart(block, tr)


def _section(section: Section, tr: Translator) -> str:
    css = "section new-page" if section.new_page else "section"
    body = "\n".join(_block(block, tr) for block in section.blocks)
    return (f'<section class="{css}" id="{escape(section.id, quote=True)}">\n'
            f"<h2>{escape(section.title)}</h2>\n{body}\n</section>")


def render_html(report: Report) -> str:
    """The whole report as an HTML document."""
    tr = Translator(report.lang)
    toc = "".join(f'<li><a href="#{escape(s.id, quote=True)}">{escape(s.title)}</a></li>'
                  for s in report.sections)
    sections = "\n".join(_section(section, tr) for section in report.sections)
    return f"""<!DOCTYPE html>
<html lang="{escape(report.lang, quote=True)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Tavle">
<title>{escape(report.title)} – {escape(report.subtitle)}</title>
<style>{CSS}</style>
</head>
<body class="report report-{report.kind}">
<header class="report-head">
<h1>{escape(report.title)}</h1>
<p class="subtitle">{escape(report.subtitle)}</p>
{_facts(report.facts)}
</header>
<nav class="toc"><h2>{escape(tr("reports.contents"))}</h2><ol>{toc}</ol></nav>
{sections}
<footer>{escape(report.footer)}</footer>
</body>
</html>
"""
