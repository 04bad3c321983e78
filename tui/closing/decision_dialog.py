"""A closing decision on one part of the redesign: continue, develop further or cancel, who
carries it into normal operation, and a note."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from core.models import ClosingChoice
from tui.dialogs.editing import EditingDialog
from tui.lang import tr


@dataclass(frozen=True)
class DecisionValues:
    """What the dialog holds."""

    choice: ClosingChoice
    responsible: str = ""
    note: str = ""


CHOICES = list(ClosingChoice)


class DecisionDialog(EditingDialog[DecisionValues]):
    """Choose with the arrows, Tab to who and note; Enter or ctrl+s saves."""

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="decision.save"),
        Binding("escape", "cancel", "keys.cancel", id="decision.cancel"),
    ]

    def __init__(self, subject: str, start: DecisionValues) -> None:
        super().__init__()
        self._subject = subject
        self._start = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content(tr("closing.decide_title")), classes="dialog-title")
            yield Label(Content(self._subject), classes="dialog-question")
            yield OptionList(
                *(Option(Content(tr(f"enum.closing_choice.{c.value}")), id=c.value)
                  for c in CHOICES),
                id="decision-choice",
            )
            yield Label(Content(tr("field.responsible")), classes="field-label")
            yield Input(self._start.responsible, max_length=200, id="decision-responsible")
            yield Label(Content(tr("field.note")), classes="field-label")
            yield Input(self._start.note, max_length=2000, id="decision-note")
            yield Label(Content(tr("closing.decide_hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        choice = self.query_one("#decision-choice", OptionList)
        choice.highlighted = CHOICES.index(self._start.choice)
        choice.focus()

    def values(self) -> DecisionValues:
        """The values as chosen and typed now."""
        index = self.query_one("#decision-choice", OptionList).highlighted or 0
        return DecisionValues(
            CHOICES[index], self.query_one("#decision-responsible", Input).value.strip(),
            self.query_one("#decision-note", Input).value,
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.focus_next()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "decision-note":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        self.dismiss(self.values())

    def is_dirty(self) -> bool:
        return self.values() != self._start
