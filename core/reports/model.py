"""The plain data a report is made of: sections of paragraphs, facts, lists, tables and charts.

Every text here is final (translated, dates and numbers formatted in the report's language);
user-typed text is kept as it was typed and escaped by the renderer (`core.reports.html`,
`core.reports.markdown`). Nothing here knows HTML or Markdown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from core.teams.funnel import Funnel, Shown

Kind = Literal["status", "closing", "portfolio"]
KINDS: tuple[Kind, ...] = ("status", "closing", "portfolio")
Format = Literal["html", "md"]
FORMATS: tuple[Format, ...] = ("html", "md")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text (line breaks kept); `note` is shown smaller, as an aside."""

    text: str
    note: bool = False


@dataclass(frozen=True)
class Facts:
    """Label–value pairs (a definition list)."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table; `numeric` marks the columns whose cells are numbers (right-aligned)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()
    caption: str = ""
    nowrap: tuple[int, ...] = ()
    """Columns kept on one line (dates)."""
    css: str = ""
    """A class name for the table (tests and styles find it by that)."""
    icons: tuple[int, ...] = ()
    """Columns whose cells start with a variation or assurance symbol ("▲ særlig årsag –
    forbedring"): HTML draws the symbol as a small icon before the words."""


@dataclass(frozen=True)
class Mark:
    """A change marked on a chart: the point it belongs to, its number, date and text."""

    index: int
    number: int
    date: str
    text: str
    split: bool = False


@dataclass(frozen=True)
class ChartPoint:
    """One point of a measure's chart: its period, value (raw and as shown), its centre line
    and limits, and what it signals."""

    period: str
    """ISO period (`2026-W47`), kept for data attributes."""
    label: str
    """The period as the report's language names it ("uge 47 2026")."""
    tick: str
    """A short axis label ("u47")."""
    value: float | None
    """None: a missing period (a gap in the chart)."""
    shown: str
    """The value formatted as the measure shows it ("13,5 dage", "82,0 %"); "" when missing."""
    centre: float | None
    centre_shown: str
    signal: bool
    """Part of an unusually long run (Anhøj), against the chart's own centre line."""
    sigma: bool = False
    """Outside the control limits."""
    lcl: float | None = None
    ucl: float | None = None
    lcl_shown: str = ""
    ucl_shown: str = ""
    excluded: bool = False
    """Left out of the centre line, the limits and the runs analysis (still drawn)."""


@dataclass(frozen=True)
class ChartPart:
    """A stretch of the chart with its own centre line (`start`..`end` index, end exclusive)."""

    start: int
    end: int
    centre: float | None
    centre_shown: str
    frozen_until: int | None = None
    """With a frozen baseline: the index after its last point."""


@dataclass(frozen=True)
class Chart:
    """A measure's chart (run chart or control chart) as the report draws it, with its
    signals in words."""

    measure_id: str
    title: str
    subtitle: str
    """What the chart and the measure are: chart name, kind, direction, unit."""
    points: tuple[ChartPoint, ...]
    parts: tuple[ChartPart, ...]
    marks: tuple[Mark, ...]
    sentences: tuple[str, ...]
    """The Anhøj rules (and the control limits) in words, each naming the chart."""
    state: str
    """The signal state in a few words ("▲ Signal – bedre (I-kort)")."""
    target: float | None = None
    target_shown: str = ""
    percent: bool = False
    """A proportion: axis labels in per cent."""
    last_shown: str = ""
    chart: str = "run"
    """The chart type (`core.models.Chart` value: "run", "i", "p" …)."""
    chart_name: str = ""
    """The chart type's name in the report's language ("I-kort")."""
    median: bool = True
    """Whether the centre line is a median (run and G charts) or a mean."""
    legend: str = ""
    """What the marks of this chart mean."""
    targets: tuple[float, ...] = ()
    """A target path: the target at each point (empty: the flat `target`, if any)."""


@dataclass(frozen=True)
class FunnelPlot:
    """A funnel plot: each unit's rate against its base, with the overall rate and the 95 % and
    99.8 % limits over the bases (HTML draws it; Markdown has the table beside it)."""

    funnel: Funnel
    shown: Shown
    """How rates are written (scale and unit)."""


Block = Paragraph | Facts | Bullets | Table | Chart | FunnelPlot


@dataclass(frozen=True)
class Section:
    """A section with a heading; `new_page` starts it on a new printed page."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    new_page: bool = False


@dataclass(frozen=True)
class Report:
    """A whole report, ready to render."""

    kind: Kind
    lang: str
    title: str
    subtitle: str
    facts: Facts
    """What the report is about: project, unit, period, made on (shown under the title)."""
    sections: tuple[Section, ...]
    footer: str
    made_on: dt.date
    """The day the report was made (the `today` it was built for)."""
