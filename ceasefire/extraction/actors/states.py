"""The states of the world, as the actors and places stages name them.

The curated entries of ``data/actors.json`` come first (with their aliases over time, capitals used as
actors, forms the press uses); every other country is made from countryinfo's table: its name, its
official names in English ("Togolese Republic") and its demonym with the plural ("Togolese",
"Haitians"). Territories too small to be reported on as states (under ``MIN_POPULATION``) are left
out, and a demonym two countries share ("Dominican", "French" for the overseas departments) is left
to neither, so that "Togolese police" is Togo's police in a report on any country, while a word no
one country owns does not name one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from typing import Any

from ceasefire.extraction import DATA

ACTORS_FILE = DATA / "actors.json"
MIN_POPULATION = 150_000
_ENGLISH_NAME = re.compile(r"[A-Z][A-Za-z' -]+")
_NO_PLURAL = ("ese", "ish", "tch", "ss", "ois", "x")
# ISO 3166 codes withdrawn with their states (Netherlands Antilles, Serbia and Montenegro)
_WITHDRAWN = frozenset({"AN", "CS"})


@cache
def states() -> tuple[dict[str, Any], ...]:
    """Every state: ``name``, ``country`` (ISO alpha-2), ``aliases``, ``demonyms`` and ``capitals`` (curated
    entries only), as in ``data/actors.json``."""
    curated = json.loads(ACTORS_FILE.read_text(encoding="utf-8"))["states"]
    return (*curated, *world_states(curated))


def world_states(curated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The states made from countryinfo for the countries ``curated`` lacks."""
    known = {state["country"] for state in curated}
    taken = {demonym for state in curated for demonym in state.get("demonyms", [])}
    rows = _world_rows()
    shared = Counter(demonym for row in rows for demonym in _demonyms(row))
    made = []
    names = [alias if isinstance(alias, str) else alias["text"] for state in curated for alias in state["aliases"]]
    names += [row["name"] for row in rows]
    for row in rows:
        country = row["ISO"]["alpha2"]
        if country in known or (row.get("population") or 0) < MIN_POPULATION:
            continue
        demonyms = [d for d in _demonyms(row) if shared[d] == 1 and d not in taken and d != row["name"]]
        # official names in English; not one inside another state's name ("Republic of China")
        official = [name.strip() for name in row.get("altSpellings", [])
                    if " " in name.strip() and _ENGLISH_NAME.fullmatch(name.strip())
                    and not any(name.strip() in other and name.strip() != other for other in names)]
        made.append({"name": row["name"], "country": country, "aliases": list(dict.fromkeys([row["name"], *official])),
                     "demonyms": [form for d in demonyms for form in (d, *_plural(d))], "capitals": []})
    return made


def country_of_demonym(word: str) -> str | None:
    """The ISO alpha-2 code of the one state whose demonym ``word`` is ("Togolese" -> "TG"), else None."""
    return _demonym_countries().get(word)


@cache
def _demonym_countries() -> dict[str, str]:
    return {demonym: state["country"] for state in states() for demonym in state.get("demonyms", [])}


@cache
def _world_rows() -> tuple[dict[str, Any], ...]:
    """countryinfo's countries with a code and a demonym, by code (the first of a code's entries)."""
    from countryinfo import CountryInfo

    rows: dict[str, dict[str, Any]] = {}
    for row in CountryInfo.all().values():
        code = row.get("ISO", {}).get("alpha2")
        if code and code not in _WITHDRAWN and isinstance(row.get("name"), str) and isinstance(row.get("demonym"), str):
            rows.setdefault(code, row)
    return tuple(rows[code] for code in sorted(rows))


def _demonyms(row: dict[str, Any]) -> list[str]:
    """"Antiguan,Barbudan", "Serbian/Montenegrin": each form a demonym."""
    return [d.strip() for d in re.split(r"[,/]", row["demonym"]) if d.strip()]


def _plural(demonym: str) -> tuple[str, ...]:
    return () if demonym.endswith(_NO_PLURAL) else (demonym + "s",)
