"""The driver diagram's tree: adding, moving (order kept, never a cycle), reparenting, a change
idea under two drivers, deleting a branch as one undoable step, and a measure's role."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.drivers import edits
from core.drivers.diagram import Diagram, load_diagram
from core.errors import InvalidError, TavleError
from core.i18n import Translator
from core.models import DriverKind, DriverLink, DriverNode, Measure, MeasureRole
from core.project import projects

TX = Translator("da")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "driver.db")


@pytest.fixture
def project_id(store: Store) -> str:
    return projects.create_project(store, "Sygedagpenge").id


def _load(store: Store, project_id: str) -> Diagram:
    return load_diagram(store, project_id)


def _texts(diagram: Diagram, node_id: str) -> list[str]:
    return [diagram.nodes[n].text for n in diagram.kids(node_id)]


def _build(log: UndoLog, project_id: str) -> dict[str, str]:
    """Aim → P1, P2; P1 → S1.1, S1.2; S1.1 → F1, F2; P2 → S2.1 → F3."""
    store = log.store
    ids: dict[str, str] = {}
    d = _load(store, project_id)
    ids["p1"] = edits.add_child(log, d, d.aim.id, "Fælles start").id
    d = _load(store, project_id)
    ids["p2"] = edits.add_sibling(log, d, ids["p1"], "Én plan").id
    d = _load(store, project_id)
    ids["s11"] = edits.add_child(log, d, ids["p1"], "Fast mødetid").id
    d = _load(store, project_id)
    ids["s12"] = edits.add_child(log, d, ids["p1"], "Fælles screening").id
    d = _load(store, project_id)
    ids["s21"] = edits.add_child(log, d, ids["p2"], "Skabelon").id
    for key, parent, text in (("f1", "s11", "Tirsdagstid"), ("f2", "s11", "Ring op"),
                              ("f3", "s21", "Momentum-skabelon")):
        d = _load(store, project_id)
        ids[key] = edits.add_child(log, d, ids[parent], text).id
    return ids


def test_building_a_tree_numbers_and_orders_it(store: Store, project_id: str) -> None:
    log = UndoLog(store)
    ids = _build(log, project_id)
    d = _load(store, project_id)
    assert d.aim_saved and d.aim.kind is DriverKind.AIM and d.aim.text == ""
    assert _texts(d, d.aim.id) == ["Fælles start", "Én plan"]
    assert _texts(d, ids["s11"]) == ["Tirsdagstid", "Ring op"]
    assert [d.label(n, TX) for n in d.walk()] == [
        "Mål", "P1", "S1.1", "F1", "F2", "S1.2", "P2", "S2.1", "F3"]
    assert d.nodes[ids["s12"]].kind is DriverKind.SECONDARY
    assert d.nodes[ids["f3"]].kind is DriverKind.CHANGE_IDEA
    # a sibling goes right after its node, not at the end
    edits.add_sibling(log, d, ids["f1"], "Sms dagen før")
    assert _texts(_load(store, project_id), ids["s11"]) == ["Tirsdagstid", "Sms dagen før",
                                                              "Ring op"]
    with pytest.raises(TavleError) as refused:
        edits.add_child(log, _load(store, project_id), ids["f1"], "under en idé")
    assert refused.value.key == "driver.no_child"
    with pytest.raises(TavleError):
        edits.add_sibling(log, d, d.aim.id, "andet mål")
    with pytest.raises(InvalidError):
        edits.add_child(log, _load(store, project_id), ids["s11"], "   ")


def test_moves_keep_order_and_undo(store: Store, project_id: str) -> None:
    log = UndoLog(store)
    ids = _build(log, project_id)
    d = _load(store, project_id)
    assert edits.move(log, d, ids["f2"], -1)
    d = _load(store, project_id)
    assert _texts(d, ids["s11"]) == ["Ring op", "Tirsdagstid"]
    assert not edits.move(log, d, ids["f2"], -1)  # already the first
    assert not edits.move(log, d, d.aim.id, 1)
    assert edits.move(log, d, ids["p1"], 1)
    assert _texts(_load(store, project_id), d.aim.id) == ["Én plan", "Fælles start"]
    log.undo()
    log.undo()
    assert _texts(_load(store, project_id), ids["s11"]) == ["Tirsdagstid", "Ring op"]


def test_moves_renumber_when_no_key_fits(store: Store, project_id: str) -> None:
    log = UndoLog(store)
    ids = _build(log, project_id)
    with store.transaction():
        for key in ("f1", "f2"):
            changelog.update(store, DriverNode, ids[key], order="0010")
    d = _load(store, project_id)
    first, _second = d.kids(ids["s11"])
    edits.add_sibling(log, d, first, "imellem")
    d = _load(store, project_id)
    texts = _texts(d, ids["s11"])
    assert texts[1] == "imellem" and len(texts) == 3
    orders = [d.nodes[n].order for n in d.kids(ids["s11"])]
    assert orders == sorted(orders) and len(set(orders)) == 3


def test_reparent_never_makes_a_cycle(store: Store, project_id: str) -> None:
    log = UndoLog(store)
    ids = _build(log, project_id)
    d = _load(store, project_id)
    assert set(edits.parent_choices(d, ids["s11"])) == {ids["p2"]}
    assert ids["s11"] not in edits.parent_choices(d, ids["p1"])
    with pytest.raises(TavleError) as refused:
        edits.reparent(log, d, ids["p1"], ids["s11"])  # under its own child
    assert refused.value.key == "driver.would_cycle"
    with pytest.raises(TavleError) as refused:
        edits.reparent(log, d, ids["s11"], ids["s21"])  # a secondary under a secondary
    assert refused.value.key == "driver.wrong_parent"
    edits.reparent(log, d, ids["s11"], ids["p2"])
    d = _load(store, project_id)
    assert _texts(d, ids["p2"]) == ["Skabelon", "Fast mødetid"]  # at the end, branch with it
    assert _texts(d, ids["s11"]) == ["Tirsdagstid", "Ring op"]
    # a change idea may hang straight under a primary driver
    edits.reparent(log, d, ids["f3"], ids["p1"])
    d = _load(store, project_id)
    assert d.parent[ids["f3"]] == ids["p1"]
    for node in d.walk():  # every node is reached once: no cycle
        assert d.walk().count(node) == 1


def test_a_change_idea_under_two_drivers(store: Store, project_id: str) -> None:
    log = UndoLog(store)
    ids = _build(log, project_id)
    d = _load(store, project_id)
    edits.set_links(log, d, ids["f1"], [ids["s21"], ids["p2"], ids["s11"]])  # parent ignored
    d = _load(store, project_id)
    assert d.extra_drivers(ids["f1"]) == [ids["p2"], ids["s21"]]
    assert d.linked_ideas(ids["s21"]) == [ids["f1"]]
    assert d.ideas_of(ids["p2"]) == [ids["f3"], ids["f1"]]
    assert d.ideas_of(ids["s11"]) == [ids["f1"], ids["f2"]]
    assert d.rollup(d.aim.id).total == 3  # counted once
    edits.set_links(log, d, ids["f1"], [ids["p2"]])
    d = _load(store, project_id)
    assert d.extra_drivers(ids["f1"]) == [ids["p2"]]
    with pytest.raises(TavleError):
        edits.set_links(log, d, ids["s11"], [ids["p2"]])


def test_deleting_a_branch_is_one_undoable_step(store: Store, project_id: str) -> None:
    log = UndoLog(store)
    ids = _build(log, project_id)
    with store.transaction():
        measure = changelog.create(store, changelog.build(
            Measure, project_id=project_id, name="Andel med plan"))
    d = _load(store, project_id)
    edits.set_links(log, d, ids["f3"], [ids["s11"]])
    edits.set_measure_role(log, _load(store, project_id), measure.id, MeasureRole.PROCESS,
                           ids["s11"])
    before = len(_load(store, project_id).nodes)
    assert edits.delete_branch(log, _load(store, project_id), ids["p1"]) == 5
    d = _load(store, project_id)
    assert len(d.nodes) == before - 5 and ids["s11"] not in d.nodes
    assert not d.links and d.extra_drivers(ids["f3"]) == []
    assert changelog.load(store, Measure, measure.id).driver_node_id is None
    assert store.query("SELECT COUNT(*) AS n FROM driver_links WHERE _exists")[0]["n"] == 0
    log.undo()
    d = _load(store, project_id)
    assert len(d.nodes) == before
    assert d.extra_drivers(ids["f3"]) == [ids["s11"]]
    assert changelog.load(store, Measure, measure.id).driver_node_id == ids["s11"]
    assert [d.label(n, TX) for n in d.walk()][:3] == ["Mål", "P1", "S1.1"]
    with pytest.raises(TavleError):
        edits.delete_branch(log, d, d.aim.id)


def test_undoing_the_first_driver_removes_the_aim_and_it_comes_back(
        store: Store, project_id: str) -> None:
    log = UndoLog(store)
    d = _load(store, project_id)
    edits.add_child(log, d, d.aim.id, "Første driver")
    log.undo()
    d = _load(store, project_id)
    assert not d.aim_saved and d.is_empty
    edits.add_child(log, d, d.aim.id, "Igen")
    d = _load(store, project_id)
    assert d.aim_saved and _texts(d, d.aim.id) == ["Igen"]


def test_an_orphan_is_shown_under_the_aim(store: Store, project_id: str) -> None:
    log = UndoLog(store)
    ids = _build(log, project_id)
    with store.transaction():  # as if another unit deleted the parent without its children
        changelog.delete(store, DriverNode, ids["s21"])
    d = _load(store, project_id)
    assert d.parent[ids["f3"]] == d.aim.id
    assert ids["f3"] in d.walk()


def test_a_measures_role_is_validated(store: Store, project_id: str) -> None:
    log = UndoLog(store)
    ids = _build(log, project_id)
    with store.transaction():
        measure = changelog.create(store, changelog.build(
            Measure, project_id=project_id, name="Dage til første samtale"))
    assert measure.role is None and measure.driver_node_id is None
    d = _load(store, project_id)
    edits.set_measure_role(log, d, measure.id, "outcome", d.aim.id)
    assert changelog.load(store, Measure, measure.id).role is MeasureRole.OUTCOME
    with pytest.raises(ValueError):
        edits.set_measure_role(log, d, measure.id, "result", None)
    with pytest.raises(InvalidError), store.transaction():
        changelog.update(store, Measure, measure.id, role="result")
    for role, node, key in (
        (MeasureRole.OUTCOME, ids["f1"], "driver.misplaced.outcome"),
        (MeasureRole.PROCESS, d.aim.id, "driver.misplaced.process"),
        (None, ids["f1"], "driver.role_needed"),
        (MeasureRole.PROCESS, "no-such-node", "driver.no_such_node"),
    ):
        with pytest.raises(TavleError) as refused:
            edits.set_measure_role(log, d, measure.id, role, node)
        assert refused.value.key == key
    edits.set_measure_role(log, d, measure.id, MeasureRole.BALANCING, ids["f1"])
    edits.set_measure_role(log, d, measure.id, None, None)
    again = changelog.load(store, Measure, measure.id)
    assert again.role is None and again.driver_node_id is None
    log.undo()
    assert changelog.load(store, Measure, measure.id).role is MeasureRole.BALANCING


def test_links_and_nodes_travel_through_the_change_log(store: Store, project_id: str) -> None:
    log = UndoLog(store)
    ids = _build(log, project_id)
    edits.set_links(log, _load(store, project_id), ids["f1"], [ids["p2"]])
    entities = {row["entity"] for row in store.query("SELECT entity FROM sync_change")}
    assert {"driver_node", "driver_link"} <= entities
    link_id = DriverLink.id_for(ids["f1"], ids["p2"])
    assert changelog.load(store, DriverLink, link_id).driver_id == ids["p2"]
