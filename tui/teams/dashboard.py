"""A team's dashboard (nøgledata): each key figure with a sparkline, the last value, the change
since the previous period, the target and its state in words with a marker. Enter opens the
figure's run chart; `e` types a week's figures."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.measures.qic import Qic, periods, qic
from core.measures.words import (
    assurance_text,
    chart_name,
    part_sentences,
    reading_text,
    sigma_sentence,
    sparkline,
    variation_text,
)
from core.models import Chart
from core.teams.dashboard import DashboardRow, dashboard
from core.teams.organisation import get_team
from core.teams.words import change_text, format_figure, verdict_text
from core.values.periods import period_label, period_tick
from tui.lang import tr, translator
from tui.teams.base import OrgScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell
from tui.widgets.run_chart import ChartData, RunChartView

WIDE_COLUMNS = (("figure", 0), ("trend", 10), ("last", 16), ("variation", 14), ("assurance", 15),
                ("state", 28), ("change", 14), ("target", 10))
NARROW_COLUMNS = (("figure", 0), ("last", 15), ("variation", 14), ("assurance", 15),
                  ("state", 28), ("change", 14), ("target", 10), ("trend", 10))
"""Variation and assurance (short words with a symbol) come first after the latest value; the
state (on target, past the alarm threshold), the change and the target follow and scroll."""
BESIDE = {True: 5, False: 3}
"""How many columns after the figure's name fit beside it, wide and narrow."""
WIDE_FROM = 110
SPARK_WIDTH = 10


class TeamDashboardScreen(OrgScreenBase):
    """Every key figure of one team, judged by the run-chart rules."""

    HELP = "teams.dashboard.help"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="team_dashboard.back"),
        Binding("e", "enter_figures", "teams.keys.enter", id="team_dashboard.enter"),
    ]

    def __init__(self, org_id: str, team_id: str) -> None:
        super().__init__(org_id)
        self.team_id = team_id
        self.rows: list[DashboardRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield RowTable(id="team-figures")
        yield Label("", id="team-figures-empty", classes="empty-hint", markup=False)
        yield Label("", id="team-figure-definition", classes="team-note", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#team-figures", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the team's series and show each figure's state."""
        team = get_team(self.store, self.team_id)
        self.set_header(tr("teams.dashboard.title", team=team.name))
        table = self.query_one("#team-figures", DataTable)
        row_index = table.cursor_row
        self.rows = dashboard(self.store, self.org_id, self.team_id)
        table.clear(columns=True)
        wide = self.app.size.width >= WIDE_FROM
        columns = WIDE_COLUMNS if wide else NARROW_COLUMNS
        beside = columns[1:1 + BESIDE[wide]]  # the rest scroll
        width = max(16, self.app.size.width - sum(w + 2 for _, w in beside) - 4)
        for key, column_width in columns:
            title = tr(f"mdc.{key}") if key in ("variation", "assurance") else tr(
                f"teams.dashboard.column.{key}")
            table.add_column(cell(title), key=key, width=column_width or width)
        t = translator()
        for row in self.rows:
            state, figure = row.state, row.figure
            last = ""
            if state.last is not None and row.series.last_period is not None:
                last = tr("teams.dashboard.value_in", value=format_figure(figure, state.last, t),
                          period=period_tick(row.series.last_period, t))
            cells = {
                "figure": figure.name, "trend": sparkline(state.values, SPARK_WIDTH), "last": last,
                "change": change_text(state, t), "target": format_figure(figure, figure.target, t),
                "state": verdict_text(state, t),
                "variation": variation_text(state.reading, t, short=True),
                "assurance": assurance_text(state.reading, t, short=True),
            }
            table.add_row(*(cell(cells[key]) for key, _ in columns), key=figure.id)
        if self.rows:
            table.move_cursor(row=min(row_index, len(self.rows) - 1))
        empty = self.query_one("#team-figures-empty", Label)
        has_data = any(row.series.values for row in self.rows)
        empty.display = not has_data
        empty.update(Content(tr("teams.dashboard.empty")))
        self._show_definition()

    @on(DataTable.RowHighlighted, "#team-figures")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_definition()

    def _show_definition(self) -> None:
        row = self.selected()
        text = row.figure.definition if row is not None else ""
        self.query_one("#team-figure-definition", Label).update(Content(text))

    def selected(self) -> DashboardRow | None:
        table = self.query_one("#team-figures", DataTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    @on(DataTable.RowSelected, "#team-figures")
    def _open(self, event: DataTable.RowSelected) -> None:
        row = self.selected()
        if row is not None and row.series.values:
            self.app.push_screen(TeamFigureChartScreen(self.org_id, self.team_id, row))
        elif row is not None:
            self.notify(tr("teams.dashboard.no_values", figure=row.figure.name), markup=False)

    def action_enter_figures(self) -> None:
        """Type the team's figures for a week."""
        from tui.teams.entry import TeamEntryScreen

        self.app.push_screen(TeamEntryScreen(self.org_id, self.team_id))

    def action_back(self) -> None:
        self.app.pop_screen()


class TeamFigureChartScreen(OrgScreenBase):
    """One team figure's full run chart with the signal in words."""

    HELP = "teams.chart.help"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="team_chart.back"),
        Binding("k", "toggle_control", "measures.keys.switch_chart", id="team_chart.control"),
    ]

    def __init__(self, org_id: str, team_id: str, row: DashboardRow) -> None:
        super().__init__(org_id)
        self.team_id = team_id
        self.row = row
        self.control = False
        """Whether the figure's control chart is shown (else its run chart, as the title
        says)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="team-chart-name", markup=False)
        yield RunChartView(id="team-chart")
        yield Label("", id="team-chart-signal", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.show()

    def on_resize(self) -> None:
        self.query_one("#team-chart", RunChartView).on_resize()

    def show(self) -> None:
        """Draw the chart and say what its rules find."""
        t = translator()
        state, figure, series = self.row.state, self.row.figure, self.row.series
        team = get_team(self.store, self.team_id)
        self.set_header(tr("teams.chart.title", team=team.name, figure=figure.name))
        chart: Qic = state.chart if self.control else qic(periods(state.values),
                                                           chart=Chart.RUN)
        self.query_one("#team-chart-name", Label).update(
            Content(f"{team.name} · {figure.name} · {chart_name(chart.chart, t)}"))
        self.query_one("#team-chart", RunChartView).show(ChartData.of(
            chart, [period_tick(p, t) for p in series.periods], target=figure.target))
        lines = [f"{verdict_text(state, t)} · {reading_text(state.reading, t)}"]
        if chart.last is not None:
            sentences = part_sentences(chart.last, t, chart.chart)
            if self.control or state.chart.sigma_indexes:
                sentences.append(sigma_sentence(state.chart, t))
            lines.append(" · ".join(s for s in sentences if s))
        if figure.alert_threshold is not None:
            lines.append(tr("teams.chart.threshold",
                            value=format_figure(figure, figure.alert_threshold, t)))
        if series.last_period:
            lines.append(tr("teams.chart.last", period=period_label(series.last_period, t),
                            value=format_figure(figure, state.last, t)))
        self.query_one("#team-chart-signal", Label).update(Content("\n".join(lines)))

    def action_toggle_control(self) -> None:
        """Switch between the figure's control chart (the one its state is judged on) and its
        run chart."""
        self.control = not self.control
        self.show()

    def action_back(self) -> None:
        self.app.pop_screen()
