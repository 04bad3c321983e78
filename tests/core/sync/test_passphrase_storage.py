"""Where a team passphrase is kept: outside the database, in the credential store or in a file
only the user can read, per database; never in the database's bytes."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from core import secrets
from core.db.store import Store
from core.i18n import LANGUAGES, Translator, catalog
from core.sync.errors import SyncFileError
from core.sync.passphrase import kept_where, passphrase_for, set_passphrase

SECRET = "Grøn kaffe på tirsdag"
OTHER = "Blå te om torsdagen"
POSIX = sys.platform != "win32"


def _open(path: Path, fingerprint: str = "pc-1/anne") -> Store:
    return Store.open(path, fingerprint=fingerprint)


def _file() -> dict[str, str]:
    return json.loads(secrets.secrets_path().read_text("utf-8"))


def _database_bytes(path: Path) -> bytes:
    """The bytes of the database file and whatever SQLite keeps beside it."""
    return b"".join(
        p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-journal")) if p.exists()
    )


# -- the per-user file (the tests' only place: TAVLE_KEYRING=file) ----------------------------


def test_set_get_and_remove_through_the_file(tmp_path: Path) -> None:
    store = _open(tmp_path / "tavle.db")
    assert passphrase_for(store, "p") is None
    set_passphrase(store, "p", SECRET)
    assert passphrase_for(store, "p") == SECRET
    assert _file() == {f"{store.secrets_id}/p": SECRET}
    assert kept_where(store, "p") == secrets.Place("file", str(secrets.secrets_path()))
    assert secrets.secrets_path().parent == Path(os.environ["TAVLE_CONFIG_DIR"])
    set_passphrase(store, "p", OTHER)
    assert passphrase_for(store, "p") == OTHER
    assert store.query("SELECT * FROM sync_passphrase") == []
    store.close()
    assert SECRET.encode() not in _database_bytes(tmp_path / "tavle.db")
    assert OTHER.encode() not in _database_bytes(tmp_path / "tavle.db")

    store = _open(tmp_path / "tavle.db")
    assert passphrase_for(store, "p") == OTHER  # kept across opening the file again
    set_passphrase(store, "p", None)
    assert passphrase_for(store, "p") is None
    assert _file() == {}
    store.close()


@pytest.mark.skipif(not POSIX, reason="POSIX file modes; on Windows the profile is per-user")
def test_the_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    store = _open(tmp_path / "tavle.db")
    previous = os.umask(0)  # a permissive umask must not widen the file
    try:
        set_passphrase(store, "p", SECRET)
        assert secrets.secrets_path().stat().st_mode & 0o777 == 0o600
        secrets.secrets_path().chmod(0o644)  # widened by hand: the next write narrows it
        set_passphrase(store, "q", OTHER)
    finally:
        os.umask(previous)
    assert secrets.secrets_path().stat().st_mode & 0o777 == 0o600
    assert not [p for p in secrets.secrets_path().parent.iterdir() if p.name.endswith(".tmp")]
    store.close()


def test_two_databases_on_one_pc_keep_separate_passphrases(tmp_path: Path) -> None:
    nord, syd = _open(tmp_path / "nord.db"), _open(tmp_path / "syd.db")
    assert nord.secrets_id != syd.secrets_id
    set_passphrase(nord, "same-project", SECRET)
    assert passphrase_for(syd, "same-project") is None
    set_passphrase(syd, "same-project", OTHER)
    assert passphrase_for(nord, "same-project") == SECRET
    assert passphrase_for(syd, "same-project") == OTHER
    set_passphrase(nord, "same-project", None)
    assert passphrase_for(syd, "same-project") == OTHER
    nord.close()
    syd.close()


def test_the_secrets_id_survives_a_new_replica_id_and_a_copy_carries_no_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _open(tmp_path / "tavle.db", "pc-1/anne")
    set_passphrase(store, "p", SECRET)
    secrets_id, replica_id = store.secrets_id, store.replica_id
    store.close()

    # Copied to another PC: a new replica id, the same secrets id; that PC's secret store
    # (another config folder here) has no passphrase for it.
    shutil.copy(tmp_path / "tavle.db", tmp_path / "kopi.db")
    with monkeypatch.context() as other_pc:
        other_pc.setenv("TAVLE_CONFIG_DIR", str(tmp_path / "other-pc"))
        copy = _open(tmp_path / "kopi.db", "pc-2/bo")
        assert copy.replica_id != replica_id and copy.secrets_id == secrets_id
        assert passphrase_for(copy, "p") is None
        copy.close()

    # Back on the first PC (even after a rename of the PC: a new fingerprint) it is still found.
    store = _open(tmp_path / "tavle.db", "pc-1-renamed/anne")
    assert store.replica_id != replica_id
    assert passphrase_for(store, "p") == SECRET
    store.close()


def test_when_no_place_can_keep_it_the_user_is_told_where_to_look(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _open(tmp_path / "tavle.db")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("TAVLE_CONFIG_DIR", str(blocker / "config"))  # cannot be made, even by root
    with pytest.raises(SyncFileError) as error:
        set_passphrase(store, "p", SECRET)
    assert error.value.key == "sync.error.passphrase_not_kept"
    assert error.value.params == {"folder": str(blocker / "config")}
    for lang in LANGUAGES:
        assert str(blocker / "config") in error.value.message(Translator(lang))
    assert passphrase_for(store, "p") is None
    store.close()


def test_a_damaged_file_is_kept_aside_not_overwritten(tmp_path: Path) -> None:
    store = _open(tmp_path / "tavle.db")
    path = secrets.secrets_path()
    path.parent.mkdir(parents=True)
    path.write_text("{ikke json", "utf-8")
    assert passphrase_for(store, "p") is None
    set_passphrase(store, "p", SECRET)
    assert passphrase_for(store, "p") == SECRET
    assert path.with_name("secrets.damaged.json").read_text("utf-8") == "{ikke json"
    store.close()


def test_every_place_has_its_message_in_every_language() -> None:
    for kind in ("windows", "macos", "keyring", "file"):
        for lang in LANGUAGES:
            text = Translator(lang)(f"sync_ui.passphrase.kept_{kind}", path="C:\\Users\\a")
            assert f"sync_ui.passphrase.kept_{kind}" in catalog(lang)
            assert ("C:\\Users\\a" in text) == (kind == "file")


# -- the credential store, through a fake keyring backend ------------------------------------


@pytest.fixture
def fake_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Let `core.secrets` use `keyring` (the suite forces the file), restoring the backend."""
    import keyring

    monkeypatch.delenv(secrets.ENV)
    previous = keyring.get_keyring()
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def _backend(kind: str = "good", module: str | None = None):  # type: ignore[no-untyped-def]
    from keyring.backend import KeyringBackend
    from keyring.errors import KeyringError, PasswordDeleteError

    class Fake(KeyringBackend):
        priority = 5  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.kept: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            if kind == "raises":
                raise KeyringError("locked")
            return self.kept.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            if kind in ("raises", "refuses_writes"):
                raise KeyringError("policy forbids stored credentials")
            if kind == "forgets":
                return
            self.kept[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if kind == "raises":
                raise RuntimeError("no D-Bus")
            if (service, username) not in self.kept:
                raise PasswordDeleteError("not there")
            del self.kept[(service, username)]

    if module:
        Fake.__module__ = module
    return Fake()


def test_a_usable_keyring_keeps_it_and_the_file_stays_empty(tmp_path, fake_keyring) -> None:
    import keyring

    backend = _backend(module="keyring.backends.Windows")
    keyring.set_keyring(backend)
    store = _open(tmp_path / "tavle.db")
    set_passphrase(store, "p", SECRET)
    assert backend.kept == {("Tavle", f"{store.secrets_id}/p"): SECRET}
    assert not secrets.secrets_path().exists()
    assert passphrase_for(store, "p") == SECRET
    assert kept_where(store, "p") == secrets.Place("windows")
    set_passphrase(store, "p", None)
    assert backend.kept == {}
    assert passphrase_for(store, "p") is None
    store.close()


@pytest.mark.parametrize("kind", ["raises", "refuses_writes", "forgets"])
def test_a_keyring_that_fails_falls_back_to_the_file(tmp_path, fake_keyring, kind) -> None:
    import keyring

    keyring.set_keyring(_backend(kind))
    store = _open(tmp_path / "tavle.db")
    set_passphrase(store, "p", SECRET)  # no exception escapes
    assert _file() == {f"{store.secrets_id}/p": SECRET}
    assert passphrase_for(store, "p") == SECRET
    assert kept_where(store, "p").kind == "file"
    set_passphrase(store, "p", None)
    assert passphrase_for(store, "p") is None
    store.close()


def test_no_keyring_backend_falls_back_to_the_file(tmp_path, fake_keyring) -> None:
    import keyring
    from keyring.backends import chainer, fail

    store = _open(tmp_path / "tavle.db")
    for backend in (fail.Keyring(), chainer.ChainerBackend()):
        keyring.set_keyring(backend)
        if backend.priority >= 1:  # pragma: no cover - a PC with a real backend to chain
            continue
        set_passphrase(store, "p", SECRET)
        assert _file() == {f"{store.secrets_id}/p": SECRET}
        assert passphrase_for(store, "p") == SECRET
        set_passphrase(store, "p", None)
    store.close()


def test_a_keyring_that_breaks_later_leaves_no_old_value_in_front(tmp_path, fake_keyring) -> None:
    import keyring

    working = _backend()
    keyring.set_keyring(working)
    store = _open(tmp_path / "tavle.db")
    set_passphrase(store, "p", SECRET)
    # Later, writes are refused (a new policy): the new value goes to the file, the old one
    # is taken out of the store.
    refusing = _backend("refuses_writes")
    refusing.kept = working.kept
    keyring.set_keyring(refusing)
    set_passphrase(store, "p", OTHER)
    assert refusing.kept == {}
    assert passphrase_for(store, "p") == OTHER
    # Writes work again: the value moves back to the store and out of the file.
    keyring.set_keyring(working)
    set_passphrase(store, "p", SECRET)
    assert _file() == {}
    assert passphrase_for(store, "p") == SECRET
    store.close()
