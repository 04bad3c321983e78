"""The `.tavle` file: a zip with `manifest.json` and `changes.jsonl`, written and read with limits.

Reading checks the container before anything else looks at the content: the member names (never
used as paths), sizes and compression ratio (against decompression bombs), the zip CRCs, the
payload's SHA-256 and line count. The changes are then read as a stream, a batch at a time,
each line parsed once through strict pydantic models (`extra="forbid"`, no NaN or infinity,
bounded nesting): memory is bounded by the file's size and a batch, not by its number of
changes. A manifest whose text (a unit's, project's or user's name, any string) holds a control
character or a bidi control is refused: those names are shown and printed, and such characters
steer a terminal (`core.values.inert`).
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from core.sync.cpr_numbers import mask_numbers
from core.sync.errors import SyncFileError
from core.values.inert import has_hidden, inert

FORMAT = "tavle-sync"
FORMAT_VERSION = (1, 1)
"""The file layout's version (major, minor): a newer major is refused, a newer minor imports.
1.1 added the manifest's `redactions`; a file that lists any says it needs a 1.1 reader."""
SUFFIX = ".tavle"
MANIFEST = "manifest.json"
PAYLOAD = "changes.jsonl"
SEALED = "payload.bin"
"""The payload when the project has a team passphrase: compressed, encrypted and sealed."""
MEMBERS = (MANIFEST, PAYLOAD, SEALED)

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_MANIFEST_BYTES = 2 * 1024 * 1024
"""A manifest is small, but its list of redactions may grow (`MAX_REDACTIONS` of them)."""
MAX_PAYLOAD_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200
"""Uncompressed / compressed size: JSON lines deflate about 6×, a bomb of zeros about 1,000×."""
MAX_LINE_BYTES = 1024 * 1024
MAX_PREV = 64
MAX_COVERS = 10_000
WARN_FILE_BYTES = 15 * 1024 * 1024
"""Above this a file is awkward to mail: the export warns."""

_CHUNK = 1024 * 1024

Ident = Annotated[str, StringConstraints(pattern=r"^[a-z_][a-z0-9_]{0,63}$")]
"""An entity or field name: checked against the registry later, never put into SQL before."""
Uid = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{1,64}$")]
ChangeRef = tuple[Uid, Annotated[int, Field(ge=1, lt=2**62)]]
Scalar = Annotated[str, StringConstraints(max_length=100_000)] | bool | int | float | None

_STRICT = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False, frozen=True)


class ScopeEntry(BaseModel):
    """One project or organisation in the file, with what the sender has and what it sends."""

    model_config = _STRICT

    id: Uid
    kind: Literal["project", "organisation", "network"]
    name: Annotated[str, StringConstraints(max_length=200)]
    since: dict[Uid, Annotated[int, Field(ge=0, lt=2**62)]]
    """Per replica, the last seq the file leaves out (the recipients have it)."""
    seen: dict[Uid, Annotated[int, Field(ge=0, lt=2**62)]]
    """Per replica, the last seq the sender holds without a gap."""


class Sender(BaseModel):
    model_config = _STRICT

    replica_id: Uid
    unit: Annotated[str, StringConstraints(max_length=200)]
    user: Annotated[str, StringConstraints(max_length=64)]


