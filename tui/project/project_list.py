"""The start screen: every project with its phase and open actions; create, rename, archive."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Input, Label

from core.errors import TavleError
from core.phases import phase
from core.project import projects
from core.project.projects import ProjectSummary
from tui.dialogs import ConfirmDialog, FormDialog, FormField
from tui.dialogs.form import Values
from tui.lang import tr, translator
from tui.screens.base import TavleScreen
from tui.teams import compare_start as team_compare_start
from tui.teams.compare_start import AlertsLine
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

WIDE_COLUMNS = (
    ("unit", 14), ("phase", 16), ("open_actions", 16), ("conflicts", 10), ("last_change", 21),
)
NARROW_COLUMNS = (("phase", 16), ("open_actions", 16), ("conflicts", 10))
"""The columns beside the project's name; the narrow set is used below `WIDE_FROM` columns."""
WIDE_FROM = 110


def column_label(key: str) -> str:
    """The catalog key of a column's label (the conflicts column is sync's)."""
    return "sync_ui.column_conflicts" if key == "conflicts" else f"project_list.column.{key}"


class ProjectListScreen(TavleScreen):
    """The project list (start screen)."""

    HELP = "help.project_list"

    BINDINGS = [
        Binding("a", "new_project", "keys.new_project", id="project_list.new"),
        # Rename and archive are rare: F1 and ctrl+p list them, so the footer keeps room at 80
        # columns for where a coordinator goes every week (portfolio, import, teams).
        Binding("f2,r", "rename_project", "keys.rename", show=False, id="project_list.rename"),
        Binding("x", "toggle_archive", "keys.archive", show=False, id="project_list.archive"),
        Binding(
            "v", "toggle_show_archived", "keys.show_archived", show=False,
            id="project_list.show_archived",
        ),
        Binding("slash", "filter", "keys.filter", id="project_list.filter"),
        Binding("p", "portfolio", "portfolio.keys.portfolio", id="project_list.portfolio"),
        Binding("m", "import_file", "sync_ui.keys.import_file", id="project_list.import_file"),
        Binding("M", "import_folder", "network.keys.import_folder", show=False,
                id="project_list.import_folder"),
        Binding("F", "join_folder", "folder_ui.keys.join", show=False,
                id="project_list.join_folder"),
        Binding("l", "network", "network.keys.network", show=False, id="project_list.network"),
        Binding("s", "app.settings", "keys.settings", show=False, id="project_list.settings"),
        Binding("t", "teams", "teams.keys.teams", id="project_list.teams"),
        Binding("w", "team_alerts", "team_compare.keys.alerts", show=False,
                id="project_list.team_alerts"),
        Binding("b", "team_benchmarks", "team_compare.keys.benchmarks", show=False,
                id="project_list.team_benchmarks"),
        Binding("k", "team_capacity", "team_compare.keys.capacity", show=False,
                id="project_list.team_capacity"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_archived = False
        self.filter_text = ""
        self._projects: list[ProjectSummary] = []
        self._shown_columns: tuple[tuple[str, int], ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=tr("project_list.filter_placeholder"), id="filter")
        yield RowTable(id="projects")
        yield Label("", id="empty", classes="empty-hint", markup=False)
        yield Label("", id="list-status", classes="status-line", markup=False)
        yield AlertsLine(id="alerts-line")
        yield TavleFooter()

    def on_mount(self) -> None:
        self.title = tr("app.title")
        self.sub_title = tr("project_list.title")
        self.query_one("#filter", Input).display = False
        self.reload()
        self.query_one("#projects", DataTable).focus()
        self.call_after_refresh(self.tavle.screen_ready)
        self.call_after_refresh(self.query_one(AlertsLine).start)

    def on_screen_resume(self) -> None:
        self.reload()
        self.query_one(AlertsLine).check()

    def on_resize(self) -> None:
        if self._columns() != self._shown_columns:
            self.reload()

    def _columns(self) -> tuple[tuple[str, int], ...]:
        """The columns that fit: name first, as wide as the screen leaves room for."""
        others = WIDE_COLUMNS if self.size.width >= WIDE_FROM else NARROW_COLUMNS
        widths = [max(width, len(tr(column_label(key)))) for key, width in others]
        used = sum(widths) + 2 * (len(others) + 1) + 2
        name_width = max(20, self.size.width - used)
        return (("name", name_width), *zip((key for key, _ in others), widths, strict=True))

    # -- data -----------------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        """Read the projects again and redraw the table, keeping the cursor on `select_id`."""
        table = self.query_one("#projects", DataTable)
        if select_id is None and table.row_count:
            select_id = self.selected_id()
        summaries = projects.list_projects(self.store, today=self.tavle.today(),
                                           include_archived=self.show_archived)
        needle = self.filter_text.casefold()
        if needle:
            summaries = [
                p for p in summaries
                if needle in p.name.casefold() or needle in p.unit.casefold()
                or needle in p.leader.casefold()
            ]
        self._projects = summaries
        columns = self._columns()
        table.clear(columns=columns != self._shown_columns)
        if columns != self._shown_columns:
            for key, width in columns:
                table.add_column(cell(tr(column_label(key))), key=key, width=width)
            self._shown_columns = columns
        tx = translator()
        from core.sync.counts import conflict_counts

        conflicts = conflict_counts(self.store)
        for p in summaries:
            name = p.name if not p.archived else tr("project_list.archived_name", name=p.name)
            actions = str(p.open_actions)
            if p.overdue_actions:
                actions = tr("project_list.open_overdue", open=p.open_actions,
                             overdue=p.overdue_actions)
            phase_name = tr(f"phase.{phase(p.current_phase).key}.name")
            changed = ""
            if p.last_change:
                changed = tx.datetime(p.last_change.astimezone())
                if p.last_author:
                    changed = f"{changed} ({p.last_author})"
            cells = {
                "name": name, "unit": p.unit, "phase": f"{p.current_phase}. {phase_name}",
                "open_actions": actions, "last_change": changed,
                "conflicts": str(conflicts[p.id]) if conflicts.get(p.id) else "",
            }
            table.add_row(*(cell(cells[key]) for key, _ in columns), key=p.id)
        if select_id is not None:
            for index, p in enumerate(summaries):
                if p.id == select_id:
                    table.move_cursor(row=index)
        self._update_hints()

    def _update_hints(self) -> None:
        empty = self.query_one("#empty", Label)
        if not self._projects:
            key = "project_list.no_match" if self.filter_text else "project_list.empty"
            empty.update(Content(tr(key)))
            empty.display = True
        else:
            empty.display = False
        parts = [translator().count("project_list.count", len(self._projects))]
        if self.filter_text:
            parts.append(tr("project_list.filter_active", text=self.filter_text))
        if self.show_archived:
            parts.append(tr("project_list.showing_archived"))
        self.query_one("#list-status", Label).update(Content(" · ".join(parts)))

    def selected_id(self) -> str | None:
        """The id of the project under the cursor."""
        table = self.query_one("#projects", DataTable)
        if not self._projects or table.cursor_row >= len(self._projects):
            return None
        return self._projects[table.cursor_row].id

    def _selected(self) -> ProjectSummary | None:
        selected = self.selected_id()
        return next((p for p in self._projects if p.id == selected), None)

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("rename_project", "toggle_archive"):
            return bool(self._projects) or None
        return True

    @on(DataTable.RowSelected, "#projects")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_project()

    def action_open_project(self) -> None:
        project_id = self.selected_id()
        if project_id:
            self.tavle.open_project(project_id)

    def action_new_project(self) -> None:
        fields = [
            FormField("name", tr("field.name"), placeholder=tr("project_list.name_placeholder")),
            FormField("unit", tr("field.unit"), value=self.store.unit_name),
            FormField("leader", tr("field.leader"), value=self.tavle.settings.name),
        ]
        created: list[str] = []

        def submit(values: Values) -> str | None:
            try:
                project = projects.create_project(
                    self.store, values["name"], unit=values["unit"], leader=values["leader"],
                    cycle_name=projects.default_cycle_name(translator().lang),
                )
            except TavleError as error:
                return error.message(translator())
            created.append(project.id)
            return None

        def closed(values: Values | None) -> None:
            if values is None or not created:
                return
            self.filter_text = ""
            self.query_one("#filter", Input).value = ""
            self.reload(select_id=created[0])
            self.notify(tr("project_list.created", name=values["name"].strip()), markup=False)

        dialog = FormDialog(tr("project_list.new_title"), fields, submit=submit)
        self.app.push_screen(dialog, closed)

    def action_rename_project(self) -> None:
        current = self._selected()
        if current is None:
            return
        fields = [FormField("name", tr("field.name"), value=current.name)]

        def submit(values: Values) -> str | None:
            try:
                projects.rename_project(self.store, current.id, values["name"])
            except TavleError as error:
                return error.message(translator())
            return None

        def renamed(values: Values | None) -> None:
            if values is not None:
                self.reload(select_id=current.id)

        self.app.push_screen(
            FormDialog(tr("project_list.rename_title"), fields, submit=submit), renamed
        )

    def action_toggle_archive(self) -> None:
        current = self._selected()
        if current is None:
            return
        archive = not current.archived
        key = "project_list.archive_question" if archive else "project_list.unarchive_question"

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            projects.set_archived(self.store, current.id, archive)
            self.reload(select_id=current.id)
            done = "project_list.archived" if archive else "project_list.unarchived"
            self.notify(tr(done, name=current.name), markup=False)

        self.app.push_screen(ConfirmDialog(tr(key, name=current.name)), answered)

    def action_portfolio(self) -> None:
        """Every project across the units, with signals, conflicts and benefits."""
        from tui.views.portfolio import PortfolioScreen

        self.app.push_screen(PortfolioScreen())

    def action_import_file(self) -> None:
        """Import a `.tavle` file from another unit: pick it, read the preview, confirm."""
        from tui.sync.import_preview import start_import

        start_import(self.app, lambda project_id: self.reload(select_id=project_id))

    def action_import_folder(self) -> None:
        """Import a whole folder of the units' files with one combined preview (M)."""
        from tui.sync.batch_import import start_batch_import

        start_batch_import(self, self.reload)

    def action_join_folder(self) -> None:
        """Fetch projects from a shared folder the other units write to (F)."""
        from tui.sync.folder_state import join_from_folder

        join_from_folder(self, self.reload)

    def action_network(self) -> None:
        """The learning network (created first if there is none yet)."""
        from tui.network.network import open_network

        open_network(self)

    def action_teams(self) -> None:
        """The organisation's teams (created first if there is none yet)."""
        from tui.teams.teams import open_teams

        open_teams(self)

    def action_team_alerts(self) -> None:
        """The coach's deviation alerts across the teams."""
        team_compare_start.open_alerts(self)

    def action_team_benchmarks(self) -> None:
        """The benchmarks between the teams."""
        team_compare_start.open_benchmark(self)

    def action_team_capacity(self) -> None:
        """Capacity per team and profession."""
        team_compare_start.open_capacity(self)

    def action_toggle_show_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.reload()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value.strip()
        self.reload()

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.query_one("#projects", DataTable).focus()

    def key_escape(self) -> None:
        """Esc on the filter clears it; Esc elsewhere does nothing on the start screen."""
        box = self.query_one("#filter", Input)
        if box.display:
            box.value = ""
            box.display = False
            self.filter_text = ""
            self.reload()
            self.query_one("#projects", DataTable).focus()
