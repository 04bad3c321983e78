"""A project's benefits (gevinster): expected and realised, in kr., hours, sick-leave percentage
points, quality or citizen experience, each with the measure whose run chart documents it. An
expected benefit that no measure documents is flagged in words; `s` opens the run chart."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.closing import benefits
from core.closing.benefits import BenefitRow, format_amount, summarize, total_sentence
from core.errors import TavleError
from core.kaizen.board import measure_names
from core.models import Benefit
from tui.closing.benefit_form import benefit_fields, benefit_values
from tui.dialogs import ConfirmDialog
from tui.dialogs.choice_form import ChoiceFormDialog, Values
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

COLUMNS = (("title", 0), ("status", 10), ("amount", 15), ("measure", 28), ("kind", 24),
           ("period", 23))
"""Key and width of each column; the title takes what the first four leave (kind and period
scroll into view on a narrow screen)."""


def period_text(benefit: Benefit) -> str:
    """ "14-09-2026 – 13-09-2027", one end, or nothing."""
    t = translator()
    ends = (t.date(benefit.period_from), t.date(benefit.period_to))
    return " – ".join(ends) if all(ends) else "".join(ends)


def documented_text(row: BenefitRow) -> str:
    """The documenting measure, or the flag of an expected benefit without one."""
    return benefits.measure_text(row, translator())


def benefit_cells(row: BenefitRow) -> dict[str, str]:
    """The cells of a benefit's row, by column key."""
    b, t = row.benefit, translator()
    return {
        "title": b.title, "status": tr(f"enum.benefit_status.{b.status.value}"),
        "amount": format_amount(b.kind, b.amount, b.unit, t),
        "measure": documented_text(row), "kind": tr(f"enum.benefit_kind.{b.kind.value}"),
        "period": period_text(b),
    }


def unmeasured_text(count: int) -> str:
    """How many expected benefits no measure documents, in words."""
    if count == 1:
        return tr("benefits.unmeasured_one")
    return tr("benefits.unmeasured_count", count=count)


def summary_lines(rows: list[BenefitRow]) -> list[str]:
    """The totals in words, and how many expected benefits no measure documents."""
    summary, t = summarize(rows), translator()
    lines = [total_sentence(total, t) for total in summary.totals]
    if summary.unmeasured:
        lines.append(unmeasured_text(summary.unmeasured))
    return lines


