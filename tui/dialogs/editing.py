"""The base of dialogs that hold typed values: Esc asks before dropping them, Enter does the
same in every form (`enter_in`), which its hint says (`form_hint`), and a field may show what is
typed is read as, live, on a line under it (`preview_line`: "Forstået som fredag 25-06-2027")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.bindings import translate_bindings
from tui.dialogs.confirm import ConfirmDialog
from tui.lang import tr, translator

if TYPE_CHECKING:
    from core.values.days import Looking

T = TypeVar("T")
Preview = Callable[[str], tuple[str, bool]]
"""What a field's text is read as, and whether it can be read (a message saying why not)."""


class EditingDialog(ModalScreen[T | None]):
    """A dialog with fields that returns the values typed (a `T`), or None when cancelled.
    Subclasses say when something typed would be lost (`is_dirty`), bind Esc to `cancel`, and
    show refusals in a `Label#form-error` with `show_problem`."""

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)
        self._previews: dict[str, Preview] = {}

    def preview_line(self, field_id: str, preview: Preview, value: str) -> Label:
        """The line under the field `field_id` saying what its text is read as, kept up to date
        as the user types (hidden while the field is empty)."""
        self._previews[field_id] = preview
        line = Label("", id=f"preview-{field_id}", classes="field-preview", markup=False)
        self._show_preview_line(line, preview, value)
        return line

    @staticmethod
    def _show_preview_line(line: Label, preview: Preview, text: str) -> None:
        message, ok = preview(text) if text.strip() else ("", True)
        line.update(Content(message))
        line.set_class(not ok, "-problem")
        line.display = bool(message)

    def on_input_changed(self, event: Input.Changed) -> None:
        preview = self._previews.get(event.input.id or "")
        if preview is not None:
            self._show_preview_line(self.query_one(f"#preview-{event.input.id}", Label), preview,
                               event.value)

    def action_save(self) -> None:
        """Save the values (ctrl+s); every form defines it."""
        raise NotImplementedError

    def enter_in(self, field: Input) -> None:
        """Enter in a text field, the same in every form: the next field, or save in the
        form's last text field (ctrl+s saves from any field)."""
        fields = [box for box in self.query(Input) if box.display]
        if fields and field is fields[-1]:
            from tui.host import host

            host(self).attempt(self.action_save)  # as ctrl+s: a busy database may be retried
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


def day_preview(today: dt.date, looking: Looking | None = None) -> Preview:
    """The preview of a date field: the day typed text is read as, from `today` the way the
    field looks (`core.values.days.Looking`; a deadline's way when None)."""
    # Deferred: the reader pulls in the models, which the first screen does without.
    from core.values.days import Looking
    from core.values.workdays import understood

    way = Looking.AHEAD if looking is None else looking
    return lambda text: understood(text, today, translator(), way)
