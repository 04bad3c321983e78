"""The preview of an xlsx or CSV import into the action plan: every row with its problems (the
rows left out listed in full below the table), then confirm: only the good rows are added."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Label

from core.plan.excel import ImportPreview
from tui.bindings import translate_bindings
from tui.lang import tr, translator
from tui.widgets.row_table import cell


class PlanImportDialog(ModalScreen[bool]):
    """Show what an import would add; `y`/ctrl+s imports the good rows, `n`/Esc cancels."""

    BINDINGS = [
        Binding("y,j,ctrl+s", "answer(True)", "action_plan.import.confirm",
                id="plan_import.confirm"),
        Binding("n,escape", "answer(False)", "keys.cancel", id="plan_import.cancel"),
    ]

    def __init__(self, preview: ImportPreview, path: str) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)
        self._preview = preview
        self._path = path

    def compose(self) -> ComposeResult:
        preview, tx = self._preview, translator()
        good = len(preview.good)
        skipped = len(preview.rows) - good
        with Vertical(classes="dialog-box plan-import-box"):
            yield Label(Content(tx.count("action_plan.import.preview_title", good,
                                         path=self._path)), classes="dialog-title")
            for problem in preview.problems:
                yield Label(Content(problem.message(tx)), classes="form-error")
            if not good:
                yield Label(Content(tr("action_plan.import.preview_none")), classes="form-error")
            elif skipped:
                yield Label(Content(tx.count("action_plan.import.preview_skipped", skipped)),
                            classes="form-error")
            yield DataTable(cursor_type="row", id="import-rows")
            if skipped:
                yield Label(Content("\n".join(
                    f"{tr('action_plan.import.line')} {row.line}: "
                    + " ".join(p.message(tx).replace("\n", " ") for p in row.problems)
                    for row in preview.rows if not row.ok)), id="import-problems",
                    classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(tr("action_plan.import.confirm")), id="import",
                             variant="primary", disabled=not good)
                yield Button(Content(tr("keys.cancel")), id="cancel")

    def on_mount(self) -> None:
        tx = translator()
        table = self.query_one("#import-rows", DataTable)
        table.add_column(cell(tr("action_plan.import.line")), width=6)
        table.add_column(cell(tr("field.change")), width=30)
        table.add_column(cell(tr("field.responsible")), width=14)
        table.add_column(cell(tr("field.deadline")), width=11)
        table.add_column(cell(tr("action_plan.import.problem")), width=50)
        table.add_rows(
            (
                cell(str(row.line)),
                cell(str(row.values.get("change", ""))),
                cell(str(row.values.get("responsible", ""))),
                cell(tx.date(row.values.get("deadline"))),
                cell(" ".join(p.message(tx).replace("\n", " ") for p in row.problems)
                     or tr("action_plan.import.ok")),
            )
            for row in self._preview.rows
        )
        self.query_one("#import" if self._preview.good else "#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "import")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(bool(answer and self._preview.good))
