"""Expanding SOURCE arguments: folders, front matter, JSON, JSON Lines, RSS and Atom feeds, stdin."""

from __future__ import annotations

import io
import json

import pytest

from ceasefire.errors import InputError
from ceasefire.ingestion.sources import SourceOptions, expand_sources

LONG = " ".join(["Artillery fire was reported near the crossing overnight, and traders said the road was shut."] * 8)


def _expand(*sources, **options):
    found = list(expand_sources([str(s) for s in sources], SourceOptions(**options)))
    reports = [item.load() for item in found if not isinstance(item, InputError)]
    errors = [item for item in found if isinstance(item, InputError)]
    return reports, errors


def test_folder_is_read_recursively_with_front_matter(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(
        "---\ntitle: Clash at the border\npublished: 2025-10-12\npublisher: Example Wire\n"
        "url: https://example.org/one\n---\nFighting broke out overnight.\n", encoding="utf-8")
    (tmp_path / "a" / "b" / "two.md").write_text("# Heading\n\nA second report.", encoding="utf-8")
    (tmp_path / "a" / "notes.csv").write_text("ignored,in,folders\n", encoding="utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text("ignored too", encoding="utf-8")
    reports, errors = _expand(tmp_path / "a")
    assert errors == []
    assert [r.text.strip() for r in reports] == ["# Heading\n\nA second report.", "Fighting broke out overnight."]
    first = reports[1]
    assert (first.title, first.published, first.publisher, first.url) == (
        "Clash at the border", "2025-10-12", "Example Wire", "https://example.org/one")


def test_json_object_list_and_document_record(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"text": "Report one.", "published": "2025-10-01"}))
    (tmp_path / "many.json").write_text(json.dumps([{"text": "Report two."}, {"no_text": 1}]))
    (tmp_path / "gold.json").write_text(json.dumps({"text": "Report three.",
                                                    "document": {"id": "g", "published": "2025-11-08"}}))
    reports, errors = _expand(tmp_path / "one.json", tmp_path / "many.json", tmp_path / "gold.json")
    assert [(r.text, r.published) for r in reports] == [
        ("Report one.", "2025-10-01"), ("Report two.", None), ("Report three.", "2025-11-08")]
    assert [e.source for e in errors] == [f"{tmp_path / 'many.json'}[2]"]


def test_jsonl_file_and_stdin(tmp_path):
    (tmp_path / "in.jsonl").write_text('{"text": "First."}\nnot json\n{"text": "Second.", "url": "https://x.org/2"}\n')
    reports, errors = _expand(tmp_path / "in.jsonl")
    assert [r.text for r in reports] == ["First.", "Second."] and len(errors) == 1
    assert "not valid JSON" in str(errors[0])
    reports, errors = _expand("-", stdin=io.StringIO('{"text": "From stdin."}\n'))
    assert [r.text for r in reports] == ["From stdin."] and errors == []


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Border News</title>
<item><title>Crossing shut</title><link>https://example.org/crossing</link>
<pubDate>Tue, 14 Oct 2025 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{LONG}</p><p>Second paragraph.</p>]]></content:encoded></item>
<item><title>Teaser only</title><link>https://example.org/teaser</link>
<description>Short teaser.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Talks resume</title><link href="https://example.org/talks"/><id>t1</id>
<updated>2025-10-25T10:00:00Z</updated><summary>Delegations met in Istanbul on Saturday.</summary></entry>
</feed>"""


def test_rss_feed_entries_with_full_content(tmp_path):
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    found = list(expand_sources([str(tmp_path / "news.rss")], SourceOptions(follow_feed_links=False)))
    assert [item.url for item in found] == ["https://example.org/crossing", "https://example.org/teaser"]
    first, teaser = (item.load() for item in found)
    assert first.text.startswith("Artillery fire") and first.text.endswith("Second paragraph.")
    assert "\n\nSecond paragraph." in first.text
    assert (first.title, first.published, first.publisher) == ("Crossing shut", "2025-10-14", "Example Border News")
    assert teaser.text == "Short teaser."


def test_atom_feed(tmp_path):
    (tmp_path / "desk.atom").write_text(ATOM, encoding="utf-8")
    [report], errors = _expand(tmp_path / "desk.atom", follow_feed_links=False)
    assert errors == []
    assert (report.text, report.url, report.published) == (
        "Delegations met in Istanbul on Saturday.", "https://example.org/talks", "2025-10-25")


def test_feed_with_entity_expansion_is_refused(tmp_path):
    bomb = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss version="2.0"><channel><title>&b;</title><item><title>x</title><description>&b;</description></item>
</channel></rss>"""
    (tmp_path / "bomb.xml").write_text(bomb, encoding="utf-8")
    reports, [error] = _expand(tmp_path / "bomb.xml")
    assert reports == [] and "entities" in error.problem


