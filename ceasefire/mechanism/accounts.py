"""Accounts, passwords and sessions. Passwords are hashed with scrypt (Python's ``hashlib``, a memory-hard
key-derivation function) under a random salt; a session is a random token, kept only as its SHA-256,
that expires after :data:`SESSION_HOURS`."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from ceasefire.mechanism import audit
from ceasefire.mechanism.access import Account
from ceasefire.mechanism.vocabulary import ROLES, AccessDenied, MechanismInputError
from ceasefire.storage.store import Store, now_iso

SESSION_HOURS = 12
MIN_PASSWORD = 10
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        found = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), dklen=32, n=int(n), r=int(r),
                               p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(found.hex(), digest)


def add_account(store: Store, name: str, role: str, password: str, party: str | None = None,
                *, by: str = "admin") -> Account:
    """Create an account (run by whoever holds the store file: the mechanism's administrator)."""
    name = (name or "").strip()
    if not name or len(name) > 64 or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise MechanismInputError("name", "use 1 to 64 letters, digits, '.', '-' or '_'")
    if role not in ROLES:
        raise MechanismInputError("role", f"{role!r} is not one of {', '.join(ROLES)}")
    if role == "liaison" and not (party or "").strip():
        raise MechanismInputError("party", "a liaison account needs the party it speaks for")
    if len(password) < MIN_PASSWORD:
        raise MechanismInputError("password", f"at least {MIN_PASSWORD} characters")
    party = party.strip() if role == "liaison" and party else None
    with store.write() as conn:
        if conn.execute("SELECT 1 FROM mechanism_accounts WHERE name = ?", (name,)).fetchone():
            raise MechanismInputError("name", f"an account {name!r} exists already")
        conn.execute("INSERT INTO mechanism_accounts VALUES (?, ?, ?, ?, ?)",
                     (name, role, party, hash_password(password), now_iso()))
        audit.record(conn, by, "add account", "account", name)
    return Account(name, role, party)


def authenticate(store: Store, name: str, password: str) -> Account:
    """The account, when the password is right; :class:`AccessDenied` otherwise (the same for a wrong name)."""
    row = store.connection.execute("SELECT name, role, party, password_hash FROM mechanism_accounts WHERE name = ?",
                                   (name,)).fetchone()
    if row is None or not password_matches(password, row[3]):
        raise AccessDenied("wrong account name or password")
    return Account(row[0], row[1], row[2])


def open_session(store: Store, account: Account, *, now: dt.datetime | None = None) -> str:
    """A new session token for the account, valid for :data:`SESSION_HOURS`."""
    token = secrets.token_urlsafe(32)
    expires = (now or dt.datetime.now(dt.UTC)) + dt.timedelta(hours=SESSION_HOURS)
    with store.write() as conn:
        conn.execute("DELETE FROM mechanism_sessions WHERE expires_at < ?", (dt.datetime.now(dt.UTC).isoformat(),))
        conn.execute("INSERT INTO mechanism_sessions VALUES (?, ?, ?)",
                     (_token_hash(token), account.name, expires.isoformat()))
    return token


def session_account(store: Store, token: str) -> Account:
    """The account a live session token belongs to; :class:`AccessDenied` for an unknown or expired one."""
    row = store.connection.execute(
        "SELECT a.name, a.role, a.party, s.expires_at FROM mechanism_sessions s "
        "JOIN mechanism_accounts a ON a.name = s.account WHERE s.token_hash = ?", (_token_hash(token),)).fetchone()
    if row is None or row[3] < dt.datetime.now(dt.UTC).isoformat():
        raise AccessDenied("no such session, or it has expired: log in again")
    return Account(row[0], row[1], row[2])


def close_session(store: Store, token: str) -> None:
    with store.write() as conn:
        conn.execute("DELETE FROM mechanism_sessions WHERE token_hash = ?", (_token_hash(token),))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