class PayloadInfo(BaseModel):
    model_config = _STRICT

    name: Literal["changes.jsonl"]
    bytes: Annotated[int, Field(ge=0)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Counts(BaseModel):
    model_config = _STRICT

    changes: Annotated[int, Field(ge=0)]
    by_entity: dict[Ident, Annotated[int, Field(ge=0)]]


class CryptoBlock(BaseModel):
    """How the payload is encrypted (`core.sync.passphrase`)."""

    model_config = _STRICT

    kdf: Literal["scrypt"]
    n: int
    r: int
    p: int
    salt: Annotated[str, StringConstraints(max_length=64)]
    aead: Literal["AES-256-GCM"]
    nonce: Annotated[str, StringConstraints(max_length=64)]
    key_check: Annotated[str, StringConstraints(max_length=64)]


class Manifest(BaseModel):
    """What the file is, who sent it, what it holds."""

    model_config = _STRICT

    format: str
    format_version: tuple[int, int]
    min_reader: tuple[int, int]
    app_version: Annotated[str, StringConstraints(max_length=32)]
    vocab: Annotated[int, Field(ge=1)]
    export_id: Uid
    created_at: Annotated[str, StringConstraints(max_length=40)]
    kind: Literal["full", "delta"]
    sender: Sender
    scopes: Annotated[list[ScopeEntry], Field(min_length=1, max_length=100)]
    units: dict[Uid, Annotated[str, StringConstraints(max_length=200)]]
    counts: Counts
    payload: PayloadInfo
    crypto: CryptoBlock | None = None
    redactions: Annotated[
        list[tuple[Uid, Uid, Annotated[int, Field(ge=1, lt=2**62)], Ident]],
        Field(max_length=10_000),
    ] = []
    """(scope, replica, seq, field) of every value the sender's units took out of the log
    because it held a personal number (`core.sync.redaction`): the receiver does the same."""


class ChangeLine(BaseModel):
    """One change as it travels: the `sync_change` row in compact JSON."""

    model_config = _STRICT

    p: Uid
    r: Uid
    s: Annotated[int, Field(ge=1, lt=2**62)]
    h: Annotated[int, Field(ge=0, lt=2**63)]
    e: Ident
    id: Uid
    set: Annotated[dict[Ident, Scalar], Field(min_length=1, max_length=200)]
    prev: dict[Ident, Annotated[list[ChangeRef], Field(max_length=MAX_PREV)]]
    covers: Annotated[list[ChangeRef], Field(max_length=MAX_COVERS)] | None = None
    a: Annotated[str, StringConstraints(max_length=64)]
    v: Annotated[int, Field(ge=1, lt=1_000_000)]

    @property
    def change_id(self) -> tuple[str, int]:
        return self.r, self.s

    def as_line(self) -> dict[str, Any]:
        """The JSON object as `core.db.changelog` hashes it (`covers` only on deletions)."""
        line: dict[str, Any] = {
            "p": self.p, "r": self.r, "s": self.s, "h": self.h, "e": self.e, "id": self.id,
            "set": self.set,
            "prev": {name: [list(ref) for ref in refs] for name, refs in self.prev.items()},
            "a": self.a, "v": self.v,
        }
        if self.covers is not None:
            line["covers"] = [list(ref) for ref in self.covers]
        return line


Line = tuple[int, bytes, ChangeLine]
"""A change as read: its line number in the payload, its bytes, and the change."""
BATCH = 10_000
"""Changes per batch when a payload is read as a stream (a few MB of memory)."""


@dataclass(frozen=True)
class SyncFile:
    """A file whose container and manifest passed every check, and whose payload has the size,
    checksum and number of lines the manifest gives.

    The changes are read as a stream (`batches`), never all at once: a payload may hold a
    million of them. Each line is parsed as it comes; the number of changes of each kind is
    checked when the stream ends (`sync.error.counts`), so a reader that applies them does so in
    one transaction and lets that error roll it back.
    """

    manifest: Manifest
    file_sha256: str
    path: Path
    packed: bytes | None = None
    """A sealed file's payload, decrypted and still deflated (None: read from the zip)."""

    def batches(self, size: int | None = None) -> Iterator[list[Line]]:
        """The changes in order, `size` (else `BATCH`) at a time."""
        size = size or BATCH
        kinds: Counter[str] = Counter()
        expected = {kind: n for kind, n in self.manifest.counts.by_entity.items() if n}
        batch: list[Line] = []
        for number, line in enumerate(_lines(self), start=1):
            change = _parse_line(number, line)
            kinds[change.e] += 1
            if change.e not in expected:
                raise SyncFileError("sync.error.counts")
            batch.append((number, line, change))
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch
        if kinds != Counter(expected):
            raise SyncFileError("sync.error.counts")

    def changes(self) -> list[ChangeLine]:
        """Every change at once (a small file: tests, a preview of a few lines)."""
        return [change for batch in self.batches() for _n, _line, change in batch]


def _chunks(file: SyncFile) -> Iterator[bytes]:
    """The payload's bytes, a chunk at a time, never more than the limit."""
    total = 0
    if file.packed is not None:
        inflater = zlib.decompressobj()
        data = file.packed
        try:
            while data:
                chunk = inflater.decompress(data, _CHUNK)
                data = inflater.unconsumed_tail
                total += len(chunk)
                if total > MAX_PAYLOAD_BYTES:
                    raise SyncFileError("sync.error.bomb")
                yield chunk
            if not inflater.eof:
                raise SyncFileError("sync.error.damaged")
            if inflater.unused_data:
                raise SyncFileError("sync.error.bomb")
        except zlib.error:
            raise SyncFileError("sync.error.damaged") from None
        return
    try:
        with zipfile.ZipFile(file.path) as archive, archive.open(PAYLOAD) as member:
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                if total > MAX_PAYLOAD_BYTES:
                    raise SyncFileError("sync.error.bomb")
                yield chunk
    except SyncFileError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, KeyError):
        raise SyncFileError("sync.error.damaged") from None
    except Exception:  # zlib.error and friends: the payload is damaged
        raise SyncFileError("sync.error.damaged") from None


