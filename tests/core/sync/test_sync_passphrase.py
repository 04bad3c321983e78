"""A project's team passphrase: its files are encrypted and sealed, and refused when wrong."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.i18n import Translator
from core.models import Action
from core.project import projects
from core.sync import passphrase as team
from core.sync.dump import canonical_dump
from core.sync.errors import SyncFileError
from core.sync.exporter import export_scope
from core.sync.importer import apply_import, preview_import
from core.sync.passphrase import passphrase_for, set_passphrase

SECRET = "Grøn kaffe på tirsdag"


@pytest.fixture(autouse=True)
def _cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """The smallest cost a file may ask for, so the tests run quickly."""
    monkeypatch.setattr(team, "SCRYPT_N", team.MIN_N)


@pytest.fixture
def sealed(tmp_path: Path) -> tuple[Store, Path, str]:
    source = Store.open(tmp_path / "source.db", fingerprint="source")
    project = projects.create_project(source, "Sygefravær")
    with source.transaction():
        changelog.create(source, Action(project_id=project.id, change="Borgeren ringer selv"))
    set_passphrase(source, project.id, SECRET)
    path = export_scope(source, project.id, folder=tmp_path).path
    return source, path, project.id


def _target(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "target.db", fingerprint="target")


def _refused(store: Store, path: Path, key: str, **kwargs: str) -> None:
    before = canonical_dump(store)
    for run in (preview_import, apply_import):
        with pytest.raises(SyncFileError) as error:
            run(store, path, **kwargs)
        assert error.value.key == key
        for lang in ("da", "en"):
            assert error.value.message(Translator(lang))
    assert canonical_dump(store) == before


def _rewrite(path: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members = change(members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def test_a_sealed_file_holds_no_readable_content_and_round_trips(sealed, tmp_path) -> None:
    _, path, project_id = sealed
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["manifest.json", "payload.bin"]
        assert b"Borgeren ringer selv" not in archive.read("payload.bin")
        assert json.loads(archive.read("manifest.json"))["crypto"]["aead"] == "AES-256-GCM"
    target = _target(tmp_path)
    _refused(target, path, "sync.error.passphrase_needed")
    preview = apply_import(target, path, passphrase=SECRET)
    assert preview.counts["action"].created == 1
    assert target.query("SELECT change FROM actions") == [{"change": "Borgeren ringer selv"}]
    # Once the passphrase is set here, the unit's files open without asking.
    set_passphrase(target, project_id, SECRET)
    assert passphrase_for(target, project_id) == SECRET
    assert preview_import(target, path).already_imported


def test_a_wrong_passphrase_is_told_apart_from_a_changed_file(sealed, tmp_path) -> None:
    _, path, _ = sealed
    target = _target(tmp_path)
    _refused(target, path, "sync.error.wrong_passphrase", passphrase="forkert kodeord")

    def flip(members: dict[str, bytes]) -> dict[str, bytes]:
        payload = bytearray(members["payload.bin"])
        payload[len(payload) // 2] ^= 0x01
        return {**members, "payload.bin": bytes(payload)}

    _refused(target, _rewrite(path, tmp_path / "flipped.tavle", flip), "sync.error.tampered",
             passphrase=SECRET)


def test_a_changed_manifest_is_refused(sealed, tmp_path) -> None:
    _, path, _ = sealed
    target = _target(tmp_path)

    def rename_unit(members: dict[str, bytes]) -> dict[str, bytes]:
        manifest = json.loads(members["manifest.json"])
        manifest["sender"]["unit"] = "Falsk afsender"
        return {**members, "manifest.json": json.dumps(manifest).encode()}

    _refused(target, _rewrite(path, tmp_path / "changed.tavle", rename_unit),
             "sync.error.tampered", passphrase=SECRET)


def test_hidden_characters_in_a_sealed_manifest_are_refused_before_the_passphrase(
    sealed, tmp_path
) -> None:
    """The manifest is read before anyone is asked for the passphrase (whose question names the
    unit): a unit named with a terminal escape is refused at once, with or without it."""
    _, path, _ = sealed
    target = _target(tmp_path)

    def escape_unit(members: dict[str, bytes]) -> dict[str, bytes]:
        manifest = json.loads(members["manifest.json"])
        manifest["sender"]["unit"] = "Nord\x1b]0;Opdatering\x07\x1b[2J"
        return {**members, "manifest.json": json.dumps(manifest).encode()}

    hostile = _rewrite(path, tmp_path / "hostile.tavle", escape_unit)
    _refused(target, hostile, "sync.error.hidden_characters")
    _refused(target, hostile, "sync.error.hidden_characters", passphrase=SECRET)


def test_a_file_sealed_for_one_project_cannot_pass_for_another(sealed, tmp_path) -> None:
    source, path, _ = sealed
    other = projects.create_project(source, "Andet projekt")

    def retarget(members: dict[str, bytes]) -> dict[str, bytes]:
        manifest = json.loads(members["manifest.json"])
        manifest["scopes"][0]["id"] = other.id
        return {**members, "manifest.json": json.dumps(manifest).encode()}

    target = _target(tmp_path)
    set_passphrase(target, other.id, "et andet kodeord")
    forged = _rewrite(path, tmp_path / "forged.tavle", retarget)
    _refused(target, forged, "sync.error.wrong_passphrase")
    _refused(target, forged, "sync.error.tampered", passphrase=SECRET)


def test_a_plain_file_for_a_project_with_a_passphrase_is_imported_with_a_warning(
    tmp_path: Path,
) -> None:
    source = Store.open(tmp_path / "source.db", fingerprint="source")
    project = projects.create_project(source, "Sygefravær")
    path = export_scope(source, project.id, folder=tmp_path).path
    target = _target(tmp_path)
    set_passphrase(target, project.id, SECRET)
    preview = apply_import(target, path)
    assert ("sync.warn.unsealed", {"unit": ""}) in preview.warnings


def test_a_short_passphrase_is_refused_and_one_can_be_removed(tmp_path: Path) -> None:
    store = _target(tmp_path)
    with pytest.raises(SyncFileError) as error:
        set_passphrase(store, "p", "kort")
    assert error.value.key == "sync.error.passphrase_short"
    set_passphrase(store, "p", SECRET)
    set_passphrase(store, "p", None)
    assert passphrase_for(store, "p") is None


def test_a_hostile_scrypt_cost_is_refused_before_any_work(sealed, tmp_path) -> None:
    _, path, _ = sealed

    def expensive(members: dict[str, bytes]) -> dict[str, bytes]:
        manifest = json.loads(members["manifest.json"])
        manifest["crypto"]["n"] = 2**30
        return {**members, "manifest.json": json.dumps(manifest).encode()}

    _refused(_target(tmp_path), _rewrite(path, tmp_path / "cost.tavle", expensive),
             "sync.error.manifest_invalid", passphrase=SECRET)


@pytest.mark.parametrize("stdin", ["none", "closed", "pipe"])
def test_tavle_import_without_a_terminal_says_the_file_needs_its_passphrase(
    sealed, tmp_path, monkeypatch, stdin: str,
) -> None:
    """Under a scheduler standard input may be missing, closed or a pipe: no question is asked
    and no traceback is shown; the file is refused with what it needs, exit status 2."""
    import sys
    from contextlib import redirect_stderr, redirect_stdout

    from tui.cli.main import main as tavle_command

    _source, path, _project_id = sealed
    target = _target(tmp_path)
    target.close()
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stdin", {"none": None, "closed": closed,
                                       "pipe": io.StringIO("")}[stdin])
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = tavle_command(["--db", str(tmp_path / "target.db"), "--lang", "da", "import",
                                str(path)])
    assert status == 2
    assert "Traceback" not in err.getvalue()
    assert SyncFileError("sync.error.passphrase_needed").message(Translator("da")) in \
        err.getvalue()
