"""A block pasted from Excel in a text area: ctrl+s shows what would be saved and why a line
cannot be, ctrl+s again (on the same text) saves. The measures' and the cases' paste dialogs
differ only in how they read the text and what they save.

A terminal without bracketed paste (the Windows console host) types a pasted block as
keystrokes, and a tab moves the focus instead of landing in the text. So every paste dialog
(`ClipboardPasteDialog`: these and the team's week) also reads the system clipboard itself on
ctrl+v or F3 (F3 because the console host takes ctrl+v for its own paste), through pyperclip
(ctypes on Windows; xclip, xsel or wl-clipboard on Linux), imported only then."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Protocol

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, TextArea

from core.errors import TavleError
from core.i18n import Translator
from tui.dialogs.editing import EditingDialog
from tui.lang import tr

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


class ClipboardError(Exception):
    """The clipboard could not be read; `key` is the catalog key saying why and what to do."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def read_clipboard() -> str:
    """The text on the system clipboard, with Windows' line ends made newlines (tabs kept).

    Raises `ClipboardError` when there is no way to read it here ("clipboard.unavailable":
    Linux without xclip, xsel or wl-clipboard), another program holds it ("clipboard.busy"),
    or it holds no text ("clipboard.empty")."""
    import pyperclip  # only when asked: not at start-up

    try:
        text = pyperclip.paste()
    except pyperclip.PyperclipWindowsException as error:
        raise ClipboardError("clipboard.busy") from error
    except pyperclip.PyperclipException as error:
        raise ClipboardError("clipboard.unavailable") from error
    if not isinstance(text, str) or not text:
        raise ClipboardError("clipboard.empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class ClipboardPasteDialog(EditingDialog[int]):
    """A dialog with a text area `#paste-text` for a block from Excel: ctrl+v or F3 puts the
    clipboard's text in it at the cursor, exactly (tabs and newlines kept). The binding has
    priority, so it wins over the text area's own ctrl+v (which pastes only what was copied
    inside Tavle). `clipboard` reads the clipboard (a test passes a fake)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+v,f3", "paste_clipboard", "clipboard.key", id="paste.clipboard",
                priority=True),
    ]

    clipboard: Callable[[], str] = staticmethod(read_clipboard)

    def clipboard_hint(self) -> Label:
        """The hint line saying that ctrl+v or F3 reads the clipboard."""
        return Label(Content(tr("clipboard.hint")), classes="dialog-hint", id="clipboard-hint")

    def action_paste_clipboard(self) -> None:
        try:
            text = self.clipboard()
        except ClipboardError as error:
            self.show_problem(tr(error.key))
            return
        area = self.query_one("#paste-text", TextArea)
        area.focus()
        area.insert(text)
        lines = len(text.rstrip("\n").split("\n"))
        self.notify(tr("clipboard.pasted", count=lines), markup=False)


class PastePreviewDialog(ClipboardPasteDialog):
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
            yield self.clipboard_hint()
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
