"""Capture an idea (`i` on any project screen): its text, who had it and where it came from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from core.db.store import Store
from core.errors import TavleError
from core.workflow import ideas
from tui.dialogs.editing import EditingDialog
from tui.host import Host, host
from tui.lang import tr, translator


class IdeaDialog(EditingDialog[str]):
    """Write a new idea; dismiss with its id (None when cancelled)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="idea.save"),
        Binding("escape", "cancel", "keys.cancel", id="idea.cancel"),
    ]

    def __init__(self, project_id: str, *, source: str = "meeting") -> None:
        super().__init__()
        self.project_id = project_id
        self._source = source if source in ideas.SOURCES else "other"

    @property
    def store(self) -> Store:
        """The open database."""
        return host(self).store

    def compose(self) -> ComposeResult:
        app = self.app
        who = app.settings.name if isinstance(app, Host) else ""
        self._who = who
        with Vertical(classes="dialog-box"):
            yield Label(Content(tr("ideas.capture_title")), classes="dialog-title")
            yield Label(Content(tr("field.text")), classes="field-label")
            yield Input(max_length=2000, placeholder=tr("ideas.text_placeholder"), id="idea-text")
            yield Label(Content(tr("field.who")), classes="field-label")
            yield Input(who, max_length=200, id="idea-who")
            yield Label(Content(tr("ideas.source_label")), classes="field-label")
            yield OptionList(
                *(Option(Content(tr(f"ideas.source.{key}")), id=key) for key in ideas.SOURCES),
                id="idea-source",
            )
            yield Input(max_length=200, placeholder=tr("ideas.source_placeholder"),
                        id="idea-source-text")
            yield Label("", id="form-error", classes="form-error", markup=False)
            yield Label(Content(tr("ideas.capture_hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#idea-source", OptionList).highlighted = ideas.SOURCES.index(self._source)
        self.query_one("#idea-text", Input).focus()

    def _source_text(self) -> str:
        index = self.query_one("#idea-source", OptionList).highlighted
        key = ideas.SOURCES[index or 0]
        label = "" if key == "other" else tr(f"ideas.source.{key}")
        return ideas.source_text(label, self.query_one("#idea-source-text", Input).value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.enter_in(event.input)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        try:
            idea = ideas.capture(
                self.store,
                self.project_id,
                self.query_one("#idea-text", Input).value,
                who=self.query_one("#idea-who", Input).value.strip(),
                source=self._source_text(),
                today=host(self).today(),
            )
        except TavleError as error:
            self.show_problem(error.message(translator()))
            self.query_one("#idea-text", Input).focus()
            return
        self.app.notify(tr("ideas.captured", text=idea.text[:60]), markup=False)
        self.dismiss(idea.id)

    def is_dirty(self) -> bool:
        return bool(
            self.query_one("#idea-text", Input).value.strip()
            or self.query_one("#idea-source-text", Input).value.strip()
            or self.query_one("#idea-who", Input).value != self._who
        )
