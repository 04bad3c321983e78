"""A small form of text fields in a dialog: Tab or Enter moves to the next field, Enter in the
last field or ctrl+s saves (`EditingDialog.enter_in`; one field: Enter saves).

The caller's `submit` applies the values and returns an error message, or None when it worked;
on an error the dialog stays open with the message shown, so nothing typed is lost. Esc with
changed text asks before discarding it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label

from tui.dialogs.editing import EditingDialog, Preview

Values = dict[str, str]


@dataclass(frozen=True)
class FormField:
    """One text field of a form."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    max_length: int = 200
    password: bool = False
    """Hide what is typed (a passphrase)."""
    preview: Preview | None = None
    """What the typed text is read as, shown live under the field (a date: its weekday)."""


class FormDialog(EditingDialog[Values]):
    """Ask for a few text values; dismiss with them (or None when cancelled)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="form.save"),
        Binding("escape", "cancel", "keys.cancel", id="form.cancel"),
    ]

    def __init__(
        self, title: str, fields: list[FormField], *, submit: Callable[[Values], str | None],
        note: str = "",
    ) -> None:
        super().__init__()
        self._title = title
        self._fields = fields
        self._submit = submit
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box choice-form"):
            yield Label(Content(self._title), classes="dialog-title")
            if self._note:
                yield Label(Content(self._note), classes="dialog-question")
            # the fields scroll, so the hint under them stays in sight at 80x24
            with VerticalScroll(classes="choice-fields", can_focus=False):
                for field in self._fields:
                    yield Label(Content(field.label), classes="field-label")
                    yield Input(
                        field.value,
                        placeholder=field.placeholder,
                        max_length=field.max_length,
                        password=field.password,
                        id=f"field-{field.name}",
                    )
                    if field.preview is not None:
                        yield self.preview_line(f"field-{field.name}", field.preview,
                                                field.value)
            yield Label("", id="form-error", classes="form-error", markup=False)
            yield Label(Content(self.form_hint(len(self._fields))), classes="dialog-hint")

    def values(self) -> Values:
        """The values as typed now."""
        return {f.name: self.query_one(f"#field-{f.name}", Input).value for f in self._fields}

    def is_dirty(self) -> bool:
        return any(self.values()[f.name] != f.value for f in self._fields)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.enter_in(event.input)

    def action_save(self) -> None:
        self.submit(self.values(), self._submit)
