"""Presentation mode: one project's story full-screen, a page per key press, for a learning
network's meeting or a steering group on a projector. → (space, PgDn) next, ← (PgUp) back, Home
first, Esc returns to where the user was. A page with no data says what is missing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, Header, Label

from core.measures.signals import MeasureStatus, measure_status
from core.measures.targets import target_points
from core.measures.words import chart_name, part_sentences, reading_text, state_text
from core.models import MeasureKind
from core.views.presentation import PAGES, Story, load_story
from tui.lang import tr, translator
from tui.measures.points import point_tick
from tui.screens.project_base import ProjectScreenBase
from tui.views.presentation_text import (
    Line,
    case_lines,
    cycle_lines,
    marks_legend,
    results_lines,
    workflow_lines,
)
from tui.widgets.footer import TavleFooter
from tui.widgets.run_chart import ChartData, RunChartView


class PresentationScreen(ProjectScreenBase):
    """A project's story, one page at a time."""

    HELP = "presentation.help"

    BINDINGS = [
        Binding("right,space,pagedown", "page(1)", "presentation.keys.next", priority=True,
                id="presentation.next"),
        Binding("left,pageup", "page(-1)", "presentation.keys.previous", priority=True,
                id="presentation.previous"),
        Binding("home", "first", "presentation.keys.first", priority=True,
                id="presentation.first"),
        Binding("end", "last", "presentation.keys.last", show=False, priority=True,
                id="presentation.last"),
        Binding("down", "scroll(1)", "presentation.keys.down", show=False,
                id="presentation.down"),
        Binding("up", "scroll(-1)", "presentation.keys.up", show=False, id="presentation.up"),
        Binding("escape", "back", "presentation.keys.back", id="presentation.back"),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__(project_id)
        self.page = 0
        self.story: Story | None = None
        self.status: MeasureStatus | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="presentation"):
            yield Label("", id="presentation-heading", markup=False)
            with ContentSwitcher(initial="page-case", id="presentation-pages"):
                for page in PAGES:
                    if page == "measure":
                        with Vertical(id="page-measure", classes="presentation-page"):
                            yield Label("", id="measure-title", classes="presentation-lead",
                                        markup=False)
                            yield RunChartView(id="presentation-chart")
                            yield Label("", id="measure-words", markup=False)
                    else:
                        with VerticalScroll(id=f"page-{page}", classes="presentation-page",
                                            can_focus=False):
                            yield Label("", id=f"{page}-text", markup=False)
            yield Label(Content(tr("presentation.nav")), id="presentation-nav", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.set_header(tr("presentation.title"))
        self.story = load_story(self.store, self.project_id, today=self.tavle.today())
        self._fill()
        self._show()

    # -- pages ----------------------------------------------------------------------------

    def _fill(self) -> None:
        story = self.story
        assert story is not None
        texts = {"case": case_lines(story), "workflow": workflow_lines(story),
                 "cycles": cycle_lines(story), "results": results_lines(story)}
        for page, lines in texts.items():
            self.query_one(f"#{page}-text", Label).update(page_content(lines))
        self._fill_measure(story)

    def _fill_measure(self, story: Story) -> None:
        title = self.query_one("#measure-title", Label)
        chart = self.query_one("#presentation-chart", RunChartView)
        words = self.query_one("#measure-words", Label)
        if story.main_measure_id is None:
            title.update(Content(tr("presentation.no_measure")))
            chart.display = False
            words.display = False
            return
        status = self.status = measure_status(self.store, story.main_measure_id)
        series, t = status.series, translator()
        title.update(Content(f"{status.measure.name} · {chart_name(status.chart.chart, t)}"))
        if not series.labels:
            chart.display = False
            words.update(Content(tr("presentation.no_points", name=status.measure.name)))
            return
        marks = [(i, a) for i, a in ((series.index_at(a.on), a) for a in series.annotations)
                 if i is not None]
        measure = status.measure
        chart.show(ChartData.of(
            status.chart, [point_tick(measure, p) for p in series.labels], target=measure.target,
            targets=target_points(series),
            marks=[(i, str(n)) for n, (i, _) in enumerate(marks, start=1)],
            warning_lines=measure.warning_lines, percent=measure.kind is MeasureKind.PROPORTION))
        lines = [f"{state_text(status, t)} · {reading_text(status.reading, t)}"]
        if status.part is not None:
            lines.append(" · ".join(part_sentences(status.part, t, status.chart.chart)))
        legend = marks_legend([a for _, a in marks])
        if legend:
            lines.append(legend)
        words.update(Content("\n".join(lines)))

    def _show(self) -> None:
        page = PAGES[self.page]
        self.query_one("#presentation-pages", ContentSwitcher).current = f"page-{page}"
        self.query_one("#presentation-heading", Label).update(Content(tr(
            "presentation.heading", number=self.page + 1, count=len(PAGES),
            title=tr(f"presentation.page.{page}"))))
        if page == "measure":
            chart = self.query_one("#presentation-chart", RunChartView)
            self.call_after_refresh(chart.on_resize)
        self.refresh_bindings()

    @property
    def page_title(self) -> str:
        """The heading of the page shown (what a test reads)."""
        return str(self.query_one("#presentation-heading", Label).render())

    def page_text(self) -> str:
        """Everything the page shown says in words (the chart's text included)."""
        page = PAGES[self.page]
        if page == "measure":
            parts = [self.query_one(f"#{name}", Label) for name in ("measure-title",
                                                                     "measure-words")]
            chart = self.query_one("#presentation-chart", RunChartView).chart_text
            return "\n".join([*(str(p.render()) for p in parts if p.display), chart])
        return str(self.query_one(f"#{page}-text", Label).render())

    # -- keys -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page" and parameters:
            step = int(str(parameters[0]))
            return (0 <= self.page + step < len(PAGES)) or None
        if action == "first":
            return self.page > 0 or None
        if action == "last":
            return self.page < len(PAGES) - 1 or None
        return True

    def action_page(self, step: int) -> None:
        """The next or the previous page."""
        self.page = min(max(self.page + step, 0), len(PAGES) - 1)
        self._show()

    def action_first(self) -> None:
        self.page = 0
        self._show()

    def action_last(self) -> None:
        self.page = len(PAGES) - 1
        self._show()

    def action_scroll(self, step: int) -> None:
        """Scroll a long page (the cycles of a big project) by a few lines."""
        page = self.query_one(f"#page-{PAGES[self.page]}")
        if isinstance(page, VerticalScroll):
            page.scroll_relative(y=3 * step, animate=False)

    def action_back(self) -> None:
        self.app.pop_screen()


def page_content(lines: list[Line]) -> Content:
    """A page's lines as one Content: headings bold, every text literal (never markup)."""
    parts: list[str | tuple[str, str]] = []
    for style, text in lines:
        parts.append((text, style) if style and text else text)
        parts.append("\n")
    return Content.assemble(*parts[:-1])
