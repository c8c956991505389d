"""The shareable brief, and the monitor's commands run in-process on the hand-checked store."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from click.testing import CliRunner

from ceasefire.analysis.brief import write_brief
from ceasefire.analysis.status import ceasefire_status
from ceasefire.cli import main


def test_html_brief_inlines_a_chart_marking_agreement_and_talks(hand_store, tmp_path):
    out = tmp_path / "brief.html"
    html = write_brief(ceasefire_status(hand_store), "html", out)
    assert out.read_text(encoding="utf-8") == html
    svg = html[html.index("<svg"):html.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)  # well-formed SVG
    labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "in force 2025-10-19" in labels
    assert "talks in Istanbul 10-25" in labels
    assert len(list(root.iter("{http://www.w3.org/2000/svg}rect"))) == 11  # weeks -8 .. 2
    assert "VIOLATED" in html and "Hamid Rahimi" in html


def test_markdown_brief_writes_the_chart_beside_it(hand_store, tmp_path):
    out = tmp_path / "brief.md"
    text = write_brief(ceasefire_status(hand_store), "md", out)
    assert "![Incidents per week](brief-1.svg)" in text
    assert (tmp_path / "brief-1.svg").read_text().startswith("<svg")
    assert "## Doha ceasefire" in text and "| 0 | 2025-10-19 | 1 |" in text


def test_cli_status_report_incidents_export(hand_store, tmp_path):
    runner = CliRunner()
    db = hand_store.path
    result = runner.invoke(main, ["status", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["agreements"][0]["days_in_force"] == 17
    result = runner.invoke(main, ["status", "--db", db, "--as-of", "2025-10-28"])
    assert "IN FORCE" in result.output and "9 days in force" in result.output
    result = runner.invoke(main, ["incidents", "--db", db, "--country", "PK", "--since", "2025-10",
                                  "--until", "2025-10", "--type", "Battles"])
    assert result.exit_code == 0 and "Kurram" in result.output and "Chaman" not in result.output
    out = tmp_path / "events.geojson"
    result = runner.invoke(main, ["export", "--db", db, "--format", "geojson", "--out", str(out), "--actor",
                                  "Afghanistan"])
    assert result.exit_code == 0
    assert {f["id"] for f in json.loads(out.read_text())["features"]} == {"i1", "i3", "i4", "i5", "i6"}
    result = runner.invoke(main, ["report", "--db", db, "--format", "md"])
    assert result.exit_code == 0 and result.output.startswith("# Ceasefire brief, 2025-11-05")


def test_cli_refuses_a_missing_store_and_a_bad_date(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["status", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "no store at" in result.output
    result = runner.invoke(main, ["incidents", "--db", str(tmp_path / "none.db"), "--since", "last week"])
    assert result.exit_code != 0 and "not a date" in result.output


def test_markup_in_report_text_is_escaped_in_both_briefs(hand_store, tmp_path):
    import dataclasses

    from handbuilt import AGREEMENT, INCIDENTS, TALKS, ev

    from ceasefire.resolution.model import Resolution, StatusObservation

    hostile = dataclasses.replace(AGREEMENT, history=[
        StatusObservation("in_force", "2025-11-01", ev("docC", 'Holding <script>alert("x")</script> well.'))])
    hand_store.save_resolution(Resolution(incidents=INCIDENTS, agreements=[hostile], talks=TALKS))
    status = ceasefire_status(hand_store)
    for fmt in ("md", "html"):
        text = write_brief(status, fmt)
        assert "<script>" not in text and "&lt;script&gt;" in text
    assert [a.name for a in ceasefire_status(hand_store, agreement="pakistan").agreements] == ["Doha ceasefire"]
