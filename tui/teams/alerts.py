"""The coach's deviation alerts: team figures that moved the worse way past the alert threshold,
or with a new signal on the worse side, in words. Enter (or `k`) acknowledges the highlighted
alert with a note (what was asked, what the team answered): it leaves the list and goes to the
team's history (`h`). `b` opens the benchmark of the alert's figure. The signals are computed in
a thread worker and cached until the data change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.teams.alerts import Alert, HistoryEntry, acknowledge, alert_text, history, open_alerts
from core.teams.states import CACHE, WORKER_PAUSE, OrgData, read_and_judge
from core.values.periods import period_label
from tui.dialogs import FormDialog, FormField
from tui.dialogs.form import Values
from tui.lang import tr, translator
from tui.teams.compare_base import TeamCompareScreen
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

if TYPE_CHECKING:
    from core.db.undo import Edit

TEAM_WIDTH = 14
NOTE_LENGTH = 2000


class AlertsScreen(TeamCompareScreen):
    """Open deviation alerts of an organisation's teams, and the teams' history."""

    HELP = "team_compare.alerts.help"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="alerts.back"),
        Binding("k", "acknowledge", "team_compare.keys.acknowledge", id="alerts.acknowledge"),
        Binding("h", "toggle_history", "team_compare.keys.history", id="alerts.history"),
        Binding("b", "benchmark", "team_compare.keys.benchmark", id="alerts.benchmark"),
    ]

    def __init__(self, org_id: str) -> None:
        super().__init__(org_id)
        self.showing_history = False
        self._data: OrgData | None = None
        self._alerts: list[Alert] = []
        self._history: list[tuple[str, HistoryEntry]] = []
        self._judging: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="alerts-heading", classes="team-heading", markup=False)
        yield RowTable(id="alerts")
        yield Label("", id="alerts-empty", classes="empty-hint", markup=False)
        yield Label("", id="alerts-detail", classes="team-detail", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#alerts", DataTable).focus()

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Show the open alerts (or the history) from the judged data; judge it when missing."""
        self.set_header(tr("team_compare.alerts.title"))
        self._data = CACHE.get(self.store, self.org_id)
        if self._data is None:
            generation = self.store.generation
            if self.store.path is None:  # an in-memory database has one connection: stay here
                self._data = read_and_judge(None, self.store, self.org_id)
                CACHE.put(self.store, generation, self._data)
            elif self._judging != generation:
                self._judging = generation
                self._judge(str(self.store.path), generation)
        self.draw()

    @work(thread=True, exclusive=True, exit_on_error=False, group="alerts")
    def _judge(self, path: str, generation: int) -> None:
        data = read_and_judge(path, None, self.org_id, pause=WORKER_PAUSE)
        self.app.call_from_thread(self._judged, generation, data)

    def _judged(self, generation: int, data: OrgData) -> None:
        self._judging = None
        CACHE.put(self.store, generation, data)
        if generation == self.store.generation and self.is_mounted:
            self.reload()

    def _keep_judged(self) -> None:
        """After acknowledging (no figure changed): the judged data still hold."""
        if self._data is not None:
            CACHE.put(self.store, self.store.generation, self._data)

    def draw(self) -> None:
        """Show the open alerts, or the teams' history."""
        data = self._data
        table = self.query_one("#alerts", DataTable)
        selected = table.cursor_row
        table.clear(columns=True)
        team_width = min(TEAM_WIDTH, max((len(a.team.name) for a in self._alerts), default=8))
        text_width = max(30, self.size.width - team_width - 8)
        tx = translator()
        if self.showing_history:
            self._history = [
                (team.name, entry)
                for team in (data.teams if data else ()) for entry in history(self.store, team.id)
            ]
            widths = [("team", team_width), ("figure", 14), ("period", 10),
                      ("acknowledged", 16), ("note", max(20, text_width - 46))]
            for key, width in widths:
                table.add_column(cell(tr(f"team_compare.alerts.column.{key}")), key=key,
                                 width=width)
            for team_name, entry in self._history:
                ack = entry.ack
                when = " ".join(p for p in (tx.date(ack.acknowledged_on), ack.acknowledged_by)
                                if p)
                table.add_row(cell(team_name), cell(entry.figure_name),
                              cell(period_label(ack.period, tx)), cell(when),
                              cell(" ".join(ack.note.split())), key=ack.id)
            count = len(self._history)
            heading = tr("team_compare.alerts.history_heading", count=count)
            empty = tr("team_compare.alerts.no_history")
        else:
            self._alerts = open_alerts(self.store, data) if data else []
            table.add_column(cell(tr("team_compare.alerts.column.team")), key="team",
                             width=team_width)
            table.add_column(cell(tr("team_compare.alerts.column.what")), key="what",
                             width=text_width)
            for alert in self._alerts:
                table.add_row(cell(alert.team.name), cell(alert_text(alert, tx)), key=alert.id)
            count = len(self._alerts)
            heading = tr("team_compare.alerts.heading", count=count)
            empty = tr("team_compare.alerts.none")
        computing = data is None
        if computing:
            heading = f"{heading} · {tr('team_compare.bench.computing')}"
        self.query_one("#alerts-heading", Label).update(Content(heading))
        hint = self.query_one("#alerts-empty", Label)
        hint.update(Content(empty))
        hint.display = count == 0 and not computing
        if count:
            table.move_cursor(row=min(selected, count - 1))
        self._show_detail()
        self.refresh_bindings()

    @on(DataTable.RowHighlighted, "#alerts")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#alerts-detail", Label)
        row = self.query_one("#alerts", DataTable).cursor_row
        text = ""
        if self.showing_history and 0 <= row < len(self._history):
            team_name, entry = self._history[row]
            text = f"{team_name} · {entry.figure_name}: {entry.ack.note}"
        elif not self.showing_history and 0 <= row < len(self._alerts):
            alert = self._alerts[row]
            text = tr("team_compare.alerts.detail", team=alert.team.name,
                      text=alert_text(alert, translator()))
        detail.update(Content(text))
        detail.display = bool(text)

    def current_alert(self) -> Alert | None:
        row = self.query_one("#alerts", DataTable).cursor_row
        if self.showing_history or not 0 <= row < len(self._alerts):
            return None
        return self._alerts[row]

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("acknowledge", "benchmark"):
            return self.current_alert() is not None or None
        return super().check_action(action, parameters)

    @on(DataTable.RowSelected, "#alerts")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_acknowledge()

    def action_acknowledge(self) -> None:
        """Acknowledge the highlighted alert with a note: what was asked, what the team said."""
        alert = self.current_alert()
        if alert is None:
            return
        fields = [
            FormField("asked", tr("team_compare.alerts.asked"), max_length=NOTE_LENGTH,
                      placeholder=tr("team_compare.alerts.asked_placeholder")),
            FormField("answered", tr("team_compare.alerts.answered"), max_length=NOTE_LENGTH,
                      placeholder=tr("team_compare.alerts.answered_placeholder")),
        ]

        def submit(values: Values) -> str | None:
            asked, answered = values["asked"].strip(), values["answered"].strip()
            if not asked and not answered:
                return tr("team_compare.alerts.note_needed")
            parts = []
            if asked:
                parts.append(tr("team_compare.alerts.note_asked", text=asked))
            if answered:
                parts.append(tr("team_compare.alerts.note_answered", text=answered))
            acknowledge(self.undo_log, alert, "\n".join(parts), by=self.tavle.settings.initials,
                        on=self.tavle.today())
            self._keep_judged()
            return None

        def closed(values: Values | None) -> None:
            if values is None:
                return
            self.reload()
            self.notify(tr("team_compare.alerts.acknowledged", team=alert.team.name),
                        markup=False)

        title = tr("team_compare.alerts.ack_title", team=alert.team.name,
                   text=alert_text(alert, translator()))
        self.app.push_screen(FormDialog(title, fields, submit=submit), closed)

    def after_undo(self, edits: list[Edit]) -> None:
        """Undo and redo here only touch acknowledgements: the judged data still hold."""
        self._keep_judged()
        self.reload()

    def action_toggle_history(self) -> None:
        """Switch between the open alerts and the teams' history of acknowledged alerts."""
        self.showing_history = not self.showing_history
        self.draw()

    def action_benchmark(self) -> None:
        """Open the benchmark of the alert's figure, to see the team among the others."""
        alert = self.current_alert()
        if alert is None:
            return
        from tui.teams.benchmark import BenchmarkScreen

        self.app.push_screen(BenchmarkScreen(alert.org_id, alert.figure.id))
