"""`tavle sync`: a shared folder from the command line, for a scheduled task – join a folder,
sync every project that has one, what came in and went out per project, the units' status, and
exit status 2 when a folder cannot be used or a personal number stops the write."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.models import Action
from core.project import projects
from core.sync.dump import canonical_dump
from core.sync.folder import shared_folder
from tui.cli.main import main


def _unit(path: Path, name: str, project: str | None = None) -> str | None:
    store = Store.open(path, fingerprint=name)
    store.set_unit_name(name)
    project_id = None
    if project is not None:
        project_id = projects.create_project(store, project, unit=name).id
        with store.transaction():
            changelog.create(store, Action(project_id=project_id, change="Ring til borgeren"))
    store.close()
    return project_id


@pytest.fixture
def units(tmp_path: Path) -> tuple[Path, Path, Path, str]:
    folder = tmp_path / "Fælles"
    folder.mkdir()
    nord, syd = tmp_path / "nord.db", tmp_path / "syd.db"
    project_id = _unit(nord, "Jobcenter Nord", "Sygefravær i hjemmeplejen")
    _unit(syd, "Jobcenter Syd")
    assert project_id is not None
    return nord, syd, folder, project_id


def _dump(path: Path) -> str:
    store = Store.open(path)
    try:
        return canonical_dump(store)
    finally:
        store.close()


def test_a_project_starts_using_a_folder_and_another_unit_joins_it(
    units, capsys: pytest.CaptureFixture[str]
) -> None:
    nord, syd, folder, project_id = units
    assert main(["sync", str(folder), "--project", "Sygefravær", "--db", str(nord)]) == 0
    out = capsys.readouterr().out
    assert "Sygefravær i hjemmeplejen" in out
    assert "Skrevet til den fælles mappe: 2 ændringer (Tavle_Sygefravaer" in out
    assert main(["sync", str(folder), "--db", str(syd)]) == 0
    out = capsys.readouterr().out
    assert "Fra den fælles mappe: 2 ændringer fra Jobcenter Nord" in out
    assert "kvittering" in out
    assert _dump(nord) == _dump(syd)
    store = Store.open(syd)
    assert shared_folder(store, project_id) == folder.absolute()
    store.close()
    # the scheduled task: no arguments, every project with a folder
    assert main(["--lang", "en", "sync", "--db", str(nord)]) == 0
    out = capsys.readouterr().out
    assert "Nothing new from the other units in the shared folder." in out
    assert "Jobcenter Syd: wrote" in out and "has seen everything" in out


def test_without_a_folder_it_says_how_to_choose_one(units, capsys) -> None:
    nord, _syd, _folder, _project = units
    assert main(["sync", "--db", str(nord)]) == 2
    assert "tavle sync MAPPE --project PROJEKT" in capsys.readouterr().err
    assert main(["sync", "--project", "Sygefravær", "--db", str(nord)]) == 2
    assert "har ingen fælles mappe" in capsys.readouterr().err


def test_an_empty_folder_and_an_unknown_project_are_refused(units, tmp_path: Path, capsys) -> None:
    nord, _syd, folder, _project = units
    assert main(["sync", str(folder), "--db", str(nord)]) == 2
    assert "ingen Tavle-filer" in capsys.readouterr().err
    assert main(["sync", str(folder), "--project", "Findes ikke", "--db", str(nord)]) == 2
    assert capsys.readouterr().err


def test_an_unreachable_folder_is_exit_2_with_a_message(units, tmp_path: Path, capsys) -> None:
    nord, _syd, folder, _project = units
    assert main(["sync", str(folder), "--project", "Sygefravær", "--db", str(nord)]) == 0
    capsys.readouterr()
    folder.rename(tmp_path / "flyttet")
    assert main(["sync", "--db", str(nord)]) == 2
    out = capsys.readouterr().out
    assert "kan ikke nås" in out and "Traceback" not in out


def test_a_personal_number_stops_the_write(units, capsys) -> None:
    nord, _syd, folder, project_id = units
    store = Store.open(nord)
    with store.transaction():
        changelog.create(store, Action(project_id=project_id, change="Ring 010190-1234"))
    store.close()
    assert main(["sync", str(folder), "--project", project_id, "--db", str(nord)]) == 2
    out = capsys.readouterr().out
    assert "Intet er skrevet til den fælles mappe" in out and "010190-1234" not in out
    assert list(folder.iterdir()) == []


def test_keep_days_is_remembered_per_project(units, capsys) -> None:
    from core.sync.folder import keep_days

    nord, _syd, folder, project_id = units
    assert main(["sync", str(folder), "--project", "Sygefravær", "--keep-days", "7",
                 "--db", str(nord)]) == 0
    store = Store.open(nord)
    assert keep_days(store, project_id) == 7
    store.close()
