"""The benefits across the portfolio: the totals in words, the sums per unit and kind, and every
benefit of every project. Enter opens a benefit's project benefits, `s` the run chart of the
measure that documents it; Tab moves between the two tables; ctrl+e exports every benefit to xlsx
or CSV for Excel."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.closing.benefits import (
    BenefitRow,
    KindTotal,
    benefit_summary,
    benefits_table,
    format_amount,
    list_benefits,
    total_sentence,
)
from core.models import BenefitKind, BenefitStatus
from core.values.sheets import Table
from tui.closing.benefits import benefit_cells, unmeasured_text
from tui.lang import tr, translator
from tui.screens.base import TavleScreen
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

UNIT_COLUMNS = (("unit", 20), ("kind", 22), ("expected", 16), ("realised", 16),
                ("projects", 9))
BENEFIT_COLUMNS = (("project", 22), ("unit", 14), ("title", 30), ("status", 10),
                   ("amount", 14), ("measure", 30))


def total_text(total: KindTotal | None) -> str:
    """A sum ("4,6 mio. kr.") or, for kinds that are not summed, how many benefits."""
    if total is None:
        return ""
    if total.amount is None:
        key = "benefits.count_one" if total.benefits == 1 else "benefits.count_many"
        return tr(key, count=total.benefits)
    return format_amount(total.kind, total.amount, "", translator())


class BenefitOverviewScreen(TavleScreen):
    """Benefits summed per unit and across every project."""

    HELP = "benefits.overview_help"

    BINDINGS = [
        Binding("escape", "back", "benefits.keys.back", id="benefit_overview.back"),
        Binding("s", "chart", "benefits.keys.chart", id="benefit_overview.chart"),
        Binding("ctrl+e", "export", "benefits.keys.export", id="benefit_overview.export"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[BenefitRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="overview-totals", markup=False)
        yield RowTable(id="unit-sums")
        yield Label("", id="overview-empty", classes="empty-hint", markup=False)
        yield RowTable(id="all-benefits")
        yield TavleFooter()

    def on_mount(self) -> None:
        self.title = tr("app.title")
        self.sub_title = tr("benefits.overview_title")
        self.reload()
        self.query_one("#all-benefits", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read every benefit again and redraw the totals and both tables."""
        self._rows = list_benefits(self.store)
        summary, t = benefit_summary(self.store), translator()
        lines = [total_sentence(total, t) for total in summary.totals]
        if summary.unmeasured:
            lines.append(unmeasured_text(summary.unmeasured))
        self.query_one("#overview-totals", Label).update(Content("\n".join(lines)))
        sums = self.query_one("#unit-sums", DataTable)
        sums.clear(columns=True)
        for key, width in UNIT_COLUMNS:
            sums.add_column(cell(tr(f"benefits.overview_column.{key}")), key=key, width=width)
        for unit, totals in summary.by_unit.items():
            for kind in BenefitKind:
                found = {total.status: total for total in totals if total.kind is kind}
                if not found:
                    continue
                projects = max(total.projects for total in found.values())
                sums.add_row(cell(unit or tr("portfolio.no_unit")),
                             cell(tr(f"enum.benefit_kind.{kind.value}")),
                             cell(total_text(found.get(BenefitStatus.EXPECTED))),
                             cell(total_text(found.get(BenefitStatus.REALISED))),
                             cell(str(projects)))
        table = self.query_one("#all-benefits", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        for key, width in BENEFIT_COLUMNS:
            table.add_column(cell(tr(f"benefits.overview_column.{key}")), key=key, width=width)
        for row in self._rows:
            cells = {**benefit_cells(row), "project": row.project_name, "unit": row.unit}
            table.add_row(*(cell(cells[key]) for key, _ in BENEFIT_COLUMNS))
        if self._rows:
            table.move_cursor(row=min(cursor, len(self._rows) - 1))
        empty = self.query_one("#overview-empty", Label)
        empty.display = not self._rows
        empty.update(Content(tr("benefits.overview_empty")))
        sums.display = table.display = bool(self._rows)
        self.refresh_bindings()

    def selected(self) -> BenefitRow | None:
        """The benefit under the cursor of the lower table."""
        table = self.query_one("#all-benefits", DataTable)
        if not self._rows or table.cursor_row >= len(self._rows):
            return None
        return self._rows[table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "chart":
            row = self.selected()
            return (row is not None and bool(row.measure_name)) or None
        return True

    @on(DataTable.RowSelected, "#all-benefits")
    def _open(self, event: DataTable.RowSelected) -> None:
        row = self.selected()
        if row is not None:
            from tui.closing.benefits import BenefitsScreen

            self.app.push_screen(BenefitsScreen(row.benefit.project_id))

    @on(DataTable.RowHighlighted, "#all-benefits")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def action_chart(self) -> None:
        """Open the run chart of the measure that documents the focused benefit."""
        row = self.selected()
        if row is None or not row.benefit.measure_id or not row.measure_name:
            return
        from tui.measures.measure import MeasureScreen

        self.app.push_screen(MeasureScreen(row.benefit.project_id, row.benefit.measure_id))

    def action_export(self) -> None:
        """Write every benefit of every project to an xlsx or CSV file for Excel, after the
        CPR guard."""
        from tui.screens.table_export import export_tables

        def tables() -> list[Table]:  # the benefits as they are in the database when written
            return [benefits_table(list_benefits(self.store), translator())]

        export_tables(self, what=tr("benefits.title"),
                      name_parts=[tr("benefits.title")], tables=tables, scope_id=None)

    def action_back(self) -> None:
        self.app.pop_screen()