def _lines(file: SyncFile) -> Iterator[bytes]:
    """The payload's lines; at the end, its size and checksum are checked against the manifest
    again (the file is read from the disk twice and may have changed in between)."""
    digest = hashlib.sha256()
    size = count = 0
    rest = b""
    for chunk in _chunks(file):
        digest.update(chunk)
        size += len(chunk)
        parts = (rest + chunk).split(b"\n")
        rest = parts.pop()
        count += len(parts)
        if len(rest) > MAX_LINE_BYTES:  # no line is held beyond the limit
            raise SyncFileError("sync.error.line_too_long", line=count + 1)
        yield from parts
    if rest:
        yield rest
    info = file.manifest.payload
    if size != info.bytes or digest.hexdigest() != info.sha256:
        raise SyncFileError("sync.error.checksum")


def write_file(
    path: Path, manifest: dict[str, Any], payload: bytes, passphrase: str | None = None
) -> None:
    """Write the zip: the manifest stored, the payload deflated (or sealed with a passphrase)."""
    stamp = (2020, 1, 1, 0, 0, 0)
    if passphrase is not None:
        from core.sync import passphrase as team

        block, keys = team.crypto_block(passphrase)
        manifest = {**manifest, "crypto": block}
        manifest_bytes = _json_bytes(manifest)
        sealed = team.encrypt(keys, block, zlib.compress(payload, 6), manifest_bytes)
        members = [(MANIFEST, manifest_bytes), (SEALED, sealed)]
    else:
        members = [(MANIFEST, _json_bytes(manifest)), (PAYLOAD, payload)]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members:
            method = zipfile.ZIP_DEFLATED if name == PAYLOAD else zipfile.ZIP_STORED
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data, compress_type=method)


def _json_bytes(value: Any) -> bytes:
    import json

    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode()


PassphraseFor = Callable[[Manifest], str | None]
"""Given a sealed file's manifest, the passphrase to open it with (None: not known)."""


