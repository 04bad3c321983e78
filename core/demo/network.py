"""The demo's learning network: Jobcenter Nord is a member, presented the demo project at a
meeting three weeks ago, and got two tips back (seed 002: "what works best in the network is
when someone presents their improvement work").

Ids come from natural keys (`stable_id`), not the demo's random source; dates are day offsets
from the anchor Monday, like `core.demo.data`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.demo import data
from core.ids import stable_id
from core.models import (
    Network,
    NetworkMeeting,
    NetworkNote,
    NetworkPresentation,
    NetworkUnit,
    NoteKind,
)

if TYPE_CHECKING:
    from core.demo.builder import DemoBuild

NAME = "Læringsnetværk for beskæftigelse og sundhed"
COORDINATOR = "Karen Bech"
COORDINATOR_INITIALS = "KB"
COORDINATING_UNIT = "Sundhed og Omsorg – Træningsenheden"
MEMBERS = (data.UNIT, "Jobcenter Syd", COORDINATING_UNIT)
MEETING_DAY = -3 * data.W + 3
"""Thursday three weeks before the anchor Monday's week."""
MEETING_TITLE = "Tema: tidstro data – enhederne fortæller"
OTHER_PRESENTATION = ("Jobcenter Syd", "Færre aflyste samtaler")
"""A presentation of a project that is not in the demo database (typed by name)."""
TIPS = (
    "Vis seriediagrammet på hvert kaizen-møde, også når intet har ændret sig – så ser I "
    "signalet, når det kommer.",
    "Jobcenter Syd sender en sms dagen før samtalen og har halveret udeblivelserne. Prøv det "
    "som en lille afprøvning.",
)


def build_network(b: DemoBuild) -> None:
    """Write the network, its members, the past meeting with its agenda, and the two tips."""
    network_id = stable_id(b.project_id, "demo_network")
    b.add(Network(id=network_id, name=NAME, coordinator=COORDINATOR, unit=COORDINATING_UNIT))
    for name in MEMBERS:
        b.add(NetworkUnit(id=stable_id(network_id, "unit", name), network_id=network_id,
                          name=name))
    meeting_id = stable_id(network_id, "meeting", MEETING_DAY)
    day = b.day(MEETING_DAY)
    b.add(NetworkMeeting(id=meeting_id, network_id=network_id, held_on=day,
                         title=MEETING_TITLE))
    b.add(NetworkPresentation(
        id=stable_id(network_id, "presentation", 1), network_id=network_id,
        meeting_id=meeting_id, unit=data.UNIT, project_id=b.project_id,
        project_name=data.PROJECT_NAME, order="0010"))
    unit, project = OTHER_PRESENTATION
    b.add(NetworkPresentation(
        id=stable_id(network_id, "presentation", 2), network_id=network_id,
        meeting_id=meeting_id, unit=unit, project_name=project, order="0020"))
    for index, text in enumerate(TIPS):
        b.add(NetworkNote(
            id=stable_id(network_id, "tip", index), network_id=network_id,
            meeting_id=meeting_id, kind=NoteKind.TIP, text=text, unit=data.UNIT,
            project_id=b.project_id if index == 0 else None, author=COORDINATOR_INITIALS,
            written_on=day))
