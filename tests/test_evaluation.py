"""Evaluation gate: extraction quality on the dev corpus must not drop below the pinned floors.

Scored with the project-independent scorer in ``../shared/eval/score.py``; skipped (with a
message) only when ``../shared`` is not beside the checkout.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from ceasefire.ingestion.inputs import ReportInput
from ceasefire.records import SECTIONS

SHARED = Path(__file__).resolve().parents[2] / "shared"
MEAN_F1_FLOOR = 0.80
SECTION_F1_FLOOR = 0.65
CLAIMANT_ACCURACY_FLOOR = 0.85

pytestmark = pytest.mark.skipif(not (SHARED / "corpus" / "dev").is_dir(),
                                reason=f"evaluation gate skipped: no dev corpus at {SHARED / 'corpus' / 'dev'}")


@pytest.fixture(scope="module")
def scores(extractor) -> dict:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    golds = {f.stem: json.loads(f.read_text(encoding="utf-8"))
             for f in sorted((SHARED / "corpus" / "dev").glob("*.json"))}
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
    return {"f1": f1, "mean": sum(f1.values()) / len(f1), "claimant": hit / total if total else 0.0}


def test_mean_f1_floor(scores):
    assert scores["mean"] >= MEAN_F1_FLOOR, f"mean F1 {scores['mean']:.3f}; per section {scores['f1']}"


@pytest.mark.parametrize("section", SECTIONS)
def test_section_f1_floor(scores, section):
    assert scores["f1"][section] >= SECTION_F1_FLOOR, f"{section} F1 {scores['f1'][section]:.3f}"


def test_casualty_claimant_accuracy_floor(scores):
    assert scores["claimant"] >= CLAIMANT_ACCURACY_FLOOR, f"claimant accuracy {scores['claimant']:.3f}"
