"""Benchmarks between teams: one key figure in one period, every team side by side.

Three views of the same figure and period (keys 1, 2, 3): bars sorted in the better direction
with the median of the teams and the target marked; small multiples, every team's series as a
sparkline on one scale; and the teams × figures table, each value marked by the team's position
among the teams. `n`/`p` change the figure, `f` picks it from a list, `,`/`.` the period; Enter
opens the team's dashboard.

The signals come from the organisation's judged data when the shared cache holds them (the
start screen's alert count judges every series in a worker); otherwise the figure shown is
judged in a small thread worker and kept until the data change. The bars show at once and
their signal words follow.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.measures.words import assurance_text, variation_text
from core.models import KeyFigure
from core.teams.benchmarks import (
    MEDIAN_MARK,
    TARGET_MARK,
    Benchmark,
    BenchRow,
    Scale,
    bar,
    benchmark,
    periods_of,
    position_text,
    sparkline_on,
    team_table,
    values_in,
)
from core.teams.key_figures import figures as catalogue
from core.teams.signals import FigureState
from core.teams.states import (
    CACHE,
    OrgData,
    TeamRef,
    TeamSeries,
    figure_series,
    judge_series,
    org_teams,
    period_values,
)
from core.teams.words import MARKERS, THRESHOLD_MARKER, format_figure
from core.values.periods import period_label, period_tick
from tui.lang import tr, translator
from tui.teams.compare_base import TeamCompareScreen
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

VIEWS = ("bars", "small", "table")
NAME_WIDTH = 16
VALUE_WIDTH = 9
RANK_WIDTH = 5
STATE_WIDTH = (18, 38)
"""The state column's width below and from `WIDE_FROM` columns."""
WIDE_FROM = 110
TABLE_CELL_WIDTH = 13