def read_file(path: Path, passphrase_for: PassphraseFor | None = None) -> SyncFile:
    """Check a `.tavle` file's container, manifest and payload (size, checksum, number of lines,
    each line's length); raise `SyncFileError` on anything wrong. The changes themselves are
    parsed as they are read (`SyncFile.batches`).

    Memory stays bounded by the file's size: the zip is read from the disk, the payload as a
    stream; a sealed payload is decrypted whole (AES-GCM opens all or nothing) and inflated as
    it is read.
    """
    try:
        if not path.is_file():
            raise SyncFileError("sync.error.not_a_file", path=str(path))
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SyncFileError("sync.error.too_large", mb=MAX_FILE_BYTES // (1024 * 1024))
        file_sha256 = hashlib.sha256()
        with path.open("rb") as handle:
            head = handle.read(4)
            file_sha256.update(head)
            while chunk := handle.read(_CHUNK):
                file_sha256.update(chunk)
    except OSError:
        raise SyncFileError("sync.error.not_readable", path=str(path)) from None
    if head != b"PK\x03\x04":
        raise SyncFileError("sync.error.not_tavle")
    with _open_zip(path) as archive:
        manifest, manifest_bytes = _checked_manifest(archive)
        sealed = _read_member(archive, SEALED, MAX_FILE_BYTES) if manifest.crypto else None
    packed = None
    if sealed is not None:
        packed = _open_sealed(manifest, manifest_bytes, sealed, passphrase_for)
        del sealed
    file = SyncFile(manifest, file_sha256.hexdigest(), path, packed)
    n_lines = sum(1 for _line in _lines(file))  # size, checksum and lines before any parsing
    if n_lines != manifest.counts.changes:
        raise SyncFileError(
            "sync.error.incomplete", expected=manifest.counts.changes, found=n_lines
        )
    return file


def read_manifest(path: Path) -> Manifest:
    """A `.tavle` file's manifest, after the container's checks (members, sizes, ratio) but
    without reading the payload: what a shared folder's files say they carry, read cheaply.
    The payload is checked when the file is imported (`read_file`)."""
    try:
        if not path.is_file():
            raise SyncFileError("sync.error.not_a_file", path=str(path))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SyncFileError("sync.error.too_large", mb=MAX_FILE_BYTES // (1024 * 1024))
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError:
        raise SyncFileError("sync.error.not_readable", path=str(path)) from None
    if head != b"PK\x03\x04":
        raise SyncFileError("sync.error.not_tavle")
    with _open_zip(path) as archive:
        return _checked_manifest(archive)[0]


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except OSError:
        raise SyncFileError("sync.error.not_readable", path=str(path)) from None
    except Exception:  # BadZipFile, EOFError, NotImplementedError (a damaged version field), ...
        raise SyncFileError("sync.error.damaged") from None


def _checked_manifest(archive: zipfile.ZipFile) -> tuple[Manifest, bytes]:
    """The members checked, the manifest read and parsed, the payload member as it says."""
    infos = archive.infolist()
    names = [info.filename for info in infos]
    if MANIFEST not in names:
        raise SyncFileError("sync.error.not_tavle")
    for info in infos:
        _check_member(info, names)
    manifest_bytes = _read_member(archive, MANIFEST, MAX_MANIFEST_BYTES)
    manifest = _parse_manifest(manifest_bytes)
    expected = PAYLOAD if manifest.crypto is None else SEALED
    if set(names) != {MANIFEST, expected}:
        raise SyncFileError("sync.error.damaged")
    return manifest, manifest_bytes


def _open_sealed(
    manifest: Manifest, manifest_bytes: bytes, sealed: bytes, passphrase_for: PassphraseFor | None
) -> bytes:
    """The sealed payload decrypted (still deflated: `_chunks` inflates it as it is read)."""
    from core.sync.passphrase import decrypt

    passphrase = passphrase_for(manifest) if passphrase_for else None
    if passphrase is None:
        raise SyncFileError("sync.error.passphrase_needed")
    return decrypt(passphrase, manifest.crypto, sealed, manifest_bytes)


def _check_member(info: zipfile.ZipInfo, names: list[str]) -> None:
    name = info.filename
    if name not in MEMBERS:
        raise SyncFileError("sync.error.unexpected_member", name=_shown(name))
    if names.count(name) > 1:
        raise SyncFileError("sync.error.unexpected_member", name=_shown(name))
    if info.flag_bits & 0x1:
        raise SyncFileError("sync.error.encrypted_zip")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise SyncFileError("sync.error.damaged")
    limit = MAX_MANIFEST_BYTES if name == MANIFEST else MAX_PAYLOAD_BYTES
    if info.file_size > limit:
        raise SyncFileError("sync.error.bomb")
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        raise SyncFileError("sync.error.bomb")


def _shown(name: str) -> str:
    """A member's name as a message shows it: short, inert, any CPR number in it masked."""
    return mask_numbers(inert(name[:60]))


def _read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """Read a member with a hard cap, whatever its header says (a lying header is a bomb too)."""
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(name) as member:
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise SyncFileError("sync.error.bomb")
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise SyncFileError("sync.error.damaged") from None
    except Exception as error:  # zlib.error and friends: the payload is damaged
        if isinstance(error, SyncFileError):
            raise
        raise SyncFileError("sync.error.damaged") from None
    return b"".join(chunks)


def _parse_manifest(data: bytes) -> Manifest:
    try:
        manifest = Manifest.model_validate_json(data)
    except ValidationError as error:
        if _too_deep(error):
            raise SyncFileError("sync.error.too_deep") from None
        if _has_key(data, "format", FORMAT):
            raise SyncFileError("sync.error.manifest_invalid") from None
        raise SyncFileError("sync.error.not_tavle") from None
    if manifest.format != FORMAT:
        raise SyncFileError("sync.error.not_tavle")
    if manifest.format_version[0] > FORMAT_VERSION[0] or manifest.min_reader > FORMAT_VERSION:
        version = ".".join(str(part) for part in manifest.format_version)
        raise SyncFileError("sync.error.newer_format", version=version)
    if any(has_hidden(text) for text in _texts(manifest.model_dump())):
        raise SyncFileError("sync.error.hidden_characters")
    return manifest


def _texts(value: Any) -> Iterator[str]:
    """Every string in a parsed JSON value: the values and the keys of its objects."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def _has_key(data: bytes, key: str, value: str) -> bool:
    return f'"{key}"'.encode() in data and f'"{value}"'.encode() in data


def _too_deep(error: ValidationError) -> bool:
    return any(
        item["type"] == "json_invalid" and "recursion" in str(item.get("ctx", {}).get("error", ""))
        for item in error.errors()
    )


def _parse_line(number: int, line: bytes) -> ChangeLine:
    if len(line) > MAX_LINE_BYTES:
        raise SyncFileError("sync.error.line_too_long", line=number)
    try:
        return ChangeLine.model_validate_json(line)
    except ValidationError as error:
        if _too_deep(error):
            raise SyncFileError("sync.error.too_deep") from None
        raise SyncFileError("sync.error.change_invalid", line=number) from None


def payload_bytes(lines: Iterable[str]) -> bytes:
    """Join change lines (compact JSON text) into the JSON-lines payload."""
    return "".join(f"{line}\n" for line in lines).encode()