def test_not_a_feed_and_missing_path(tmp_path):
    (tmp_path / "plain.xml").write_text("<root><a>1</a></root>", encoding="utf-8")
    reports, errors = _expand(tmp_path / "plain.xml", tmp_path / "nowhere")
    assert reports == []
    assert ["not an RSS/Atom feed" in e.problem or "no such file" in e.problem for e in errors] == [True, True]



def test_regression_deeply_nested_json_costs_only_itself(tmp_path):
    (tmp_path / "nested.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps({"text": "A good report."}), encoding="utf-8")
    reports, errors = _expand(tmp_path)
    assert [r.text for r in reports] == ["A good report."]
    assert [str(e) for e in errors] == [f"{tmp_path / 'nested.json'}: JSON nested too deeply to be a report"]


def test_regression_line_of_jsonl_that_is_not_utf8_costs_only_that_line(tmp_path):
    (tmp_path / "lines.jsonl").write_bytes(b'{"text": "First report."}\n{"text": "bad \xff byte"}\n'
                                           b'{"text": "Third report."}\n')
    reports, errors = _expand(tmp_path / "lines.jsonl")
    assert [r.text for r in reports] == ["First report.", "Third report."]
    assert [e.source for e in errors] == [f"{tmp_path / 'lines.jsonl'}:2"] and "not UTF-8" in errors[0].problem


def test_regression_file_name_that_is_not_utf8_is_read_under_an_escaped_name(tmp_path):
    (tmp_path / "ok.txt").write_text("A good report.", encoding="utf-8")
    with open(bytes(tmp_path) + b"/bad\xff.txt", "wb") as handle:
        handle.write(b"Another good report.")
    reports, errors = _expand(tmp_path)
    assert errors == [] and sorted(r.id for r in reports) == ["bad\\xff", "ok"]
    assert all(r.id.encode("utf-8") for r in reports)  # storable and printable


def test_regression_link_out_of_an_ingested_folder_is_not_followed(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("A private file that is not a report.", encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "ok.txt").write_text("A good report.", encoding="utf-8")
    (folder / "notes.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "ok.txt")  # a link within the folder is fine
    reports, errors = _expand(folder)
    assert sorted(r.text for r in reports) == ["A good report.", "A good report."]
    assert [(e.source, e.problem) for e in errors] == [(str(folder / "notes.txt"),
                                                        "a link to a file outside the folder; not followed")]


def test_regression_json_and_feed_files_over_their_limit_are_refused_unread(tmp_path, monkeypatch):
    from ceasefire.ingestion import sources

    monkeypatch.setattr(sources, "MAX_JSON_BYTES", 1_000)
    monkeypatch.setattr(sources, "MAX_FEED_BYTES", 1_000)
    (tmp_path / "big.json").write_text(json.dumps([{"text": LONG}] * 5), encoding="utf-8")
    (tmp_path / "big.rss").write_text("<rss>" + "x" * 2_000 + "</rss>", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("A good report.", encoding="utf-8")
    monkeypatch.setattr(type(tmp_path), "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    reports, errors = _expand(tmp_path / "big.json", tmp_path / "big.rss")
    assert reports == [] and all("MB, over the 0 MB allowed" in e.problem for e in errors) and len(errors) == 2
