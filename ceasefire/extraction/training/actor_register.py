"""Build the actor register (``make train``): ``python -m ceasefire.extraction.training.actor_register``.

ACLED's coders name thousands of armed groups, militias, parties and movements worldwide, often
with their acronym ("JNIM: Group for Support of Islam and Muslims", "M23: March 23 Movement"). This
reads the actor fields of ``../shared/corpus/acled/train.jsonl`` and writes the names a report may
use for each group: the full name, the acronym, the parts of a joint name ("KIO/KIA: Kachin
Independence Organization/Kachin Independence Army"). Left out: state forces, which the curated
table covers country by country; ACLED's descriptive categories (protesters, civilians, ethnic and
clan groupings, unidentified groups, one word with a qualifier such as "Fishers (Bangladesh)"),
which no report writes as a name; joint codings ("X and/or Y");
and names coded fewer than :data:`MIN_EVENTS` times, unless coded with their acronym (the coder then vouches
for both: "ELN: National Liberation Army" counts from its first event).

A group is an ``armed_group`` when ACLED codes it as the first actor of a battle, a bombing or an
attack on civilians at least once, else an ``organisation``; its country is the one where at
least :data:`HOME_SHARE` of its events happened. Deterministic: the output is sorted.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from ceasefire.extraction import MODELS
from ceasefire.extraction.actors.states import ACTORS_FILE, states

ROOT = Path(__file__).resolve().parents[3]
ACLED_TRAIN = ROOT.parent / "shared" / "corpus" / "acled" / "train.jsonl"
REGISTER_FILE = MODELS / "actor_register.json"
MIN_EVENTS = 3
HOME_SHARE = 0.8
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_FIELDS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
# ACLED's descriptive categories and state forces.
_CATEGORY = re.compile(
    r"^(?:Military|Police|Government|Protesters|Rioters|Civilians|Unidentified|Private Security|Former Military"
    r"|Prisoners|Sole Perpetrator|Militia \(Pro-Government\))\b|\b(?:Ethnic|Communal|Sub-Clan|Clan|Tribal|Religious"
    r"|Group|Workers|Traders|Students|Teachers|Politicians|Farmers|Lawyers|Journalists)\b(?: \w+)*(?: \([^)]*\))?$"
    r"|\band/or\b")
_QUALIFIER = re.compile(r"\s*\((?:\d{4}-\d{0,4}|[^)]*)\)")
# A name's last qualifier, unless it is a date ("Islamic State (Greater Sahara)", not "(2019-)").
_LAST_QUALIFIER = re.compile(r"^(?P<base>.+?) \((?P<qualifier>[A-Z][^()]*)\)$")
# Acronyms in the notes ("ISGS"): one found in MIN_ACRONYM_NOTES notes or more, at least ACRONYM_SHARE of them
# coded with one actor whose name it abbreviates (its words' initials), names that actor.
_ACRONYM_IN_NOTE = re.compile(r"\b[A-Z][A-Z0-9]{2,5}\b")
MIN_ACRONYM_NOTES = 5
ACRONYM_SHARE = 0.8
_ACRONYM = re.compile(r"^([A-Za-z0-9/&'-]{2,15}): (.+)$")
_ARTICLE = re.compile(r"^[Aa]l[ -](?=[A-Z])")
# Shorter acronyms ("AL", "CV") are too often other things in a text.
_MIN_ACRONYM = 3


def surfaces(name: str) -> tuple[str, list[str]]:
    """The readable name of an ACLED actor and the names a report may write for it."""
    acronym_match = _ACRONYM.match(name)
    acronyms, full = [], name
    if acronym_match is not None:
        acronyms, full = acronym_match.group(1).split("/"), acronym_match.group(2)
    full = _QUALIFIER.sub("", full).strip()
    parts = [p.strip() for p in full.split("/")]
    names = parts if len(acronyms) > 1 and len(acronyms) == len(parts) else [full]
    names = [n for n in names if " " in n] or [full]  # "SLM/A: Sudan Liberation Movement/Army": not "Army"
    aliases = [*names, *(a for a in acronyms if len(a) >= _MIN_ACRONYM)]
    for n in names:  # "Al Shabaab" is also written "al-Shabaab", "al Shabaab", "Al-Shabaab"
        article = _ARTICLE.match(n)
        if article:
            rest = n[article.end():]
            aliases += [f"{a}{sep}{rest}" for a in ("al", "Al") for sep in (" ", "-")]
    return names[0], list(dict.fromkeys(aliases))


def branch_surfaces(name: str, states: set[str]) -> tuple[str, list[str]] | None:
    """A branch or faction, told apart from the group that goes by the bare name by the region or faction its
    qualifier names ("Islamic State (Greater Sahara)", "Sudan Liberation Movement/Army (Minnawi Faction)");
    None when the qualifier is a state's name or a date, or there is none."""
    qualified = _LAST_QUALIFIER.match(_full_name(name))
    if qualified is None or qualified["qualifier"].casefold() in states or qualified["qualifier"].isupper():
        return None  # "Islamic State West Africa Province (ISWAP)": an acronym, no branch
    acronym = name.split(": ", 1)[0] if ": " in name else ""
    aliases = [qualified.group(0), f"{qualified['base']} {qualified['qualifier']}"]
    return qualified.group(0), aliases + ([acronym] if len(acronym) >= _MIN_ACRONYM and " " not in acronym else [])


