"""A project: the six phases on the left, the selected phase's advice and content on the right."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Label, OptionList
from textual.widgets.option_list import Option

from core.overview import Fact, PhaseOverview, project_overview
from core.projects import get_project
from tui.lang import tr, translator
from tui.project_views import VIEWS, views_of
from tui.screens.base import TavleScreen

STATUS_MARK = {"not_started": "·", "in_progress": "▶", "done": "✓"}


def fact_text(fact: Fact) -> str:
    """Render a core fact in the UI language (dates and numbers the user's way)."""
    tx = translator()
    params: dict[str, Any] = {}
    for name, value in fact.params.items():
        if isinstance(value, dt.date):
            params[name] = tx.date(value)
        elif isinstance(value, float):
            params[name] = tx.number(value)
        else:
            params[name] = value
    return tr(fact.key, **params)


class ProjectScreen(TavleScreen):
    """One project through the six phases of the KL guide."""

    HELP = "help.project"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="project.back"),
        Binding("enter", "open_phase", "keys.open", id="project.open_phase"),
        *(
            Binding(view.key, f"open_view({view.key!r})", view.label, id=f"project.view_{view.key}")
            for view in VIEWS
        ),
        Binding("1", "phase(1)", "keys.phase_1", show=False, id="project.phase_1"),
        Binding("2", "phase(2)", "keys.phase_2", show=False, id="project.phase_2"),
        Binding("3", "phase(3)", "keys.phase_3", show=False, id="project.phase_3"),
        Binding("4", "phase(4)", "keys.phase_4", show=False, id="project.phase_4"),
        Binding("5", "phase(5)", "keys.phase_5", show=False, id="project.phase_5"),
        Binding("6", "phase(6)", "keys.phase_6", show=False, id="project.phase_6"),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__()
        self.project_id = project_id
        self._phases: list[PhaseOverview] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="project-body"):
            yield OptionList(id="phases")
            with VerticalScroll(id="phase-detail"):
                yield Label("", id="phase-title", classes="section-title", markup=False)
                yield Label("", id="phase-status", markup=False)
                yield Label("", id="phase-summary", classes="phase-summary", markup=False)
                yield Label("", id="phase-product", markup=False)
                yield Label(Content(tr("project.advice")), classes="section-title")
                yield Label("", id="phase-advice", markup=False)
                yield Label(Content(tr("project.in_project")), classes="section-title")
                yield Label("", id="phase-facts", markup=False)
                yield Label(Content(tr("project.screens")), id="views-title",
                            classes="section-title")
                yield Label("", id="phase-views", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload()
        phases = self.query_one("#phases", OptionList)
        current = next((p.number for p in self._phases if p.is_current), 1)
        phases.highlighted = current - 1
        phases.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the project again and redraw the phase list and the selected phase."""
        project = get_project(self.store, self.project_id)
        self._phases = project_overview(self.store, self.project_id)
        self.title = project.name
        self.sub_title = tr(
            "project.header_phase", number=project.current_phase,
            phase=tr(f"phase.{self._phases[project.current_phase - 1].key}.name"),
        )
        phases = self.query_one("#phases", OptionList)
        highlighted = phases.highlighted
        phases.clear_options()
        phases.add_options(self._phase_option(p) for p in self._phases)
        if highlighted is not None:
            phases.highlighted = highlighted
            self._show_phase(highlighted)

    def _phase_option(self, overview: PhaseOverview) -> Option:
        mark = STATUS_MARK[overview.status.value]
        name = tr(f"phase.{overview.key}.name")
        line = f"{mark} {overview.number}. {name}"
        if overview.checklist_open:
            line = f"{line} ({overview.checklist_open})"
        return Option(Content(line), id=f"phase-{overview.number}")

    @on(OptionList.OptionHighlighted, "#phases")
    def _phase_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_phase(event.option_index)

    def _show_phase(self, index: int) -> None:
        overview = self._phases[index]
        key = overview.key
        self.query_one("#phase-title", Label).update(
            Content(f"{overview.number}. {tr(f'phase.{key}.title')}")
        )
        status = tr(f"phase_status.{overview.status.value}")
        if overview.is_current:
            status = tr("project.current_phase_status", status=status)
        self.query_one("#phase-status", Label).update(Content(status))
        self.query_one("#phase-summary", Label).update(Content(tr(f"phase.{key}.summary")))
        self.query_one("#phase-product", Label).update(
            Content(tr("project.product", product=tr(f"phase.{key}.product")))
        )
        advice = [
            f"{'✓' if done else '○'} {tr(f'phase.{key}.advice.{item}')}"
            for item, done in overview.advice_done.items()
        ]
        advice += [f"{'✓' if done else '○'} {text}" for text, done in overview.custom_items]
        self.query_one("#phase-advice", Label).update(Content("\n".join(advice)))
        facts = "\n".join(f"• {fact_text(fact)}" for fact in overview.facts)
        self.query_one("#phase-facts", Label).update(Content(facts))
        views = views_of(overview.number)
        self.query_one("#views-title", Label).display = bool(views)
        self.query_one("#phase-views", Label).update(
            Content("\n".join(f"{view.key}  {tr(view.label)}" for view in views))
        )
        self.refresh_bindings()

    def _highlighted_phase(self) -> int:
        highlighted = self.query_one("#phases", OptionList).highlighted
        return (highlighted or 0) + 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_phase":
            return bool(views_of(self._highlighted_phase())) or None
        return True

    def action_open_phase(self) -> None:
        """Open the first screen of the highlighted phase."""
        views = views_of(self._highlighted_phase())
        if views:
            self.app.push_screen(views[0].build(self.project_id))

    def action_open_view(self, key: str) -> None:
        """Open a project screen by its key."""
        view = next(view for view in VIEWS if view.key == key)
        self.app.push_screen(view.build(self.project_id))

    @on(OptionList.OptionSelected, "#phases")
    def _phase_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open_phase()

    def action_phase(self, number: int) -> None:
        self.query_one("#phases", OptionList).highlighted = number - 1

    def action_back(self) -> None:
        self.app.pop_screen()
