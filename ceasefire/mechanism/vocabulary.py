"""The mechanism's fixed vocabularies: who acts (roles), what may be alleged (categories), how it was
observed, and the states an allegation goes through, with the moves allowed between them."""

from __future__ import annotations

from ceasefire.errors import CeasefireError

ROLES = {
    "liaison": "a party's liaison officer: submits for its side, sees its side's submissions and what is published",
    "monitor": "a monitor: investigates, links incidents, drafts findings, keeps the hotline log and patrol reports",
    "chair": "the chair: rules on findings and publishes them, sets the agreement's terms",
    "observer": "an observer: sees published findings only",
}
# Prohibited acts, in the categories ceasefire agreements use.
CATEGORIES = {
    "fighting": "fighting or armed clashes",
    "shelling": "shelling or artillery fire",
    "air_strike": "air or drone strikes",
    "force_movement": "movement or reinforcement of forces",
    "heavy_weapons": "heavy weapons inside a withdrawal zone",
    "attack_on_civilians": "attacks on civilians or protected sites",
    "obstruction_of_aid": "obstruction of humanitarian aid",
    "obstruction_of_monitors": "obstruction of monitors",
    "other": "another prohibited act",
}
OBSERVED = {"seen": "seen", "heard": "heard", "camera": "on camera", "drone": "by drone",
            "third_party": "by a third party", "document": "in a document"}
SOURCES = {"party": "a party", "monitor": "the monitors", "public": "the public", "patrol": "a joint patrol"}
PRECISIONS = ("exact", "district", "province", "country")
STATES = {
    "alleged": "alleged",
    "under_investigation": "under investigation",
    "substantiated": "substantiated",
    "not_substantiated": "not substantiated",
    "unable_to_verify": "unable to verify",
}
RULINGS = ("substantiated", "not_substantiated", "unable_to_verify")
MOVES = {"alleged": ("under_investigation",), "under_investigation": RULINGS}
CHANNELS = ("phone", "radio", "message", "meeting", "other")
UNDETERMINED = "undetermined"  # the attribution when a finding cannot say which party did it


class MechanismInputError(CeasefireError):
    """A value the mechanism refuses, naming the field and the problem."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class AccessDenied(CeasefireError):
    """An account tried what its role does not allow."""


class NotFound(CeasefireError):
    """No such item, or none the account may see (the two are not told apart, so nothing leaks)."""


MAX_TEXT = 10_000  # characters of a free-text field (a description, a finding, a call's subject)
MAX_NAME = 200  # characters of a name (a party, a place)


def checked_text(field: str, value: str | None, *, required: bool = False, limit: int = MAX_TEXT) -> str | None:
    """Free text, stored as given (pages only ever show it as text); bounded, and no control characters."""
    value = (value or "").strip()
    if not value:
        if required:
            raise MechanismInputError(field, "is empty")
        return None
    if len(value) > limit:
        raise MechanismInputError(field, f"longer than {limit} characters")
    if any(ord(c) < 32 and c not in "\n\t\r" for c in value):
        raise MechanismInputError(field, "contains control characters")
    return value
