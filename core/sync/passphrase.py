"""A project's team passphrase: files encrypted and sealed with a key only the team knows.

The key comes from the passphrase through scrypt (n = 2**17, r = 8, p = 1, a fresh random salt per
file); HKDF derives an encryption key and a check key from it. The payload is encrypted with
AES-256-GCM, with the manifest's bytes as associated data, so changing either is detected. The
manifest's `key_check` tells a wrong passphrase apart from a file changed after it was made
(sync-design.md §4.8).

What it protects: the content of a file in a mailbox or on a lost USB stick, and a file changed or
forged by someone outside the team. What it does not: the project's and units' names stay
readable in the manifest; anyone holding the passphrase can read and write files; a forgotten
passphrase cannot be recovered (files made with it cannot be opened).

Where the passphrase lives: on this PC only, outside the database, never in a sync file or the
change log. `core.secrets` keeps it in the operating system's credential store (Windows
Credential Manager, the macOS Keychain, the desktop's Secret Service) under the service `Tavle`
and the user name `<secrets id>/<project id>`, or, where no credential store is usable, in a
JSON file only the user can read in Tavle's config folder. The secrets id is the database's
own (`Store.secrets_id`), not its replica id, which changes when the file is copied to another
PC or user (and when the PC is renamed): two databases on one PC keep separate passphrases; a
copy of a database on the same PC shares its original's (they are the same project's team);
a copy on another PC carries none (it must be typed there). Backups and copies of the database
hold no passphrase.

An older Tavle kept it in the database's `sync_passphrase` table; the store moves those rows
out when it opens the file (`core.db.store`). A row still there (the secret store could not
keep it) is read as a last resort, and setting or removing the passphrase deletes it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass
from typing import Any

from core import secrets
from core.db.store import Store, forget_rows
from core.paths import config_dir
from core.sync.errors import SyncFileError

SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
MIN_N, MAX_N = 2**14, 2**20
"""Bounds on a file's scrypt cost: a hostile manifest must not make us work for minutes."""
MIN_LENGTH = 8
CHECK_LABEL = b"tavle-key-check"


@dataclass(frozen=True)
class Keys:
    encrypt: bytes
    check: bytes


def derive(passphrase: str, salt: bytes, n: int) -> Keys:
    """Derive the file keys from a passphrase and a salt."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    secret = unicodedata.normalize("NFC", passphrase).encode()
    master = hashlib.scrypt(
        secret, salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=32, maxmem=256 * 1024 * 1024
    )

    def sub(label: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(master)

    return Keys(sub(b"tavle-encrypt"), sub(b"tavle-check"))


def key_check(keys: Keys) -> str:
    """A short tag that says whether a passphrase is the one a file was made with."""
    digest = hmac.new(keys.check, CHECK_LABEL, hashlib.sha256).digest()[:8]
    return base64.b64encode(digest).decode()


def crypto_block(passphrase: str) -> tuple[dict[str, Any], Keys]:
    """A fresh salt and nonce for a new file, and the keys to encrypt it with."""
    salt, nonce, n = os.urandom(16), os.urandom(12), SCRYPT_N
    keys = derive(passphrase, salt, n)
    block = {
        "kdf": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode(), "aead": "AES-256-GCM",
        "nonce": base64.b64encode(nonce).decode(), "key_check": key_check(keys),
    }
    return block, keys


def encrypt(keys: Keys, block: dict[str, Any], data: bytes, manifest_bytes: bytes) -> bytes:
    """Encrypt and seal the payload; the manifest is bound to it as associated data."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(keys.encrypt).encrypt(base64.b64decode(block["nonce"]), data, manifest_bytes)


def decrypt(passphrase: str, block: Any, data: bytes, manifest_bytes: bytes) -> bytes:
    """Open a payload; refuse a wrong passphrase and a changed file with their own messages."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not MIN_N <= block.n <= MAX_N or block.r != SCRYPT_R or block.p != SCRYPT_P:
        raise SyncFileError("sync.error.manifest_invalid")
    try:
        salt, nonce = base64.b64decode(block.salt), base64.b64decode(block.nonce)
    except ValueError:
        raise SyncFileError("sync.error.manifest_invalid") from None
    if len(nonce) != 12 or len(salt) < 16:
        raise SyncFileError("sync.error.manifest_invalid")
    keys = derive(passphrase, salt, block.n)
    if not hmac.compare_digest(key_check(keys), block.key_check):
        raise SyncFileError("sync.error.wrong_passphrase")
    try:
        return AESGCM(keys.encrypt).decrypt(nonce, data, manifest_bytes)
    except InvalidTag:
        raise SyncFileError("sync.error.tampered") from None


def _key(store: Store, scope_id: str) -> str:
    return secrets.key_for(store.secrets_id, scope_id)


def _old_row(store: Store, scope_id: str) -> str | None:
    """A passphrase an older Tavle kept in the database and the store could not move yet."""
    row = store.execute(
        "SELECT passphrase FROM sync_passphrase WHERE scope_id = ?", [scope_id]
    ).fetchone()
    return str(row[0]) if row else None


def passphrase_for(store: Store, scope_id: str) -> str | None:
    """The team passphrase set for a project on this PC, if any."""
    kept = secrets.get(_key(store, scope_id))
    return kept if kept is not None else _old_row(store, scope_id)


def set_passphrase(
    store: Store, scope_id: str, passphrase: str | None
) -> secrets.Place | None:
    """Set (or, with None, remove) a project's team passphrase on this PC; return where it is
    now kept (None when removed)."""
    if passphrase is not None and len(passphrase.strip()) < MIN_LENGTH:
        raise SyncFileError("sync.error.passphrase_short", length=MIN_LENGTH)
    key = _key(store, scope_id)
    place: secrets.Place | None = None
    try:
        if passphrase is None:
            secrets.remove(key)
        else:
            place = secrets.put(key, passphrase)
    except secrets.SecretsError:
        raise SyncFileError("sync.error.passphrase_not_kept", folder=str(config_dir())) from None
    old = _old_row(store, scope_id)
    if old is not None:
        forget_rows(store.conn, [(scope_id, old)])
    return place


def kept_where(store: Store, scope_id: str) -> secrets.Place:
    """Where a project's passphrase is kept on this PC (or would be, if it were set now)."""
    return secrets.place_of(_key(store, scope_id))
