"""A seat in the steering group or the project group: the person (picked by name or new), the
role, the unit and, in the steering group, whether the person is a deciding leader."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from tui.dialogs.editing import EditingDialog
from tui.dialogs.ticks import TickBox
from tui.lang import tr


@dataclass(frozen=True)
class MemberValues:
    """What the dialog holds."""

    name: str = ""
    role: str = ""
    unit: str = ""
    deciding_leader: bool = False


class MemberDialog(EditingDialog[MemberValues]):
    """Edit a seat; `submit` writes it and returns an error message or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="member.save"),
        Binding("escape", "cancel", "keys.cancel", id="member.cancel"),
    ]

    def __init__(
        self, title: str, values: MemberValues, *, people: list[str], steering: bool,
        submit: Callable[[MemberValues], str | None],
    ) -> None:
        super().__init__()
        self._title = title
        self._start = values
        self._people = people
        self._steering = steering
        self._submit = submit

    def compose(self) -> ComposeResult:
        start = self._start
        with Vertical(classes="dialog-box"):
            yield Label(Content(self._title), classes="dialog-title")
            yield Label(Content(tr("charter.member_name")), classes="field-label")
            yield Input(start.name, max_length=200, id="member-name",
                        placeholder=tr("charter.member_name_placeholder"),
                        suggester=SuggestFromList(self._people, case_sensitive=False))
            yield Label(Content(tr("field.role")), classes="field-label")
            yield Input(start.role, max_length=200, id="member-role")
            yield Label(Content(tr("field.unit")), classes="field-label")
            yield Input(start.unit, max_length=200, id="member-unit")
            checkbox = TickBox(Content(tr("field.deciding_leader")), start.deciding_leader,
                                id="member-deciding")
            checkbox.display = self._steering
            yield checkbox
            yield Label("", id="form-error", classes="form-error", markup=False)
            yield Label(Content(tr("charter.member_hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#member-name", Input).focus()

    def values(self) -> MemberValues:
        """The values as typed now."""
        return MemberValues(
            name=self.query_one("#member-name", Input).value.strip(),
            role=self.query_one("#member-role", Input).value.strip(),
            unit=self.query_one("#member-unit", Input).value.strip(),
            deciding_leader=self._steering and self.query_one("#member-deciding", TickBox).value,
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.enter_in(event.input)

    def action_save(self) -> None:
        self.submit(self.values(), self._submit)

    def is_dirty(self) -> bool:
        return self.values() != self._start
