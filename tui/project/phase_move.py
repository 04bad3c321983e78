"""Choose the phase a project moves to (`f` on the project screen): 1-6, or `n` for the next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from core.phases import PHASES
from tui.bindings import translate_bindings
from tui.lang import tr

PhaseMove = tuple[int, str]
"""The chosen phase and the note the team wrote about the decision."""


class PhaseMoveDialog(ModalScreen[PhaseMove | None]):
    """Ask which phase becomes the current one; dismiss with (phase, note) or None."""

    BINDINGS = [
        Binding("n", "choose_next", "phase_work.keys.next_phase", id="phase_move.next"),
        *(
            Binding(str(p.number), f"choose({p.number})", f"keys.phase_{p.number}", show=False,
                    id=f"phase_move.phase_{p.number}")
            for p in PHASES
        ),
        Binding("escape", "cancel", "keys.cancel", id="phase_move.cancel"),
    ]

    def __init__(self, current: int) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content(tr("phase_work.move_title")), classes="dialog-title")
            options = []
            for p in PHASES:
                line = f"{p.number}. {tr(f'phase.{p.key}.name')}"
                if p.number == self.current:
                    line = tr("phase_work.move_current", phase=line)
                options.append(Option(Content(line), id=f"move-{p.number}"))
            yield OptionList(*options, id="move-phases")
            yield Label(Content(tr("phase_work.move_note")), classes="field-label")
            yield Input(max_length=2000, id="move-note")
            yield Label(Content(tr("phase_work.move_hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        phases = self.query_one("#move-phases", OptionList)
        phases.highlighted = min(self.current, len(PHASES) - 1)
        phases.focus()

    def _note(self) -> str:
        return self.query_one("#move-note", Input).value.strip()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(event.option_index + 1)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        highlighted = self.query_one("#move-phases", OptionList).highlighted
        self.action_choose((highlighted or 0) + 1)

    def action_choose(self, number: int) -> None:
        """Move to phase `number`."""
        self.dismiss((number, self._note()))

    def action_choose_next(self) -> None:
        """Move to the phase after the current one."""
        if self.current < len(PHASES):
            self.action_choose(self.current + 1)

    def action_cancel(self) -> None:
        self.dismiss(None)
