"""Hostile and broken `.tavle` files: each is refused with its own message, the database untouched.

One realistic file (the demo project, edited after a first export, exported full) is damaged in
every way the issue and sync-design.md §5.2 list, and imported into two targets: an empty
database, and one that imported the earlier export and holds a project of its own. For every
refusal both `preview_import` and `apply_import` raise `SyncFileError` with the exact key, and the
target's canonical dump, `PRAGMA integrity_check` and the rows of every `sync_*` table are as
before; the message renders in Danish and English with every placeholder filled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import random
import re
import shutil
import struct
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import nullcontext, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from core.db import changelog
from core.db.changelog import VOCAB, canonical_json
from core.db.store import Store, host_fingerprint
from core.demo.build import open_demo
from core.i18n import Translator
from core.models import Action, ActionStatus, Measurement
from core.plan.actions import load_plan
from core.project.projects import create_project
from core.sync import fileformat
from core.sync.dump import canonical_dump
from core.sync.errors import SyncFileError
from core.sync.exporter import export_scope
from core.sync.fileformat import MANIFEST, PAYLOAD
from core.sync.importer import KEEP_BACKUPS, apply_import, preview_import
from core.sync.outcomes import ImportPreview
from tui.cli.main import main as tavle_command

TODAY = dt.date(2026, 11, 24)
FINGERPRINT = host_fingerprint()
"""This PC's: the `tavle` command opens the targets too, and must not rotate their replica id."""
NEW_REPLICA = "0b5e7a11-0000-4000-8000-00000000f11e"
"""A replica id no database here has: lines added by a test come from it."""
TARGETS = ("empty", "imported")


# -- the world: a source, its files, two targets ----------------------------------------------


@dataclass(frozen=True)
class World:
    folder: Path
    project_id: str
    early: Path
    """The first full export of the demo (the "imported" target holds it)."""
    file: Path
    """The realistic file: the demo after edits and a deletion, exported full."""
    templates: dict[str, Path]
    own_project_id: str
    own_action_id: str
    """A project and an action of the "imported" target alone (not in any file)."""
    reference: dict[str, str]
    """The canonical dump of each target after importing `file` intact."""


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    folder = tmp_path_factory.mktemp("sync_faults")
    source = open_demo(folder / "source.db", today=TODAY)
    project_id = source.execute("SELECT id FROM projects").fetchone()[0]
    early = export_scope(source, project_id, full=True, path=folder / "early.tavle").path
    action_ids = [r[0] for r in source.execute(
        "SELECT id FROM actions WHERE project_id = ? ORDER BY id", [project_id])]
    with source.transaction():
        changelog.update(source, Action, action_ids[0], change="Ny tekst efter første fil")
        changelog.update(source, Action, action_ids[1], status=ActionStatus.DONE)
        changelog.delete(source, Action, action_ids[2])
    file = export_scope(source, project_id, full=True, path=folder / "file.tavle").path
    source.close()

    empty = Store.open(folder / "empty.db", fingerprint=FINGERPRINT)
    empty.close()
    imported = Store.open(folder / "imported.db", fingerprint=FINGERPRINT)
    apply_import(imported, early)
    own = create_project(imported, "Egen [/x] projekt")
    with imported.transaction():
        own_action = changelog.create(imported, Action(project_id=own.id, change="Egen handling"))
    imported.close()
    templates = {"empty": folder / "empty.db", "imported": folder / "imported.db"}

    reference = {}
    for name, template in templates.items():
        copy = folder / f"reference-{name}.db"
        shutil.copy(template, copy)
        store = Store.open(copy, fingerprint=FINGERPRINT)
        apply_import(store, file)
        reference[name] = canonical_dump(store)
        store.close()
    return World(folder, project_id, early, file, templates, own.id, own_action.id, reference)


@pytest.fixture(params=TARGETS)
def target_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def target(world: World, target_name: str, tmp_path: Path) -> Iterator[Store]:
    """A fresh copy of one target database."""
    store = _open_target(world, tmp_path, target_name)
    yield store
    store.close()


def _open_target(world: World, tmp_path: Path, name: str) -> Store:
    path = tmp_path / f"{name}.db"
    shutil.copy(world.templates[name], path)
    return Store.open(path, fingerprint=FINGERPRINT)


# -- checking a refusal -----------------------------------------------------------------------


