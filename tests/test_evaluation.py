"""Evaluation gate: extraction quality must not drop below the pinned floors.

Scored with the project-independent scorer in ``../shared/eval/score.py`` on the dev corpus in
``../shared/corpus/dev`` (the floors the project committed to); ``tests/heldout``, ``tests/blind`` and
``tests/unseen``, reports written and annotated for this project; ``tests/fresh``, ``tests/pool_validation``,
``tests/pool_tuning`` and ``tests/untouched``, labels over pool reports (see their READMEs; the floors of
unseen, fresh and the pool sets guard against regressions, they are not targets). A fixed sample of ACLED's dev notes is
scored with ``score_acled.py``. Skipped, with a
message, only when ``../shared`` is not beside the checkout.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from ceasefire.extraction.training.labels import gold_record
from ceasefire.ingestion.inputs import ReportInput
from ceasefire.records import SECTIONS

SHARED = Path(__file__).resolve().parents[2] / "shared"
TESTS = Path(__file__).resolve().parent
POOL = SHARED / "corpus" / "pool"
CORPORA = {"dev": SHARED / "corpus" / "dev", "heldout": TESTS / "heldout", "blind": TESTS / "blind",
           "unseen": TESTS / "unseen", "fresh": TESTS / "fresh", "pool_validation": TESTS / "pool_validation",
           "pool_tuning": TESTS / "pool_tuning", "untouched": TESTS / "untouched"}
# corpus: (mean F1, each section's F1, casualty claimant accuracy). Dev, heldout and blind have been
# tuned on and are held to the project's floors; unseen has not, and its floors only guard against
# regressions below the level it measured.
FLOORS = {"dev": (0.80, 0.65, 0.85), "heldout": (0.80, 0.65, 0.85), "blind": (0.80, 0.65, 0.85),
          "unseen": (0.65, 0.55, 0.75), "fresh": (0.50, 0.35, 0.70), "pool_validation": (0.48, 0.25, 0.80),
          "pool_tuning": (0.60, 0.35, 0.65), "untouched": (0.70, 0.30, 0.65)}
# Sections with too few gold items in a corpus to measure anything (fresh: one round of talks).
UNMEASURED = {("fresh", "talks")}
# ACLED dev notes scored (the file's first lines are a fair sample) and the floors on their metrics
# (percent, first event): measured 95.3, 85.2, 61.5 and 61.5 (SD false alarms 7.0) on this sample
# when the event classifier came in; located within 50 km 77.8 since the place register.
ACLED_SAMPLE = 300
ACLED_FLOORS = {"detection_recall": 90.0, "event_type_accuracy": 80.0, "location_within_50km": 73.0,
                "actor1_match": 57.0}
ACLED_CEILINGS = {"sd_false_positive_rate": 15.0}

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").is_file(),
                                reason=f"evaluation gate skipped: no scorer at {SHARED / 'eval' / 'score.py'}")


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scorer():
    return _module("shared_score", SHARED / "eval" / "score.py")


def _golds(name: str, folder: Path) -> dict:
    if name in ("fresh", "pool_validation", "pool_tuning", "untouched"):
        return {f.stem: gold_record(f, POOL) for f in sorted(folder.glob("*.json"))}
    return {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in sorted(folder.glob("*.json"))}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def scores(request, extractor) -> dict:
    folder = CORPORA[request.param]
    if not folder.is_dir():
        pytest.skip(f"evaluation gate skipped: no corpus at {folder}")
    score = _scorer()
    golds = _golds(request.param, folder)
    inputs = [ReportInput(id=doc_id, text=gold["text"], **{k: gold["document"].get(k)
                                                             for k in ("published", "url", "title", "publisher")})
              for doc_id, gold in golds.items()]
    records = {r.document.id: r.to_dict() for r in extractor.extract_many(inputs)}
    totals = {s: {"tp": 0, "fp": 0, "fn": 0, "attrs": {}} for s in SECTIONS}
    for doc_id, gold in golds.items():
        for section, result in score.score_document(gold, records.get(doc_id)).items():
            for key in ("tp", "fp", "fn"):
                totals[section][key] += result[key]
            for name, (hit, total) in result["attrs"].items():
                h0, t0 = totals[section]["attrs"].get(name, (0, 0))
                totals[section]["attrs"][name] = (h0 + hit, t0 + total)
    f1 = {s: score.prf(t["tp"], t["fp"], t["fn"])[2] for s, t in totals.items()}
    hit, total = totals["casualties"]["attrs"].get("claimant", (0, 0))
    return {"corpus": request.param, "f1": f1, "mean": sum(f1.values()) / len(f1),
            "claimant": hit / total if total else 0.0}


def test_mean_f1_floor(scores):
    floor = FLOORS[scores["corpus"]][0]
    assert scores["mean"] >= floor, f"{scores['corpus']}: mean F1 {scores['mean']:.3f}; {scores['f1']}"


@pytest.mark.parametrize("section", SECTIONS)
def test_section_f1_floor(scores, section):
    if (scores["corpus"], section) in UNMEASURED:
        pytest.skip(f"{scores['corpus']}: too few gold {section} to hold a floor")
    floor = FLOORS[scores["corpus"]][1]
    assert scores["f1"][section] >= floor, f"{scores['corpus']}: {section} F1 {scores['f1'][section]:.3f}"


def test_casualty_claimant_accuracy_floor(scores):
    floor = FLOORS[scores["corpus"]][2]
    assert scores["claimant"] >= floor, f"{scores['corpus']}: claimant {scores['claimant']:.3f}"


@pytest.fixture(scope="module")
def acled(extractor) -> dict:
    """score_acled.py's first-event metrics over the ACLED dev sample."""
    scorer = _module("score_acled", SHARED / "corpus" / "acled" / "score_acled.py")
    rows = scorer.load_bench(str(SHARED / "corpus" / "acled" / "dev.jsonl"), ACLED_SAMPLE)
    inputs = [ReportInput(id=r["id"], text=r["text"], published=r["published"]) for r in rows]
    records = {r.document.id: r.to_dict() for r in extractor.extract_many(inputs)}
    return scorer.compute(rows, records, "first")


@pytest.mark.parametrize("metric", sorted(ACLED_FLOORS))
def test_acled_floor(acled, metric):
    assert acled[metric] >= ACLED_FLOORS[metric], f"ACLED dev sample: {metric} {acled[metric]:.1f}"


@pytest.mark.parametrize("metric", sorted(ACLED_CEILINGS))
def test_acled_ceiling(acled, metric):
    assert acled[metric] <= ACLED_CEILINGS[metric], f"ACLED dev sample: {metric} {acled[metric]:.1f}"
