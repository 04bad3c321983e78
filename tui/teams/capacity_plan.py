"""One team's capacity plan for the coming weeks, typed in a grid: per profession the hours
needed, available, lent to and borrowed from other teams, and temp hours, with the balance on
the profession's own row. Enter or F2 edits a cell (Enter saves, Tab saves and moves on, Esc
cancels); every edit is undoable (ctrl+z / ctrl+y). Broken rules are listed below in words.
ctrl+e exports the weeks shown for Excel.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.widgets import DataTable, Header, Label

from core.db import changelog
from core.errors import TavleError
from core.models import CapacityPlan, Organisation, Team
from core.teams.capacity import (
    HOUR_FIELDS,
    Hours,
    PlanKey,
    break_text,
    coming_weeks,
    load_plans,
    rule_breaks,
    set_hours,
    shown_hours,
)
from core.teams.organisation import professions
from core.values.periods import period_label, period_tick
from tui.bindings import translate_bindings
from tui.lang import tr, translator
from tui.teams.capacity_cells import WEEK_WIDTH, balance_text, fit, flagged_cells
from tui.teams.compare_base import TeamCompareScreen
from tui.widgets.cell_editor import CellEditor
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import CopyTable, cell

EDITOR_LENGTH = 12


class PlanGridTable(CopyTable[object]):
    """A cell-cursor grid; Enter or F2 selects the cell (the screen opens its editor)."""

    BINDINGS = [
        Binding("enter,f2", "select_cursor", "team_compare.keys.edit", id="capacity_plan.edit"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, id=id)
        translate_bindings(self)


class CapacityPlanScreen(TeamCompareScreen):
    """A team's hours per profession and week."""

    HELP = "team_compare.capacity.plan_help"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="capacity_plan.back"),
        Binding("comma", "weeks(-1)", "team_compare.keys.earlier", id="capacity_plan.earlier"),
        Binding("full_stop", "weeks(1)", "team_compare.keys.later", id="capacity_plan.later"),
        Binding("ctrl+e", "export", "teams.keys.export", id="capacity_plan.export"),
    ]

    def __init__(self, org_id: str, team_id: str, *, today: dt.date | None = None,
                 offset: int = 0) -> None:
        super().__init__(org_id)
        self.team_id = team_id
        self._today = today
        self.week_offset = offset
        self.weeks: list[str] = []
        self._rows: list[tuple[str, str | None]] = []
        """(profession id, hour field or None for the profession's balance row) per grid row."""
        self._plans: dict[PlanKey, CapacityPlan] = {}

    @property
    def today(self) -> dt.date:
        """The date the coming weeks count from: the one given (a test's), else the app's."""
        return self._today or self.tavle.today()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="plan-heading", classes="team-heading", markup=False)
        yield PlanGridTable(id="capacity-plan")
        yield Label("", id="plan-breaks", classes="team-detail", markup=False)
        yield CellEditor(id="cell-editor")
        yield TavleFooter()

    def on_mount(self) -> None:
        self.editor.display = False
        self.reload()
        self.grid.focus()

    @property
    def grid(self) -> PlanGridTable:
        return self.query_one("#capacity-plan", PlanGridTable)

    @property
    def editor(self) -> CellEditor:
        return self.query_one("#cell-editor", CellEditor)

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the team's plans for the weeks shown and redraw the grid."""
        tx = translator()
        org = changelog.load(self.store, Organisation, self.org_id)
        team = changelog.load(self.store, Team, self.team_id)
        self.set_header(tr("team_compare.capacity.plan_title", team=team.name))
        self.weeks = coming_weeks(self.today, offset=self.week_offset)
        jobs = {p.id: p.name for p in professions(self.store, self.org_id)}
        self._plans = load_plans(self.store, self.org_id, self.weeks, team_id=self.team_id)
        every = load_plans(self.store, self.org_id, self.weeks)
        breaks = [b for b in rule_breaks(org, every.values()) if b.team_id == self.team_id]
        flagged = flagged_cells(breaks)
        grid = self.grid
        where = grid.cursor_coordinate
        grid.clear(columns=True)
        label_width = max(14, self.size.width - len(self.weeks) * (WEEK_WIDTH + 2) - 6)
        grid.add_column(cell(tr("team_compare.capacity.column.hours")), key="label",
                        width=label_width)
        for week in self.weeks:
            grid.add_column(cell(period_tick(week, tx)), key=week, width=WEEK_WIDTH)
        self._rows = []
        for profession_id, name in jobs.items():
            balances = [cell(balance_text(self._hours(profession_id, week),
                                          (self.team_id, profession_id, week) in flagged, tx))
                        for week in self.weeks]
            grid.add_row(cell(fit(name, label_width)), *balances)
            self._rows.append((profession_id, None))
            for field in HOUR_FIELDS:
                values = [cell(self._value_text(profession_id, week, field))
                          for week in self.weeks]
                grid.add_row(cell(f"  {tr(f'team_compare.capacity.row.{field}')}"), *values)
                self._rows.append((profession_id, field))
        if self._rows:
            grid.move_cursor(row=min(where.row, len(self._rows) - 1),
                             column=max(1, where.column), animate=False)
        self.query_one("#plan-heading", Label).update(Content(tr(
            "team_compare.capacity.plan_heading", team=team.name,
            first=period_label(self.weeks[0], tx), last=period_label(self.weeks[-1], tx))))
        lines = [f"⚑ {break_text(b, team.name, jobs.get(b.profession_id, ''), tx)}"
                 for b in breaks]
        self.query_one("#plan-breaks", Label).update(Content(
            "\n".join(lines) if lines else tr("team_compare.capacity.no_team_breaks")))

    def _hours(self, profession_id: str, week: str) -> Hours | None:
        plan = self._plans.get((self.team_id, profession_id, week))
        return Hours.of(plan) if plan is not None else None

    def _value(self, profession_id: str, week: str, field: str) -> float | None:
        plan = self._plans.get((self.team_id, profession_id, week))
        return None if plan is None else getattr(plan, field)

    def _value_text(self, profession_id: str, week: str, field: str) -> str:
        value = shown_hours(self._plans.get((self.team_id, profession_id, week)), field)
        return "" if value is None else translator().number(value)

    # -- editing --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.is_mounted and self.editor.is_open and action != "back":
            return False
        return super().check_action(action, parameters)

    def _current(self) -> tuple[str, str, str] | None:
        """(profession id, field, week) of the cursor's cell, if it can be typed in."""
        where = self.grid.cursor_coordinate
        if not 0 <= where.row < len(self._rows) or where.column < 1:
            return None
        profession_id, field = self._rows[where.row]
        if field is None:
            return None
        return profession_id, field, self.weeks[where.column - 1]

    @on(DataTable.CellSelected, "#capacity-plan")
    def _cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.edit_cell()

    def edit_cell(self) -> None:
        """Open the editor on the cursor's cell (the balance rows are worked out, not typed)."""
        current = self._current()
        if current is None:
            self.notify(tr("team_compare.capacity.not_editable"), markup=False)
            return
        profession_id, field, week = current
        value = self._value(profession_id, week, field)
        text = "" if value is None else translator().number(value).replace(
            translator()("format.thousands"), "")
        self.editor.open(field, text, self._cell_region(),
                         hint=tr("team_compare.capacity.editor_hint"), max_length=EDITOR_LENGTH)

    def _cell_region(self) -> Region:
        grid = self.grid
        virtual = grid._get_cell_region(grid.cursor_coordinate)
        origin = grid.content_region
        return Region(origin.x + virtual.x - int(grid.scroll_x),
                      origin.y + virtual.y - int(grid.scroll_y), virtual.width, 1)

    @on(CellEditor.Cancelled)
    def _edit_cancelled(self, event: CellEditor.Cancelled) -> None:
        self.editor.close()
        self.grid.focus()

    @on(CellEditor.Done)
    def _edit_done(self, event: CellEditor.Done) -> None:
        current = self._current()
        if current is None:
            return
        profession_id, field, week = current
        try:
            set_hours(self.undo_log, self.org_id, self.team_id, profession_id, week, field,
                      event.text)
        except TavleError as error:
            self.editor.show_problem(error.message(translator()))
            return
        self.editor.close()
        self.reload()
        grid = self.grid
        grid.focus()
        step = {"next": 1, "previous": -1}.get(event.move, 0)
        column = grid.cursor_column + step
        if step and 1 <= column <= len(self.weeks):
            grid.move_cursor(column=column)
            self.call_after_refresh(self.edit_cell)

    def action_weeks(self, step: int) -> None:
        """Show the weeks one week earlier (-1) or later (1)."""
        self.week_offset += step
        self.reload()

    def action_export(self) -> None:
        """Write the weeks shown to an xlsx or CSV file for Excel, after the CPR guard."""
        from core.teams.excel import capacity_table
        from tui.screens.table_export import export_tables

        team = changelog.load(self.store, Team, self.team_id)
        org = changelog.load(self.store, Organisation, self.org_id)
        weeks = list(self.weeks)
        export_tables(self, what=tr("team_compare.capacity.plan_title", team=team.name),
                      name_parts=[tr("team_compare.capacity.title"), org.name, team.name],
                      tables=lambda: [capacity_table(self.store, self.org_id, self.team_id,
                                                     weeks, translator())],
                      scope_id=None)

    def action_back(self) -> None:
        if self.editor.is_open:
            self.editor.close()
            self.grid.focus()
            return
        super().action_back()
