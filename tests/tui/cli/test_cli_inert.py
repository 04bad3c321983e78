"""The `tavle` command prints nothing a terminal obeys, and masks every CPR number in a message.

A received file whose manifest names its unit, project or user with terminal escapes is refused
and nothing of it reaches stdout or stderr; text already in the database (a project's name) or
a file's own name is printed inert. A project's name or a record's label that holds a CPR number
is shown masked in every message: the hit list, "no such project", the ambiguous list, the log.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from core import clock
from core.db import changelog
from core.db.logrows import register
from core.db.store import Store
from core.models import Action
from core.project import projects
from core.sync import cpr_guard
from core.sync.cpr_numbers import is_cpr
from core.sync.exporter import export_scope
from core.values.inert import has_hidden
from tui.cli.main import main

CPR = "010190-1239"
"""A CPR number with a real date (1 January 1990)."""
HOSTILE = "Nord\x1b[2J\x1b]0;Opdatering\x07\x1b[1A\x1b[2K\r\x9b2J\x08\u202eeslaf"
"""Clear screen, window title, cursor up + erase line, bare CR, C1 CSI, backspace, RLO."""


def _clean(*texts: str) -> None:
    """No control character (but the newlines between lines) and no bidi control."""
    for text in texts:
        assert not has_hidden(text.replace("\n", "")), repr(text)


def _changes(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        register(conn)  # the view's set_json function (m018)
        (count,) = conn.execute("SELECT COUNT(*) FROM sync_change").fetchone()
    return int(count)


@pytest.fixture
def sent(tmp_path: Path) -> Path:
    """A plain (unsealed) file of a small project."""
    source = Store.open(tmp_path / "source.db", fingerprint="source")
    project = projects.create_project(source, "Sygefravær")
    with source.transaction():
        changelog.create(source, Action(project_id=project.id, change="Borgeren ringer selv"))
    (tmp_path / "ud").mkdir()
    path = export_scope(source, project.id, folder=tmp_path / "ud").path
    source.close()
    return path


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "target.db"
    Store.open(path, fingerprint="target").close()
    return path


def _with_manifest(path: Path, where: str, text: str, out: Path) -> Path:
    """`path` with one string of its manifest replaced (the payload and its checksum kept)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    if where == "unit":
        manifest["sender"]["unit"] = text
    elif where == "user":
        manifest["sender"]["user"] = text[:64]
    else:
        manifest["scopes"][0]["name"] = text
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
@pytest.mark.parametrize("where", ["unit", "project", "user"])
def test_a_file_with_escapes_in_its_manifest_is_refused_and_prints_none(
    sent: Path, target: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    where: str, dry_run: bool,
) -> None:
    hostile = _with_manifest(sent, where, HOSTILE, tmp_path / "hostile.tavle")
    args = ["import", str(hostile), "--db", str(target), *(["--dry-run"] if dry_run else [])]
    for lang in ("da", "en", "nb"):
        assert main([*args, "--lang", lang]) == 2
        out, err = capsys.readouterr()
        _clean(out, err)
        assert "\x1b" not in out + err and "\x9b" not in out + err
        assert "Nord" not in err and not out
    assert "skjulte kontrolltegn" in err  # the last language: Norwegian
    assert _changes(target) == 0


def test_the_same_file_with_plain_names_imports(
    sent: Path, target: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The refusal is about the characters, not the file: with plain names it imports."""
    plain = _with_manifest(sent, "unit", "Jobcenter Nord", tmp_path / "plain.tavle")
    assert main(["import", str(plain), "--db", str(target)]) == 0
    assert "Jobcenter Nord" in capsys.readouterr().out
    assert _changes(target) > 0


def test_a_files_own_name_is_printed_inert(
    sent: Path, target: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mail attachment saved under a hostile name: the preview's heading names the file."""
    renamed = sent.rename(tmp_path / "Tavle\x1b[2J\x9b2J\u202e.tavle")
    assert main(["import", str(renamed), "--db", str(target), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    _clean(out, err)
    assert "Tavle?[2J?2J?.tavle" in out


def test_names_from_the_database_are_printed_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project named with escapes (imported before this check, or pasted): every message
    that lists it prints it inert."""
    db = tmp_path / "tavle.db"
    store = Store.open(db)
    projects.create_project(store, f"Sygefravær {HOSTILE}")
    projects.create_project(store, f"Sygefravær B {HOSTILE}")
    store.close()
    for args in (["report", "Ingen sådan"], ["report"], ["export", "Ingen sådan"],
                 ["report", "Sygefravær"], ["export", "Sygefravær"]):
        assert main([*args, "--db", str(db)]) == 2
        out, err = capsys.readouterr()
        _clean(out, err)
        assert "Sygefravær Nord?[2J?]0;Opdatering??[1A?[2K??2J??eslaf" in err, args


# -- every number masked ---------------------------------------------------------------------


@pytest.fixture
def borger(tmp_path: Path) -> Path:
    """Two projects named with a CPR number, one with an action whose label holds it."""
    assert is_cpr(CPR.replace("-", ""))
    db = tmp_path / "borger.db"
    store = Store.open(db)
    project = projects.create_project(store, f"Borger {CPR}")
    projects.create_project(store, f"Borger {CPR} igen")
    with store.transaction():
        changelog.create(store, Action(project_id=project.id, change=f"Ring til borger {CPR}"))
    store.close()
    return db


@pytest.mark.parametrize("args", [
    ["report", "Ingen sådan"], ["report", f"Ingen {CPR}"], ["report"], ["report", "Borger"],
    ["export", "Ingen sådan"], ["export", f"Ingen {CPR}"], ["export", "Borger"],
], ids=["report-unknown", "report-typed", "report-none", "report-ambiguous",
        "export-unknown", "export-typed", "export-ambiguous"])
def test_messages_that_list_projects_mask_the_number(
    borger: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert main([*args, "--db", str(borger)]) == 2
    out, err = capsys.readouterr()
    assert "1239" not in out + err
    assert "Borger 010190-****" in err


def test_the_hit_list_masks_the_records_label_and_the_log_keeps_no_number(
    borger: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out_dir = tmp_path / "ud"
    out_dir.mkdir()
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path / "docs"))
    (tmp_path / "docs").mkdir()
    name = f"Borger {CPR}"
    assert main(["export", name, "--db", str(borger), "-o", str(out_dir)]) == 2
    out, err = capsys.readouterr()
    assert "1239" not in out + err
    assert "Handlinger · Ring til borger 010190-**** · Ændring/opgave: " in err
    assert "Projekter · Borger 010190-**** · Navn: " in err
    assert list(out_dir.iterdir()) == []

    # Sent anyway with a reason: the log names the project (the file is named later) masked.
    # (The file's own name is made from the project's name: `core.paths.slug` keeps the number.)
    assert main(["export", name, "--db", str(borger), "--allow-cpr", f"Testdata {CPR}"]) == 0
    out, err = capsys.readouterr()
    assert "1239" not in err
    store = Store.open(borger)
    try:
        [entry] = cpr_guard.guard_entries(store)
    finally:
        store.close()
    assert (entry.what, entry.target, entry.reason) == (
        "export", "Borger 010190-****", "Testdata 010190-****")


def test_a_report_stopped_by_the_guard_masks_the_label(
    borger: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path / "docs"))
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 11, 24))  # the report's day
    target = tmp_path / "r.md"
    assert main(["report", f"Borger {CPR}", "-o", str(target), "--since", "01-09-2026",
                 "--db", str(borger)]) == 2
    out, err = capsys.readouterr()
    assert "1239" not in out + err and "010190-****" in err
    assert not target.exists()
