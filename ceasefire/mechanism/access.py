"""Who may do what: the role matrix, in one place. The CLI and the web layer call the mechanism's
functions with an :class:`Account`; each function asks :func:`require` before it reads or writes.

=================  =======  =======  =====  ========
action             liaison  monitor  chair  observer
=================  =======  =======  =====  ========
submit             own side yes      yes    no
see an allegation  own side all      all    published
attach a file      own side yes      yes    no
investigate, link  no       yes      yes    no
draft a finding    no       yes      yes    no
rule, publish      no       no       yes    no
hotline            own side yes      yes    no
patrols            see      yes      yes    no
set terms          no       no       yes    no
=================  =======  =======  =====  ========

"Own side": a liaison acts for its party only and sees only its party's submissions until they are
published, never another party's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ceasefire.mechanism.vocabulary import AccessDenied

_ALLOWED = {
    "submit": {"liaison", "monitor", "chair"},
    "attach": {"liaison", "monitor", "chair"},
    "investigate": {"monitor", "chair"},
    "link": {"monitor", "chair"},
    "draft": {"monitor", "chair"},
    "rule": {"chair"},
    "publish": {"chair"},
    "hotline": {"liaison", "monitor", "chair"},
    "see_hotline": {"liaison", "monitor", "chair"},
    "patrol": {"monitor", "chair"},
    "see_patrols": {"liaison", "monitor", "chair"},
    "terms": {"chair"},
}


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    party: str | None = None  # a liaison's side


def require(account: Account, action: str) -> None:
    """Raise :class:`AccessDenied` unless the account's role allows the action."""
    if account.role not in _ALLOWED[action]:
        raise AccessDenied(f"{account.name} ({account.role}) may not {action.replace('_', ' ')}")


def may_see(account: Account, allegation: dict[str, Any]) -> bool:
    """Whether the account may see this allegation (a row of the ``allegations`` table)."""
    if account.role in ("monitor", "chair") or allegation["published_at"]:
        return True
    return account.role == "liaison" and allegation["source"] == "party" and allegation["alleged_by"] == account.party


def own_side(account: Account, party: str | None) -> bool:
    """Whether a liaison acts for this party (others act for any)."""
    return account.role != "liaison" or party == account.party
