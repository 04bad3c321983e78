"""How many values the teams have entered for a key figure: what the question before deleting
the figure counts, and what the delete takes with it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.db.store import Store
from core.db.undo import UndoLog
from core.i18n import Translator
from core.teams import figures as team_figures
from core.teams import key_figures
from core.teams import organisation as teams

DA = Translator("da")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "teams.db")
    yield s
    s.close()


def test_value_count_counts_every_teams_live_values_of_the_figure(store: Store) -> None:
    org = teams.create_organisation(store, "Hjemmeplejen", DA, unit="Haderslev").id
    log = UndoLog(store)
    nord, syd = teams.add_team(log, org, "Team Nord"), teams.add_team(log, org, "Team Syd")
    sick, client_time = key_figures.figures(store, org)[:2]
    assert key_figures.value_count(store, sick.id) == 0
    for team, period, value in ((nord, "2026-W46", "4,1"), (nord, "2026-W47", "3,9"),
                                (syd, "2026-W47", "6")):
        team_figures.set_value(log, team.id, sick, period, value)
    team_figures.set_value(log, nord.id, client_time, "2026-W47", "55")
    assert key_figures.value_count(store, sick.id) == 3
    team_figures.set_value(log, syd.id, sick, "2026-W47", "")  # an emptied cell is deleted
    assert key_figures.value_count(store, sick.id) == 2
    assert key_figures.value_count(store, client_time.id) == 1
    assert key_figures.delete_figure(log, sick.id) == 2
    assert key_figures.value_count(store, sick.id) == 0
