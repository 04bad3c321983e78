"""The Model for Improvement's three questions, answered in a compact panel on the project
screen: what the team is trying to accomplish, how it will know, and what it is changing."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from core.db.store import Store
from core.drivers.diagram import load_diagram
from core.drivers.questions import three_questions
from tui.lang import tr, translator
from tui.widgets.canvas import wrap

WIDTH, LINES = 30, 2
"""Each answer is wrapped to the panel's width and cut after two lines (the driver diagram, v,
has the rest)."""


def _cut(text: str, width: int = WIDTH, lines: int = LINES) -> str:
    """The text wrapped to the panel, cut with … after `lines` lines."""
    return "\n".join(wrap(text, width, lines))


class ThreeQuestions(Static):
    """Each question in bold with its answer in one short paragraph under it."""

    DEFAULT_CSS = """
    ThreeQuestions {
        height: auto;
        padding: 0 1;
    }
    """

    def show(self, store: Store, project_id: str) -> None:
        """Answer the questions again from the charter, the measures and the diagram."""
        tx = translator()
        answers = three_questions(store, load_diagram(store, project_id), tx)
        parts: list[Content | str | tuple[str, str]] = [(tr("driver.three_questions"),
                                                         "bold underline")]
        for answer in answers:
            parts += ["\n", (answer.short, "bold"), "\n", _cut(answer.summary)]
        self.update(Content.assemble(*parts))

    def text(self) -> str:
        """What the panel shows, as plain text (what a test reads)."""
        return str(self.render())
