"""The portfolio: every project in the database, own and received from other units, with its
unit, leader, phase, days since the last kaizen meeting, open and overdue actions, measures
signalling better and worse, conflicts, last change and, for a received project, the sending
unit and its last file. Sort with `s`, filter with `/`, `u` (unit), `f` (phase), `t` (state);
Enter opens the project, `P` presents it, `g` opens the benefits across the portfolio; ctrl+e
exports the rows shown to xlsx or CSV for Excel.

The signals and conflicts are computed in a thread worker on a connection of its own and kept
until the next write, so 200 projects open at once and typing never waits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Input, Label

from core.closing.benefits import benefit_summary, total_sentence
from core.db.store import Store, read_on
from core.models import BenefitKind, BenefitStatus
from core.phases import PHASES
from core.values.sheets import Table
from core.views.portfolio import (
    SORTS,
    STATES,
    PortfolioFilter,
    PortfolioRow,
    PortfolioSignals,
    cached_signals,
    filter_rows,
    load_portfolio,
    portfolio_signals,
    portfolio_table,
    remember_signals,
    sort_rows,
    units_of,
)
from tui.closing.benefits import unmeasured_text
from tui.dialogs.pick import PickDialog
from tui.lang import tr, translator
from tui.screens.base import TavleScreen
from tui.views.portfolio_cells import columns_for, row_cells
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

WORKER_DELAY = 0.3
"""Seconds between drawing the rows and starting the signal worker (which competes with the
first paint for the interpreter)."""
ALL = "*"
"""The pick dialogs' value for "no filter"."""
DESCENDING_FIRST = frozenset({"meeting", "overdue", "worse", "better", "conflicts",
                              "last_change"})
"""Sorts that start with the largest value (the projects to look at first)."""


def compute_signals(path: str | None, store: Store | None, ids: list[str]) -> PortfolioSignals:
    """Signals and conflicts on a connection of its own when the database is a file (the
    worker's thread), else on `store`."""
    return read_on(path, store, lambda reader: portfolio_signals(reader, ids))


