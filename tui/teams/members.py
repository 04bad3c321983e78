"""A team's members with their profession (faggruppe) and role, and the list of professions.
One reporter and one coach per team: giving the role to someone takes it from the one who had
it (one undo step)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.errors import TavleError
from core.models import TeamRole
from core.teams import organisation as teams
from core.teams.organisation import MemberRow
from core.values.numbers import parse_number
from tui.dialogs import ConfirmDialog, FormDialog, FormField
from tui.dialogs.choice_form import ChoiceField, ChoiceFormDialog, Field, TextField, Values
from tui.lang import tr, translator
from tui.teams.base import OrgScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

COLUMNS = (("name", 0), ("initials", 9), ("profession_id", 30), ("role", 12),
           ("hours_per_week", 14))


class TeamMembersScreen(OrgScreenBase):
    """The members of one team."""

    HELP = "teams.members.help"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="team_members.back"),
        Binding("a", "add", "teams.keys.add_member", id="team_members.add"),
        Binding("f2", "edit", "teams.keys.edit_member", id="team_members.edit"),
        Binding("delete", "delete", "teams.keys.delete_member", id="team_members.delete"),
        Binding("g", "professions", "teams.keys.professions", id="team_members.professions"),
    ]

    def __init__(self, org_id: str, team_id: str) -> None:
        super().__init__(org_id)
        self.team_id = team_id
        self.rows: list[MemberRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield RowTable(id="members")
        yield Label("", id="members-empty", classes="empty-hint", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#members", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self, select_id: str | None = None) -> None:
        """Read the members again and redraw the table."""
        team = teams.get_team(self.store, self.team_id)
        self.set_header(tr("teams.members.title", team=team.name))
        table = self.query_one("#members", DataTable)
        if select_id is None and (current := self.selected()) is not None:
            select_id = current.member.id
        self.rows = teams.members(self.store, self.team_id)
        table.clear(columns=True)
        width = max(16, self.app.size.width - sum(w + 2 for _, w in COLUMNS[1:]) - 4)
        for key, column_width in COLUMNS:
            table.add_column(cell(tr(f"field.{key}")), key=key, width=column_width or width)
        t = translator()
        for row in self.rows:
            m = row.member
            table.add_row(cell(m.name), cell(m.initials), cell(row.profession),
                          cell(tr(f"enum.team_role.{m.role.value}")),
                          cell(t.number(m.hours_per_week)), key=m.id)
        ids = [row.member.id for row in self.rows]
        if select_id in ids:
            table.move_cursor(row=ids.index(select_id))
        empty = self.query_one("#members-empty", Label)
        empty.display = not self.rows
        empty.update(Content(tr("teams.members.empty")))
        self.refresh_bindings()

    def selected(self) -> MemberRow | None:
        table = self.query_one("#members", DataTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return self.selected() is not None or None
        return super().check_action(action, parameters)

    def _form(self, title: str, row: MemberRow | None) -> None:
        m = row.member if row else None
        options = [(tr("teams.members.no_profession"), "")] + [
            (p.name, p.id) for p in teams.professions(self.store, self.org_id)]
        fields: list[Field] = [
            TextField("name", tr("field.name"), m.name if m else ""),
            TextField("initials", tr("field.initials"), m.initials if m else "", max_length=8),
            ChoiceField("profession_id", tr("field.profession_id"), options,
                        (m.profession_id or "") if m else ""),
            ChoiceField("role", tr("field.role"),
                        [(tr(f"enum.team_role.{r.value}"), r.value) for r in TeamRole],
                        (m.role if m else TeamRole.MEMBER).value),
            TextField("hours_per_week", tr("field.hours_per_week"),
                      translator().number(m.hours_per_week) if m else ""),
        ]
        saved: list[str] = []

        def submit(values: Values) -> str | None:
            try:
                fields_ = _member_values(values)
                if m is None:
                    saved.append(teams.add_member(self.undo_log, self.team_id, **fields_).id)
                else:
                    teams.edit_member(self.undo_log, m.id, **fields_)
                    saved.append(m.id)
            except TavleError as error:
                return error.message(translator())
            return None

        self.app.push_screen(ChoiceFormDialog(title, fields, submit=submit),
                             lambda values: self.reload(saved[0] if saved else None))

    @on(DataTable.RowSelected, "#members")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_add(self) -> None:
        """Add a member: name, initials, profession, role and hours per week."""
        self._form(tr("teams.members.add_title"), None)

    def action_edit(self) -> None:
        """Edit the member under the cursor (a new role is taken over from its holder)."""
        row = self.selected()
        if row is not None:
            self._form(tr("teams.members.edit_title", name=row.member.name), row)

    def action_delete(self) -> None:
        """Remove the member under the cursor, after a confirmation (ctrl+z undoes)."""
        row = self.selected()
        if row is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                teams.delete_member(self.undo_log, row.member.id)
                self.reload()

        self.app.push_screen(ConfirmDialog(
            tr("teams.members.delete_question", name=row.member.name)), answered)

    def action_professions(self) -> None:
        """The professions members can have."""
        self.app.push_screen(ProfessionsScreen(self.org_id))

    def action_back(self) -> None:
        self.app.pop_screen()


def _member_values(values: Values) -> dict[str, Any]:
    """The typed member values as model fields (raises `InvalidError` for bad hours)."""
    return {
        "name": values["name"], "initials": values["initials"],
        "profession_id": values["profession_id"] or None, "role": TeamRole(values["role"]),
        "hours_per_week": parse_number(values["hours_per_week"], "hours_per_week"),
    }


class ProfessionsScreen(OrgScreenBase):
    """The organisation's professions (faggrupper): add and rename."""

    HELP = "teams.professions.help"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="professions.back"),
        Binding("a", "add", "teams.keys.add_profession", id="professions.add"),
        Binding("f2", "rename", "keys.rename", id="professions.rename"),
    ]

    def __init__(self, org_id: str) -> None:
        super().__init__(org_id)
        self.ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield RowTable(id="professions")
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#professions", DataTable).focus()

    def reload(self, select_id: str | None = None) -> None:
        """Read the professions again."""
        self.set_header(tr("teams.professions.title"))
        table = self.query_one("#professions", DataTable)
        found = teams.professions(self.store, self.org_id)
        self.ids = [p.id for p in found]
        table.clear(columns=True)
        table.add_column(cell(tr("field.name")), key="name")
        for profession in found:
            table.add_row(cell(profession.name), key=profession.id)
        if select_id in self.ids:
            table.move_cursor(row=self.ids.index(select_id))

    def _selected(self) -> str | None:
        row = self.query_one("#professions", DataTable).cursor_row
        return self.ids[row] if 0 <= row < len(self.ids) else None

    @on(DataTable.RowSelected, "#professions")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.action_rename()

    def _ask(self, title: str, value: str, save: Any) -> None:
        saved: list[str] = []

        def submit(values: Values) -> str | None:
            try:
                saved.append(save(values["name"]))
            except TavleError as error:
                return error.message(translator())
            return None

        self.app.push_screen(
            FormDialog(title, [FormField("name", tr("field.name"), value=value)], submit=submit),
            lambda values: self.reload(saved[0] if saved else None))

    def action_add(self) -> None:
        """Add a profession."""
        self._ask(tr("teams.professions.add_title"), "",
                  lambda name: teams.add_profession(self.undo_log, self.org_id, name).id)

    def action_rename(self) -> None:
        """Rename the profession under the cursor."""
        profession_id = self._selected()
        if profession_id is None:
            return
        table = self.query_one("#professions", DataTable)
        current = str(table.get_row_at(table.cursor_row)[0])
        self._ask(tr("teams.professions.rename_title"), current,
                  lambda name: teams.rename_profession(self.undo_log, profession_id, name).id)

    def action_back(self) -> None:
        self.app.pop_screen()
