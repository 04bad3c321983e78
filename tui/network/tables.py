"""The four lists of the network screen: member units, meetings, the meeting's agenda and its
notes and tips – what they hold, how they are drawn, and which item each cursor is on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets import DataTable, Label

from core.models import NetworkMeeting, NetworkNote, NetworkPresentation, NetworkUnit
from core.network import networks
from core.network.networks import ProjectChoice
from tui.lang import tr, translator
from tui.widgets.row_table import cell

if TYPE_CHECKING:
    from textual.screen import Screen

    from core.db.store import Store

TABLES = ("units", "meetings", "agenda", "notes")
"""The lists, by the end of their widget id (`#network-<name>`)."""
COLUMNS: dict[str, tuple[tuple[str, int], ...]] = {
    "units": (("name", 0),),
    "meetings": (("held_on", 10), ("title", 0)),
    "agenda": (("number", 3), ("unit", 16), ("project", 0)),
    "notes": (("kind", 5), ("text", 0), ("for", 18)),
}
"""Each list's columns (labels `network.column.<key>`) and widths (0: the rest)."""
SIDE_WIDTH = 32
"""The width of the units and meetings column (tui/tavle.tcss `#network-side`)."""


@dataclass
class NetworkTables:
    """The network's records as the screen shows them, and the selected id of each list."""

    units: list[NetworkUnit] = field(default_factory=list)
    meetings: list[NetworkMeeting] = field(default_factory=list)
    agenda: list[NetworkPresentation] = field(default_factory=list)
    notes: list[NetworkNote] = field(default_factory=list)
    projects: dict[str, ProjectChoice] = field(default_factory=dict)
    wanted: dict[str, str] = field(default_factory=dict)
    """The id each list's cursor should land on at the next draw."""
    network_id: str = ""

    @property
    def member_names(self) -> list[str]:
        """The member units' names."""
        return [unit.name for unit in self.units]

    @property
    def meeting(self) -> NetworkMeeting | None:
        """The meeting whose agenda and notes are shown."""
        wanted = self.wanted.get("meetings")
        return next((m for m in self.meetings if m.id == wanted), None)

    def select(self, which: str, record_id: str) -> None:
        """Put the cursor of a list on a record at the next draw."""
        self.wanted[which] = record_id

    def current(
        self, which: str
    ) -> NetworkUnit | NetworkMeeting | NetworkPresentation | NetworkNote | None:
        """The record under a list's cursor."""
        if which not in TABLES:
            return None
        wanted = self.wanted.get(which)
        return next((r for r in getattr(self, which) if r.id == wanted), None)

    def project_label(self, item: NetworkPresentation | NetworkNote) -> str:
        """The project's name: as in this database, else as the presentation wrote it."""
        chosen = self.projects.get(item.project_id or "")
        if chosen is not None:
            return chosen.name
        return getattr(item, "project_name", "") or ""

    # -- loading and drawing ----------------------------------------------------------------

    def load(self, screen: Screen[Any], store: Store, network_id: str) -> None:
        """Read everything again and draw the four lists."""
        self.network_id = network_id
        for which in TABLES:
            self._remember_cursor(screen, which)
        self.units = networks.units(store, network_id)
        self.meetings = networks.meetings(store, network_id)
        self.projects = {p.id: p for p in networks.project_choices(store)}
        self._draw(screen, "units")
        self._draw(screen, "meetings")
        self._load_meeting(screen, store)

    def _remember_cursor(self, screen: Screen[Any], which: str) -> None:
        table = screen.query_one(f"#network-{which}", DataTable)
        items = getattr(self, which)
        if which not in self.wanted and items and table.cursor_row < len(items):
            self.wanted[which] = items[table.cursor_row].id

    def _load_meeting(self, screen: Screen[Any], store: Store) -> None:
        meeting = self.meeting
        self.agenda = networks.agenda(store, meeting.id) if meeting else []
        self.notes = networks.notes(store, self.network_id, meeting.id) if meeting else []
        self._draw(screen, "agenda")
        self._draw(screen, "notes")
        self.show_note_detail(screen)

    def highlighted(self, screen: Screen[Any], which: str, row: int) -> bool:
        """A list's cursor moved to `row`: remember it; a new meeting shows its agenda and
        notes (returns True then), a note shows its whole text."""
        items = getattr(self, which)
        if not 0 <= row < len(items):
            return False
        changed = items[row].id != self.wanted.get(which)
        self.wanted[which] = items[row].id
        if which == "notes":
            self.show_note_detail(screen)
        if which != "meetings" or not changed:
            return False
        self.wanted.pop("agenda", None)
        self.wanted.pop("notes", None)
        store: Store = screen.app.store  # type: ignore[attr-defined]
        self._load_meeting(screen, store)
        return True

    def show_note_detail(self, screen: Screen[Any]) -> None:
        """The highlighted note's whole text (the list shortens it)."""
        note = self.current("notes")
        text = ""
        if isinstance(note, NetworkNote):
            text = tr("network.note_detail", kind=tr(f"enum.note_kind.{note.kind.value}"),
                      author=note.author or "–", date=translator().date(note.written_on),
                      text=note.text)
        screen.query_one("#network-detail", Label).update(Content(text))

    def _rows(self, which: str) -> list[tuple[str, ...]]:
        tx = translator()
        if which == "units":
            return [(unit.name,) for unit in self.units]
        if which == "meetings":
            return [(tx.date(m.held_on), m.title) for m in self.meetings]
        if which == "agenda":
            return [(str(index + 1), p.unit, self.project_label(p))
                    for index, p in enumerate(self.agenda)]
        return [(tr(f"enum.note_kind.{n.kind.value}"), " ".join(n.text.split()),
                 " · ".join(part for part in (n.unit, self.project_label(n)) if part)
                 or tr("network.whole_network")) for n in self.notes]

    def _draw(self, screen: Screen[Any], which: str) -> None:
        table = screen.query_one(f"#network-{which}", DataTable)
        items = getattr(self, which)
        table.clear(columns=True)
        room = SIDE_WIDTH if which in ("units", "meetings") else screen.app.size.width - SIDE_WIDTH
        rest = max(12, room - sum(w + 2 for _, w in COLUMNS[which]) - 3)  # border, scrollbar
        for key, width in COLUMNS[which]:
            table.add_column(cell(tr(f"network.column.{key}")), key=key, width=width or rest)
        for record, row in zip(items, self._rows(which), strict=True):
            table.add_row(*(cell(text) for text in row), key=record.id)
        ids = [record.id for record in items]
        wanted = self.wanted.get(which)
        if wanted in ids:
            table.move_cursor(row=ids.index(wanted), animate=False)
        elif ids:
            self.wanted[which] = ids[0]
            table.move_cursor(row=0, animate=False)
        else:
            self.wanted.pop(which, None)
        self._title(screen, which, len(items))

    def _title(self, screen: Screen[Any], which: str, count: int) -> None:
        if which == "agenda" or which == "notes":
            meeting = self.meeting
            if meeting is None:
                text = tr(f"network.{which}_no_meeting")
            else:
                date = translator().date(meeting.held_on)
                text = tr(f"network.{which}_heading", date=date, count=count)
                if not count:
                    text = f"{text} – {tr(f'network.{which}_empty')}"
        else:
            text = tr(f"network.{which}_heading", count=count)
            if not count:
                text = f"{text} – {tr(f'network.{which}_empty')}"
        screen.query_one(f"#network-{which}-title", Label).update(Content(text))