class PortfolioScreen(TavleScreen):
    """Every project across the units, with the figures that show where to look."""

    HELP = "portfolio.help"

    BINDINGS = [
        Binding("escape", "back", "portfolio.keys.back", id="portfolio.back"),
        Binding("slash", "filter", "keys.filter", id="portfolio.filter"),
        Binding("u", "pick_unit", "portfolio.keys.unit", id="portfolio.unit"),
        Binding("f", "pick_phase", "portfolio.keys.phase", id="portfolio.phase"),
        Binding("t", "pick_state", "portfolio.keys.state", id="portfolio.state"),
        Binding("s", "pick_sort", "portfolio.keys.sort", id="portfolio.sort"),
        Binding("P", "present", "portfolio.keys.present", id="portfolio.present"),
        Binding("g", "benefits", "portfolio.keys.benefits", id="portfolio.benefits"),
        Binding("o", "summary", "mdc.keys.open_portfolio_summary", id="portfolio.summary"),
        Binding("T", "funnel", "funnel.keys.open", id="portfolio.funnel"),
        Binding("ctrl+e", "export", "portfolio.keys.export", id="portfolio.export"),
        Binding("v", "toggle_archived", "keys.show_archived", show=False,
                id="portfolio.show_archived"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PortfolioRow] = []
        """Every project loaded (before the filter)."""
        self.shown: list[PortfolioRow] = []
        """The rows in the table, in its order."""
        self.signals: PortfolioSignals | None = None
        self.wanted = PortfolioFilter()
        self.sort_key = "name"
        self.descending = False
        self.show_archived = False
        self._columns: tuple[tuple[str, int], ...] = ()
        self._loaded = -1
        """The store's generation when the rows were read."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=tr("portfolio.filter_placeholder"), id="portfolio-filter")
        yield RowTable(id="portfolio")
        yield Label("", id="portfolio-empty", classes="empty-hint", markup=False)
        yield Label("", id="portfolio-benefits", markup=False)
        yield Label("", id="portfolio-status", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.title = tr("app.title")
        self.sub_title = tr("portfolio.title")
        self.query_one("#portfolio-filter", Input).display = False
        self.reload()
        self.query_one("#portfolio", DataTable).focus()

    def on_screen_resume(self) -> None:
        if self.store.generation != self._loaded:  # a write since: in a project, an import
            self.reload()

    def on_resize(self) -> None:
        if columns_for(self.size.width) != self._columns:
            self.draw_rows()

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the projects again; use the signals of this state of the database, or
        compute them in a worker."""
        self._loaded = self.store.generation
        self.rows = load_portfolio(self.store, today=self.tavle.today(),
                                   include_archived=self.show_archived)
        self.signals = cached_signals(self.store)
        self.draw_rows()
        if self.signals is None and self.rows:
            ids = [row.id for row in self.rows]
            generation = self.store.generation
            if self.store.path is None:  # an in-memory database has one connection: stay here
                self._signals_ready(generation, compute_signals(None, self.store, ids))
            else:  # once the rows are drawn: the worker must not slow the first paint
                path = str(self.store.path)
                self.set_timer(WORKER_DELAY, lambda: self.analyse(path, ids, generation))
        self._show_benefits()

    @work(thread=True, exclusive=True, exit_on_error=False, group="portfolio")
    def analyse(self, path: str, ids: list[str], generation: int) -> None:
        """Compute every project's signals and conflicts off the UI thread, then show them."""
        signals = compute_signals(path, None, ids)
        self.app.call_from_thread(self._signals_ready, generation, signals)

    def _signals_ready(self, generation: int, signals: PortfolioSignals) -> None:
        remember_signals(self.store, generation, signals)
        self.signals = signals
        self.draw_rows()

    def draw_rows(self) -> None:
        """Filter, sort and draw the rows, keeping the cursor on the same project."""
        table = self.query_one("#portfolio", DataTable)
        selected = self.selected_id()
        signals = self.signals or PortfolioSignals()
        rows = filter_rows(self.rows, self.wanted, signals)
        self.shown = sort_rows(rows, self.sort_key, signals, descending=self.descending)
        columns = columns_for(self.size.width)
        table.clear(columns=columns != self._columns)
        if columns != self._columns:
            for key, width in columns:
                table.add_column(cell(tr(f"portfolio.column.{key}")), key=key, width=width)
            self._columns = columns
        cells = (row_cells(row, self.signals) for row in self.shown)
        table.add_rows([[cell(texts[key]) for key, _ in columns] for texts in cells])
        ids = [row.id for row in self.shown]
        if selected in ids:
            table.move_cursor(row=ids.index(selected), animate=False)
        self._show_status()

    def _show_status(self) -> None:
        empty = self.query_one("#portfolio-empty", Label)
        empty.display = not self.shown
        key = "portfolio.no_match" if self.rows else "portfolio.empty"
        empty.update(Content(tr(key)))
        parts = [tr("portfolio.count", shown=len(self.shown), count=len(self.rows))]
        w = self.wanted
        if w.unit is not None:
            parts.append(tr("portfolio.filter_unit", unit=w.unit or tr("portfolio.no_unit")))
        if w.phase is not None:
            parts.append(tr("portfolio.filter_phase", phase=self._phase_name(w.phase)))
        if w.state is not None:
            parts.append(tr(f"portfolio.state.{w.state}"))
        if w.text.strip():
            parts.append(tr("portfolio.filter_text", text=w.text.strip()))
        parts.append(tr("portfolio.sorted_desc" if self.descending else "portfolio.sorted",
                        column=tr(f"portfolio.sort.{self.sort_key}")))
        if self.signals is None and self.rows:
            parts.append(tr("portfolio.computing"))
        if w.active:
            parts.append(tr("portfolio.esc_clears"))
        self.query_one("#portfolio-status", Label).update(Content(" · ".join(parts)))

    def _show_benefits(self) -> None:
        summary, t = benefit_summary(self.store), translator()
        parts = [total_sentence(total, t) for total in (
            summary.total(BenefitKind.KR, BenefitStatus.REALISED),
            summary.total(BenefitKind.KR, BenefitStatus.EXPECTED)) if total is not None]
        if summary.unmeasured:
            parts.append(unmeasured_text(summary.unmeasured))
        text = tr("portfolio.benefits_line", text=" · ".join(parts)) if parts else tr(
            "portfolio.no_benefits")
        self.query_one("#portfolio-benefits", Label).update(Content(text))

    @staticmethod
    def _phase_name(number: int) -> str:
        return f"{number}. {tr(f'phase.{PHASES[number - 1].key}.name')}"

    def selected_id(self) -> str | None:
        """The id of the project under the cursor."""
        table = self.query_one("#portfolio", DataTable)
        if not self.shown or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row].id

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "present":
            return bool(self.shown) or None
        return True

    @on(DataTable.RowSelected, "#portfolio")
    def _open(self, event: DataTable.RowSelected) -> None:
        project_id = self.selected_id()
        if project_id is not None:
            self.tavle.open_project(project_id)

    def action_present(self) -> None:
        """Present the focused project full-screen."""
        project_id = self.selected_id()
        if project_id is not None:
            from tui.views.presentation import PresentationScreen

            self.app.push_screen(PresentationScreen(project_id))

    def action_benefits(self) -> None:
        """The benefits across the portfolio, per unit and per project."""
        from tui.closing.benefit_overview import BenefitOverviewScreen

        self.app.push_screen(BenefitOverviewScreen())

    def action_export(self) -> None:
        """Write the projects as the screen shows them (filter and sort) to an xlsx or CSV file
        for Excel, after the CPR guard; signals not computed yet are computed here."""
        from tui.screens.table_export import export_tables

        def tables() -> list[Table]:  # the projects as they are in the database when written
            rows = load_portfolio(self.store, today=self.tavle.today(),
                                  include_archived=self.show_archived)
            signals = cached_signals(self.store)
            if signals is None:
                generation = self.store.generation
                signals = portfolio_signals(self.store, [row.id for row in rows])
                remember_signals(self.store, generation, signals)
            shown = sort_rows(filter_rows(rows, self.wanted, signals), self.sort_key, signals,
                              descending=self.descending)
            return [portfolio_table(shown, translator(), signals)]

        export_tables(self, what=tr("portfolio.title"), name_parts=[tr("portfolio.title")],
                      tables=tables, scope_id=None)

    def action_summary(self) -> None:
        """The summary of the measures of the projects shown (the filter applies)."""
        from tui.measures.summary import MeasureSummaryScreen

        self.app.push_screen(MeasureSummaryScreen([row.id for row in self.shown],
                                                  tr("portfolio.title")))

    def action_funnel(self) -> None:
        """The funnel plot of a measure several projects share, in a period picked."""
        from tui.views.funnel import open_shared_funnel

        open_shared_funnel(self.app, self.store)

    def _pick(self, title: str, options: list[tuple[str, str]], current: str,
              then: Callable[[str], None]) -> None:
        def picked(value: str | None) -> None:
            if value is not None:
                then(value)
                self.draw_rows()

        self.app.push_screen(PickDialog(title, options, current=current), picked)

    def action_pick_unit(self) -> None:
        """Show only the projects of one unit."""
        options = [(tr("portfolio.all_units"), ALL)] + [(u, u) for u in units_of(self.rows)]
        if any(not row.unit.strip() for row in self.rows):
            options.append((tr("portfolio.no_unit"), ""))
        current = ALL if self.wanted.unit is None else self.wanted.unit

        def then(value: str) -> None:
            self.wanted = replace(self.wanted, unit=None if value == ALL else value)

        self._pick(tr("portfolio.pick_unit"), options, current, then)

    def action_pick_phase(self) -> None:
        """Show only the projects in one phase."""
        options = [(tr("portfolio.all_phases"), ALL)] + [
            (self._phase_name(p.number), str(p.number)) for p in PHASES]
        current = ALL if self.wanted.phase is None else str(self.wanted.phase)

        def then(value: str) -> None:
            self.wanted = replace(self.wanted, phase=None if value == ALL else int(value))

        self._pick(tr("portfolio.pick_phase"), options, current, then)

    def action_pick_state(self) -> None:
        """Show only the projects in a state: overdue actions, a worse signal, conflicts, …"""
        options = [(tr("portfolio.all_states"), ALL)] + [
            (tr(f"portfolio.state.{state}"), state) for state in STATES]
        current = self.wanted.state or ALL

        def then(value: str) -> None:
            self.wanted = replace(self.wanted, state=None if value == ALL else value)

        self._pick(tr("portfolio.pick_state"), options, current, then)

    def action_pick_sort(self) -> None:
        """Sort by a column; choosing the column sorted by turns the order round."""
        options = [(tr(f"portfolio.sort.{key}"), key) for key in SORTS]

        def then(value: str) -> None:
            if value == self.sort_key:
                self.descending = not self.descending
            else:
                self.sort_key, self.descending = value, value in DESCENDING_FIRST

        self._pick(tr("portfolio.pick_sort"), options, self.sort_key, then)

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.reload()

    def action_filter(self) -> None:
        box = self.query_one("#portfolio-filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#portfolio-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.wanted = replace(self.wanted, text=event.value)
        self.draw_rows()

    @on(Input.Submitted, "#portfolio-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.query_one("#portfolio", DataTable).focus()

    def action_back(self) -> None:
        """Esc: clear the text filter being typed, then every filter, then go back."""
        box = self.query_one("#portfolio-filter", Input)
        if box.has_focus or self.wanted.active:
            box.value = ""
            box.display = False
            self.wanted = PortfolioFilter()
            self.draw_rows()
            self.query_one("#portfolio", DataTable).focus()
            return
        self.app.pop_screen()

