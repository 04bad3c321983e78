"""Suggested splits: a sustained shift that starts at an annotated change is offered as a new part.

When a team marks a change on a chart (a PDSA cycle, a decision, "ny arbejdsgang i drift") and
the process then shifts, the chart's one centre line no longer describes either side: the
Anhøj rules signal a long run, and the limits straddle two processes. qicharts2 leaves the
split to the analyst (its `part` argument) and never suggests one. Tavle goes beyond it here, on
purpose: the coordinator in the meeting has marked the change already, the shift is computed
already, and the connection between the two is what the meeting wants to see – so the chart
proposes the split, with the new part's centre line as a preview, and the user accepts it or
leaves the chart as it is. Nothing is ever split automatically: a shift that happens to start
near a note is not proof that the note caused it, and the team decides.

The rule, pure and on the chart the measure is read on:
- the shift is the chart's latest long run that signals (`Part.signal_runs`, the Anhøj rule of
  an unusually long run; too few crossings says nothing about where a shift starts);
- it starts at, or at most `AFTER` points after, the point of an annotation that is not a split
  (a change takes a little while to show; more than two periods later, the note is too loosely
  tied to the shift to propose it); of several such annotations the latest one is proposed;
- no split exists at that point already, and the annotation lies inside the part the run is in
  (an annotation in an earlier part would cut across a split the team made);
- both the new part and what stays of the old one hold at least `MIN_POINTS` points with a
  value. qicharts2 needs no minimum, but a part of 2 or 3 points says nothing: its centre line
  rests on too few points to mean anything, and 7 is the shortest run the Anhøj rules can ever
  call a shift (a run must be longer than round(log2 n) + 3, which needs n ≥ 7), so a shorter
  part could never show a shift of its own.

The preview is `Series.qic` with that annotation made a split: exactly the chart the user will
see after accepting it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from core.i18n import Translator
from core.measures.qic import Part, Qic
from core.measures.runs import Run
from core.measures.signals import Series
from core.measures.words import centre_name, format_value
from core.models import Annotation

AFTER = 2
"""How many points after an annotated change a shift may start and still be proposed there."""
MIN_POINTS = 7
"""The fewest points with a value each side of a proposed split (see the module's notes)."""


@dataclass(frozen=True)
class Suggestion:
    """A proposed split: the annotation it would be set on, where the new part starts, the shift
    that prompted it, and the chart as it would be with the split."""

    annotation: Annotation
    index: int
    """The index of the first point of the new part."""
    run: Run
    """The signalling long run that starts at (or just after) the annotated change."""
    preview: Qic
    """The chart with the split (`Series.qic` with the annotation's `split` set)."""

    @property
    def part(self) -> Part:
        """The new part, as the preview computes it."""
        return self.preview.part_of(self.index)

    @property
    def centre(self) -> float | None:
        """The new part's centre line."""
        return self.part.centre


def with_split(series: Series, annotation: Annotation) -> Series:
    """The series as it would be with `annotation` made a split (nothing is written)."""
    notes = tuple(a.model_copy(update={"split": True}) if a.id == annotation.id else a
                  for a in series.annotations)
    return dataclasses.replace(series, annotations=notes)


def _latest_shift(chart: Qic) -> tuple[Part, Run] | None:
    found = [(run.indexes[0], part, run) for part in chart.parts for run in part.signal_runs
             if part.runs.long_run_signal]
    if not found:
        return None
    _, part, run = max(found, key=lambda item: item[0])
    return part, run


def _valued(chart: Qic, start: int, end: int) -> int:
    return sum(1 for point in chart.points[start:end] if point.y is not None)


def suggest_split(series: Series, chart: Qic | None = None) -> Suggestion | None:
    """The split proposed for the latest sustained shift of `chart` (the series' own chart when
    not given), or None (see the module's rule). Pure."""
    chart = chart if chart is not None else series.qic()
    shift = _latest_shift(chart)
    if shift is None:
        return None
    part, run = shift
    start = run.indexes[0]
    existing = set(series.parts)
    candidates: list[tuple[int, Annotation]] = []
    for note in series.annotations:
        if note.split:
            continue
        index = series.index_at(note.on)
        if index is None or index in existing or not part.start < index <= start:
            continue
        if start - index > AFTER:
            continue
        candidates.append((index, note))
    if not candidates:
        return None
    index, note = max(candidates, key=lambda item: item[0])
    if (_valued(chart, part.start, index) < MIN_POINTS
            or _valued(chart, index, part.end) < MIN_POINTS):
        return None
    preview = with_split(series, note).qic(chart.chart)
    return Suggestion(note, index, run, preview)


def suggestion_text(suggestion: Suggestion, series: Series, tr: Translator) -> str:
    """The proposal in words: "Forslag: ny del fra 21-09-2026 (Ny arbejdsgang i drift) –
    middelværdi 14,3 dage derefter"."""
    measure = series.shown_measure
    centre = suggestion.centre
    key = "splits.proposal" if centre is not None else "splits.proposal_no_centre"
    return tr(key, date=tr.date(suggestion.annotation.on), text=suggestion.annotation.text,
              centre=centre_name(suggestion.preview.chart, tr),
              value=format_value(measure, centre, tr))
