"""One measure: its chart (the run chart or control chart it is read on, with the MR chart under
an I chart when the screen has room), the signals in words part by part, its data points, and
fast entry at meeting speed: `n` proposes the next period, Enter saves and proposes the one
after. `k` picks the chart type, `x` leaves a point out of the calculation (with a reason), `m`
records a period without data, `b` freezes a part's baseline, `o` sets the chart's options.
ctrl+e writes the points with the chart's centre line, limits and signals to xlsx or CSV for
Excel (`core.measures.excel`); ctrl+o reads periods and values from such a file (or any sheet
with those columns) into the paste preview.

When the chart's latest sustained shift starts at an annotated change, a line under the chart
proposes a split there (`core.measures.splits`), with the new part's centre line drawn as a
preview: `s` accepts it (ctrl+z undoes), Esc puts it away for this visit. Never automatic."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Header, Input, Label

from core.db import changelog
from core.errors import TavleError
from core.measures import entry as measures
from core.measures import marks
from core.measures.qic import Qic
from core.measures.signals import MeasureStatus, measure_status
from core.measures.splits import Suggestion, suggest_split, suggestion_text
from core.measures.targets import target_points
from core.measures.words import (
    centre_name,
    chart_name,
    format_value,
    part_sentences,
    reading_sentence,
    sigma_sentence,
)
from core.models import Chart, Entry, MarkKind, Measure, MeasureKind, Measurement
from core.values.numbers import typed_number
from core.values.periods import (
    next_period,
    parse_period,
    period_label,
    period_start,
    proposed_period,
)
from tui.dialogs import ConfirmDialog, FormDialog, FormField
from tui.dialogs.choice_form import ChoiceFormDialog, Values
from tui.dialogs.pick import PickDialog
from tui.lang import tr, translator
from tui.measures.measure_form import chart_option_fields, chart_option_values
from tui.measures.points import point_label, point_tick
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell
from tui.widgets.run_chart import EXCLUDED, SIGNAL, ChartData, RunChartView

ENTRY_INPUTS = ("#entry-period", "#entry-value", "#entry-numerator", "#entry-denominator")

MR_FROM = 32
"""The screen height from which the MR chart is drawn under an I chart (below it: one line of
words says what the MR chart shows)."""
TALL_TABLE_FROM = 30
"""The screen height from which the table shows 6 rows (below it 4, so the chart keeps room)."""

ROW_ACTIONS = ("edit_point", "delete_point", "annotate", "baseline", "exclude")


class MeasureScreen(ProjectScreenBase):
    """A measure's chart, signal sentences, data table and quick entry."""

    HELP = "measures.chart_help"

    BINDINGS = [
        Binding("escape", "back", "measures.keys.back", id="measure.back"),
        Binding("n", "new_point", "measures.keys.new_point", id="measure.new_point"),
        Binding("k", "pick_chart", "measures.keys.chart", id="measure.chart"),
        Binding("ctrl+e", "export", "measures.keys.export", id="measure.export"),
        Binding("a", "annotate", "measures.keys.annotate", id="measure.annotate"),
        # F2, Delete and ctrl+v (or p) are the same everywhere (ui-conventions.md): the footer
        # has no room for them beside the chart's own keys; F1 and ctrl+p list them
        Binding("f2", "edit_point", "measures.keys.edit_point", show=False,
                id="measure.edit_point"),
        Binding("delete", "delete_point", "measures.keys.delete", show=False,
                id="measure.delete_point"),
        Binding("p", "paste", "measures.keys.paste", show=False, id="measure.paste"),
        Binding("x", "exclude", "measures.keys.exclude", id="measure.exclude"),
        Binding("m", "missing", "measures.keys.missing", id="measure.missing"),
        Binding("b", "baseline", "measures.keys.freeze", id="measure.baseline"),
        Binding("o", "options", "measures.keys.options", id="measure.options"),
        Binding("s", "accept_split", "splits.keys.accept", id="measure.accept_split"),
        Binding("ctrl+o", "import_file", "measures.keys.import_file", id="measure.import_file"),
        Binding("ctrl+z", "undo", "measures.keys.undo", show=False, id="measure.undo"),
        Binding("ctrl+y", "redo", "measures.keys.redo", show=False, id="measure.redo"),
    ]

    def __init__(self, project_id: str, measure_id: str) -> None:
        super().__init__(project_id)
        self.measure_id = measure_id
        self.status: MeasureStatus | None = None
        self.lower: Qic | None = None
        """The MR chart of an I chart (None for other charts)."""
        self.editing_id: str | None = None
        """The measurement the entry line corrects (None: a new one)."""
        self._mr_drawn = False
        self.suggestion: Suggestion | None = None
        """The split proposed for the chart's latest shift (None: none, or put away)."""
        self._put_away: set[str] = set()
        """The annotations whose proposed split Esc put away on this visit."""

    @property
    def today(self) -> dt.date:
        """Today's date, as the app tells it (the period a new point falls in)."""
        return self.tavle.today()

    @property
    def measure(self) -> Measure:
        assert self.status is not None
        return self.status.measure

    @property
    def labels(self) -> tuple[str, ...]:
        """The points' keys in chart order (periods, or events' dates)."""
        return self.status.series.labels if self.status else ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="measure-name", markup=False)
        yield RunChartView(id="measure-chart")
        yield Label("", id="measure-suggestion", markup=False)
        yield Label("", id="measure-signal", markup=False)
        yield Label("", id="measure-excluded", markup=False)
        yield Label("", id="measure-marks", markup=False)
        with Horizontal(id="measure-entry"):
            yield Label("", id="entry-editing", markup=False)
            yield Input(id="entry-period", placeholder=tr("measures.entry.period"))
            yield Input(id="entry-value", placeholder=tr("measures.entry.value"))
            yield Input(id="entry-numerator", placeholder=tr("measures.entry.numerator"))
            yield Input(id="entry-denominator", placeholder=tr("measures.entry.denominator"))
        yield Label("", id="entry-message", markup=False)
        yield RowTable(id="measure-points")
        yield TavleFooter()

    def on_mount(self) -> None:
        self.query_one("#measure-entry").display = False
        self.query_one("#entry-message").display = False
        self._fit_table()
        self.reload()
        self.query_one("#measure-points", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- data -----------------------------------------------------------------------------

    @property
    def mr_room(self) -> bool:
        """Whether the screen is high enough to draw the MR chart under an I chart."""
        return self.size.height >= MR_FROM

    def reload(self, select_period: str | None = None) -> None:
        """Read the measure again; redraw chart, sentences and table."""
        self.set_header(tr("measures.title"))
        status = self.status = measure_status(self.store, self.measure_id)
        measure, series, chart, t = status.measure, status.series, status.chart, translator()
        self.lower = series.qic(Chart.MR) if chart.chart is Chart.I else None
        self._mr_drawn = self.lower is not None and self.mr_room
        self.query_one("#measure-name", Label).update(
            Content(f"{measure.name} · {chart_name(chart.chart, t)}"))
        notes = [(i, a) for i, a in ((series.index_at(a.on), a) for a in series.annotations)
                 if i is not None]
        ticks = [point_tick(measure, label) for label in series.labels]
        percent = measure.kind is MeasureKind.PROPORTION
        found = suggest_split(series, chart)
        self.suggestion = suggestion = (
            found if found is not None and found.annotation.id not in self._put_away else None)
        data = ChartData.of(chart, ticks, target=measure.target,
                            marks=[(i, str(n)) for n, (i, _) in enumerate(notes, start=1)],
                            warning_lines=measure.warning_lines, percent=percent,
                            targets=target_points(series),
                            preview=suggestion.preview if suggestion else None,
                            preview_from=suggestion.index if suggestion else 0)
        lower = None
        if self.lower is not None and self._mr_drawn:
            lower = ChartData.of(self.lower, ticks, percent=percent,
                                 title=chart_name(Chart.MR, t))
        self.query_one("#measure-chart", RunChartView).show(
            data if series.labels else None, lower)
        proposal = self.query_one("#measure-suggestion", Label)
        proposal.display = suggestion is not None
        if suggestion is not None:
            proposal.update(Content(suggestion_text(suggestion, series, t) + " " + tr(
                "splits.proposal_keys", key=self.app.get_key_display(self._accept_binding()))))
        self.query_one("#measure-signal", Label).update(Content(self._sentences()))
        excluded = self.query_one("#measure-excluded", Label)
        excluded.display = bool(series.excluded)
        excluded.update(Content(tr("measures.excluded_list", points=" · ".join(
            tr("measures.excluded_item", point=point_label(measure, series.labels[i]),
               reason=reason) for i, reason in sorted(series.excluded.items())))))
        legend = [
            tr("measures.mark_split" if a.split else "measures.mark", number=n,
               date=t.date(a.on), text=a.text)
            for n, (_, a) in enumerate(notes, start=1)
        ]
        marks_label = self.query_one("#measure-marks", Label)
        marks_label.display = bool(legend)
        marks_label.update(Content(tr("measures.marks", marks=" · ".join(legend))))
        self._fill_table(select_period)
        self.refresh_bindings()

    def _value_text(self, value: float | None) -> str:
        return format_value(self.measure, value, translator())

    def _sentences(self) -> str:
        """What the chart says, part by part: its centre line and limits, the Anhøj rules'
        signals (and the few-points warning), the points outside the limits, frozen
        baselines, and the MR chart in words when it is not drawn."""
        status, t = self.status, translator()
        assert status is not None
        series, chart, measure = status.series, status.chart, status.measure
        if not series.labels:
            return tr("runchart.no_data")  # n: the first period, or the first case
        lines: list[str] = []
        chosen = measure.chart
        if chosen is not None and chosen is not chart.chart:
            problem = next((c.problem for c in series.choices() if c.chart is chosen), None)
            lines.append(tr("measures.chart_fallback", chosen=chart_name(chosen, t),
                            chart=chart_name(chart.chart, t),
                            problem=tr(f"measures.chart_problem.{problem or 'not_offered'}")))
        parts = chart.parts
        for part in parts:
            prefix = ""
            if len(parts) > 1:
                prefix = tr("runchart.part", number=part.number + 1,
                            period=point_label(measure, series.labels[part.start])) + " "
            words = [self._centre_words(chart, part.number),
                     *part_sentences(part, t, chart.chart)]
            lines.append(prefix + " · ".join(w for w in words if w))
        sigma = sigma_sentence(chart, t)
        if sigma:
            lines.append(sigma)
        lines.append(reading_sentence(status, t))
        for part in parts:
            end = marks.baseline_end(series, part.number)
            if end is None or part.centre is None:
                continue
            key = "qic_core.frozen_limits" if chart.has_limits else "qic_core.frozen"
            lines.append(tr(key, centre=self._value_text(part.centre),
                            period=point_label(measure, series.labels[end])))
        if self.lower is not None and not self._mr_drawn:
            lines.append(self._mr_words(self.lower))
        return "\n".join(lines)

    def _centre_words(self, chart: Qic, number: int) -> str:
        """"Middelværdien 20,4 dage, grænser 14,3 og 26,6 dage" for one part."""
        part = chart.parts[number]
        if part.centre is None:
            return ""
        t = translator()
        name = centre_name(chart.chart, t)
        text = tr("measures.part_centre", centre=name[:1].upper() + name[1:],
                  value=self._value_text(part.centre))
        if part.lcl is None or part.ucl is None:
            return text
        points = chart.points[part.start:part.end]
        varying = len({(p.lcl, p.ucl) for p in points if p.ucl is not None}) > 1
        key = "measures.part_limits_mean" if varying else "measures.part_limits"
        unit = self.measure.unit.strip()
        lower = self._value_text(part.lcl)
        if unit and lower.endswith(f" {unit}"):
            lower = lower[: -len(unit) - 1]  # "grænser 13,0 og 20,9 dage"
        return text + ", " + tr(key, lcl=lower, ucl=self._value_text(part.ucl))

    def _mr_words(self, mr: Qic) -> str:
        """The MR chart in one line: the mean moving range, its upper limit, and how many
        moving ranges lie above it."""
        part = mr.last
        if part is None or part.centre is None:
            return tr("measures.mr_empty")
        above = len(mr.sigma_indexes)
        count = (translator().count("measures.mr_above", above) if above
                 else tr("measures.mr_none_above"))
        return tr("measures.mr_summary", centre=self._value_text(part.centre),
                  ucl=self._value_text(part.ucl), above=count)

    def _fill_table(self, select_period: str | None) -> None:
        status, t = self.status, translator()
        assert status is not None
        measure, series, chart = status.measure, status.series, status.chart
        table = self.query_one("#measure-points", DataTable)
        if select_period is None and table.row_count:
            select_period = self.selected_label()
        table.clear(columns=True)
        fraction = measure.has_denominator
        keys = ["period", *(["numerator", "denominator"] if fraction else []),
                "value", "mark", "note"]
        for key in keys:
            heading = ("field.on" if key == "period" and measure.entry is Entry.EVENTS
                       else f"measures.column.{key}")  # a rare event's point is its date
            table.add_column(cell(tr(heading)), key=key)
        measured = {point.period: point for point in series.points}
        flagged = set(chart.sigma_indexes) | set(chart.run_indexes)
        excluded = series.excluded
        scale = 1.0 if measure.kind is MeasureKind.PROPORTION else measure.multiply
        ends = {marks.baseline_end(series, p.number) for p in chart.parts}
        for index, label in enumerate(series.labels):
            value = series.values[index]
            point = measured.get(label)
            marker = (f" {EXCLUDED}" if index in excluded else
                      f" {SIGNAL}" if index in flagged else "")
            mark = ""
            if index in excluded:
                mark = tr("measures.excluded_cell", reason=excluded[index])
            elif value is None:
                mark = self._missing_reason(label)  # the value column says "ingen data"
            if index in ends:
                mark = " · ".join(m for m in (mark, tr("measures.baseline_cell")) if m)
            values = {
                "period": point_label(measure, label) + marker,
                "numerator": t.number(point.numerator) if point else "",
                "denominator": t.number(point.denominator) if point else "",
                "value": (tr("measures.no_data_value") if value is None
                          else format_value(measure, value * scale, t)),
                "mark": mark,
                "note": point.note if point else "",
            }
            table.add_row(*(cell(values[k]) for k in keys), key=label)
        labels = series.labels
        if labels:
            row = labels.index(select_period) if select_period in labels else len(labels) - 1
            table.move_cursor(row=row)

    def _missing_reason(self, label: str) -> str:
        assert self.status is not None
        return next((m.reason for m in self.status.series.marks
                     if m.mark is MarkKind.MISSING and m.point == label), "")

    def selected_index(self) -> int | None:
        """The index of the point under the table's cursor."""
        table = self.query_one("#measure-points", DataTable)
        if not self.labels or table.cursor_row >= len(self.labels):
            return None
        return table.cursor_row

    def selected_label(self) -> str | None:
        """The key (period) of the point under the table's cursor."""
        index = self.selected_index()
        return None if index is None else self.labels[index]

    def selected_point(self) -> Measurement | None:
        """The measurement under the table's cursor (None on a period without one)."""
        label = self.selected_label()
        if label is None or self.status is None:
            return None
        return next((p for p in self.status.series.points if p.period == label), None)

    def _selected_has_value(self) -> bool:
        index = self.selected_index()
        return (index is not None and self.status is not None
                and self.status.series.values[index] is not None)

    @on(DataTable.RowHighlighted, "#measure-points")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def on_resize(self) -> None:
        self._fit_table()
        if self.status is not None and self.lower is not None and self.mr_room != self._mr_drawn:
            self.reload()
        self.query_one("#measure-chart", RunChartView).on_resize()

    def _fit_table(self) -> None:
        rows = 7 if self.size.height >= TALL_TABLE_FROM else 5
        self.query_one("#measure-points", DataTable).styles.height = rows

    # -- quick entry ----------------------------------------------------------------------

    def history_record(self) -> tuple[str, str] | None:
        return ("measure", self.measure_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        entering = self.query_one("#measure-entry").display
        if self.status is None:
            return True
        per_period = self.measure.entry is Entry.PERIOD
        if action in ("edit_point", "delete_point"):
            return (not entering and per_period and self.selected_point() is not None) or None
        if action in ("annotate", "baseline"):
            return (not entering and self.selected_label() is not None) or None
        if action == "exclude":
            return (not entering and self._selected_has_value()) or None
        if action == "missing":
            return (not entering and self.measure.entry is not Entry.EVENTS) or None
        if action == "new_point":
            return not entering or None  # a case-level measure: its cases' screen
        if action in ("paste", "import_file"):
            return (not entering and per_period) or None
        if action == "export":
            return (not entering and bool(self.labels)) or None
        if action in ("pick_chart", "options"):
            return not entering or None
        if action == "accept_split":  # the key is there only while a split is proposed
            return False if self.suggestion is None else (not entering or None)
        if action == "undo":
            return (not entering and self.undo_log.can_undo) or None
        if action == "redo":
            return (not entering and self.undo_log.can_redo) or None
        return True

    def _open_entry(self, period: str, point: Measurement | None = None) -> None:
        t = translator()
        fraction = self.measure.has_denominator
        self.editing_id = point.id if point else None
        self.query_one("#measure-entry").display = True
        self.query_one("#entry-message").display = True
        editing = self.query_one("#entry-editing", Label)
        editing.display = point is not None
        editing.update(Content(tr("measures.entry.editing", period=period_label(period, t))))
        self.query_one("#entry-period", Input).value = period_label(period, t)
        value = self.query_one("#entry-value", Input)
        top = self.query_one("#entry-numerator", Input)
        bottom = self.query_one("#entry-denominator", Input)
        value.display, top.display, bottom.display = not fraction, fraction, fraction
        value.value = typed_number(point.value if point else None, t)
        top.value = typed_number(point.numerator if point else None, t)
        bottom.value = typed_number(point.denominator if point else None, t)
        self._message(tr("measures.entry.hint"))
        (top if fraction else value).focus()
        self.refresh_bindings()

    def _message(self, text: str) -> None:
        self.query_one("#entry-message", Label).update(Content(text))

    def _close_entry(self) -> None:
        self.editing_id = None
        self.query_one("#measure-entry").display = False
        self.query_one("#entry-message").display = False
        self.query_one("#measure-points", DataTable).focus()
        self.refresh_bindings()

    def _proposed(self) -> str:
        periods = [p.period for p in self.status.series.points] if self.status else []
        return proposed_period(max(periods) if periods else None, self.measure.frequency,
                               self.today)

    def action_new_point(self) -> None:
        """Type the next period's value (or numerator and denominator); for a case-level
        measure, open its cases (typed case by case, the chart counts them per period)."""
        if self.measure.entry is not Entry.PERIOD:
            from tui.measures.cases import CasesScreen

            self.app.push_screen(CasesScreen(self.measure_id))
            return
        self._open_entry(self._proposed())

    def action_edit_point(self) -> None:
        """Correct the data point under the cursor."""
        point = self.selected_point()
        if point is not None:
            self._open_entry(point.period, point)

    @on(DataTable.RowSelected, "#measure-points")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit_point()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        fraction = self.measure.has_denominator
        last = "#entry-denominator" if fraction else "#entry-value"
        if event.input.id != last[1:]:
            order = ["#entry-period", "#entry-numerator", "#entry-denominator"] if fraction else [
                "#entry-period", "#entry-value"]
            self.query_one(order[order.index(f"#{event.input.id}") + 1], Input).focus()
            return
        self._save_entry()

    def _save_entry(self) -> None:
        t = translator()
        measure = self.measure
        try:
            period = parse_period(self.query_one("#entry-period", Input).value,
                                  measure.frequency, self.today)
            entry = measures.read_entry(
                measure, period, value=self.query_one("#entry-value", Input).value,
                numerator=self.query_one("#entry-numerator", Input).value,
                denominator=self.query_one("#entry-denominator", Input).value,
                note=self._note_of(self.editing_id))
            if self.editing_id is not None:
                measures.edit_measurement(self.undo_log, measure, self.editing_id, entry)
            else:
                measures.add_measurement(self.undo_log, measure, entry)
        except TavleError as error:
            self._message(error.message(t))
            return
        editing = self.editing_id is not None
        self.reload(select_period=period)
        saved = tr("measures.saved_point", period=period_label(period, t),
                   value=format_value(measure, self._entry_value(entry), t))
        if editing:
            self._close_entry()
            self.notify(saved, markup=False)
            return
        self._open_entry(self._proposed())
        self._message(saved + " · " + tr("measures.entry.hint"))

    @staticmethod
    def _entry_value(entry: measures.Entry) -> float:
        if entry.value is not None:
            return entry.value
        assert entry.numerator is not None and entry.denominator
        return entry.numerator / entry.denominator

    def _note_of(self, record_id: str | None) -> str:
        if record_id is None:
            return ""
        return changelog.load(self.store, Measurement, record_id).note

    def _entry_dirty(self) -> bool:
        return any(self.query_one(f"#entry-{name}", Input).value.strip()
                   for name in ("value", "numerator", "denominator"))

    # -- other actions --------------------------------------------------------------------

    def action_delete_point(self) -> None:
        """Delete the data point under the cursor after a confirmation (ctrl+z undoes)."""
        point = self.selected_point()
        if point is None:
            return
        t = translator()
        label = period_label(point.period, t)

        def answered(yes: bool | None) -> None:
            if yes:
                measures.delete_measurement(self.undo_log, point.id)
                self.reload()
                self.notify(tr("measures.point_deleted", period=label), markup=False)

        self.app.push_screen(ConfirmDialog(tr(
            "measures.point_delete_question", period=label,
            value=format_value(self.measure, point.shown_value, t))), answered)

    def action_paste(self, text: str = "") -> None:
        """Paste a block copied from Excel: preview first, then save the good lines."""
        from tui.measures.measure_paste import PasteDialog

        def done(count: int | None) -> None:
            if count:
                self.reload()
                self.notify(translator().count("measures.paste.saved", count), markup=False)

        self.app.push_screen(
            PasteDialog(self.measure, self.undo_log, self.today, text=text), done)

    def action_export(self) -> None:
        """Write this measure's points (value, note, changes, centre line, limits, signal) to an
        xlsx or CSV file for Excel, after the CPR guard."""
        from core.measures.excel import measure_table
        from core.project.projects import get_project
        from tui.screens.table_export import export_tables

        project = get_project(self.store, self.project_id)
        measure = changelog.load(self.store, Measure, self.measure_id)
        export_tables(self, what=measure.name,
                      name_parts=[measure.name, project.name, project.unit],
                      tables=lambda: [measure_table(self.store, measure, translator())],
                      scope_id=self.project_id)

    def action_import_file(self) -> None:
        """Pick an xlsx or CSV file of periods and values: its lines go into the paste preview."""
        from core.measures.excel import values_text
        from tui.measures.measure_paste import PasteDialog
        from tui.screens.file_pick import TABLE_SUFFIXES, FilePickDialog

        read: list[tuple[str, list[str], str]] = []
        measure = changelog.load(self.store, Measure, self.measure_id)

        def check(path: Path) -> str | None:
            t = translator()
            try:
                text, left_out = values_text(path, measure, t)
            except TavleError as error:
                return error.message(t)
            read.append((text, [problem.message(t) for problem in left_out], path.name))
            return None

        def done(count: int | None) -> None:
            if count:
                self.reload()
                self.notify(translator().count("measures.paste.saved", count), markup=False)

        def picked(path: Path | None) -> None:
            if path is not None and read:
                text, left_out, name = read[-1]
                self.app.push_screen(PasteDialog(measure, self.undo_log, self.today, text=text,
                                                 file_name=name, left_out=left_out), done)

        self.app.push_screen(FilePickDialog(tr("measures.import.title"), suffixes=TABLE_SUFFIXES,
                                            kind="table", check=check), picked)

    def on_paste(self, event: events.Paste) -> None:
        """A paste into the screen (outside the entry line) opens the paste preview with it."""
        if (not self.query_one("#measure-entry").display and "\t" in event.text
                and self.measure.entry is Entry.PERIOD):
            event.stop()
            self.action_paste(event.text)

    def action_annotate(self) -> None:
        """Mark a change (note, decision) at the cursor's point; it may start a new part."""
        from tui.measures.annotation import annotation_dialog

        label = self.selected_label()
        if label is None:
            return
        measure = self.measure
        on_day = (dt.date.fromisoformat(label) if measure.entry is Entry.EVENTS
                  else period_start(label))

        def save(text: str, kind: str, split: bool) -> None:
            from core.models import AnnotationKind

            measures.add_annotation(self.undo_log, measure, on_day, text,
                                    kind=AnnotationKind(kind), split=split)

        def done(values: object) -> None:
            if values is not None:
                self.reload()
                self.notify(tr("measures.annotation_added"), markup=False)

        self.app.push_screen(annotation_dialog(point_label(measure, label), save), done)

    def action_baseline(self) -> None:
        """Freeze the centre line (and limits) of the part holding the cursor's point to the
        points up to it; on the part's last baseline point again: unfreeze the part."""
        index = self.selected_index()
        if index is None or self.status is None:
            return
        series = self.status.series
        number = marks.part_number(series, index)
        several = len(self.status.chart.parts) > 1
        if marks.baseline_end(series, number) == index:
            marks.unfreeze_part(self.undo_log, series, number)
            message = tr("measures.part_unfrozen", number=number + 1) if several else tr(
                "measures.unfrozen")
        else:
            marks.freeze_part(self.undo_log, series, index)
            period = point_label(self.measure, series.labels[index])
            message = (tr("measures.part_frozen", number=number + 1, period=period) if several
                       else tr("measures.frozen", period=period))
        self.reload()
        self.notify(message, markup=False)

    def action_exclude(self) -> None:
        """Leave the cursor's point out of the centre line, the limits and the rules, with a
        reason (asked for); on an excluded point: take it into the calculation again."""
        index = self.selected_index()
        if index is None or self.status is None:
            return
        measure, label = self.measure, self.labels[index]
        name = point_label(measure, label)
        if index in self.status.series.excluded:
            marks.clear_mark(self.undo_log, measure, label, MarkKind.EXCLUDED)
            self.reload()
            self.notify(tr("measures.included_point", point=name), markup=False)
            return
        if self.status.series.values[index] is None:
            return

        def submit(values: Values) -> str | None:
            reason = values["reason"].strip()
            if not reason:
                return tr("error.reason_missing")
            try:
                marks.set_mark(self.undo_log, measure, label, MarkKind.EXCLUDED, reason)
            except TavleError as error:
                return error.message(translator())
            return None

        def done(values: Values | None) -> None:
            if values is not None:
                self.reload()
                self.notify(tr("measures.excluded_point", point=name), markup=False)

        self.app.push_screen(FormDialog(
            tr("measures.exclude_title", point=name),
            [FormField("reason", tr("measures.exclude_reason"),
                       placeholder=tr("measures.exclude_placeholder"))],
            submit=submit, note=tr("measures.exclude_note")), done)

    def _gap(self) -> str:
        """The period a missing period is proposed for: the first one without a value between
        the measured ones, else the next one after them."""
        labels = self.labels
        frequency = self.measure.frequency
        for before, after in itertools.pairwise(labels):
            following = next_period(before, frequency)
            if following < after:
                return following
        return self._proposed()

    def action_missing(self) -> None:
        """Record a period without data ("ingen data": a gap on the chart, never a signal),
        with an optional reason; on such a period: take the record away."""
        if self.status is None or self.measure.entry is Entry.EVENTS:
            return
        measure, t = self.measure, translator()
        index = self.selected_index()
        if index is not None and self.status.series.values[index] is None:
            label = self.labels[index]
            marks.clear_mark(self.undo_log, measure, label, MarkKind.MISSING)
            self.reload()
            self.notify(tr("measures.missing_cleared", point=point_label(measure, label)),
                        markup=False)
            return
        chosen: list[str] = []

        def submit(values: Values) -> str | None:
            try:
                period = parse_period(values["period"], measure.frequency, self.today)
                if period in self.labels and self.status is not None and (
                        self.status.series.values[self.labels.index(period)] is not None):
                    return tr("measures.missing_has_value", point=period_label(period, t))
                marks.set_mark(self.undo_log, measure, period, MarkKind.MISSING,
                               values["reason"])
            except TavleError as error:
                return error.message(t)
            chosen.append(period)
            return None

        def done(values: Values | None) -> None:
            if values is not None and chosen:
                self.reload(select_period=chosen[0])
                self.notify(tr("measures.missing_recorded",
                               point=period_label(chosen[0], t)), markup=False)

        self.app.push_screen(FormDialog(
            tr("measures.missing_title"),
            [FormField("period", tr("measures.entry.period"), period_label(self._gap(), t)),
             FormField("reason", tr("measures.missing_reason"),
                       placeholder=tr("measures.missing_placeholder"))],
            submit=submit, note=tr("measures.missing_note")), done)

    def action_pick_chart(self) -> None:
        """Choose the chart type: the one recommended for the data (and why), the others the
        data can carry, and those it cannot (shown with the reason, not choosable)."""
        if self.status is None:
            return
        t = translator()
        series, measure = self.status.series, self.measure
        choices = series.choices()
        options: list[tuple[str, str]] = []
        for choice in choices:
            name = chart_name(choice.chart, t)
            if choice.problem is not None:
                text = tr("measures.chart_option_unusable", chart=name,
                          problem=tr(f"measures.chart_problem.{choice.problem}"))
            elif choice.recommended:
                text = tr("measures.chart_option_recommended", chart=name,
                          reason=tr(f"measures.chart_reason.{choice.reason}"))
            else:
                text = tr("measures.chart_option", chart=name,
                          reason=tr(f"measures.chart_reason.{choice.reason}"))
            if choice.chart is self.status.chart.chart:
                text = tr("measures.chart_option_shown", option=text)
            options.append((text, choice.chart.value))
        recommended = next((c.chart for c in choices if c.recommended), None)

        def picked(value: str | None) -> None:
            if value is None:
                return
            chart = Chart(value)
            marks.choose_chart(self.undo_log, measure.id,
                               None if chart is recommended else chart)
            self.reload()
            key = ("measures.chart_chosen_recommended" if chart is recommended
                   else "measures.chart_chosen")
            self.notify(tr(key, chart=chart_name(chart, t)), markup=False)

        self.app.push_screen(PickDialog(
            tr("measures.chart_title", name=measure.name), options,
            current=self.status.chart.chart.value, hint=tr("measures.chart_hint"),
            disabled=[c.chart.value for c in choices if c.problem is not None]), picked)

    def action_options(self) -> None:
        """Set how the chart is read: scale, given centre line, negative values, the sigma
        rule and the 2-sigma warning lines."""
        measure = self.measure

        def submit(values: Values) -> str | None:
            try:
                measures.edit_measure(self.undo_log, measure.id,
                                      **chart_option_values(values, measure.kind))
            except TavleError as error:
                return error.message(translator())
            return None

        def done(values: Any) -> None:
            if values is not None:
                self.reload()
                self.notify(tr("measures.options_saved"), markup=False)

        self.app.push_screen(ChoiceFormDialog(
            tr("measures.options_title", name=measure.name), chart_option_fields(measure),
            submit=submit), done)

    def _accept_binding(self) -> Binding:
        return next(b for b in self.BINDINGS
                    if isinstance(b, Binding) and b.id == "measure.accept_split")

    def action_accept_split(self) -> None:
        """Start a new part at the proposed split's annotation (ctrl+z undoes). A project-wide
        annotation is not changed – a split there would cut every chart of the project – the
        measure gets a split of its own at the same date instead."""
        suggestion = self.suggestion
        if suggestion is None:
            return
        note = suggestion.annotation
        if note.measure_id is None:
            measures.add_annotation(self.undo_log, self.measure, note.on, note.text,
                                    kind=note.kind, split=True)
        else:
            measures.edit_annotation(self.undo_log, note.id, split=True)
        self.reload()
        self.notify(tr("splits.accepted", date=translator().date(note.on), text=note.text),
                    markup=False)

    def action_back(self) -> None:
        """Esc closes the entry line first (asking before dropping a typed value), then puts a
        proposed split away for this visit, then goes back."""
        if not self.query_one("#measure-entry").display:
            if self.suggestion is not None:
                self._put_away.add(self.suggestion.annotation.id)
                self.reload()
                self.notify(tr("splits.dismissed"), markup=False)
                return
            self.app.pop_screen()
            return
        self.discard_then(self._entry_dirty(), self._close_entry)
