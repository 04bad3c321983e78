"""Paste a block copied from Excel into a team's week: a preview of what each line sets (and
why a line cannot), then every good line saved in one step (ctrl+z undoes them all)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, TextArea

from core.db.undo import UndoLog
from core.models import KeyFigure
from core.teams import figures as team_figures
from core.teams.figures import PastedValue
from core.teams.words import format_figure
from core.values.periods import period_label
from tui.dialogs.paste import ClipboardPasteDialog
from tui.lang import tr, translator

SHOWN_LINES = 8


class TeamPasteDialog(ClipboardPasteDialog):
    """A text area to paste into; ctrl+s previews, ctrl+s again saves. Dismisses with the
    number of values changed (None when cancelled)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="team_paste.save"),
        Binding("escape", "cancel", "keys.cancel", id="team_paste.cancel"),
    ]

    def __init__(self, figures: Sequence[KeyFigure], log: UndoLog, team_id: str, week: str,
                 start: int, *, text: str = "") -> None:
        super().__init__()
        self._figures = list(figures)
        self._log = log
        self._team_id = team_id
        self._week = week
        self._start = start
        self._text = text
        self._previewed: str | None = None
        self._lines: list[PastedValue] = []

    def compose(self) -> ComposeResult:
        t = translator()
        first = self._figures[self._start].name if self._start < len(self._figures) else ""
        with Vertical(classes="dialog-box measure-paste-box"):
            yield Label(Content(tr("teams.paste.title", week=period_label(self._week, t))),
                        classes="dialog-title")
            yield Label(Content(tr("teams.paste.hint", figure=first)), classes="dialog-hint")
            yield self.clipboard_hint()
            yield TextArea(self._text, id="paste-text", soft_wrap=False)
            yield Label("", id="paste-preview", markup=False)
            yield Label("", id="form-error", classes="form-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#paste-text", TextArea).focus()
        if self._text.strip():
            self._show_preview(self._text)

    @property
    def text(self) -> str:
        return self.query_one("#paste-text", TextArea).text

    def is_dirty(self) -> bool:
        return bool(self.text.strip())

    @property
    def good(self) -> list[PastedValue]:
        return [line for line in self._lines if line.problem is None and not line.skipped]

    def action_save(self) -> None:
        text = self.text
        if text != self._previewed:
            self._show_preview(text)
            return
        if not self.good:
            self.show_problem(tr("teams.paste.nothing"))
            return
        self.dismiss(team_figures.apply_block(self._log, self._team_id, self._week, self.good))

    def _show_preview(self, text: str) -> None:
        t = translator()
        self._lines = team_figures.parse_block(text, self._figures, self._start)
        self._previewed = text
        bad = sum(line.problem is not None for line in self._lines)
        lines = [tr("teams.paste.preview", good=len(self.good), bad=bad)]
        for line in self._lines[:SHOWN_LINES]:
            if line.skipped == "heading":
                lines.append(tr("paste.skipped_heading", number=line.line))
            elif line.skipped and line.figure is not None:
                lines.append(tr("paste.kept", number=line.line, figure=line.figure.name))
            elif line.problem is not None:
                message = line.problem.message(t).replace("\n", " ")
                lines.append(tr("teams.paste.problem", number=line.line, message=message))
            elif line.figure is not None:
                value = format_figure(line.figure, line.value, t) or tr("teams.paste.deleted")
                if line.base is not None:
                    value = tr("funnel.with_base", value=value, base=t.number(line.base))
                lines.append(tr("teams.paste.line", number=line.line, figure=line.figure.name,
                                value=value))
        if len(self._lines) > SHOWN_LINES:
            lines.append("…")
        self.query_one("#paste-preview", Label).update(Content("\n".join(lines)))
        self.show_problem("" if self.good else tr("teams.paste.nothing"))