class BenchmarkScreen(TeamCompareScreen):
    """Every team's value of one key figure, compared."""

    HELP = "team_compare.bench.help"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="benchmark.back"),
        Binding("n,right_square_bracket", "figure(1)", "team_compare.keys.next_figure",
                id="benchmark.next_figure"),
        Binding("p,left_square_bracket", "figure(-1)", "team_compare.keys.previous_figure",
                show=False, id="benchmark.previous_figure"),
        Binding("f", "pick_figure", "team_compare.keys.pick_figure", id="benchmark.pick_figure"),
        Binding("comma", "period(-1)", "team_compare.keys.previous_period",
                id="benchmark.previous_period"),
        Binding("full_stop", "period(1)", "team_compare.keys.next_period", show=False,
                id="benchmark.next_period"),
        Binding("t", "funnel", "funnel.keys.open", id="benchmark.funnel"),
        Binding("1", "view('bars')", "team_compare.keys.bars", show=False, id="benchmark.bars"),
        Binding("2", "view('small')", "team_compare.keys.small", show=False,
                id="benchmark.small"),
        Binding("3", "view('table')", "team_compare.keys.table", show=False,
                id="benchmark.table"),
    ]

    def __init__(self, org_id: str, figure_id: str | None = None) -> None:
        super().__init__(org_id)
        self.figure_id = figure_id
        self.period: str | None = None
        self.view = "bars"
        self._teams: list[TeamRef] = []
        self._figures: list[KeyFigure] = []
        self._series: dict[str, TeamSeries] = {}
        self._periods: list[str] = []
        self._data: OrgData | None = None
        """The organisation's judged data, when the shared cache holds it."""
        self._figure_states: dict[str, dict[str, FigureState]] = {}
        """Each judged figure's series states by team (since `_judged_at`)."""
        self._judged_at: int | None = None
        self._judging: set[str] = set()
        self._legend = ""
        """The figures a worker is judging."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="bench-title", classes="team-heading", markup=False)
        yield Label("", id="bench-legend", classes="team-legend", markup=False)
        yield RowTable(id="bench")
        yield Label("", id="bench-empty", classes="empty-hint", markup=False)
        yield Label("", id="bench-status", classes="team-status", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#bench", DataTable).focus()

    # -- data -----------------------------------------------------------------------------

    @property
    def figure(self) -> KeyFigure | None:
        return next((f for f in self._figures if f.id == self.figure_id), None)

    def reload(self) -> None:
        """Read the teams and figures again, then show the current figure and period."""
        self.set_header(tr("team_compare.bench.title"))
        self._teams = org_teams(self.store, self.org_id)
        self._figures = catalogue(self.store, self.org_id)
        if self.figure is None:
            self.figure_id = self._figures[0].id if self._figures else None
        self._data = CACHE.get(self.store, self.org_id)
        if self._judged_at != self.store.generation:
            self._judged_at, self._figure_states = self.store.generation, {}
        self._show_figure()

    def _show_figure(self) -> None:
        """Load and draw the current figure; judge its series in a worker if not yet judged."""
        self._load_figure()
        self.draw()
        if self._states() is None and self._series:
            self.call_after_refresh(self._start_judging)

    def _load_figure(self) -> None:
        """The current figure's series (from the judged data when there), and a period it has."""
        figure_id = self.figure_id
        if figure_id is None:
            self._series, self._periods, self.period = {}, [], None
            return
        if self._data is not None:
            self._series = {team.id: found for team in self._teams
                            if (found := self._data.series.get((team.id, figure_id)))}
        else:
            self._series = figure_series(self.store, self.org_id, figure_id)
        self._periods = periods_of(self._series.values())
        if self.period not in self._periods:
            self.period = self._periods[-1] if self._periods else None

    def _states(self) -> dict[str, FigureState] | None:
        """The current figure's series states by team (None: not judged yet)."""
        if self.figure_id is None:
            return None
        if self._data is not None:
            return {team.id: state for team in self._teams
                    if (state := self._data.states.get((team.id, self.figure_id)))}
        return self._figure_states.get(self.figure_id)

    def _start_judging(self) -> None:
        figure = self.figure
        if figure is None or self._states() is not None or figure.id in self._judging:
            return
        generation = self.store.generation
        if self.store.path is None:  # an in-memory database has one connection: stay here
            self._judged(generation, figure.id, judge_series(self._series, figure))
        else:
            self._judging.add(figure.id)
            self._judge(dict(self._series), figure, generation)

    @work(thread=True, exit_on_error=False, group="benchmark")
    def _judge(self, series: dict[str, TeamSeries], figure: KeyFigure, generation: int) -> None:
        """Judge every team's series of one figure off the UI thread (the series are loaded)."""
        states = judge_series(series, figure)
        self.app.call_from_thread(self._judged, generation, figure.id, states)

    def _judged(self, generation: int, figure_id: str,
                states: dict[str, FigureState]) -> None:
        self._judging.discard(figure_id)
        if generation != self.store.generation or not self.is_mounted:
            return
        self._figure_states[figure_id] = states
        if figure_id == self.figure_id:
            self._fill_states()

    def _fill_states(self) -> None:
        """Write the signal words into the shown rows (the rest of the view stays)."""
        figure = self.figure
        if figure is None or self.view == "table" or self.period is None:
            self.draw()
            return
        table = self.query_one("#bench", DataTable)
        result = benchmark(figure, self._teams, self._series, self.period, self._states())
        for row in result.rows:
            table.update_cell(row.team.id, "state", cell(self._state_text(row)))
        self._lines(self._title(figure), self._legend, result.count)

    # -- drawing --------------------------------------------------------------------------

    def draw(self) -> None:
        """Show the current view of the current figure and period."""
        table = self.query_one("#bench", DataTable)
        table.clear(columns=True)
        figure = self.figure
        empty = self.query_one("#bench-empty", Label)
        hint = ""
        if not self._teams:
            hint = tr("team_compare.bench.no_teams")
        elif figure is None:
            hint = tr("team_compare.bench.no_figures")
        elif self.period is None:
            hint = tr("team_compare.bench.no_values", figure=figure.name)
        empty.update(Content(hint))
        empty.display = bool(hint)
        if hint or figure is None:
            self._lines("", "", 0)
            return
        if self.view == "bars":
            self._draw_bars(table, figure)
        elif self.view == "small":
            self._draw_small(table, figure)
        else:
            self._draw_table(table)
        self.refresh_bindings()

    def _lines(self, title: str, legend: str, with_value: int) -> None:
        self._legend = legend
        self.query_one("#bench-title", Label).update(Content(title))
        self.query_one("#bench-legend", Label).update(Content(legend))
        views = "  ".join(
            (f"[{n}] " if view == self.view else f"{n} ") + tr(f"team_compare.bench.view.{view}")
            for n, view in enumerate(VIEWS, start=1))
        status = tr("team_compare.bench.status", views=views, teams=len(self._teams),
                    with_value=with_value)
        if self._states() is None and self._series:
            status = f"{status} · {tr('team_compare.bench.computing')}"
        self.query_one("#bench-status", Label).update(Content(status))

    def _title(self, figure: KeyFigure) -> str:
        assert self.period is not None
        better = tr(f"team_compare.bench.better_{figure.better.value}")
        return tr("team_compare.bench.heading", figure=figure.name,
                  period=period_label(self.period, translator()), better=better)

    def _state_text(self, row: BenchRow) -> str:
        """At a team's latest period: its variation (and, wide, its assurance) in short words;
        at an earlier one, the point's own signal. Past the alarm threshold says so too."""
        if row.value is None:
            return ""
        parts = []
        states = self._states()
        state = states.get(row.team.id) if states is not None else None
        series = self._series.get(row.team.id)
        latest = series is not None and bool(series.periods) and series.periods[-1] == self.period
        if state is not None and latest:
            tx = translator()
            parts.append(variation_text(state.reading, tx, short=True))
            if self.size.width >= WIDE_FROM:
                parts.append(assurance_text(state.reading, tx, short=True))
        elif row.signal is not None:
            verdict = f"signal_{row.signal}"
            parts.append(f"{MARKERS[verdict]} {tr(f'teams.state.{verdict}')}")
        elif self._states() is None:
            parts.append(tr("team_compare.bench.computing"))
        if row.past_threshold:
            parts.append(f"{THRESHOLD_MARKER} {tr('teams.state.past_threshold')}")
        return " ".join(parts)

    def _columns(self, table: DataTable[object], keys: list[tuple[str, int]]) -> None:
        for key, width in keys:
            table.add_column(cell(tr(f"team_compare.bench.column.{key}")), key=key, width=width)

    def _name_width(self) -> int:
        longest = max((len(team.name) for team in self._teams), default=NAME_WIDTH)
        return min(NAME_WIDTH + (8 if self.size.width >= WIDE_FROM else 0), longest)

    def _draw_bars(self, table: DataTable[object], figure: KeyFigure) -> None:
        tx = translator()
        result: Benchmark = benchmark(figure, self._teams, self._series, self.period,
                                      self._states())
        state_width = STATE_WIDTH[self.size.width >= WIDE_FROM]
        name_width = self._name_width()
        bar_width = max(10, self.size.width - name_width - VALUE_WIDTH - RANK_WIDTH
                        - state_width - 14)
        self._columns(table, [("team", name_width), ("bar", bar_width), ("value", VALUE_WIDTH),
                              ("rank", RANK_WIDTH), ("state", state_width)])
        scale = Scale.of([*(row.value for row in result.rows), result.median, figure.target])
        marks = [(result.median, MEDIAN_MARK), (figure.target, TARGET_MARK)]
        no_value = tr("team_compare.bench.no_value")
        for row in result.rows:
            drawn = bar(row.value, scale, bar_width, marks) if row.value is not None else no_value
            rank = f"{row.rank}/{result.count}" if row.rank is not None else ""
            table.add_row(cell(row.team.name), cell(drawn),
                          cell(format_figure(figure, row.value, tx)), cell(rank),
                          cell(self._state_text(row)), key=row.team.id)
        legend = [tr("team_compare.bench.legend_median", mark=MEDIAN_MARK,
                     value=format_figure(figure, result.median, tx))]
        if figure.target is not None:
            legend.append(tr("team_compare.bench.legend_target", mark=TARGET_MARK,
                             value=format_figure(figure, figure.target, tx)))
        if figure.alert_threshold is not None:
            legend.append(tr("team_compare.bench.legend_threshold", mark=THRESHOLD_MARKER,
                             value=format_figure(figure, figure.alert_threshold, tx)))
        self._lines(self._title(figure), "   ".join(legend), result.count)

    def _draw_small(self, table: DataTable[object], figure: KeyFigure) -> None:
        tx = translator()
        assert self.period is not None
        result = benchmark(figure, self._teams, self._series, self.period, self._states())
        name_width = self._name_width()
        state_width = STATE_WIDTH[self.size.width >= WIDE_FROM]
        spark_width = max(8, self.size.width - name_width - VALUE_WIDTH - state_width - 12)
        self._columns(table, [("team", name_width), ("trend", spark_width),
                              ("value", VALUE_WIDTH), ("state", state_width)])
        shown: dict[str, list[float]] = {}
        for team in self._teams:
            series = self._series.get(team.id)
            if series is None:
                continue
            upto = [v for p, v in zip(series.periods, series.values, strict=True)
                    if p <= self.period]
            shown[team.id] = upto[-spark_width:]
        scale = Scale.of([v for values in shown.values() for v in values], from_zero=False)
        for team in self._teams:
            row = result.row_of(team.id)
            line = sparkline_on(shown.get(team.id, []), scale, spark_width)
            value = format_figure(figure, row.value, tx) if row and row.value is not None else (
                tr("team_compare.bench.no_value"))
            table.add_row(cell(team.name), cell(line), cell(value),
                          cell(self._state_text(row) if row else ""), key=team.id)
        count = max((len(values) for values in shown.values()), default=0)
        first = self._periods[max(0, self._periods.index(self.period) - count + 1)]
        legend = tr("team_compare.bench.legend_small", low=format_figure(figure, scale.low, tx),
                    high=format_figure(figure, scale.high, tx),
                    first=period_tick(first, tx), last=period_tick(self.period, tx))
        self._lines(self._title(figure), legend, result.count)

    def _draw_table(self, table: DataTable[object]) -> None:
        tx = translator()
        assert self.period is not None
        if self._data is not None:
            values = values_in(self._data.series.values(), self.period)
        else:
            values = period_values(self.store, [t.id for t in self._teams], self.period)
        ranked = team_table(self._figures, values)
        texts: dict[str, list[str]] = {}
        for figure in self._figures:
            column = texts[figure.id] = []
            for team in self._teams:
                found = ranked.get((team.id, figure.id))
                column.append("–" if found is None else (
                    f"{format_figure(figure, found.value, tx)} "
                    f"{position_text(found.rank, found.count)}"))
        table.add_column(cell(tr("team_compare.bench.column.team")), key="team",
                         width=self._name_width())
        for figure in self._figures:
            width = max(len(text) for text in [*texts[figure.id], figure.name[:TABLE_CELL_WIDTH]])
            table.add_column(cell(figure.name), key=figure.id, width=width)
        for index, team in enumerate(self._teams):
            table.add_row(cell(team.name), *(cell(texts[f.id][index]) for f in self._figures),
                          key=team.id)
        with_value = len({team for team, _ in values})
        legend = tr("team_compare.bench.legend_table")
        title = tr("team_compare.bench.table_heading", period=period_label(self.period, tx))
        self._lines(title, legend, with_value)

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("figure", "pick_figure"):
            return len(self._figures) > 1 or None
        if action == "period":
            return bool(self._periods) or None
        return super().check_action(action, parameters)

    @on(DataTable.RowSelected, "#bench")
    def _open_team(self, event: DataTable.RowSelected) -> None:
        """Enter on a team opens its dashboard."""
        if event.row_key.value is not None:
            from tui.teams.dashboard import TeamDashboardScreen

            self.app.push_screen(TeamDashboardScreen(self.org_id, str(event.row_key.value)))

    def action_figure(self, step: int) -> None:
        """Show the next (1) or previous (-1) key figure of the catalogue."""
        if not self._figures:
            return
        ids = [f.id for f in self._figures]
        index = ids.index(self.figure_id) if self.figure_id in ids else 0
        self._pick(ids[(index + step) % len(ids)])

    def _pick(self, figure_id: str) -> None:
        self.figure_id = figure_id
        self._show_figure()

    def action_pick_figure(self) -> None:
        """Pick the key figure from the catalogue."""
        from tui.dialogs.pick import PickDialog

        options = [(f.name, f.id) for f in self._figures]

        def picked(figure_id: str | None) -> None:
            if figure_id is not None:
                self._pick(figure_id)

        self.app.push_screen(PickDialog(tr("team_compare.bench.pick_figure"), options,
                                        current=self.figure_id), picked)

    def action_period(self, step: int) -> None:
        """Show the previous (-1) or next (1) period that has values."""
        if not self._periods or self.period is None:
            return
        index = self._periods.index(self.period) + step
        if 0 <= index < len(self._periods):
            self.period = self._periods[index]
            self.draw()
        else:
            key = "team_compare.bench.first_period" if step < 0 else (
                "team_compare.bench.last_period")
            self.notify(tr(key), markup=False)

    def action_funnel(self) -> None:
        """The funnel plot of the figure and period shown."""
        from tui.teams.funnel import TeamFunnelScreen

        if self.figure_id is not None:
            self.app.push_screen(TeamFunnelScreen(self.org_id, self.figure_id, self.period))

    def action_view(self, view: str) -> None:
        """Bars (1), small multiples (2) or the teams × figures table (3)."""
        self.view = view
        self.draw()

