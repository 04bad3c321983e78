"""The organisation's teams: reporter, coach, members and the last week entered for each, and
the way to each team's dashboard, figure entry and members, the key-figure catalogue, the
professions and the back office's CSV. Without an organisation it offers to create one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.errors import TavleError
from core.teams import organisation as teams
from core.teams.organisation import TeamSummary
from core.values.days import Looking, parse_day
from core.values.periods import period_label
from tui.dialogs import FormDialog, FormField
from tui.dialogs.editing import day_preview
from tui.dialogs.form import Values
from tui.lang import tr, translator
from tui.screens.base import TavleScreen
from tui.teams.base import OrgScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

COLUMNS = (("name", 0), ("area", 22), ("reporter", 18), ("coach", 16), ("members", 9),
           ("last_period", 14))


def open_teams(screen: TavleScreen) -> None:
    """Open the teams screen of the first organisation, creating one first if there is none."""
    org = teams.first_organisation(screen.store)
    if org is not None:
        screen.app.push_screen(TeamsScreen(org.id))
        return
    fields = [FormField("name", tr("field.name"), value=screen.store.unit_name,
                        placeholder=tr("teams.org_placeholder"))]
    created: list[str] = []

    def submit(values: Values) -> str | None:
        try:
            org = teams.create_organisation(screen.store, values["name"], translator(),
                                            unit=screen.store.unit_name)
        except TavleError as error:
            return error.message(translator())
        created.append(org.id)
        return None

    def closed(values: Values | None) -> None:
        if created:
            screen.app.push_screen(TeamsScreen(created[0]))
            screen.notify(tr("teams.org_created", name=values["name"].strip() if values else ""),
                          markup=False)

    screen.app.push_screen(FormDialog(tr("teams.org_new_title"), fields, submit=submit), closed)


class TeamsScreen(OrgScreenBase):
    """Every team of an organisation."""

    HELP = "teams.help"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="teams.back"),
        Binding("a", "add_team", "teams.keys.add_team", id="teams.add_team"),
        Binding("f2", "edit_team", "teams.keys.edit_team", id="teams.edit_team"),
        Binding("e", "enter_figures", "teams.keys.enter", id="teams.enter"),
        Binding("m", "members", "teams.keys.members", id="teams.members"),
        Binding("n", "key_figures", "teams.keys.key_figures", id="teams.key_figures"),
        Binding("g", "professions", "teams.keys.professions", id="teams.professions"),
        Binding("ctrl+o", "import_csv", "teams.keys.import", id="teams.import"),
        Binding("ctrl+e", "export_file", "sync_ui.keys.export_org", id="teams.export_file"),
        Binding("F", "shared_folder", "folder_ui.keys.open", id="teams.shared_folder"),
        Binding("r", "rename_org", "teams.keys.rename_org", show=False, id="teams.rename_org"),
    ]

    def __init__(self, org_id: str) -> None:
        super().__init__(org_id)
        self._teams: list[TeamSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield RowTable(id="teams")
        yield Label("", id="teams-empty", classes="empty-hint", markup=False)
        yield Label("", id="teams-status", classes="team-note", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#teams", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        """Read the teams again and redraw the table."""
        self.set_header(tr("teams.title"))
        table = self.query_one("#teams", DataTable)
        if select_id is None:
            select_id = self.selected_id()
        self._teams = teams.team_summaries(self.store, self.org_id)
        table.clear(columns=True)
        width = max(16, self.app.size.width - sum(w + 2 for _, w in COLUMNS[1:]) - 4)
        for key, column_width in COLUMNS:
            table.add_column(cell(tr(f"teams.column.{key}")), key=key,
                             width=column_width or width)
        t = translator()
        for team in self._teams:
            last = period_label(team.last_period, t) if team.last_period else ""
            table.add_row(cell(team.name), cell(team.area), cell(team.reporter),
                          cell(team.coach), cell(str(team.members)), cell(last), key=team.id)
        ids = [team.id for team in self._teams]
        if select_id in ids:
            table.move_cursor(row=ids.index(select_id))
        empty = self.query_one("#teams-empty", Label)
        empty.display = not self._teams
        empty.update(Content(tr("teams.empty")))
        self.query_one("#teams-status", Label).update(
            Content(tr("teams.count", count=len(self._teams))))
        self.refresh_bindings()

    def selected_id(self) -> str | None:
        table = self.query_one("#teams", DataTable)
        if not self._teams or table.cursor_row >= len(self._teams):
            return None
        return self._teams[table.cursor_row].id

    # -- actions --------------------------------------------------------------------------

    def history_record(self) -> tuple[str, str] | None:
        team_id = self.selected_id()
        return ("team", team_id) if team_id is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_team", "enter_figures", "members"):
            return self.selected_id() is not None or None
        return super().check_action(action, parameters)

    @on(DataTable.RowSelected, "#teams")
    def _open(self, event: DataTable.RowSelected) -> None:
        team_id = self.selected_id()
        if team_id is not None:
            from tui.teams.dashboard import TeamDashboardScreen

            self.app.push_screen(TeamDashboardScreen(self.org_id, team_id))

    def _team_form(self, title: str, team: TeamSummary | None) -> None:
        started = translator().date(team.started_on) if team and team.started_on else ""
        today = self.tavle.today()
        fields = [
            FormField("name", tr("field.name"), value=team.name if team else ""),
            FormField("area", tr("field.area"), value=team.area if team else ""),
            FormField("started_on", tr("field.started_on"), value=started,
                      placeholder=tr("teams.date_placeholder"),
                      preview=day_preview(today, Looking.BACK)),
        ]
        saved: list[str] = []

        def submit(values: Values) -> str | None:
            try:
                day = parse_day(values["started_on"], "started_on", today, Looking.BACK)
                if team is None:
                    saved.append(teams.add_team(self.undo_log, self.org_id, values["name"],
                                                area=values["area"], started_on=day).id)
                else:
                    teams.edit_team(self.undo_log, team.id, name=values["name"],
                                    area=values["area"], started_on=day)
                    saved.append(team.id)
            except TavleError as error:
                return error.message(translator())
            return None

        def closed(values: Values | None) -> None:
            if saved:
                self.reload(select_id=saved[0])

        self.app.push_screen(FormDialog(title, fields, submit=submit), closed)

    def action_add_team(self) -> None:
        """Add a team: name, area and start date."""
        self._team_form(tr("teams.add_title"), None)

    def action_edit_team(self) -> None:
        """Edit the team under the cursor."""
        team = next((t for t in self._teams if t.id == self.selected_id()), None)
        if team is not None:
            self._team_form(tr("teams.edit_title", name=team.name), team)

    def action_enter_figures(self) -> None:
        """Type the team's figures for a week."""
        team_id = self.selected_id()
        if team_id is not None:
            from tui.teams.entry import TeamEntryScreen

            self.app.push_screen(TeamEntryScreen(self.org_id, team_id))

    def action_members(self) -> None:
        """The team's members, their professions and roles."""
        team_id = self.selected_id()
        if team_id is not None:
            from tui.teams.members import TeamMembersScreen

            self.app.push_screen(TeamMembersScreen(self.org_id, team_id))

    def action_key_figures(self) -> None:
        """The key-figure catalogue shared by every team."""
        from tui.teams.key_figures import KeyFiguresScreen

        self.app.push_screen(KeyFiguresScreen(self.org_id))

    def action_professions(self) -> None:
        """The professions (faggrupper) members can have."""
        from tui.teams.members import ProfessionsScreen

        self.app.push_screen(ProfessionsScreen(self.org_id))

    def action_import_csv(self) -> None:
        """Import the back office's CSV: a file, then a preview to confirm."""
        from tui.teams.csv_import import start_team_import

        start_team_import(self)

    def action_export_file(self) -> None:
        """Write the organisation's file (its teams and figures) for the other units (ctrl+e)."""
        from tui.sync.export_project import export_with_guard

        export_with_guard(self, self.store, self.org_id, str(self.title))

    def action_shared_folder(self) -> None:
        """The organisation's shared folder: status, sync now, choose the folder (F)."""
        from tui.sync.shared_folder import open_shared_folder

        open_shared_folder(self, self.org_id, str(self.title))

    def action_rename_org(self) -> None:
        """Rename the organisation."""
        fields = [FormField("name", tr("field.name"), value=self.title or "")]

        def submit(values: Values) -> str | None:
            try:
                teams.rename_organisation(self.store, self.org_id, values["name"])
            except TavleError as error:
                return error.message(translator())
            return None

        self.app.push_screen(FormDialog(tr("teams.rename_org_title"), fields, submit=submit),
                             lambda values: self.reload())

    def action_back(self) -> None:
        self.app.pop_screen()