def _state(store: Store, *, every_row: bool = False) -> tuple[str, str, dict[str, list[tuple]]]:
    """The canonical dump, the integrity check and the rows of every sync table (those the dump
    holds already, the heads and the changes, only by count unless `every_row`)."""
    (integrity,) = store.execute("PRAGMA integrity_check").fetchone()
    tables = [r[0] for r in store.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'sync%' ORDER BY name")]
    rows = {
        t: (store.execute(f'SELECT COUNT(*) FROM "{t}"').fetchall()
            if t == "sync_change" and not every_row
            else sorted(store.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr))
        for t in tables
    }
    return canonical_dump(store), integrity, rows


def _renders(error: SyncFileError) -> None:
    """The message exists in both languages and has no placeholder left."""
    for lang in ("da", "en"):
        tr = Translator(lang)
        assert tr.has(error.key), f"{error.key} missing in {lang}"
        text = error.message(tr)
        assert text and text != error.key
        assert not re.search(r"\{\w*\}", text), text


def refused(store: Store, path: Path, *keys: str) -> SyncFileError:
    """Preview, import and `tavle import` all refuse, the first two with one of `keys`, the
    command with exit status 2 and the message; nothing in the database changes."""
    before = _state(store)
    assert before[1] == "ok"
    errors = []
    for run in (preview_import, apply_import):
        with pytest.raises(SyncFileError) as info:
            run(store, path)
        errors.append(info.value)
        assert _state(store) == before, f"{run.__name__} changed the database"
    assert errors[0].key == errors[1].key
    if keys:
        assert errors[0].key in keys, errors[0].key
    assert errors[0].key.startswith("sync.error.")
    _renders(errors[0])
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = tavle_command(["--db", str(store.path), "--lang", "da", "import", str(path)])
    assert status == 2, err.getvalue()
    assert errors[0].message(Translator("da")) in err.getvalue()
    assert "Traceback" not in err.getvalue() and not out.getvalue()
    assert _state(store) == before, "tavle import changed the database"
    return errors[0]


# -- reading and rewriting files --------------------------------------------------------------


def read_parts(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The manifest and the change lines of a file."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        lines = archive.read(PAYLOAD).decode().splitlines()
    return manifest, lines


def write_parts(
    path: Path,
    manifest: dict[str, Any] | bytes,
    payload: list[str] | bytes,
    *,
    fix: bool = True,
    method: int = zipfile.ZIP_DEFLATED,
    extra: tuple[tuple[str, bytes], ...] = (),
) -> Path:
    """Write a file; with `fix`, the manifest's payload size, SHA-256 and counts (in all and per
    kind, for the lines that are JSON changes) are made right."""
    data = payload if isinstance(payload, bytes) else "".join(f"{x}\n" for x in payload).encode()
    if isinstance(manifest, dict):
        if fix:
            manifest = json.loads(json.dumps(manifest))
            manifest["payload"]["bytes"] = len(data)
            manifest["payload"]["sha256"] = hashlib.sha256(data).hexdigest()
            manifest["counts"]["changes"] = len(data.splitlines())
            manifest["counts"]["by_entity"] = kind_counts(data)
        manifest_bytes = json.dumps(manifest, ensure_ascii=False).encode()
    else:
        manifest_bytes = manifest
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(MANIFEST, manifest_bytes, compress_type=zipfile.ZIP_STORED)
        archive.writestr(PAYLOAD, data, compress_type=method)
        for name, content in extra:
            archive.writestr(name, content)
    return path


def kind_counts(data: bytes) -> dict[str, int]:
    """The changes per kind in a payload, as a manifest counts them (lines that are no JSON
    object of a change, or whose kind is no name, are not counted: a manifest could not list
    them)."""
    counts: Counter[str] = Counter()
    for line in data.splitlines():
        try:
            change = json.loads(line)
        except (ValueError, RecursionError):
            continue
        kind = change.get("e") if isinstance(change, dict) else None
        if isinstance(kind, str) and re.fullmatch(r"[a-z_][a-z0-9_]{0,63}", kind):
            counts[kind] += 1
    return dict(sorted(counts.items()))


def rewritten(
    world: World, tmp_path: Path, edit: Callable[[dict[str, Any], list[dict[str, Any]]], Any],
    *, name: str = "edited.tavle", method: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """The realistic file, its manifest and decoded lines edited in place by `edit`."""
    manifest, lines = read_parts(world.file)
    changes = [json.loads(line) for line in lines]
    edit(manifest, changes)
    return write_parts(tmp_path / name, manifest, [canonical_json(c) for c in changes],
                       method=method)


def new_line(world: World, changes: list[dict[str, Any]], entity: str, record_id: str,
             values: dict[str, Any], *, seq: int = 1, vocab: int = VOCAB,
             prev: dict[str, Any] | None = None) -> dict[str, Any]:
    """A valid change line from `NEW_REPLICA`, stamped after every change of the file."""
    return {"p": world.project_id, "r": NEW_REPLICA, "s": seq,
            "h": max(c["h"] for c in changes) + seq, "e": entity, "id": record_id,
            "set": values, "prev": prev or {}, "a": "ZZ", "v": vocab}


def first(changes: list[dict[str, Any]], entity: str) -> dict[str, Any]:
    """The first create of an entity in the file."""
    return next(c for c in changes if c["e"] == entity and c["set"].get("_exists") is True)


# -- not a Tavle file -------------------------------------------------------------------------


def _xlsx_like() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        "Referat fra tavlemødet\nHandling: ring til borgeren\n".encode(),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        _xlsx_like(),
        b"PK\x05\x06" + b"\x00" * 18,  # an empty zip: only the end record
    ],
    ids=["empty", "text", "pdf", "xlsx", "empty-zip"],
)
def test_not_a_tavle_file(target: Store, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fil.tavle"
    path.write_bytes(content)
    refused(target, path, "sync.error.not_tavle")


def test_a_folder_or_a_missing_path_is_not_a_file(target: Store, tmp_path: Path) -> None:
    (tmp_path / "mappe.tavle").mkdir()
    refused(target, tmp_path / "mappe.tavle", "sync.error.not_a_file")
    refused(target, tmp_path / "findes-ikke.tavle", "sync.error.not_a_file")


# -- truncation and flipped bytes ---------------------------------------------------------------


def _cuts(size: int) -> list[int]:
    return sorted({size * k // 16 for k in range(16)} | {1, 10, size - 1})


def test_truncated_at_every_sixteenth(world: World, target: Store, tmp_path: Path) -> None:
    """Cut short anywhere: a zip without its end is damaged; under 4 bytes it is not even a zip."""
    data = world.file.read_bytes()
    for cut in _cuts(len(data)):
        path = tmp_path / f"cut-{cut}.tavle"
        path.write_bytes(data[:cut])
        expected = "sync.error.not_tavle" if cut < 4 else "sync.error.damaged"
        assert refused(target, path).key == expected, cut


@dataclass(frozen=True)
class Layout:
    """Where the parts of a file are: the manifest, the payload, the central directory."""

    manifest: range
    payload: range
    directory: range


def layout(data: bytes) -> Layout:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        payload = archive.getinfo(PAYLOAD)
    directory = data.rindex(b"PK\x05\x06")
    start = struct.unpack("<I", data[directory + 16 : directory + 20])[0]
    return Layout(range(payload.header_offset), range(payload.header_offset, start),
                  range(start, len(data)))


def _flip_positions(data: bytes, seed: str) -> list[int]:
    """25 positions per target (50 in all): 10 in the payload member, 8 in the manifest member,
    7 in the central directory and end record."""
    parts = layout(data)
    rng = random.Random(f"20261124-{seed}")
    return sorted(
        rng.sample(parts.payload, 10) + rng.sample(parts.manifest, 8)
        + rng.sample(parts.directory, 7)
    )


def test_one_flipped_byte(world: World, target_name: str, tmp_path: Path) -> None:
    """A flipped byte is refused with a sync.error key and the database stays as it was.

    The exception: a byte zip keeps but never reads for the content (a local header's copy of the
    sizes and dates, the central directory's "made by" version, dates, attributes). The CRC-32 of
    every member still matches, so the file imports exactly as the intact one would.
    """
    data = world.file.read_bytes()
    outcomes: dict[str, int] = {}
    target = _open_target(world, tmp_path, target_name)
    for position in _flip_positions(data, target_name):
        damaged = bytearray(data)
        damaged[position] ^= 0xFF
        path = tmp_path / f"flip-{position}.tavle"
        path.write_bytes(bytes(damaged))
        before = _state(target)
        try:
            preview_import(target, path)
        except SyncFileError:
            key = refused(target, path).key
            outcomes[key] = outcomes.get(key, 0) + 1
            continue
        assert _state(target) == before
        apply_import(target, path)
        assert canonical_dump(target) == world.reference[target_name]
        outcomes["ok"] = outcomes.get("ok", 0) + 1
        target.close()
        (tmp_path / f"again-{position}").mkdir()
        target = _open_target(world, tmp_path / f"again-{position}", target_name)
    target.close()
    assert outcomes.get("sync.error.damaged", 0) >= 15, outcomes


def _directory_entry(data: bytes, name: str) -> int:
    """The offset of the central-directory entry of a member."""
    start = layout(data).directory.start
    position = data.index(b"PK\x01\x02", start)
    while data[position + 46 : position + 46 + len(name)] != name.encode():
        position = data.index(b"PK\x01\x02", position + 4)
    return position


def test_flipped_version_needed_byte_is_damaged(world: World, target: Store,
                                                tmp_path: Path) -> None:
    """Central directory, "version needed to extract" 2.0 → 23.5: zipfile raises
    NotImplementedError, which must come out as a refusal, not a crash (bug 3 in the report)."""
    data = bytearray(world.file.read_bytes())
    data[_directory_entry(bytes(data), PAYLOAD) + 6] ^= 0xFF
    path = tmp_path / "version.tavle"
    path.write_bytes(bytes(data))
    refused(target, path, "sync.error.damaged")


@pytest.mark.parametrize(
    ("offset", "key"),
    [
        (8, "sync.error.encrypted_zip"),  # flag bits: bit 0 says "encrypted"
        (10, "sync.error.damaged"),  # compression method 8 → 247
        (16, "sync.error.damaged"),  # CRC-32
        (24, "sync.error.bomb"),  # uncompressed size: the ratio jumps past 200
        (46, "sync.error.unexpected_member"),  # the member's name
    ],
    ids=["flags", "method", "crc", "size", "name"],
)
def test_flipped_directory_fields(world: World, target: Store, tmp_path: Path, offset: int,
                                  key: str) -> None:
    """A flip in each field of the payload's central-directory entry, with its own key."""
    data = bytearray(world.file.read_bytes())
    data[_directory_entry(bytes(data), PAYLOAD) + offset + (3 if offset == 24 else 0)] ^= 0xFF
    path = tmp_path / "field.tavle"
    path.write_bytes(bytes(data))
    refused(target, path, key)


def test_manifest_member_renamed_is_not_tavle(world: World, target: Store,
                                              tmp_path: Path) -> None:
    """Without a member called manifest.json the file is not a Tavle file."""
    data = bytearray(world.file.read_bytes())
    data[_directory_entry(bytes(data), MANIFEST) + 46] ^= 0xFF
    path = tmp_path / "renamed.tavle"
    path.write_bytes(bytes(data))
    refused(target, path, "sync.error.not_tavle")


# -- checksums, counts, the manifest -------------------------------------------------------------


def test_wrong_checksum_in_the_manifest(world: World, target: Store, tmp_path: Path) -> None:
    manifest, lines = read_parts(world.file)
    manifest["payload"]["sha256"] = "0" * 64
    refused(target, write_parts(tmp_path / "sha.tavle", manifest, lines, fix=False),
            "sync.error.checksum")
    manifest, lines = read_parts(world.file)
    manifest["payload"]["bytes"] += 1
    refused(target, write_parts(tmp_path / "bytes.tavle", manifest, lines, fix=False),
            "sync.error.checksum")


def test_payload_changed_after_the_manifest_was_made(world: World, target: Store,
                                                     tmp_path: Path) -> None:
    """A line dropped (or a payload swapped) without updating the manifest: the checksum says so."""
    manifest, lines = read_parts(world.file)
    refused(target, write_parts(tmp_path / "short.tavle", manifest, lines[:-1], fix=False),
            "sync.error.checksum")


def test_line_count_differs_from_the_manifest(world: World, target: Store,
                                              tmp_path: Path) -> None:
    """Checksum right, but the manifest counts one change more than the payload holds."""
    manifest, lines = read_parts(world.file)
    manifest["counts"]["changes"] += 1
    error = refused(target, write_parts(tmp_path / "count.tavle", manifest, lines, fix=False),
                    "sync.error.incomplete")
    assert error.params == {"expected": len(lines) + 1, "found": len(lines)}


def test_payload_edited_with_its_checksum_recomputed_imports(world: World, tmp_path: Path) -> None:
    """The limit, by design: whoever edits the payload and recomputes its SHA-256 is not detected.

    Without a team passphrase (issue 11: an HMAC seal or AES-GCM with the manifest as associated
    data) a file carries no secret, so a deliberate edit of a change the target has not seen is
    indistinguishable from a real one. This is the one fault after which the database changes.
    An edit of a change the target already holds is still caught (`identity_clash`).
    """
    store = _open_target(world, tmp_path, "empty")

    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        first(changes, "action")["set"]["change"] = "Ændret i filen af en anden"

    path = rewritten(world, tmp_path, edit)
    preview = apply_import(store, path)
    assert preview.applied
    texts = [r[0] for r in store.execute("SELECT change FROM actions")]
    assert "Ændret i filen af en anden" in texts
    assert store.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


def test_known_change_edited_in_the_file_is_an_identity_clash(world: World,
                                                              tmp_path: Path) -> None:
    """A change id the target holds, with other content: refused, whatever the checksum says."""
    store = _open_target(world, tmp_path, "imported")

    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        first(changes, "action")["set"]["change"] = "Ændret i filen af en anden"

    refused(store, rewritten(world, tmp_path, edit), "sync.error.identity_clash")

    def edit_author(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        changes[0]["a"] = "XX"

    refused(store, rewritten(world, tmp_path, edit_author, name="author.tavle"),
            "sync.error.identity_clash")
    store.close()


def test_repeated_change_id_with_other_content_in_one_file(world: World, target: Store,
                                                           tmp_path: Path) -> None:
    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        twin = json.loads(json.dumps(changes[-1]))
        twin["a"] = "XX"
        changes.append(twin)

    refused(target, rewritten(world, tmp_path, edit), "sync.error.change_invalid")


@pytest.mark.parametrize(
    ("manifest_bytes", "key"),
    [
        (b"{not json", "sync.error.not_tavle"),
        (b'{"format": "tavle-sync", "format_version": [1, 0]', "sync.error.manifest_invalid"),
        (b'{"format": "noget-andet"}', "sync.error.not_tavle"),
        (b"null", "sync.error.not_tavle"),
        (b'{"format": "tavle-sync", "x": "\\ud800"}', "sync.error.manifest_invalid"),
    ],
    ids=["garbage", "truncated-json", "other-format", "null", "lone-surrogate"],
)
def test_manifest_not_readable(world: World, target: Store, tmp_path: Path,
                               manifest_bytes: bytes, key: str) -> None:
    lines = read_parts(world.file)[1]
    refused(target, write_parts(tmp_path / "m.tavle", manifest_bytes, lines), key)


@pytest.mark.parametrize(
    ("path", "value", "key"),
    [
        (("format",), "tavle-sync ", "sync.error.not_tavle"),
        (("kind",), "halv", "sync.error.manifest_invalid"),
        (("vocab",), "5", "sync.error.manifest_invalid"),
        (("export_id",), "../../etc/passwd", "sync.error.manifest_invalid"),
        (("scopes",), [], "sync.error.manifest_invalid"),
        (("sender", "unit"), "x" * 201, "sync.error.manifest_invalid"),
        (("extra_key",), 1, "sync.error.manifest_invalid"),
        (("payload", "name"), "../../evil.txt", "sync.error.manifest_invalid"),
        (("counts", "changes"), -1, "sync.error.manifest_invalid"),
        (("format_version",), [1, 0, 0], "sync.error.manifest_invalid"),
    ],
    ids=["format", "kind", "vocab-str", "export-id-path", "no-scope", "long-unit", "extra-key",
         "payload-path", "negative-count", "version-3-parts"],
)
def test_manifest_field_invalid(world: World, target: Store, tmp_path: Path,
                                path: tuple[str, ...], value: Any, key: str) -> None:
    """A manifest that parses but breaks its schema (strict, no extra keys)."""
    manifest, lines = read_parts(world.file)
    node = manifest
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    payload = "".join(f"{x}\n" for x in lines).encode()
    refused(target, write_parts(tmp_path / "m.tavle", json.dumps(manifest).encode(), payload), key)


# -- hidden characters in the manifest ------------------------------------------------------------

ESCAPES = {
    "clear-screen": "\x1b[2J",
    "window-title": "\x1b]0;Tavle er opdateret\x07",
    "cursor-up-erase": "\x1b[1A\x1b[2K",
    "carriage-return": "Nord\rSyd",
    "c1-csi": "\x9b2J",
    "backspace": "Nord\x08\x08\x08\x08Syd",
    "bell": "\x07",
    "delete": "\x7f",
    "tab": "Jobcenter\tNord",
    "newline": "Jobcenter\nNord",
    "rlo": "\u202eeslaf",
    "lri": "\u2066Nord\u2069",
}
"""What a terminal obeys instead of showing (and what shows text in another order)."""


def _with_hidden(manifest: dict[str, Any], where: str, text: str) -> None:
    """`text` put into one string of a manifest."""
    value = f"Jobcenter {text} Nord"
    if where == "unit":
        manifest["sender"]["unit"] = value
    elif where == "user":
        manifest["sender"]["user"] = value[:64]
    elif where == "project":
        manifest["scopes"][0]["name"] = value
    elif where == "units":
        manifest["units"][next(iter(manifest["units"]))] = value
    else:
        manifest[where] = value[:32]


@pytest.mark.parametrize("escape", list(ESCAPES.values()), ids=list(ESCAPES))
@pytest.mark.parametrize("where", ["unit", "project", "user"])
def test_a_manifest_with_hidden_characters_is_refused(world: World, tmp_path: Path,
                                                      where: str, escape: str) -> None:
    """A unit, project or user named with a terminal escape, a bare CR, a C1 control, a tab
    or a bidi override: refused when the file is read, nothing imported (into the target that
    holds data of its own), and `tavle import` prints no control character."""
    store = _open_target(world, tmp_path, "imported")
    try:
        manifest, lines = read_parts(world.file)
        _with_hidden(manifest, where, escape)
        path = write_parts(tmp_path / "hidden.tavle", manifest, lines)
        error = refused(store, path, "sync.error.hidden_characters")
    finally:
        store.close()
    assert error.params == {}
    for lang in ("da", "en", "nb"):
        assert Translator(lang).has("sync.error.hidden_characters")


@pytest.mark.parametrize("where", ["units", "created_at", "app_version"])
def test_every_string_of_the_manifest_is_checked(world: World, target: Store, tmp_path: Path,
                                                 where: str) -> None:
    manifest, lines = read_parts(world.file)
    if where == "units":
        assert manifest["units"], "the realistic file names its units"
    _with_hidden(manifest, where, "\x1b[2J")
    refused(target, write_parts(tmp_path / "hidden.tavle", manifest, lines),
            "sync.error.hidden_characters")


def test_a_local_name_with_a_stray_control_is_sent_inert(tmp_path: Path) -> None:
    """A unit, user or project named here with a pasted tab or an RLO: the exporter writes the
    manifest's names inert, so the file imports elsewhere (the record's own name travels as a
    value, which may hold a bidi control or tab, as any text field may)."""
    from core.sync.fileformat import read_file

    source = Store.open(tmp_path / "source.db", fingerprint="source")
    with source.transaction():
        source.execute("UPDATE sync_replica SET unit_name = ? WHERE id = 1",
                       ["Jobcenter\tNord\u202e"])
    source.author = "K\x85F"
    project = create_project(source, "Syge\u202efravær\tNord")
    path = export_scope(source, project.id, folder=tmp_path).path
    source.close()
    manifest = read_file(path).manifest
    assert (manifest.sender.unit, manifest.sender.user, manifest.scopes[0].name) == (
        "Jobcenter?Nord?", "K?F", "Syge?fravær?Nord")
    target = Store.open(tmp_path / "target.db", fingerprint="target")
    try:
        preview = apply_import(target, path)
        assert preview.sender_unit == "Jobcenter?Nord?"
        [name] = [r[0] for r in target.execute("SELECT name FROM projects")]
    finally:
        target.close()
    assert name == "Syge\u202efravær\tNord"


def test_names_in_other_scripts_and_with_accents_are_not_hidden_characters(
    world: World, tmp_path: Path
) -> None:
    """Only controls are refused: "Sygefravær – Tromsø · Ærø" and a no-break space import."""
    store = _open_target(world, tmp_path, "empty")
    try:
        manifest, lines = read_parts(world.file)
        manifest["sender"]["unit"] = "Sygefravær – Tromsø\u00a0· Ærø «Nord» Ελλάδα"
        path = write_parts(tmp_path / "plain.tavle", manifest, lines)
        preview = apply_import(store, path)
    finally:
        store.close()
    assert preview.sender_unit.startswith("Sygefravær – Tromsø")


# -- versions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "min_reader", "shown"),
    [([2, 0], [1, 0], "2.0"), ([1, 0], [2, 0], "1.0"), ([1, 3], [1, 2], "1.3"),
     ([2, 1], [2, 1], "2.1")],
    ids=["format-2.0", "min-reader-2.0", "min-reader-1.2", "both-2.1"],
)
def test_newer_format_is_refused(world: World, target: Store, tmp_path: Path,
                                 version: list[int], min_reader: list[int], shown: str) -> None:
    manifest, lines = read_parts(world.file)
    manifest["format_version"], manifest["min_reader"] = version, min_reader
    error = refused(target, write_parts(tmp_path / "v.tavle", manifest, lines),
                    "sync.error.newer_format")
    assert error.params == {"version": shown}
    assert shown in error.message(Translator("da"))


def _newer_vocabulary(world: World, tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    """Format 1.1 from a vocabulary one above ours, with three changes this version cannot show:
    an unknown field of a known action, an unknown entity, and an enum value we do not know."""
    added: list[dict[str, Any]] = []

    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        manifest["format_version"], manifest["vocab"] = [1, 1], VOCAB + 1
        manifest["units"][NEW_REPLICA] = "Sundhed"
        manifest["scopes"][0]["seen"][NEW_REPLICA] = 2
        action = first(changes, "action")
        added.extend([
            new_line(world, changes, "action", action["id"], {"colour": "rød"}, seq=1,
                     vocab=VOCAB + 1),
            new_line(world, changes, "gizmo", "5f0c6c1e-0000-4000-8000-000000000001",
                     {"_exists": True, "project_id": world.project_id, "name": "ny ting"},
                     seq=2, vocab=VOCAB + 1),
        ])
        changes.extend(added)

    return rewritten(world, tmp_path, edit, name="newer.tavle"), added


def test_newer_minor_and_vocabulary_imports_and_parks(world: World, target: Store,
                                                      target_name: str, tmp_path: Path) -> None:
    """Format 1.1, vocabulary above ours: imports; the changes we cannot show are counted,
    kept in the log, not shown, and passed on in our own exports."""
    path, added = _newer_vocabulary(world, tmp_path)
    preview = preview_import(target, path)
    assert preview.n_parked == 2
    assert ("sync.warn.parked", {"count": 2}) in preview.warnings
    applied = apply_import(target, path)
    assert applied.n_parked == 2 and applied.applied
    held = {(r, s) for r, s in target.execute(
        "SELECT replica_id, seq FROM sync_change WHERE replica_id = ?", [NEW_REPLICA])}
    assert held == {(NEW_REPLICA, 1), (NEW_REPLICA, 2)}
    columns = [r[1] for r in target.execute("PRAGMA table_info(actions)")]
    assert "colour" not in columns
    assert not target.execute(
        "SELECT 1 FROM sqlite_master WHERE name LIKE '%gizmo%'").fetchone()

    again = export_scope(target, world.project_id, full=True, path=tmp_path / "again.tavle")
    _, lines = read_parts(again.path)
    assert {canonical_json(line) for line in added} <= set(lines)
    onward = Store.open(tmp_path / "onward.db", fingerprint="another-pc/x")
    assert apply_import(onward, again.path).n_parked == 2
    if target_name == "empty":
        assert canonical_dump(onward) == canonical_dump(target)
    onward.close()


def test_unknown_enum_value_from_a_newer_unit_leaves_the_plan_readable(
    world: World, target: Store, tmp_path: Path
) -> None:
    """A newer Tavle adds an action status ("blocked") and a unit sets it after seeing the old
    one. The change is parked and plays no part in what this version shows: the action keeps the
    status it had, and the plan loads (bug 4, fixed: the only head of `status` could not be
    shown and the row got status NULL)."""
    seen: dict[str, Any] = {}

    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        manifest["format_version"], manifest["vocab"] = [1, 1], VOCAB + 1
        action = first(changes, "action")
        writes = [c for c in changes if c["id"] == action["id"] and "status" in c["set"]]
        seen.update(id=action["id"], status=writes[-1]["set"]["status"])
        changes.append(new_line(world, changes, "action", action["id"], {"status": "blocked"},
                                vocab=VOCAB + 1, prev={"status": [[writes[-1]["r"],
                                                                   writes[-1]["s"]]]}))

    path = rewritten(world, tmp_path, edit)
    assert apply_import(target, path).n_parked == 1
    rows = {row.id: row for row in load_plan(target, world.project_id)}
    assert rows[seen["id"]].status == ActionStatus(seen["status"])


# -- names and values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entity", "field", "key"),
    [
        ("gizmo", "name", "sync.error.unknown_entity"),
        ("sqlite_master", "name", "sync.error.unknown_entity"),
        ("action", "colour", "sync.error.unknown_field"),
        ("action", "id", "sync.error.unknown_field"),
        ("action", "rowid", "sync.error.unknown_field"),
        ("action; DROP TABLE actions", "change", "sync.error.change_invalid"),
        ('"x"', "change", "sync.error.change_invalid"),
        ("action", "change\" = 'x'; --", "sync.error.change_invalid"),
        ("action", "Change", "sync.error.change_invalid"),
        ("Action", "change", "sync.error.change_invalid"),
        ("action", "", "sync.error.change_invalid"),
    ],
    ids=["entity", "entity-sqlite", "field", "field-id", "field-rowid", "entity-sql",
         "entity-quoted", "field-sql", "field-upper", "entity-upper", "field-empty"],
)
def test_unknown_or_malformed_names(world: World, target: Store, tmp_path: Path, entity: str,
                                    field: str, key: str) -> None:
    """Same vocabulary, names this version does not know: refused. Names that could mean
    something to SQL never pass the name pattern (`[a-z_][a-z0-9_]*`) at parse time."""
    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        action = first(changes, "action")
        changes.append(new_line(world, changes, entity, action["id"], {field: "x"}))

    error = refused(target, rewritten(world, tmp_path, edit), key)
    if key != "sync.error.change_invalid":
        assert error.params["line"] == len(read_parts(world.file)[1]) + 1


def test_sql_looking_name_in_prev(world: World, target: Store, tmp_path: Path) -> None:
    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        action = first(changes, "action")
        changes.append(new_line(world, changes, "action", action["id"], {"change": "ny"},
                                prev={"x); DROP TABLE sync_change; --": [[NEW_REPLICA, 9]]}))

    refused(target, rewritten(world, tmp_path, edit), "sync.error.change_invalid")


def test_sql_looking_record_and_replica_ids(world: World, target: Store, tmp_path: Path) -> None:
    for number, (field, value) in enumerate(
        [("id", "x'; DROP TABLE actions; --"), ("r", "../../x"), ("p", "' OR 1=1 --")]
    ):
        def edit(manifest: dict[str, Any], changes: list[dict[str, Any]],
                 field: str = field, value: str = value) -> None:
            changes[-1][field] = value

        refused(target, rewritten(world, tmp_path, edit, name=f"id{number}.tavle"),
                "sync.error.change_invalid")


@pytest.mark.parametrize(
    ("entity", "field", "value", "key"),
    [
        ("measurement", "value", "5", "sync.error.bad_value"),
        ("measurement", "value", True, "sync.error.bad_value"),
        ("annotation", "split", 5, "sync.error.bad_value"),
        ("annotation", "split", 1, "sync.error.bad_value"),
        ("action", "deadline", "2026-02-30", "sync.error.bad_value"),
        ("action", "deadline", "30-12-2026", "sync.error.bad_value"),
        ("action", "status", "blocked", "sync.error.bad_value"),
        ("action", "change", "", "sync.error.bad_value"),
        ("action", "change", "ok\x00nul", "sync.error.bad_value"),
        ("action", "change", "ok\x1b[31mrød", "sync.error.bad_value"),
        ("action", "change", "  padded  ", "sync.error.bad_value"),
        ("action", "responsible", "x" * 201, "sync.error.bad_value"),
        ("project", "current_phase", 5.0, "sync.error.bad_value"),
        ("project", "current_phase", True, "sync.error.bad_value"),
        ("measurement", "period", "2026-W54", "sync.error.bad_value"),
        ("action", "_exists", 1, "sync.error.bad_value"),
        ("action", "change", "x" * 100_001, "sync.error.change_invalid"),
        ("action", "change", ["liste"], "sync.error.change_invalid"),
        ("action", "change", {"nested": 1}, "sync.error.change_invalid"),
    ],
    ids=["str-for-float", "bool-for-float", "5-for-bool", "1-for-bool", "feb-30", "danish-date",
         "unknown-enum", "empty-required", "nul", "ansi-escape", "not-stripped", "too-long",
         "float-for-int", "bool-for-int", "week-54", "exists-int", "over-100k", "list", "dict"],
)
def test_wrong_value_types(world: World, target: Store, tmp_path: Path, entity: str, field: str,
                           value: Any, key: str) -> None:
    """Every value must be valid for its field and already in the form Tavle writes."""
    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        record = first(changes, entity)
        changes.append(new_line(world, changes, entity, record["id"], {field: value}))

    error = refused(target, rewritten(world, tmp_path, edit), key)
    if key == "sync.error.bad_value":
        assert error.params["field"] == field


@pytest.mark.parametrize(
    "literal",
    ["NaN", "Infinity", "-Infinity", "1e999", "9" * 5000, '"\\ud800"'],
    ids=["nan", "inf", "-inf", "1e999", "5000-digits", "lone-surrogate"],
)
def test_json_literals_no_parser_should_accept(world: World, target: Store, tmp_path: Path,
                                               literal: str) -> None:
    manifest, lines = read_parts(world.file)
    measurement = next(json.loads(x) for x in lines if '"e":"measurement"' in x)
    line = canonical_json(new_line(world, [measurement], "measurement", measurement["id"],
                                   {"value": 0.5}))
    line = line.replace('"value":0.5', f'"value":{literal}')
    refused(target, write_parts(tmp_path / "lit.tavle", manifest, [*lines, line]),
            "sync.error.change_invalid")


@pytest.mark.parametrize(
    ("mutate", "key"),
    [
        (lambda c: c.update(s=0), "sync.error.change_invalid"),
        (lambda c: c.update(h=0), "sync.error.change_invalid"),
        (lambda c: c.update(h=(4_102_444_800_000 << 16)), "sync.error.change_invalid"),
        (lambda c: c.update(h="1"), "sync.error.change_invalid"),
        (lambda c: c.update(extra=1), "sync.error.change_invalid"),
        (lambda c: c.pop("a"), "sync.error.change_invalid"),
        (lambda c: c.update(set={}), "sync.error.change_invalid"),
        (lambda c: c.update(covers=[[NEW_REPLICA, 1]]), "sync.error.change_invalid"),
        (lambda c: c.update(prev={"change": [[NEW_REPLICA, 1]] * 65}),
         "sync.error.change_invalid"),
        (lambda c: c.update(p="5f0c6c1e-0000-4000-8000-00000000beef"),
         "sync.error.wrong_scope"),
    ],
    ids=["seq-0", "hlc-0", "hlc-2100", "hlc-str", "extra-key", "no-author", "empty-set",
         "covers-without-delete", "prev-65", "other-scope"],
)
def test_malformed_change_lines(world: World, target: Store, tmp_path: Path,
                                mutate: Callable[[dict[str, Any]], Any], key: str) -> None:
    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        line = new_line(world, changes, "action", first(changes, "action")["id"],
                        {"change": "ny tekst"})
        mutate(line)
        changes.append(line)

    refused(target, rewritten(world, tmp_path, edit), key)


def test_blank_and_overlong_lines(world: World, target: Store, tmp_path: Path) -> None:
    manifest, lines = read_parts(world.file)
    refused(target, write_parts(tmp_path / "blank.tavle", manifest, [*lines[:3], "", *lines[3:]]),
            "sync.error.change_invalid")
    long_line = canonical_json(new_line(world, [json.loads(lines[-1])], "action",
                                        json.loads(lines[-1])["id"], {"how": "x" * 1_100_000}))
    refused(target, write_parts(tmp_path / "long.tavle", manifest, [*lines, long_line],
                                method=zipfile.ZIP_STORED), "sync.error.line_too_long")


# -- the container --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ((("LÆSMIG.txt", b"hej"),), "sync.error.unexpected_member"),
        ((("../../evil.txt", b"ond"),), "sync.error.unexpected_member"),
        ((("/etc/cron.d/x", b"ond"),), "sync.error.unexpected_member"),
        ((("C:\\Windows\\evil.bat", b"ond"),), "sync.error.unexpected_member"),
        ((("mappe/", b""),), "sync.error.unexpected_member"),
        (((MANIFEST, b"{}"),), "sync.error.unexpected_member"),
        (((PAYLOAD, b""),), "sync.error.unexpected_member"),
    ],
    ids=["readme", "dotdot", "absolute", "windows", "folder", "dup-manifest", "dup-payload"],
)
def test_extra_or_path_like_members(world: World, target: Store, tmp_path: Path,
                                    extra: tuple[tuple[str, bytes], ...], key: str) -> None:
    manifest, lines = read_parts(world.file)
    with pytest.warns(UserWarning) if extra[0][0] in (MANIFEST, PAYLOAD) else nullcontext():
        path = write_parts(tmp_path / "extra.tavle", manifest, lines, extra=extra)
    refused(target, path, key)
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path.parent / "evil.txt").exists()


def test_payload_missing(world: World, target: Store, tmp_path: Path) -> None:
    manifest, _ = read_parts(world.file)
    path = tmp_path / "alone.tavle"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(MANIFEST, json.dumps(manifest))
    refused(target, path, "sync.error.damaged")


def test_encrypted_member(world: World, target: Store, tmp_path: Path) -> None:
    """The "encrypted" flag (bit 0) set on the payload, in its local header and the directory."""
    data = bytearray(world.file.read_bytes())
    with zipfile.ZipFile(world.file) as archive:
        local = archive.getinfo(PAYLOAD).header_offset
    data[local + 6] |= 0x1
    data[_directory_entry(bytes(data), PAYLOAD) + 8] |= 0x1
    path = tmp_path / "crypt.tavle"
    path.write_bytes(bytes(data))
    refused(target, path, "sync.error.encrypted_zip")


def test_other_compression_methods(world: World, target: Store, tmp_path: Path) -> None:
    manifest, lines = read_parts(world.file)
    for method in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        path = write_parts(tmp_path / f"m{method}.tavle", manifest, lines, method=method)
        refused(target, path, "sync.error.damaged")


@pytest.fixture(scope="module")
def zero_bomb(world: World) -> bytes:
    """200 MiB of zeros as changes.jsonl beside a valid manifest: about 200 KB zipped, a ratio
    near 1,000; built in memory, 1 MiB at a time."""
    buffer = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(world.file) as source:
        manifest = source.read(MANIFEST)
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(MANIFEST, manifest, compress_type=zipfile.ZIP_STORED)
        info = zipfile.ZipInfo(PAYLOAD)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as member:
            for _ in range(200):
                member.write(chunk)
    return buffer.getvalue()


def test_decompression_bomb(zero_bomb: bytes, target: Store, tmp_path: Path) -> None:
    assert len(zero_bomb) < 400_000
    path = tmp_path / "bomb.tavle"
    path.write_bytes(zero_bomb)
    refused(target, path, "sync.error.bomb")


def test_small_member_with_a_bomb_ratio(world: World, target: Store, tmp_path: Path) -> None:
    """Not large, but 1 MiB of one repeated character: a ratio no JSON-lines payload reaches."""
    manifest, _ = read_parts(world.file)
    path = write_parts(tmp_path / "ratio.tavle", manifest, b"\n" * (1024 * 1024))
    refused(target, path, "sync.error.bomb")


def test_manifest_too_large(world: World, target: Store, tmp_path: Path) -> None:
    manifest, lines = read_parts(world.file)
    manifest["app_version"] = "0.1"
    data = json.dumps(manifest, indent=70_000).encode()
    assert len(data) > 64 * 1024
    refused(target, write_parts(tmp_path / "big.tavle", data, lines), "sync.error.bomb")


def _set_directory_size(data: bytes, name: str, size: int) -> bytes:
    entry = _directory_entry(data, name)
    return data[: entry + 24] + struct.pack("<I", size) + data[entry + 28 :]


def test_member_header_lies_about_its_size(world: World, target: Store, tmp_path: Path,
                                           zero_bomb: bytes) -> None:
    """Sizes in the central directory that are not the member's: zipfile reads exactly the size
    it was told and the CRC-32 then fails; a bomb that claims to be small stays a refusal."""
    data = world.file.read_bytes()
    for number, size in enumerate((10, len(read_parts(world.file)[1][0]), 1)):
        path = tmp_path / f"lie-{number}.tavle"
        path.write_bytes(_set_directory_size(data, PAYLOAD, size))
        refused(target, path, "sync.error.damaged")
    path = tmp_path / "small-bomb.tavle"
    path.write_bytes(_set_directory_size(zero_bomb, PAYLOAD, 1000))
    refused(target, path, "sync.error.damaged")


def test_compressed_size_zero_with_content(world: World, target: Store, tmp_path: Path) -> None:
    data = world.file.read_bytes()
    entry = _directory_entry(data, PAYLOAD)
    path = tmp_path / "zero.tavle"
    path.write_bytes(data[: entry + 20] + struct.pack("<I", 0) + data[entry + 24 :])
    refused(target, path, "sync.error.damaged")


def test_file_larger_than_the_limit(target: Store, tmp_path: Path) -> None:
    path = tmp_path / "stor.tavle"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(64 * 1024 * 1024 + 1)  # sparse: no 64 MB written
    error = refused(target, path, "sync.error.too_large")
    assert error.params == {"mb": 64}


# -- nesting -------------------------------------------------------------------------------------


def test_deeply_nested_manifest(world: World, target: Store, tmp_path: Path) -> None:
    """`[` beyond the manifest's size limit is refused by that limit first (bomb); nesting that
    fits is refused as too deep."""
    from core.sync.fileformat import MAX_MANIFEST_BYTES

    lines = read_parts(world.file)[1]
    refused(target, write_parts(tmp_path / "deep.tavle", b"[" * (MAX_MANIFEST_BYTES + 1), lines),
            "sync.error.bomb")
    nested = b'{"format": "tavle-sync", "x": ' + b"[" * 30_000 + b"]" * 30_000 + b"}"
    assert len(nested) < 64 * 1024
    refused(target, write_parts(tmp_path / "deep2.tavle", nested, lines), "sync.error.too_deep")


def test_deeply_nested_change_line(world: World, target: Store, tmp_path: Path) -> None:
    """`[` × 100,000 as a line, or inside a value: too deep. Deflated, a payload of that line
    alone is a bomb by its ratio before any JSON is parsed; stored, it reaches the parser."""
    manifest, lines = read_parts(world.file)
    action = json.loads(lines[-1])
    inner = canonical_json(new_line(world, [action], "action", action["id"], {"change": 0}))
    inside = inner.replace('"change":0', '"change":' + "[" * 100_000 + "]" * 100_000)
    for number, line in enumerate(("[" * 100_000, inside)):
        refused(target, write_parts(tmp_path / f"deep{number}.tavle", manifest, [*lines, line],
                                    method=zipfile.ZIP_STORED), "sync.error.too_deep")
    refused(target, write_parts(tmp_path / "deep-deflated.tavle", manifest, ["[" * 100_000]),
            "sync.error.bomb")


# -- the database's own records ------------------------------------------------------------------


def test_change_to_another_projects_record(world: World, tmp_path: Path) -> None:
    store = _open_target(world, tmp_path, "imported")

    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        changes.append(new_line(world, changes, "action", world.own_action_id,
                                {"change": "KAPRET"}))

    refused(store, rewritten(world, tmp_path, edit), "sync.error.wrong_project")

    def move(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        changes.append(new_line(world, changes, "action", world.own_action_id,
                                {"project_id": world.project_id}))

    refused(store, rewritten(world, tmp_path, move, name="move.tavle"), "sync.error.wrong_project")

    def claim(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        changes.append(new_line(world, changes, "project", world.own_project_id,
                                {"name": "KAPRET"}))

    refused(store, rewritten(world, tmp_path, claim, name="claim.tavle"), "sync.error.wrong_scope")

    def relabel(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        changes.append(new_line(world, changes, "action", world.own_action_id,
                                {"project_id": world.own_project_id}))

    refused(store, rewritten(world, tmp_path, relabel, name="relabel.tavle"),
            "sync.error.wrong_scope")
    assert store.execute("SELECT change, project_id FROM actions WHERE id = ?",
                         [world.own_action_id]).fetchone() == ("Egen handling",
                                                               world.own_project_id)
    store.close()


def test_parked_change_cannot_touch_another_projects_record(world: World,
                                                            tmp_path: Path) -> None:
    """A change from a "newer vocabulary" (one unknown field) naming another project's record
    must be refused like any other (bug 1 in the report: it is parked before the scope check,
    then materialized, and moves the action into the file's project)."""
    store = _open_target(world, tmp_path, "imported")

    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        manifest["vocab"] = VOCAB + 1
        changes.append(new_line(world, changes, "action", world.own_action_id,
                                {"_exists": True, "change": "KAPRET",
                                 "project_id": world.project_id, "colour": "rød"},
                                vocab=VOCAB + 1))

    path = rewritten(world, tmp_path, edit)
    try:
        refused(store, path, "sync.error.wrong_project")
    finally:
        row = store.execute("SELECT change, project_id FROM actions WHERE id = ?",
                            [world.own_action_id]).fetchone()
        store.close()
    assert row == ("Egen handling", world.own_project_id)


def test_incomplete_record_is_refused(world: World, target: Store, tmp_path: Path) -> None:
    """A create without the record's required fields (an action without its text): refused.
    Written, its row would hold NULLs and the action plan could not open (bug 2, fixed)."""
    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        changes.append(new_line(world, changes, "action", "5f0c6c1e-0000-4000-8000-00000000ac71",
                                {"_exists": True, "project_id": world.project_id}))

    error = refused(target, rewritten(world, tmp_path, edit), "sync.error.record_incomplete")
    assert error.params == {"entity": "action", "field": "change"}


def test_measurement_without_a_value_never_breaks_the_screens(world: World, target: Store,
                                                               tmp_path: Path) -> None:
    """A measurement with neither a value nor a fraction (a rule across fields, which two units
    can break together without either breaking it). Either refused, the database unchanged, or
    imported so that the record and the project's plan still load."""
    measurement_id = "5f0c6c1e-0000-4000-8000-00000000ae57"

    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        measure = first(changes, "measure")
        changes.append(new_line(world, changes, "measurement", measurement_id,
                                {"_exists": True, "project_id": world.project_id,
                                 "measure_id": measure["id"], "period": "2026-W40"}))

    path = rewritten(world, tmp_path, edit)
    before = _state(target)
    try:
        apply_import(target, path)
    except SyncFileError as error:
        assert error.key.startswith("sync.error.")
        _renders(error)
        assert _state(target) == before
        return
    load_plan(target, world.project_id)
    assert changelog.load(target, Measurement, measurement_id).period == "2026-W40"


# -- twice ----------------------------------------------------------------------------------------


def test_the_same_file_twice_changes_nothing(world: World, target: Store) -> None:
    """The second preview says "already imported"; the dump and every row of every sync table
    (the log, the heads, the bookkeeping, this unit's clock) stay as they were."""
    first_time = apply_import(target, world.file)
    assert first_time.applied and first_time.n_new > 0
    before = _state(target, every_row=True)
    assert before[1] == "ok"
    preview = preview_import(target, world.file)
    assert preview.already_imported and preview.n_new == 0 and not preview.counts
    assert _state(target, every_row=True) == before
    second = apply_import(target, world.file)
    assert second.already_imported and not second.applied
    assert _state(target, every_row=True) == before


def test_clock_a_week_ahead_warns_and_does_not_pull_our_clock(world: World, target: Store,
                                                              tmp_path: Path) -> None:
    """A unit whose PC runs 7 days fast: its change imports with a warning; our clock stays
    within a minute of our own wall clock (sync-design.md §4.4)."""
    wall = target.wall_clock()

    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        line = new_line(world, changes, "action", first(changes, "action")["id"],
                        {"responsible": "Fra fremtiden"})
        line["h"] = (wall + 7 * 24 * 3600 * 1000) << 16
        changes.append(line)

    path = rewritten(world, tmp_path, edit)
    preview = preview_import(target, path)
    assert [w for w in preview.warnings if w[0] == "sync.warn.clock_ahead"]
    for key, params in preview.warnings:
        for lang in ("da", "en"):
            assert "{" not in Translator(lang)(key, **params)
    apply_import(target, path)
    (last,) = target.execute("SELECT hlc_last FROM sync_replica").fetchone()
    assert (last >> 16) <= target.wall_clock() + 60_000


def test_delta_beyond_what_we_hold_warns_of_a_gap(world: World, target: Store,
                                                  tmp_path: Path) -> None:
    """A delta that assumes changes this database never had (say, restored from a backup):
    it imports, with the warning to ask for a full export."""
    def edit(manifest: dict[str, Any], changes: list[dict[str, Any]]) -> None:
        sender = manifest["sender"]["replica_id"]
        manifest["kind"] = "delta"
        manifest["scopes"][0]["since"] = {sender: 10_000}

    preview = apply_import(target, rewritten(world, tmp_path, edit))
    assert ("sync.warn.gap", {"unit": "Jobcenter Nord"}) in preview.warnings


def test_earlier_file_after_the_later_one_is_already_imported(world: World, target: Store) -> None:
    """The later full export holds every change of the earlier one: nothing new, nothing shown
    differently (the earlier file's bookkeeping row may be recorded)."""
    apply_import(target, world.file)
    dump = canonical_dump(target)
    preview = preview_import(target, world.early)
    assert preview.already_imported and preview.n_new == 0
    apply_import(target, world.early)
    assert canonical_dump(target) == dump


def test_reference_import_is_what_the_targets_expect(world: World) -> None:
    """The intact file imports into both targets, and both then show the source's records."""
    empty = json.loads(world.reference["empty"])
    imported = json.loads(world.reference["imported"])
    # everything but the imported target's own project (the file also carries the demo's
    # learning network, of which the demo unit is a member)
    assert empty["changes"] == [c for c in imported["changes"] if c[0] != world.own_project_id]
    assert len(empty["action"]) == len([a for a in imported["action"]
                                        if a["project_id"] == world.project_id])


def test_counts_per_kind_that_do_not_match_the_changes_are_refused(
    world: World, target: Store, tmp_path: Path,
) -> None:
    """The total is right but a kind is miscounted (a line moved from one kind to another)."""
    manifest, lines = read_parts(world.file)
    kinds = manifest["counts"]["by_entity"]
    first, second = sorted(kind for kind, n in kinds.items() if n)[:2]
    kinds[first] -= 1
    kinds[second] += 1
    refused(target, write_parts(tmp_path / "counts.tavle", manifest, lines, fix=False),
            "sync.error.counts")


# -- a file read as a stream, a batch at a time ---------------------------------------------------


def _summary(preview: ImportPreview) -> tuple[Any, ...]:
    return (preview.n_changes, preview.n_new, preview.already_imported, preview.n_parked,
            {kind: vars(counts) for kind, counts in preview.counts.items()},
            sorted((c.entity, c.record_id, c.field) for c in preview.new_conflicts),
            sorted(preview.warnings, key=repr), preview.latest)


@pytest.mark.parametrize("size", [1, 7, 500])
def test_the_batch_size_changes_nothing(
    world: World, target_name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int,
) -> None:
    """Small batches split a record's create from its later edits (the file holds both): the
    preview counts it once, and the database ends the same as with one batch."""
    (tmp_path / "whole").mkdir()
    whole = _open_target(world, tmp_path / "whole", target_name)
    expected = _summary(preview_import(whole, world.file)), apply_import(whole, world.file)
    monkeypatch.setattr(fileformat, "BATCH", size)
    store = _open_target(world, tmp_path, target_name)
    assert _summary(preview_import(store, world.file)) == expected[0]
    assert _summary(apply_import(store, world.file)) == _summary(expected[1])
    assert canonical_dump(store) == world.reference[target_name] == canonical_dump(whole)
    for each in (store, whole):
        each.close()


def test_a_bad_line_in_a_late_batch_rolls_back_the_earlier_ones(
    world: World, target: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The earlier batches were written when the bad line is read: all of it is undone, the
    copy made before the import is removed again, and no older copy was pruned for it."""
    monkeypatch.setattr(fileformat, "BATCH", 50)
    manifest, lines = read_parts(world.file)
    lines[-3] = lines[-3].replace('"a":', '"a" :', 1).replace('"s":', '"s":-', 1)
    path = write_parts(tmp_path / "late.tavle", manifest, lines)
    assert target.path is not None
    backups = target.path.parent / "backups"
    backups.mkdir(exist_ok=True)
    whole = target.copy_to(tmp_path / "whole.db").read_bytes()
    for day in range(1, KEEP_BACKUPS + 1):
        (backups / f"{target.path.stem}.before-import-2026-11-0{day}-000000-000000.db"
         ).write_bytes(whole)
    before = sorted(backups.iterdir())
    error = refused(target, path, "sync.error.change_invalid")
    assert error.params["line"] == len(lines) - 2
    assert sorted(backups.iterdir()) == before


def test_counts_per_kind_are_checked_after_the_last_batch(
    world: World, target: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fileformat, "BATCH", 25)
    manifest, lines = read_parts(world.file)
    kinds = manifest["counts"]["by_entity"]
    last = json.loads(lines[-1])["e"]
    other = next(kind for kind, n in sorted(kinds.items()) if n and kind != last)
    kinds[last] -= 1
    kinds[other] += 1
    refused(target, write_parts(tmp_path / "counts.tavle", manifest, lines, fix=False),
            "sync.error.counts")
