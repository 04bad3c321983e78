"""The comparison of today's workflow with its redesign: what went, what came, what changed,
and the figures before and after ("Overleveringer: 6 → 5")."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label

from core.models import MapKind
from core.workflow.maps import compare, project_map
from tui.lang import tr
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter
from tui.workflow.texts import comparison_lines


class ComparisonScreen(ProjectScreenBase):
    """Today's workflow → redesign, in words and figures."""

    HELP = "workflow.compare.help"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,v", "back", "workflow.keys.close", id="workflow_compare.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="compare-body"):
            yield Label(Content(tr("workflow.compare.heading")), classes="section-title")
            yield Label("", id="compare-text", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#compare-body").focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Compare the maps as they are now."""
        self.set_header(tr("workflow.compare.title"))
        current = project_map(self.store, self.project_id, MapKind.CURRENT)
        redesign = project_map(self.store, self.project_id, MapKind.REDESIGN)
        if current is None:
            text = Content(tr("workflow.compare.no_current"))
        elif redesign is None:
            text = Content(tr("workflow.compare.no_redesign"))
        else:
            parts = [
                Content.styled(line, "bold") if style == "title" else Content(line)
                for style, line in comparison_lines(compare(current, redesign))
            ]
            text = Content("\n").join(parts)
        self.query_one("#compare-text", Label).update(text)

    def action_back(self) -> None:
        self.app.pop_screen()
