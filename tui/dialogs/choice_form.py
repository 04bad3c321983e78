"""A form of text fields and choices (a step: text, symbol, lane, duration; a measure).

Like `FormDialog`: Tab and Enter move to the next field, Enter in the last text field or
ctrl+s saves (`EditingDialog.enter_in`), the caller's `submit` applies the values and returns
an error message (the dialog stays open, nothing typed is lost) or None; Esc with changed
values asks first. A choice is a `Select`: Enter, space or the arrows open it, and typing
jumps to an option.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select

from tui.dialogs.editing import EditingDialog, Preview

Values = dict[str, str]


@dataclass(frozen=True)
class TextField:
    """A one-line text field."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    max_length: int = 200
    hint: str = ""
    """A line under the field saying what it means (empty: none)."""
    preview: Preview | None = None
    """What the typed text is read as, shown live under the field (a date: its weekday)."""


@dataclass(frozen=True)
class ChoiceField:
    """A choice among (label, value) options; labels are shown literally."""

    name: str
    label: str
    options: Sequence[tuple[str, str]]
    value: str
    hint: str = ""
    """A line under the choice saying what the options mean (empty: none)."""


Field = TextField | ChoiceField


class ChoiceFormDialog(EditingDialog[Values]):
    """Ask for text values and choices; dismiss with them (or None when cancelled)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="choice_form.save"),
        Binding("escape", "cancel", "keys.cancel", id="choice_form.cancel"),
    ]

    def __init__(self, title: str, fields: Sequence[Field], *,
                 submit: Callable[[Values], str | None]) -> None:
        super().__init__()
        self._title = title
        self._fields = list(fields)
        self._submit = submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box choice-form"):
            yield Label(Content(self._title), classes="dialog-title")
            with VerticalScroll(classes="choice-fields", can_focus=False):
                yield from self._compose_fields()
            yield Label("", id="form-error", classes="form-error", markup=False)
            yield Label(Content(self.form_hint(len(self._fields))), classes="dialog-hint")

    def _compose_fields(self) -> ComposeResult:
        for field in self._fields:
            yield Label(Content(field.label), classes="field-label")
            if isinstance(field, TextField):
                yield Input(field.value, placeholder=field.placeholder,
                            max_length=field.max_length, id=f"field-{field.name}")
                if field.preview is not None:
                    yield self.preview_line(f"field-{field.name}", field.preview, field.value)
            else:
                # A value no longer among the options (a linked record since deleted) shows
                # the first option rather than failing to open the form.
                values = [value for _, value in field.options]
                value = field.value if field.value in values else values[0]
                yield Select([(Text(label), value) for label, value in field.options],
                             value=value, allow_blank=False, id=f"field-{field.name}")
            if field.hint:
                yield Label(Content(field.hint), classes="field-help")

    def values(self) -> Values:
        """The values as typed and chosen now."""
        values: Values = {}
        for field in self._fields:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, Input):
                values[field.name] = widget.value
            elif isinstance(widget, Select):
                values[field.name] = str(widget.value)
        return values

    def is_dirty(self) -> bool:
        now = self.values()
        return any(now[f.name] != f.value for f in self._fields)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.enter_in(event.input)

    def action_save(self) -> None:
        self.submit(self.values(), self._submit)
