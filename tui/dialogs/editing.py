"""The base of dialogs that hold typed values: Esc asks before dropping them, and Enter does the
same in every form (`enter_in`), which its hint says (`form_hint`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.bindings import translate_bindings
from tui.dialogs.confirm import ConfirmDialog
from tui.lang import tr

T = TypeVar("T")


class EditingDialog(ModalScreen[T | None]):
    """A dialog with fields that returns the values typed (a `T`), or None when cancelled.
    Subclasses say when something typed would be lost (`is_dirty`), bind Esc to `cancel`, and
    show refusals in a `Label#form-error` with `show_problem`."""

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)

    def action_save(self) -> None:
        """Save the values (ctrl+s); every form defines it."""
        raise NotImplementedError

    def enter_in(self, field: Input) -> None:
        """Enter in a text field, the same in every form: the next field, or save in the
        form's last text field (ctrl+s saves from any field)."""
        fields = [box for box in self.query(Input) if box.display]
        if fields and field is fields[-1]:
            self.action_save()
        else:
            self.focus_next()

    @staticmethod
    def form_hint(fields: int) -> str:
        """The hint under a form of `fields` fields, saying what Enter does (`enter_in`)."""
        return tr("forms.hint_one") if fields == 1 else tr("dialog.form_hint")

    def is_dirty(self) -> bool:
        """Whether the fields hold something that is not saved."""
        return False

    def show_problem(self, text: str) -> None:
        """Show why the values cannot be saved; the dialog stays open with them."""
        self.query_one("#form-error", Label).update(Content(text))

    def submit(self, values: T, problem_of: Callable[[T], str | None]) -> None:
        """Close with `values` when `problem_of` finds nothing wrong; else show the problem
        and keep the dialog open with what was typed."""
        problem = problem_of(values)
        if problem:
            self.show_problem(problem)
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        """Close without saving, after asking when typed text would be lost."""
        if not self.is_dirty():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(tr("dialog.discard_question"), yes=tr("dialog.discard")), answered
        )
