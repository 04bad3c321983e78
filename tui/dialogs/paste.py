"""A block pasted from Excel in a text area: ctrl+s shows what would be saved and why a line
cannot be, ctrl+s again (on the same text) saves. The measures' and the cases' paste dialogs
differ only in how they read the text and what they save."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, TextArea

from core.errors import TavleError
from core.i18n import Translator
from tui.dialogs.editing import EditingDialog

SHOWN_PROBLEMS = 6
"""Lines whose problem the preview names; more are summed up as "…"."""


class BadLine(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def problem(self) -> TavleError | None: ...


def problem_lines(bad: Sequence[BadLine], key: str, t: Translator) -> list[str]:
    """The first lines that cannot be saved, each with its problem on one line (`key` takes
    `number` and `message`)."""
    lines = []
    for line in bad[:SHOWN_PROBLEMS]:
        assert line.problem is not None
        lines.append(t(key, number=line.number,
                       message=line.problem.message(t).replace("\n", " ")))
    if len(bad) > SHOWN_PROBLEMS:
        lines.append("…")
    return lines


class PastePreviewDialog(EditingDialog[int]):
    """The text area, a preview and a problem line. A subclass reads the text (`preview`) and
    saves what was previewed (`save`). Dismisses with the count saved (None when cancelled)."""

    def __init__(self, title: str, hint: str, text: str = "") -> None:
        super().__init__()
        self._title, self._hint, self._text = title, hint, text
        self._previewed: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box measure-paste-box"):
            yield Label(Content(self._title), classes="dialog-title")
            yield Label(Content(self._hint), classes="dialog-hint")
            yield TextArea(self._text, id="paste-text", soft_wrap=False)
            yield Label("", id="paste-preview", markup=False)
            yield Label("", id="form-error", classes="form-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#paste-text", TextArea).focus()

    @property
    def text(self) -> str:
        return self.query_one("#paste-text", TextArea).text

    def is_dirty(self) -> bool:
        return bool(self.text.strip())

    def action_save(self) -> None:
        text = self.text
        if text != self._previewed:
            self._previewed = text
            self.preview(text)
            return
        self.save()

    def show_preview(self, lines: Sequence[str]) -> None:
        self.query_one("#paste-preview", Label).update(Content("\n".join(lines)))

    def preview(self, text: str) -> None:
        """Read `text` and show what would be saved (`show_preview`, `show_problem`)."""
        raise NotImplementedError

    def save(self) -> None:
        """Save what the last preview read, and dismiss with the count (or show a problem)."""
        raise NotImplementedError
