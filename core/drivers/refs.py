"""What can test a change idea (the project's ideas, kaizen cards and cycles) by name."""

from __future__ import annotations

from dataclasses import dataclass

from core.db.store import Store
from core.i18n import Translator
from core.kaizen import cycles
from core.models import CycleName, DriverTestKind


@dataclass(frozen=True)
class TestRef:
    """An idea, card or cycle that may test a change idea, with its name in the UI language."""

    kind: DriverTestKind
    id: str
    label: str

    @property
    def value(self) -> str:
        """"kind:id", for a pick list."""
        return f"{self.kind.value}:{self.id}"


def parse_value(value: str) -> tuple[DriverTestKind, str]:
    """The (kind, id) of a `TestRef.value`."""
    kind, _, ref_id = value.partition(":")
    return DriverTestKind(kind), ref_id


def _cut(text: str, length: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def test_refs(store: Store, project_id: str, tr: Translator) -> list[TestRef]:
    """Every idea, card and cycle of the project: cycles first (newest card first), then
    cards, then ideas."""
    name_row = store.query("SELECT COALESCE(cycle_name, ?) AS n FROM projects WHERE id = ?",
                           [CycleName.PDSA.value, project_id])
    name = CycleName(name_row[0]["n"]) if name_row else CycleName.PDSA
    refs: list[TestRef] = []
    for row in store.query(
        "SELECT y.id, y.number, c.title FROM cycles y JOIN kaizen_cards c ON c.id = y.card_id "
        "WHERE y.project_id = ? AND y._exists ORDER BY c.title, y.number, y.id", [project_id],
    ):
        label = tr("driver.ref.cycle", cycle=cycles.title(tr, name, int(row["number"] or 1)),
                   title=_cut(row["title"] or ""))
        refs.append(TestRef(DriverTestKind.CYCLE, row["id"], label))
    for row in store.query(
        'SELECT id, title FROM kaizen_cards WHERE project_id = ? AND _exists '
        'ORDER BY "order", id', [project_id],
    ):
        refs.append(TestRef(DriverTestKind.CARD, row["id"],
                            tr("driver.ref.card", title=_cut(row["title"] or ""))))
    for row in store.query(
        "SELECT id, text FROM ideas WHERE project_id = ? AND _exists ORDER BY created_on, id",
        [project_id],
    ):
        refs.append(TestRef(DriverTestKind.IDEA, row["id"],
                            tr("driver.ref.idea", text=_cut(row["text"] or ""))))
    return refs


def ref_labels(store: Store, project_id: str, tr: Translator) -> dict[tuple[DriverTestKind, str],
                                                                      str]:
    """(kind, id) -> name, of every idea, card and cycle of the project."""
    return {(ref.kind, ref.id): ref.label for ref in test_refs(store, project_id, tr)}
