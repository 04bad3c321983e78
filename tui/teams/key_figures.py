"""The key-figure catalogue shared by every team: name, definition, unit, kind, better
direction, frequency, target and alert threshold. `a` adds a figure, F2 or Enter edits one,
Delete removes it with every team's values (after a confirmation; ctrl+z undoes); ctrl+e
exports every team's values for Excel."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.db import changelog
from core.errors import TavleError
from core.models import Direction, Frequency, KeyFigure, MeasureKind
from core.teams import key_figures
from core.teams.words import format_figure
from core.values.numbers import parse_number
from tui.dialogs import ConfirmDialog
from tui.dialogs.choice_form import ChoiceField, ChoiceFormDialog, Field, TextField, Values
from tui.lang import tr, translator
from tui.teams.base import OrgScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

COLUMNS = (("name", 0), ("better", 20), ("frequency", 16), ("target", 14),
           ("alert_threshold", 14))


def figure_fields(figure: KeyFigure | None) -> list[Field]:
    """The fields of a key figure's form."""
    t = translator()

    def number(value: float | None) -> str:
        return t.number(value, 2) if value is not None else ""

    return [
        TextField("name", tr("field.name"), figure.name if figure else ""),
        TextField("definition", tr("field.definition"), figure.definition if figure else "",
                  max_length=2000),
        TextField("unit", tr("field.unit"), figure.unit if figure else ""),
        ChoiceField("kind", tr("field.kind"),
                    [(tr(f"enum.measure_kind.{k.value}"), k.value) for k in MeasureKind],
                    (figure.kind if figure else MeasureKind.CONTINUOUS).value),
        ChoiceField("better", tr("field.better"),
                    [(tr(f"enum.direction.{d.value}"), d.value) for d in Direction],
                    (figure.better if figure else Direction.LOWER).value),
        ChoiceField("frequency", tr("field.frequency"),
                    [(tr(f"enum.frequency.{f.value}"), f.value) for f in Frequency],
                    (figure.frequency if figure else Frequency.WEEKLY).value),
        TextField("target", tr("field.target"), number(figure.target if figure else None)),
        TextField("alert_threshold", tr("field.alert_threshold"),
                  number(figure.alert_threshold if figure else None),
                  placeholder=tr("teams.figures.threshold_hint")),
    ]


def figure_values(values: Values) -> dict[str, Any]:
    """The typed values as `KeyFigure` fields (raises `InvalidError` for a bad number)."""
    return {
        "name": values["name"], "definition": values["definition"].strip(),
        "unit": values["unit"], "kind": MeasureKind(values["kind"]),
        "better": Direction(values["better"]), "frequency": Frequency(values["frequency"]),
        "target": parse_number(values["target"], "target"),
        "alert_threshold": parse_number(values["alert_threshold"], "alert_threshold"),
    }


class KeyFiguresScreen(OrgScreenBase):
    """The organisation's key-figure catalogue."""

    HELP = "teams.figures.help"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="key_figures.back"),
        Binding("a", "add", "teams.keys.add_figure", id="key_figures.add"),
        Binding("f2", "edit", "teams.keys.edit_figure", id="key_figures.edit"),
        Binding("delete", "delete", "teams.keys.delete_figure", id="key_figures.delete"),
        Binding("ctrl+e", "export", "teams.keys.export", id="key_figures.export"),
    ]

    def __init__(self, org_id: str) -> None:
        super().__init__(org_id)
        self.figures: list[KeyFigure] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield RowTable(id="key-figures")
        yield Label("", id="key-figure-definition", classes="team-note", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#key-figures", DataTable).focus()

    def reload(self, select_id: str | None = None) -> None:
        """Read the catalogue again."""
        self.set_header(tr("teams.figures.title"))
        table = self.query_one("#key-figures", DataTable)
        if select_id is None and (current := self.selected()) is not None:
            select_id = current.id
        self.figures = key_figures.figures(self.store, self.org_id)
        table.clear(columns=True)
        width = max(16, self.app.size.width - sum(w + 2 for _, w in COLUMNS[1:]) - 4)
        for key, column_width in COLUMNS:
            table.add_column(cell(tr(f"field.{key}")), key=key, width=column_width or width)
        t = translator()
        for f in self.figures:
            table.add_row(cell(f.name), cell(tr(f"enum.direction.{f.better.value}")),
                          cell(tr(f"enum.frequency.{f.frequency.value}")),
                          cell(format_figure(f, f.target, t)),
                          cell(format_figure(f, f.alert_threshold, t)), key=f.id)
        ids = [f.id for f in self.figures]
        if select_id in ids:
            table.move_cursor(row=ids.index(select_id))
        self._show_definition()
        self.refresh_bindings()

    def selected(self) -> KeyFigure | None:
        table = self.query_one("#key-figures", DataTable)
        if not self.figures or table.cursor_row >= len(self.figures):
            return None
        return self.figures[table.cursor_row]

    @on(DataTable.RowHighlighted, "#key-figures")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_definition()

    def _show_definition(self) -> None:
        figure = self.selected()
        text = f"{figure.name}: {figure.definition}" if figure and figure.definition else ""
        self.query_one("#key-figure-definition", Label).update(Content(text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return self.selected() is not None or None
        return super().check_action(action, parameters)

    def _form(self, title: str, figure: KeyFigure | None) -> None:
        saved: list[str] = []

        def submit(values: Values) -> str | None:
            try:
                fields = figure_values(values)
                if figure is None:
                    saved.append(key_figures.add_figure(self.undo_log, self.org_id, **fields).id)
                else:
                    key_figures.edit_figure(self.undo_log, figure.id, **fields)
                    saved.append(figure.id)
            except TavleError as error:
                return error.message(translator())
            return None

        self.app.push_screen(ChoiceFormDialog(title, figure_fields(figure), submit=submit),
                             lambda values: self.reload(saved[0] if saved else None))

    @on(DataTable.RowSelected, "#key-figures")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_add(self) -> None:
        """Add a key figure of your own."""
        self._form(tr("teams.figures.add_title"), None)

    def action_edit(self) -> None:
        """Edit the key figure under the cursor."""
        figure = self.selected()
        if figure is not None:
            self._form(tr("teams.figures.edit_title", name=figure.name), figure)

    def action_delete(self) -> None:
        """Delete the key figure and every team's values of it, after a confirmation."""
        figure = self.selected()
        if figure is None:
            return
        count = key_figures.value_count(self.store, figure.id)

        def answered(yes: bool | None) -> None:
            if yes:
                key_figures.delete_figure(self.undo_log, figure.id)
                self.reload()
                self.notify(tr("teams.figures.deleted", name=figure.name), markup=False)

        self.app.push_screen(ConfirmDialog(
            tr("teams.figures.delete_question", name=figure.name, count=count)), answered)

    def action_export(self) -> None:
        """Write every team's values to an xlsx (one value a row, and a column per period) or
        a CSV file for Excel, after the CPR guard."""
        from core.models import Organisation
        from core.teams.excel import key_figures_tables
        from tui.screens.table_export import export_tables

        org = changelog.load(self.store, Organisation, self.org_id)
        export_tables(self, what=tr("teams.figures.title"),
                      name_parts=[tr("teams.figures.title"), org.name],
                      tables=lambda: key_figures_tables(self.store, self.org_id, translator()),
                      scope_id=None)

    def action_back(self) -> None:
        self.app.pop_screen()

