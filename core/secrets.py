"""Secrets kept on this PC outside the database: the operating system's credential store, or a
file only the user can read.

Where a secret goes:

- The operating system's credential store, through the `keyring` package: Windows Credential
  Manager, the macOS Keychain, the desktop's Secret Service on Linux. Each secret is one entry
  under the service name `Tavle` with the secret's key (`<database>/<name>`, see `key_for`) as
  its user name.
- Where there is no usable store, a per-user file, `secrets.json` in Tavle's config folder
  (`core.paths.config_dir`): a JSON object mapping each key to its secret. On POSIX the file is
  written owner-only (0o600). On Windows the config folder is inside the user's own profile
  (AppData), which Windows already keeps from other (non-administrator) users; no ACL is set.

"No usable store" is decided on every read and write, never once at start-up: `keyring` finds
no backend (its `fail.Keyring`, or a chainer with nothing to chain, have a priority below 1),
or the backend raises (a locked-down PC whose policy refuses stored credentials, a keyring
that cannot be unlocked). Whatever the store raises is caught here; the caller sees a value,
None, or `SecretsError` when neither place can keep a secret.

`TAVLE_KEYRING=file` keeps secrets in the file only and never imports `keyring` (the tests set
it, so they never touch a real credential store; a PC whose store misbehaves can set it too).

The file is read first, the store second: a key is in the file only when the store could not
keep it (an older value the store may still hold is then never read, and is deleted if the
store lets it), and a store write that succeeds takes the key out of the file (a write that
cannot do so fails rather than leave an old value in front of the new one).

`keyring` is imported only when a secret is read or written, never at start-up (it is slow to
import).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.paths import config_dir

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "Tavle"
"""The service name of Tavle's entries in the operating system's credential store."""
ENV = "TAVLE_KEYRING"
"""`file`: keep secrets in the per-user file only (tests; a PC whose store misbehaves)."""
FILE_NAME = "secrets.json"
FILE_MODE = 0o600


class SecretsError(Exception):
    """Neither the credential store nor the per-user file could keep (or forget) a secret."""


@dataclass(frozen=True)
class Place:
    """Where a secret is kept: `kind` is "windows", "macos", "keyring" (another credential
    store) or "file"; `path` is the file's path when `kind` is "file"."""

    kind: str
    path: str = ""


def key_for(owner: str, name: str) -> str:
    """The key of a secret `name` belonging to the database `owner` (its secrets id)."""
    return f"{owner}/{name}"


def secrets_path() -> Path:
    """The per-user file of secrets kept where there is no usable credential store."""
    return config_dir() / FILE_NAME


# -- the credential store -------------------------------------------------------------------


def _store() -> KeyringBackend | None:
    """The credential store if one is usable on this PC, else None (never raises)."""
    if os.environ.get(ENV, "").strip().lower() == "file":
        return None
    try:
        import keyring

        backend = keyring.get_keyring()
        if backend.priority < 1:
            return None
    except Exception:  # no backend, a broken configuration, a backend whose probe raises
        return None
    return backend


def _store_get(backend: KeyringBackend, key: str) -> str | None:
    try:
        value = backend.get_password(SERVICE, key)
    except Exception:
        return None
    return value if isinstance(value, str) else None


def _store_put(backend: KeyringBackend, key: str, value: str) -> bool:
    """Write to the store and read it back; False if the store did not keep it."""
    try:
        backend.set_password(SERVICE, key, value)
    except Exception:
        return False
    return _store_get(backend, key) == value


def _store_drop(backend: KeyringBackend, key: str) -> bool:
    """Delete from the store; True once the store no longer gives the key."""
    with contextlib.suppress(Exception):  # keyring raises PasswordDeleteError when not there
        backend.delete_password(SERVICE, key)
    return _store_get(backend, key) is None


def _kind(backend: KeyringBackend) -> str:
    """"windows", "macos" or "keyring": which credential store the user would look in."""
    try:
        from keyring.backends.chainer import ChainerBackend

        if isinstance(backend, ChainerBackend) and backend.backends:
            backend = backend.backends[0]
    except Exception:
        return "keyring"
    module = type(backend).__module__
    if module.endswith(".Windows"):
        return "windows"
    if module.endswith(".macOS"):
        return "macos"
    return "keyring"


# -- the per-user file ----------------------------------------------------------------------


def _load() -> tuple[dict[str, str], bool]:
    """The file's secrets, and whether the file is there but cannot be read as such."""
    try:
        data: Any = json.loads(secrets_path().read_text("utf-8"))
    except FileNotFoundError:
        return {}, False
    except (OSError, ValueError):
        return {}, True
    if not isinstance(data, dict):
        return {}, True
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}, False


def _read_file() -> dict[str, str]:
    """The file's secrets; a missing, unreadable or damaged file holds none."""
    return _load()[0]


def _write_file(secrets: dict[str, str]) -> None:
    """Replace the file atomically with an owner-only copy holding `secrets`."""
    path = secrets_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if _load()[1]:
            # A damaged file is kept aside, never silently overwritten.
            os.replace(path, path.with_name(f"{path.stem}.damaged{path.suffix}"))
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(secrets, out, ensure_ascii=False, indent=1, sort_keys=True)
                out.flush()
                os.fsync(out.fileno())
            if sys.platform != "win32":
                os.chmod(temporary, FILE_MODE)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
    except OSError as error:
        raise SecretsError(f"cannot write {path}: {error}") from None


def _file_drop(key: str) -> None:
    secrets = _read_file()
    if key in secrets:
        del secrets[key]
        _write_file(secrets)


# -- the API --------------------------------------------------------------------------------


def get(key: str) -> str | None:
    """The secret kept under `key`, or None (also when the store cannot be read)."""
    kept = _read_file().get(key)
    if kept is not None:
        return kept
    backend = _store()
    return _store_get(backend, key) if backend is not None else None


def put(key: str, value: str) -> Place:
    """Keep `value` under `key` (replacing what was there) and say where it went; raise
    `SecretsError` if neither the store nor the file could keep it."""
    backend = _store()
    if backend is not None and _store_put(backend, key, value):
        _file_drop(key)
        return Place(_kind(backend))
    secrets = _read_file()
    secrets[key] = value
    _write_file(secrets)
    if backend is not None:
        _store_drop(backend, key)  # an old value left there is behind the file's, never read
    return Place("file", str(secrets_path()))


def remove(key: str) -> None:
    """Forget the secret under `key` in both places; raise `SecretsError` if it stays."""
    _file_drop(key)
    backend = _store()
    if backend is not None and not _store_drop(backend, key):
        raise SecretsError(f"{key} stays in the credential store")


def place_of(key: str) -> Place:
    """Where the secret under `key` is kept, or would be kept if it were set now."""
    if key in _read_file():
        return Place("file", str(secrets_path()))
    backend = _store()
    if backend is not None:
        return Place(_kind(backend))
    return Place("file", str(secrets_path()))
