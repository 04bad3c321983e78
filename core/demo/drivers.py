"""The demo's driver diagram: the aim (its text empty: the charter's purpose), 3 primary and 5
secondary drivers and 9 change ideas tied to the demo's ideas, cards and cycles, and each
measure's role. Ids come from natural keys (`stable_id`), not the demo's random source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.db import changelog
from core.demo import plan
from core.ids import stable_id
from core.models import Measure

if TYPE_CHECKING:
    from core.demo.builder import DemoBuild


def build_drivers(b: DemoBuild) -> None:
    """The aim (its text empty: the charter's purpose), drivers and change ideas, their tests
    and extra drivers, and each measure's role; ids from natural keys, not the random source."""
    from core.demo.builder import demo_order
    from core.models import DriverKind, DriverLink, DriverNode, DriverTest

    pid = b.project_id
    aim = DriverNode.aim_id(pid)
    node = {spec.key: stable_id(pid, "demo_driver", spec.key) for spec in plan.DRIVERS}
    b.add(DriverNode(id=aim, project_id=pid, kind=DriverKind.AIM))
    for index, spec in enumerate(plan.DRIVERS):
        b.add(DriverNode(id=node[spec.key], project_id=pid, kind=spec.kind, text=spec.text,
                         parent_id=node[spec.parent] if spec.parent else aim,
                         order=demo_order(index)))
        for kind, key in spec.tests:
            b.add(DriverTest(id=DriverTest.id_for(node[spec.key], kind, b.id(key)),
                             project_id=pid, node_id=node[spec.key], ref_kind=kind,
                             ref_id=b.id(key)))
        for key in spec.also:
            b.add(DriverLink(id=DriverLink.id_for(node[spec.key], node[key]), project_id=pid,
                             node_id=node[spec.key], driver_id=node[key]))
    for measure, (role, at) in plan.MEASURE_ROLES.items():
        changelog.update(b.store, Measure, b.id(measure), role=role,
                         driver_node_id=node[at] if at else aim)
