"""Files attached to allegations (photos, documents), stored inside the store content-addressed: a file's
name is its SHA-256, so the same photo sent twice is kept once. A file must be what its name says (its
first bytes are checked) and no larger than :data:`MAX_BYTES`."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from ceasefire.mechanism import audit
from ceasefire.mechanism.access import Account, own_side, require
from ceasefire.mechanism.allegations import visible_row
from ceasefire.mechanism.vocabulary import AccessDenied, MechanismInputError, NotFound
from ceasefire.storage.store import Store, now_iso

MAX_BYTES = 10 * 1024 * 1024
# extension -> (media type, the bytes a file of that type opens with; None: text that must decode as UTF-8)
KINDS = {
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"), ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"), ".pdf": ("application/pdf", b"%PDF-"),
    ".txt": ("text/plain", None),
}


def attach(store: Store, account: Account, allegation_id: str, name: str, content: bytes) -> str:
    """Attach a file to an allegation; its SHA-256."""
    require(account, "attach")
    row = visible_row(store, account, allegation_id)
    if account.role == "liaison" and not (own_side(account, row["alleged_by"]) and row["state"] == "alleged"):
        raise AccessDenied(f"{account.name} adds files to its side's allegations before investigation only")
    media_type = _media_type(name, content)
    digest = hashlib.sha256(content).hexdigest()
    with store.write() as conn:
        conn.execute("INSERT INTO mechanism_blobs VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                     (digest, media_type, len(content), content))
        conn.execute("INSERT INTO allegation_files VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                     (allegation_id, digest, PurePath(name).name, account.name, now_iso()))
        audit.record(conn, account.name, "attach file", "file", f"{allegation_id}|{digest}")
    return digest


def attached(store: Store, account: Account, allegation_id: str, digest: str) -> tuple[str, str, bytes]:
    """(name, media type, content) of a file attached to an allegation the account may see."""
    visible_row(store, account, allegation_id)
    row = store.connection.execute(
        "SELECT f.name, b.media_type, b.content FROM allegation_files f JOIN mechanism_blobs b USING (sha256) "
        "WHERE f.allegation_id = ? AND f.sha256 = ?", (allegation_id, digest)).fetchone()
    if row is None:
        raise NotFound(f"no file {digest!r} on allegation {allegation_id!r}")
    return row[0], row[1], bytes(row[2])


def _media_type(name: str, content: bytes) -> str:
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in KINDS:
        raise MechanismInputError("file", f"{name!r}: only {', '.join(KINDS)} files are taken")
    if not content:
        raise MechanismInputError("file", f"{name!r} is empty")
    if len(content) > MAX_BYTES:
        raise MechanismInputError("file", f"{name!r} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    media_type, magic = KINDS[suffix]
    if magic is None:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise MechanismInputError("file", f"{name!r} is not UTF-8 text") from None
    elif not content.startswith(magic):
        raise MechanismInputError("file", f"{name!r} is not a {media_type} file, whatever its name says")
    return media_type
