"""`changelog.create_new` writes the same log, heads and rows as `create` record by record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.db import changelog
from core.db.store import Store
from core.demo.builder import FakeClock
from core.models import Organisation, Team, TeamFigure


def _records() -> list[Any]:
    org = Organisation(id="00000000-0000-4000-8000-0000000000aa", name="Hjemmeplejen")
    team = Team(id="00000000-0000-4000-8000-0000000000bb", org_id=org.id, name="Team [/x]")
    figures = [TeamFigure(id=TeamFigure.id_for(team.id, f"2026-W{w:02d}", "f"), org_id=org.id,
                          team_id=team.id, period=f"2026-W{w:02d}", figure="f", value=w / 10)
               for w in range(1, 30)]
    return [org, team, *figures]


def _open(path: Path) -> Store:
    store = Store.open(path, wall_clock=FakeClock(1_800_000_000_000),
                       fingerprint="pc/user")
    store.author = "MH"
    with store.transaction():
        store.execute("UPDATE sync_replica SET replica_id = 'r1' WHERE id = 1")
    return store


def _dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    tables = ["sync_change", "sync_replaced", "sync_open", "organisations", "teams",
              "team_figures"]
    dump = {t: sorted(tuple(r.values()) for r in store.query(f'SELECT * FROM "{t}"'))
            for t in tables}
    dump["clock"] = [tuple(r.values()) for r in store.query("SELECT hlc_last FROM sync_replica")]
    return dump


def test_bulk_equals_one_by_one(tmp_path: Path) -> None:
    one, bulk = _open(tmp_path / "one.db"), _open(tmp_path / "bulk.db")
    org, *rest = _records()
    # a record already known in the middle of the batch is written again, as `create` would
    order = [*rest[:10], org, *rest[10:]]
    with one.transaction():
        changelog.create(one, org)
        for record in order:
            changelog.create(one, record)
    with bulk.transaction():
        changelog.create(bulk, org)
        assert changelog.create_new(bulk, order) == len(order)
    assert _dump(one) == _dump(bulk)
    assert len(_dump(bulk)["sync_change"]) == len(order) + 1
    assert changelog.load(bulk, Team, rest[0].id).name == "Team [/x]"
    with bulk.transaction():
        assert changelog.create_new(bulk, []) == 0