class BenefitsScreen(ProjectScreenBase):
    """The benefits of one project."""

    HELP = "benefits.help"

    BINDINGS = [
        Binding("escape", "back", "benefits.keys.back", id="benefits.back"),
        Binding("a", "add", "benefits.keys.add", id="benefits.add"),
        Binding("f2", "edit", "benefits.keys.edit", id="benefits.edit"),
        Binding("delete", "delete", "benefits.keys.delete", id="benefits.delete"),
        Binding("s", "chart", "benefits.keys.chart", id="benefits.chart"),
        Binding("ctrl+z", "undo", "benefits.keys.undo", show=False, id="benefits.undo"),
        Binding("ctrl+y", "redo", "benefits.keys.redo", show=False, id="benefits.redo"),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__(project_id)
        self._rows: list[BenefitRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield RowTable(id="benefits")
        yield Label("", id="benefits-empty", classes="empty-hint", markup=False)
        yield Label("", id="benefit-detail", markup=False)
        yield Label("", id="benefits-summary", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#benefits", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        """Read the benefits again and redraw the table, keeping the cursor where it was."""
        self.set_header(tr("benefits.title"))
        if select_id is None:
            select_id = self.selected_id()
        self._rows = benefits.list_benefits(self.store, self.project_id)
        table = self.query_one("#benefits", DataTable)
        table.clear(columns=True)
        fill = max(24, self.size.width - sum(w + 2 for _, w in COLUMNS[1:4]) - 6)
        for key, width in COLUMNS:
            table.add_column(cell(tr(f"benefits.column.{key}")), key=key, width=width or fill)
        for row in self._rows:
            cells = benefit_cells(row)
            table.add_row(*(cell(cells[key]) for key, _ in COLUMNS), key=row.benefit.id)
        ids = [row.benefit.id for row in self._rows]
        if select_id in ids:
            table.move_cursor(row=ids.index(select_id))
        empty = self.query_one("#benefits-empty", Label)
        empty.display = not self._rows
        empty.update(Content(tr("benefits.empty")))
        self.query_one("#benefits-summary", Label).update(
            Content("\n".join(summary_lines(self._rows))))
        self._show_detail()
        self.refresh_bindings()

    def _show_detail(self) -> None:
        row = self.selected()
        detail = self.query_one("#benefit-detail", Label)
        detail.display = row is not None
        if row is None:
            return
        lines = [tr("benefits.detail_how", text=row.benefit.how_computed or tr(
            "benefits.detail_none"))]
        if row.benefit.note:
            lines.append(tr("benefits.detail_note", text=row.benefit.note))
        if row.unmeasured:
            lines.append(tr("benefits.flag_help"))
        detail.update(Content("\n".join(lines)))

    @on(DataTable.RowHighlighted, "#benefits")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()
        self.refresh_bindings()

    def selected(self) -> BenefitRow | None:
        """The benefit under the cursor."""
        table = self.query_one("#benefits", DataTable)
        if not self._rows or table.cursor_row >= len(self._rows):
            return None
        return self._rows[table.cursor_row]

    def selected_id(self) -> str | None:
        row = self.selected()
        return row.benefit.id if row else None

    # -- actions --------------------------------------------------------------------------

    def history_record(self) -> tuple[str, str] | None:
        benefit_id = self.selected_id()
        return ("benefit", benefit_id) if benefit_id is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return bool(self._rows) or None
        if action == "chart":
            row = self.selected()
            return (row is not None and bool(row.measure_name)) or None
        if action == "undo":
            return self.undo_log.can_undo or None
        if action == "redo":
            return self.undo_log.can_redo or None
        return True

    @on(DataTable.RowSelected, "#benefits")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def _form(self, title: str, benefit: Benefit | None, save: Any) -> None:
        measures = [(name, id_) for id_, name in measure_names(self.store, self.project_id)]
        today = self.tavle.today()

        def submit(values: Values) -> str | None:
            try:
                save(benefit_values(values, today))
            except TavleError as error:
                return error.message(translator())
            return None

        self.app.push_screen(
            ChoiceFormDialog(title, benefit_fields(benefit, measures, today), submit=submit),
            lambda values: self.reload(),
        )

    def action_add(self) -> None:
        """Add a benefit: what, kind, expected or realised, amount, period, how it was
        computed, and the measure that documents it."""

        def save(values: dict[str, Any]) -> None:
            created = benefits.add_benefit(self.undo_log, self.project_id, **values)
            self.notify(tr("benefits.added", title=created.title), markup=False)
            self.call_after_refresh(self.reload, created.id)

        self._form(tr("benefits.add_title"), None, save)

    def action_edit(self) -> None:
        """Edit the benefit under the cursor."""
        row = self.selected()
        if row is None:
            return
        benefit_id = row.benefit.id

        def save(values: dict[str, Any]) -> None:
            benefits.edit_benefit(self.undo_log, benefit_id, **values)

        self._form(tr("benefits.edit_title", title=row.benefit.title), row.benefit, save)

    def action_delete(self) -> None:
        """Delete the benefit under the cursor after a confirmation (ctrl+z undoes)."""
        row = self.selected()
        if row is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                benefits.delete_benefit(self.undo_log, row.benefit.id)
                self.reload()
                self.notify(tr("benefits.deleted", title=row.benefit.title), markup=False)

        self.app.push_screen(
            ConfirmDialog(tr("benefits.delete_question", title=row.benefit.title)), answered)

    def action_chart(self) -> None:
        """Open the run chart of the measure that documents the benefit."""
        row = self.selected()
        if row is None or not row.benefit.measure_id or not row.measure_name:
            return
        from tui.measures.measure import MeasureScreen

        self.app.push_screen(MeasureScreen(self.project_id, row.benefit.measure_id))

    def action_back(self) -> None:
        self.app.pop_screen()
