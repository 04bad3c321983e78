"""The cases of a case-level measure (days per citizen, yes or no per citizen, or the date of each
rare event), typed at meeting speed: `n` starts a new case dated today, Enter saves it and starts
the next; a block pasted from Excel or a CSV file is previewed before it is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Header, Input, Label

from core.db import changelog
from core.db.undo import UndoLog
from core.errors import TavleError
from core.measures import cases as core_cases
from core.measures.signals import load_series
from core.measures.words import chart_name, format_value
from core.models import Entry, Measure, MeasureCase
from core.values.dates import format_date
from core.values.days import Looking
from core.values.numbers import typed_number
from core.values.workdays import understood
from tui.dialogs import ConfirmDialog
from tui.dialogs.paste import PastePreviewDialog, problem_lines
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

ENTRY_INPUTS = ("#case-date", "#case-answer", "#case-note")


class CasesScreen(ProjectScreenBase):
    """A case-level measure's cases as a table, with a quick entry line above it."""

    HELP = "cases.help"

    DEFAULT_CSS = """
    CasesScreen #cases-name { width: 100%; text-style: bold; padding: 0 1; }
    CasesScreen #cases-summary { width: 100%; padding: 0 1; color: $text-muted; }
    CasesScreen #case-entry { height: 3; }
    CasesScreen #case-entry Input { width: 1fr; }
    CasesScreen #case-date { max-width: 24; }
    CasesScreen #case-editing { padding: 1 1 0 1; }
    CasesScreen #case-message { width: 100%; padding: 0 1; color: $text-muted; }
    CasesScreen #cases-table { height: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "back", "cases.keys.back", id="cases.back"),
        Binding("n", "new_case", "cases.keys.new", id="cases.new"),
        Binding("f2", "edit_case", "cases.keys.edit", id="cases.edit"),
        Binding("delete", "delete_case", "cases.keys.delete", id="cases.delete"),
        Binding("p", "paste", "cases.keys.paste", id="cases.paste"),
        Binding("ctrl+o", "import_file", "cases.keys.import", id="cases.import"),
        Binding("ctrl+z", "undo", "cases.keys.undo", id="cases.undo"),
        Binding("ctrl+y", "redo", "cases.keys.redo", id="cases.redo"),
    ]

    def __init__(self, measure_id: str) -> None:
        super().__init__("")
        self.measure_id = measure_id
        self._measure: Measure | None = None
        self.rows: list[MeasureCase] = []
        self.editing: MeasureCase | None = None
        """The case the entry line corrects (None: a new one)."""

    @property
    def today(self) -> dt.date:
        """Today's date, as the app tells it (a new case's date)."""
        return self.tavle.today()

    @property
    def measure(self) -> Measure:
        assert self._measure is not None
        return self._measure

    @property
    def entry(self) -> Entry:
        return self.measure.entry

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="cases-name", markup=False)
        yield Label("", id="cases-summary", markup=False)
        with Horizontal(id="case-entry"):
            yield Label("", id="case-editing", markup=False)
            yield Input(id="case-date")
            yield Input(id="case-answer")
            yield Input(id="case-note", max_length=2000)
        yield Label("", id="case-message", markup=False)
        yield RowTable(id="cases-table")
        yield TavleFooter()

    def on_mount(self) -> None:
        self._measure = changelog.load(self.store, Measure, self.measure_id)
        self.project_id = self.measure.project_id
        if self.entry is Entry.EVENTS:
            self._relabel("cases.new", tr("cases.keys.new_event"))
        placeholders = {"#case-date": tr("cases.entry.date"), "#case-note": tr("cases.entry.note"),
                        "#case-answer": tr({Entry.YES_NO: "cases.entry.yes",
                                            Entry.EVENTS: "cases.entry.count"}.get(
                                                self.entry, "cases.entry.value"))}
        for selector, text in placeholders.items():
            self.query_one(selector, Input).placeholder = text
        self.query_one("#case-entry").display = False
        self.query_one("#case-message").display = False
        self.reload()
        self.query_one("#cases-table", DataTable).focus()

    def _relabel(self, binding_id: str, description: str) -> None:
        """Give one of this screen's keys another label (events: "Ny hændelse")."""
        bindings = self._bindings.key_to_bindings
        for key, entries in bindings.items():
            bindings[key] = [replace(b, description=description) if b.id == binding_id else b
                             for b in entries]

    def on_screen_resume(self) -> None:
        if self._measure is not None:
            self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        """Read the measure and its cases again; redraw the heading and the table."""
        self._measure = changelog.load(self.store, Measure, self.measure_id)
        measure, t = self.measure, translator()
        self.set_header(tr(f"cases.title.{self.entry.value}"
                           if core_cases.is_case_level(measure) else "cases.title.cases"))
        if not core_cases.is_case_level(measure):
            self.rows = []
            self.query_one("#cases-name", Label).update(Content(measure.name))
            self.query_one("#cases-summary", Label).update(
                Content(tr("cases.not_case_level", name=measure.name)))
            self._fill_table(None)
            self.refresh_bindings()
            return
        series = load_series(self.store, self.measure_id)
        self.rows = core_cases.listed_cases(self.store, self.measure_id)
        name = " · ".join((measure.name, tr(f"enum.entry.{self.entry.value}"),
                           tr("cases.read_on", chart=chart_name(series.chart, t))))
        self.query_one("#cases-name", Label).update(Content(name))
        self.query_one("#cases-summary", Label).update(Content(self._summary()))
        self._fill_table(select_id)
        self.refresh_bindings()

    def _summary(self) -> str:
        t = translator()
        if not self.rows:
            return tr(f"cases.empty.{self.entry.value}")
        parts = [t.count(f"cases.count.{self.entry.value}", len(self.rows))]
        last = self.rows[-1].on
        if self.entry is Entry.EVENTS:
            days = (self.today - last).days
            parts.append(t.count("cases.latest_event", days, date=t.date(last), days=days))
        else:
            parts.append(tr("cases.latest", date=t.date(last)))
        return " · ".join(parts)

    def _fill_table(self, select_id: str | None) -> None:
        t = translator()
        table = self.query_one("#cases-table", DataTable)
        if select_id is None and table.row_count:
            selected = self.selected_case()
            select_id = selected.id if selected else None
        table.clear(columns=True)
        answer = {Entry.YES_NO: ["yes"], Entry.EVENTS: ["gap", "count"]}
        keys = ["date", *answer.get(self._entry_or_cases(), ["value"]), "note"]
        for key in keys:
            table.add_column(cell(tr(f"cases.column.{key}")), key=key)
        gaps = core_cases.days_between(self.rows)
        for case, gap in zip(self.rows, gaps, strict=True):
            values = {"date": t.date(case.on), "note": case.note,
                      "yes": core_cases.format_yes(case.yes, t).capitalize(),
                      "gap": "" if gap is None else t.number(gap),
                      "count": t.number(case.value, 0),
                      "value": format_value(self.measure, case.value, t)
                      if self.entry is Entry.CASES else t.number(case.value)}
            table.add_row(*(cell(values[k]) for k in keys), key=case.id)
        if self.rows:
            ids = [case.id for case in self.rows]
            table.move_cursor(row=ids.index(select_id) if select_id in ids else len(ids) - 1)

    def _entry_or_cases(self) -> Entry:
        return self.entry if core_cases.is_case_level(self.measure) else Entry.CASES

    def selected_case(self) -> MeasureCase | None:
        """The case under the table's cursor."""
        table = self.query_one("#cases-table", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    # -- quick entry ----------------------------------------------------------------------

    @property
    def entering(self) -> bool:
        return bool(self.query_one("#case-entry").display)

    def history_record(self) -> tuple[str, str] | None:
        case = self.selected_case()
        return ("measure_case", case.id) if case is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back" or self._measure is None:
            return True
        case_level = core_cases.is_case_level(self.measure)
        if action in ("new_case", "paste", "import_file"):
            return (case_level and not self.entering) or None
        if action in ("edit_case", "delete_case"):
            return (not self.entering and self.selected_case() is not None) or None
        if action == "undo":
            return (not self.entering and self.undo_log.can_undo) or None
        if action == "redo":
            return (not self.entering and self.undo_log.can_redo) or None
        return True

    def _open_entry(self, day: dt.date, case: MeasureCase | None = None) -> None:
        t = translator()
        self.editing = case
        self.query_one("#case-entry").display = True
        self.query_one("#case-message").display = True
        editing = self.query_one("#case-editing", Label)
        editing.display = case is not None
        editing.update(Content(tr("cases.entry.editing", date=t.date(day))))
        self.query_one("#case-date", Input).value = format_date(day)
        answer = self.query_one("#case-answer", Input)
        if case is None:
            answer.value = ""
        elif self.entry is Entry.YES_NO:
            answer.value = core_cases.format_yes(case.yes, t)
        else:
            answer.value = typed_number(case.value, t)
        self.query_one("#case-note", Input).value = case.note if case else ""
        self._message(tr("cases.entry.hint"))
        answer.focus()
        self.refresh_bindings()

    def _message(self, text: str) -> None:
        self.query_one("#case-message", Label).update(Content(text))

    def _close_entry(self) -> None:
        self.editing = None
        self.query_one("#case-entry").display = False
        self.query_one("#case-message").display = False
        self.query_one("#cases-table", DataTable).focus()
        self.refresh_bindings()

    def action_new_case(self) -> None:
        """Type a new case; its date is today's."""
        self._open_entry(self.today)

    def action_edit_case(self) -> None:
        """Correct the case under the cursor."""
        case = self.selected_case()
        if case is not None:
            self._open_entry(case.on, case)

    @on(DataTable.RowSelected, "#cases-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit_case()

    @on(Input.Changed, "#case-date")
    def _date_typed(self, event: Input.Changed) -> None:
        """Say what a date being typed is read as ("i går": "Forstået som mandag 23-11-2026")."""
        if event.input.has_focus and event.value.strip():
            self._message(understood(event.value, self.today, translator(), Looking.BACK)[0])

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "case-date":
            self.query_one("#case-answer", Input).focus()
            return
        self._save_entry()

    def _texts(self) -> tuple[str, str, str]:
        date, answer, note = (self.query_one(s, Input).value for s in ENTRY_INPUTS)
        return date, answer, note

    def _save_entry(self) -> None:
        t = translator()
        measure = self.measure
        date, answer, note = self._texts()
        try:
            entry = core_cases.read_case(measure, date, answer, note, today=self.today)
            if self.editing is not None:
                saved = core_cases.edit_case(self.undo_log, self.editing.id, entry)
            else:
                saved = core_cases.add_case(self.undo_log, measure, entry)
        except TavleError as error:
            self._message(error.message(t))
            return
        editing = self.editing is not None
        self.reload(select_id=saved.id)
        if self.entry is Entry.EVENTS:
            text = tr("cases.saved_event", date=t.date(saved.on))
        else:
            value = (core_cases.format_yes(saved.yes, t) if self.entry is Entry.YES_NO
                     else format_value(measure, saved.value, t))
            text = tr("cases.saved", date=t.date(saved.on), value=value)
        if editing:
            self._close_entry()
            self.notify(text, markup=False)
            return
        self._open_entry(saved.on)  # the next case: most often the same day's
        self._message(text + " · " + tr("cases.entry.hint"))

    def _entry_dirty(self) -> bool:
        date, answer, note = self._texts()
        if self.editing is None:
            return bool(answer.strip() or note.strip())
        case, t = self.editing, translator()
        was = (format_date(case.on),
               core_cases.format_yes(case.yes, t) if self.entry is Entry.YES_NO
               else typed_number(case.value, t), case.note)
        return (date.strip(), answer.strip(), note.strip()) != was

    # -- other actions --------------------------------------------------------------------

    def action_delete_case(self) -> None:
        """Delete the case under the cursor after a confirmation (ctrl+z undoes)."""
        case = self.selected_case()
        if case is None:
            return
        t = translator()
        date = t.date(case.on)
        events_ = self.entry is Entry.EVENTS

        def answered(yes: bool | None) -> None:
            if yes:
                core_cases.delete_case(self.undo_log, case.id)
                self.reload()
                self.notify(tr("cases.deleted_event" if events_ else "cases.deleted",
                               date=date), markup=False)

        if events_:
            question = tr("cases.delete_question_event", date=date)
        else:
            value = (core_cases.format_yes(case.yes, t) if self.entry is Entry.YES_NO
                     else format_value(self.measure, case.value, t))
            question = tr("cases.delete_question", date=date, value=value)
        self.app.push_screen(ConfirmDialog(question), answered)

    def _saved(self, count: int | None) -> None:
        if count:
            self.reload()
            self.notify(translator().count("cases.paste.saved", count), markup=False)

    def action_paste(self, text: str = "") -> None:
        """Paste a block copied from Excel: a preview first, then the new lines saved."""
        self.app.push_screen(
            CasesPasteDialog(self.measure, self.undo_log, self.today, text=text), self._saved)

    def on_paste(self, event: events.Paste) -> None:
        """A paste into the table (not into the entry line) opens the preview with it."""
        if (not self.entering and core_cases.is_case_level(self.measure)
                and ("\t" in event.text or "\n" in event.text.strip())):
            event.stop()
            self.action_paste(event.text)

    def action_import_file(self) -> None:
        """Pick an xlsx or CSV file saved from Excel into the preview; it is imported whole or
        not at all (rows with a formula error in Excel are named and left out)."""
        from core.measures.excel import cases_text
        from tui.screens.file_pick import TABLE_SUFFIXES, FilePickDialog

        read: list[tuple[str, list[str], str]] = []

        def check(path: Path) -> str | None:
            t = translator()
            try:
                text, left_out = cases_text(path, t)
            except TavleError as error:
                return error.message(t)
            read.append((text, [problem.message(t) for problem in left_out], path.name))
            return None

        def picked(path: Path | None) -> None:
            if path is not None and read:
                text, left_out, name = read[-1]
                self.app.push_screen(CasesPasteDialog(
                    self.measure, self.undo_log, self.today, text=text, file_name=name,
                    left_out=left_out), self._saved)

        self.app.push_screen(FilePickDialog(tr("cases.import.title"), suffixes=TABLE_SUFFIXES,
                                            kind="table", check=check), picked)

    def action_back(self) -> None:
        """Esc closes the entry line first (asking before dropping typed text)."""
        if not self.entering:
            self.app.pop_screen()
            return
        self.discard_then(self._entry_dirty(), self._close_entry)


class CasesPasteDialog(PastePreviewDialog):
    """Cases pasted from Excel (or read from a file): ctrl+s shows what would be saved and why
    a line cannot be, ctrl+s again saves. A file is saved whole or not at all."""

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="cases_paste.save"),
        Binding("escape", "cancel", "keys.cancel", id="cases_paste.cancel"),
    ]

    def __init__(self, measure: Measure, log: UndoLog, today: dt.date, *, text: str = "",
                 file_name: str | None = None, left_out: Sequence[str] = ()) -> None:
        title = (tr("cases.paste.title") if file_name is None
                 else tr("cases.paste.title_file", path=file_name))
        hint = ("cases.paste.hint_file" if file_name is not None
                else f"cases.paste.hint_{measure.entry.value}")
        super().__init__(title, tr(hint), text)
        self._measure = measure
        self._log = log
        self._today = today
        self._file = file_name
        self._left_out = list(left_out)
        """The file's rows left out before the text (a formula error in Excel), named."""
        self._preview: core_cases.CasePreview | None = None

    def save(self) -> None:
        preview = self._preview
        if preview is None:
            return
        try:
            count = core_cases.apply_cases(self._log, self._measure, preview,
                                           whole=self._file is not None)
        except TavleError as error:
            self.show_problem(error.message(translator()))
            return
        if not count:
            self.show_problem(tr("cases.paste.nothing"))
            return
        self.dismiss(count)

    def preview(self, text: str) -> None:
        t = translator()
        preview = self._preview = core_cases.parse_cases(
            self._log.store, self._measure, text, self._today)
        counts = [t.count("cases.paste.new", len(preview.new))]
        if preview.known:
            counts.append(t.count("cases.paste.known", len(preview.known)))
        if preview.bad:
            counts.append(t.count("cases.paste.bad", len(preview.bad)))
        lines = [" · ".join(counts) + "."]
        lines += [problem.message(t) for problem in preview.problems]
        lines += self._left_out
        lines += problem_lines(preview.bad, "cases.paste.problem", t)
        problem = ""
        if preview.problems or not preview.new:
            problem = tr("cases.paste.nothing")
        elif self._file is not None and preview.bad:
            problem = core_cases.WholeFileError(len(preview.bad)).message(t)
        else:
            lines.append(tr("cases.paste.save"))
        self.show_preview(lines)
        self.show_problem(problem)
