"""The summary of measures ("Overblik over målinger") for one project or across the portfolio:
each measure's latest value, target, variation, assurance and since when, those needing the
meeting's attention first. `s` sorts by another column, Enter opens the measure's chart.

The statuses are computed in a worker thread on a connection of its own (a portfolio of many
projects must not block typing); the rows and words are `core.views.measure_summary`'s, the
same the reports print.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.db.store import Store, read_on
from core.views.measure_summary import (
    COLUMNS,
    SORTS,
    SummaryRow,
    sort_summary,
    summary_cells,
    summary_rows,
)
from tui.dialogs.pick import PickDialog
from tui.lang import tr, translator
from tui.screens.base import TavleScreen
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

WIDTHS: dict[str, int] = {"project": 22, "measure": 0, "last": 13, "target": 10,
                          "variation": 16, "assurance": 17, "since": 13}
"""Column widths (0: the measure's name takes what is left)."""
NARROW_WIDTHS: dict[str, int] = {**WIDTHS, "last": 11, "variation": 14, "assurance": 15,
                                 "since": 11}
"""Below `WIDE_FROM`: the short words fit, the target waits for a wider screen."""
WIDE_FROM = 110
FULL_WORDS_FROM = 150
"""From this width the variation and assurance are written in full words."""


def compute_rows(path: str | None, store: Store | None, project_ids: list[str]) -> list[SummaryRow]:
    """The summary rows, on a connection of its own when the database is a file."""
    return read_on(path, store, lambda reader: summary_rows(reader, project_ids))


class MeasureSummaryScreen(TavleScreen):
    """Every measure of some projects with its variation and assurance."""

    HELP = "mdc.help"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="summary.back"),
        Binding("s", "pick_sort", "mdc.keys.sort", id="summary.sort"),
    ]

    def __init__(self, project_ids: list[str], title: str) -> None:
        super().__init__()
        self.project_ids = project_ids
        self.title_text = title
        self.rows: list[SummaryRow] = []
        self.shown: list[SummaryRow] = []
        self.sort_key = SORTS[0]
        self.loaded = False

    @property
    def many(self) -> bool:
        """Whether the rows come from more than one project (the project column shows)."""
        return len(self.project_ids) > 1

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="summary-intro", markup=False)
        yield RowTable(id="summary")
        yield Label("", id="summary-status", classes="status-line", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.sub_title = tr("mdc.summary_title")
        self.title = self.title_text
        self.query_one("#summary-intro", Label).update(Content(tr("mdc.summary_intro")))
        self.query_one("#summary", DataTable).focus()
        self.draw()
        if self.store.path is None:  # an in-memory database has one connection: stay here
            self._loaded_rows(compute_rows(None, self.store, self.project_ids))
        else:
            self.analyse(str(self.store.path), list(self.project_ids))

    def on_resize(self) -> None:
        if self.is_mounted:
            self.draw()

    def on_screen_resume(self) -> None:
        """Back from a measure's chart: read again (a value may have been typed there)."""
        if self.store.path is not None and self.loaded:
            self.analyse(str(self.store.path), list(self.project_ids))

    @work(thread=True, exclusive=True, exit_on_error=False, group="summary")
    def analyse(self, path: str, project_ids: list[str]) -> None:
        """Read and judge every measure off the UI thread, then show them."""
        rows = compute_rows(path, None, project_ids)
        self.app.call_from_thread(self._loaded_rows, rows)

    def _loaded_rows(self, rows: list[SummaryRow]) -> None:
        self.rows, self.loaded = rows, True
        self.draw()

    def _columns(self) -> list[tuple[str, int]]:
        keys = [k for k in COLUMNS if self.many or k != "project"]
        if self.size.width < WIDE_FROM:
            keys = [k for k in keys if k not in ("target",)]
        widths = dict(WIDTHS if self.size.width >= WIDE_FROM else NARROW_WIDTHS)
        if self.size.width >= FULL_WORDS_FROM:
            widths.update(variation=28, assurance=31)
        fixed = sum(widths[k] + 2 for k in keys if widths[k]) + 4
        widths["measure"] = max(16, self.size.width - fixed)
        return [(k, widths[k]) for k in keys]

    def draw(self) -> None:
        """Show the rows in the current order."""
        table = self.query_one("#summary", DataTable)
        selected = self.selected()
        table.clear(columns=True)
        columns = self._columns()
        for key, width in columns:
            table.add_column(cell(tr(f"mdc.column.{key}")), key=key, width=width)
        t = translator()
        short = self.size.width < FULL_WORDS_FROM
        self.shown = sort_summary(self.rows, self.sort_key)
        for index, row in enumerate(self.shown):
            cells = summary_cells(row, t, short=short)
            table.add_row(*(cell(cells[key]) for key, _ in columns), key=str(index))
        if selected is not None and selected in self.shown:
            table.move_cursor(row=self.shown.index(selected))
        status = tr("mdc.summary_loading") if not self.loaded else t.count(
            "mdc.summary_count", len(self.rows), sort=tr(f"mdc.sort.{self.sort_key}"))
        if self.loaded and not self.rows:
            status = tr("mdc.summary_empty")
        self.query_one("#summary-status", Label).update(Content(status))

    def selected(self) -> SummaryRow | None:
        table = self.query_one("#summary", DataTable)
        if not self.shown or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    @on(DataTable.RowSelected, "#summary")
    def _open(self, event: DataTable.RowSelected) -> None:
        row = self.selected()
        if row is not None:
            from tui.measures.measure import MeasureScreen

            self.app.push_screen(MeasureScreen(row.project_id, row.status.measure.id))

    def action_pick_sort(self) -> None:
        """Sort by what needs attention, a name, variation, assurance or since when."""
        options = [(tr(f"mdc.sort.{key}"), key) for key in SORTS]

        def picked(value: str | None) -> None:
            if value is not None:
                self.sort_key = value
                self.draw()

        self.app.push_screen(PickDialog(tr("mdc.pick_sort"), options, current=self.sort_key),
                             picked)

    def action_back(self) -> None:
        self.app.pop_screen()