def _full_name(name: str) -> str:
    """The name without the acronym ACLED puts before it ("JNIM: Group for ..." -> "Group for ...")."""
    return name.split(": ", 1)[1] if ": " in name else name


def _initials(name: str) -> str:
    """"Islamic State (Greater Sahara)" -> "ISGS": the capitals opening its words, small words left out."""
    return "".join(word[0] for word in re.findall(r"[A-Za-z][\w'-]*", _QUALIFIER.sub(
        lambda m: " " + m.group(0).strip(" ()"), _full_name(name))) if word[0].isupper())


def learned_acronyms(rows: list[dict]) -> dict[str, str]:
    """The acronyms the notes write for the actors they are coded with (see :data:`ACRONYM_SHARE`)."""
    notes: Counter[str] = Counter()
    coded: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        actors = {actor.strip() for field in _FIELDS for combined in (row["gold"].get(field) or "").split(";")
                  for actor in combined.split(" and/or ") if actor.strip()}
        for acronym in set(_ACRONYM_IN_NOTE.findall(row["text"])):
            notes[acronym] += 1
            coded[acronym].update(actors)
    found = {}
    for acronym, count in sorted(notes.items()):
        if count >= MIN_ACRONYM_NOTES and coded[acronym]:
            actor, together = min(coded[acronym].items(), key=lambda item: (-item[1], item[0]))
            if together >= ACRONYM_SHARE * count and _initials(actor) == acronym:
                found[acronym] = actor
    return found


def build(rows: list[dict]) -> list[dict]:
    counts: Counter[str] = Counter()
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    violent: set[str] = set()
    for row in rows:
        gold = row["gold"]
        for field in _FIELDS:
            for actor in (gold.get(field) or "").split(";"):
                actor = actor.strip()
                if actor and not _CATEGORY.search(actor):
                    counts[actor] += 1
                    countries[actor][gold["iso"]] += 1
                    if field == "actor1" and gold["event_type"] in _VIOLENT:
                        violent.add(actor)
    register: dict[str, dict] = {}
    named: dict[str, str] = {}  # ACLED's name -> the register's
    taken: set[str] = set()
    state_names = {alias.casefold() for state in states() for alias in (state["name"], *_texts(state["aliases"]))}
    curated = {entry["name"] for entry in json.loads(ACTORS_FILE.read_text(encoding="utf-8"))["organisations"]}
    for actor, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if count < MIN_EVENTS and not _ACRONYM.match(actor):
            continue
        name, aliases = surfaces(actor)
        if " " not in name and _QUALIFIER.search(actor):
            continue  # "Fishers (Bangladesh)", "Militia (Pro-Government)": a category, not a name
        if name in register or name in curated:  # the bare name is another's: a branch goes by its qualifier
            name, aliases = branch_surfaces(actor, state_names) or (name, aliases)
        aliases = [a for a in aliases if a not in taken]  # a name already given to a more frequent group
        if not aliases or name in register:
            continue
        taken.update(aliases)
        named[actor] = name
        home, home_count = countries[actor].most_common(1)[0]
        register[name] = {"name": name, "kind": "armed_group" if actor in violent else "organisation",
                          "country": home if home_count >= HOME_SHARE * count else None, "aliases": aliases}
    for acronym, actor in learned_acronyms(rows).items():
        entry = register.get(named.get(actor, ""))
        if entry is not None and acronym not in taken:
            entry["aliases"].append(acronym)
            taken.add(acronym)
    return sorted(register.values(), key=lambda entry: entry["name"])


def _texts(aliases: list) -> list[str]:
    return [alias if isinstance(alias, str) else alias["text"] for alias in aliases]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REGISTER_FILE)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in ACLED_TRAIN.read_text(encoding="utf-8").splitlines() if line.strip()]
    register = build(rows)
    about = ("Armed groups, militias, parties and movements with the names reports use for them, built by "
             "ceasefire/extraction/training/actor_register.py from the actor names in the human coding of "
             "Armed Conflict Location & Event Data (ACLED), acleddata.com. Rebuild with `make train`.")
    args.out.write_text(json.dumps({"_about": about, "organisations": register}, indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    kinds = Counter(entry["kind"] for entry in register)
    print(f"wrote {args.out}: {len(register)} actors ({kinds['armed_group']} armed groups)")


if __name__ == "__main__":
    main()
