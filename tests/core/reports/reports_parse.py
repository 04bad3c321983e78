"""Read a report's HTML back with the standard library's parser (for the report tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Element:
    """A start tag with its attributes, the section and chart it sits in, and its text."""

    tag: str
    attrs: dict[str, str]
    section: str | None
    chart: str | None
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


@dataclass
class Parsed:
    """Everything the tests look at in a report."""

    elements: list[Element] = field(default_factory=list)
    section_text: dict[str, str] = field(default_factory=dict)
    tables: dict[str, list[list[str]]] = field(default_factory=dict)
    """Rows (header first) of each table, by its class."""
    text: str = ""

    def find(self, tag: str, css: str | None = None, *, chart: str | None = None
             ) -> list[Element]:
        return [e for e in self.elements if e.tag == tag
                and (css is None or css in e.classes) and (chart is None or e.chart == chart)]

    def section_ids(self) -> list[str]:
        return [e.attrs["id"] for e in self.find("section")]


class _Reader(HTMLParser):
    VOID = {"meta", "br", "line", "circle", "rect", "polyline", "link", "img", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Parsed()
        self.stack: list[Element] = []
        self.section: str | None = None
        self.chart: str | None = None
        self.table: str | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "section":
            self.section = values.get("id")
        if tag == "svg":
            self.chart = values.get("data-measure")
        if tag == "table":
            self.table = values.get("class", "").split()[0] if values.get("class") else ""
            self.out.tables[self.table] = []
        if tag == "tr":
            self.row = []
        if tag in ("td", "th"):
            self.cell = []
        element = Element(tag, values, self.section, self.chart)
        self.out.elements.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        if tag == "tr" and self.row is not None and self.table is not None:
            self.out.tables[self.table].append(self.row)
            self.row = None
        if tag == "table":
            self.table = None
        if tag == "svg":
            self.chart = None
        if tag == "section":
            self.section = None
        while self.stack:
            element = self.stack.pop()
            if element.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        for element in self.stack:
            element.text += data
        if self.section is not None:
            self.out.section_text[self.section] = self.out.section_text.get(self.section, "") + data
        self.texts.append(data)


def parse(html: str) -> Parsed:
    """The report's elements, section texts and tables."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.out.text = "".join(reader.texts)
    return reader.out
