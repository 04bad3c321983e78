"""One measure: its run chart (or control chart), the signal in words, its data points, and fast
entry at meeting speed: `n` proposes the next period, Enter saves and proposes the one after."""

from __future__ import annotations

import datetime as dt

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Input, Label

from core.db import changelog
from core.errors import TavleError
from core.measures import entry as measures
from core.measures.controlchart import chart_kind_for
from core.measures.signals import MeasureStatus, measure_status
from core.measures.words import format_value, part_sentences, sigma_sentence
from core.models import Measure, Measurement
from core.values.periods import (
    parse_period,
    period_label,
    period_start,
    period_tick,
    proposed_period,
)
from tui.dialogs import ConfirmDialog
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.row_table import RowTable, cell
from tui.widgets.run_chart import ChartData, RunChartView

ENTRY_INPUTS = ("#entry-period", "#entry-value", "#entry-numerator", "#entry-denominator")


class MeasureScreen(ProjectScreenBase):
    """A measure's chart, signal sentence, data table and quick entry."""

    HELP = "measures.detail_help"

    BINDINGS = [
        Binding("escape", "back", "measures.keys.back", id="measure.back"),
        Binding("n", "new_point", "measures.keys.new_point", id="measure.new_point"),
        Binding("f2", "edit_point", "measures.keys.edit_point", id="measure.edit_point"),
        Binding("delete", "delete_point", "measures.keys.delete", id="measure.delete_point"),
        Binding("p", "paste", "measures.keys.paste", id="measure.paste"),
        Binding("a", "annotate", "measures.keys.annotate", id="measure.annotate"),
        Binding("b", "baseline", "measures.keys.baseline", id="measure.baseline"),
        Binding("k", "toggle_control", "measures.keys.control", id="measure.control"),
        Binding("ctrl+z", "undo", "measures.keys.undo", show=False, id="measure.undo"),
        Binding("ctrl+y", "redo", "measures.keys.redo", show=False, id="measure.redo"),
    ]

    def __init__(self, project_id: str, measure_id: str) -> None:
        super().__init__(project_id)
        self.measure_id = measure_id
        self.control = False
        self.status: MeasureStatus | None = None
        self.editing_id: str | None = None
        """The measurement the entry line corrects (None: a new one)."""



    @property
    def today(self) -> dt.date:
        """Today's date, as the app tells it (the period a new point falls in)."""
        return self.tavle.today()

    @property
    def measure(self) -> Measure:
        assert self.status is not None
        return self.status.measure

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="measure-name", markup=False)
        yield RunChartView(id="measure-chart")
        yield Label("", id="measure-signal", markup=False)
        yield Label("", id="measure-marks", markup=False)
        with Horizontal(id="measure-entry"):
            yield Label("", id="entry-editing", markup=False)
            yield Input(id="entry-period", placeholder=tr("measures.entry.period"))
            yield Input(id="entry-value", placeholder=tr("measures.entry.value"))
            yield Input(id="entry-numerator", placeholder=tr("measures.entry.numerator"))
            yield Input(id="entry-denominator", placeholder=tr("measures.entry.denominator"))
        yield Label("", id="entry-message", markup=False)
        yield RowTable(id="measure-points")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#measure-entry").display = False
        self.query_one("#entry-message").display = False
        self.reload()
        self.query_one("#measure-points", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self, select_period: str | None = None) -> None:
        """Read the measure again; redraw chart, sentences and table."""
        self.set_header(tr("measures.title"))
        status = self.status = measure_status(self.store, self.measure_id)
        measure, series, t = status.measure, status.series, translator()
        kind = (tr("measures.chart_control", kind=chart_kind_for(measure.kind).value.upper())
                if self.control else tr("measures.chart_run"))
        self.query_one("#measure-name", Label).update(Content(f"{measure.name} · {kind}"))
        marks = [(i, a) for i, a in ((series.index_at(a.on), a) for a in series.annotations)
                 if i is not None]
        self.query_one("#measure-chart", RunChartView).show(ChartData(
            series.values, [period_tick(p, t) for p in series.periods], status.analysis,
            status.control if self.control else None, measure.target,
            [(i, str(n)) for n, (i, _) in enumerate(marks, start=1)],
        ) if series.points else None)
        self.query_one("#measure-signal", Label).update(Content(self._sentences()))
        legend = [
            tr("measures.mark_split" if a.split else "measures.mark", number=n,
               date=t.date(a.on), text=a.text)
            for n, (_, a) in enumerate(marks, start=1)
        ]
        marks_label = self.query_one("#measure-marks", Label)
        marks_label.display = bool(legend)
        marks_label.update(Content(tr("measures.marks", marks=" · ".join(legend))))
        self._fill_table(select_period)
        self.refresh_bindings()

    def _sentences(self) -> str:
        status, t = self.status, translator()
        assert status is not None
        if not status.series.points:
            return tr("runchart.no_data")
        lines: list[str] = []
        parts = status.analysis.parts
        for number, part in enumerate(parts, start=1):
            prefix = ""
            if len(parts) > 1:
                prefix = tr("runchart.part", number=number,
                            period=period_label(status.series.periods[part.start], t)) + " "
            lines.append(prefix + " · ".join(part_sentences(part, t)))
        if self.control:
            lines.append(sigma_sentence(status.control, t))
        if status.measure.baseline_until:
            lines.append(tr("runchart.frozen",
                            period=period_label(status.measure.baseline_until, t)))
        return "\n".join(lines)

    def _fill_table(self, select_period: str | None) -> None:
        status, t = self.status, translator()
        assert status is not None
        measure = status.measure
        table = self.query_one("#measure-points", DataTable)
        if select_period is None and table.row_count:
            selected = self.selected_point()
            select_period = selected.period if selected else None
        table.clear(columns=True)
        keys = ["period", *(["numerator", "denominator"] if measure.has_denominator else []),
                "value", "note"]
        for key in keys:
            table.add_column(cell(tr(f"measures.column.{key}")), key=key)
        signals = status.analysis.signal_indexes | set(
            status.control.signal_indexes if self.control else ())
        for index, point in enumerate(status.series.points):
            marker = " ◆" if index in signals else ""
            values = {"period": period_label(point.period, t) + marker,
                      "numerator": t.number(point.numerator),
                      "denominator": t.number(point.denominator),
                      "value": format_value(measure, point.shown_value, t),
                      "note": point.note}
            table.add_row(*(cell(values[k]) for k in keys), key=point.id)
        periods = status.series.periods
        if periods:
            row = periods.index(select_period) if select_period in periods else len(periods) - 1
            table.move_cursor(row=row)

    def selected_point(self) -> Measurement | None:
        """The data point under the table's cursor."""
        if self.status is None:
            return None
        points = self.status.series.points
        table = self.query_one("#measure-points", DataTable)
        if not points or table.cursor_row >= len(points):
            return None
        return points[table.cursor_row]

    def on_resize(self) -> None:
        self.query_one("#measure-chart", RunChartView).on_resize()

    # -- quick entry ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        entering = self.query_one("#measure-entry").display
        if action in ("edit_point", "delete_point", "annotate", "baseline"):
            return (not entering and self.selected_point() is not None) or None
        if action in ("new_point", "paste", "toggle_control"):
            return not entering or None
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
        value.value = t.number(point.value, 4) if point and point.value is not None else ""
        top.value = t.number(point.numerator, 4) if point and point.numerator is not None else ""
        bottom.value = (t.number(point.denominator, 4)
                        if point and point.denominator is not None else "")
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
        periods = self.status.series.periods if self.status else []
        return proposed_period(max(periods) if periods else None, self.measure.frequency,
                               self.today)

    def action_new_point(self) -> None:
        """Type the next period's value (or numerator and denominator)."""
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
                self.notify(tr("measures.paste.saved", count=count), markup=False)

        self.app.push_screen(
            PasteDialog(self.measure, self.undo_log, self.today, text=text), done)

    def on_paste(self, event: events.Paste) -> None:
        """A paste into the screen (outside the entry line) opens the paste preview with it."""
        if not self.query_one("#measure-entry").display and "\t" in event.text:
            event.stop()
            self.action_paste(event.text)

    def action_annotate(self) -> None:
        """Mark a change (note, decision) at the cursor's point; it may start a new part."""
        from tui.measures.annotation import annotation_dialog

        point = self.selected_point()
        if point is None:
            return
        measure = self.measure

        def save(text: str, kind: str, split: bool) -> None:
            from core.models import AnnotationKind

            measures.add_annotation(self.undo_log, measure, period_start(point.period), text,
                                    kind=AnnotationKind(kind), split=split)

        def done(values: object) -> None:
            if values is not None:
                self.reload()
                self.notify(tr("measures.annotation_added"), markup=False)

        self.app.push_screen(annotation_dialog(period_label(point.period, translator()), save),
                             done)

    def action_baseline(self) -> None:
        """Freeze the median up to the cursor's point (on the frozen point again: unfreeze)."""
        point = self.selected_point()
        if point is None:
            return
        t = translator()
        if self.measure.baseline_until == point.period:
            measures.freeze_baseline(self.undo_log, self.measure_id, None)
            message = tr("measures.baseline_cleared")
        else:
            measures.freeze_baseline(self.undo_log, self.measure_id, point.period)
            message = tr("measures.baseline_frozen", period=period_label(point.period, t))
        self.reload()
        self.notify(message, markup=False)

    def action_toggle_control(self) -> None:
        """Switch between the run chart and the control chart (I, P, U or C)."""
        self.control = not self.control
        self.reload()



    def action_back(self) -> None:
        """Esc closes the entry line first (asking before dropping a typed value)."""
        if not self.query_one("#measure-entry").display:
            self.app.pop_screen()
            return
        self.discard_then(self._entry_dirty(), self._close_entry)
