"""The ``ceasefire`` command, run in-process: output shape and behaviour on bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ceasefire.cli import main

REPORT = ("Pakistani shelling struck a village in the Spin Boldak district of Kandahar on 7 November, "
          "Afghan officials said. The ceasefire agreed in Doha on 19 October has largely held since then.")
GERMAN = ("Die Waffenruhe zwischen den beiden Ländern hält nach Angaben der Regierung weiterhin an. "
          "Beobachter berichten von vereinzelten Schusswechseln an der Grenze, aber nicht von Toten.")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_one_file_prints_one_record(runner, tmp_path, extractor):
    path = tmp_path / "spin-boldak.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = runner.invoke(main, ["extract", str(path), "--published", "2025-11-08", "--title", "Shelling"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["schema"] == "ceasefire.document/1"
    assert record["document"] == {"id": "spin-boldak", "url": None, "title": "Shelling", "publisher": None,
                                  "published": "2025-11-08", "language": "en"}
    for section in ("events", "casualties", "quotes", "agreements", "talks"):
        for item in record[section]:
            start, end = item["span"]
            assert REPORT[start:end] == item["evidence"]


def test_broken_file_in_a_batch_is_reported_and_the_rest_go_through(runner, tmp_path, extractor):
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x00\x01\x02GIF89a")
    result = runner.invoke(main, ["extract", str(empty), str(good), str(binary)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [json.loads(line)["document"]["id"] for line in lines] == ["good"]
    assert f"{empty}: the report is empty" in result.stderr
    assert f"{binary}: looks like a binary file" in result.stderr
    assert "Traceback" not in result.stderr


def test_jsonl_keeps_order_and_reports_bad_lines_by_number(runner, extractor):
    lines = [json.dumps({"id": "one", "text": REPORT, "published": "2025-11-08"}),
             "this is not json",
             json.dumps({"id": "two", "text": GERMAN, "published": "2025-11-08"})]
    result = runner.invoke(main, ["extract", "--jsonl", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["document"]["id"] for r in records] == ["one", "two"]
    assert ":2: not valid JSON" in result.stderr


def test_non_english_report_gets_its_language_and_no_items(runner, tmp_path, extractor):
    path = tmp_path / "bericht.txt"
    path.write_text(GERMAN, encoding="utf-8")
    result = runner.invoke(main, ["extract", str(path)])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["document"]["language"] == "de"
    assert all(record[s] == [] for s in ("events", "casualties", "quotes", "agreements", "talks"))


def test_a_short_english_note_the_language_model_calls_pidgin_is_read(extractor):
    # py3langid gives this short English note "pcm" (Nigerian Pidgin, an English-based creole)
    text = "On 7 September 2024, Israeli artillery shelled Gaza - Sabra (Gaza City, Gaza Strip)."
    record = extractor.extract(text, published="2024-09-08")
    assert record.document.language == "pcm"
    assert [e.event_type for e in record.events] == ["Explosions/Remote violence"]


def test_text_format_is_a_readable_summary(runner, tmp_path, extractor):
    path = tmp_path / "r.txt"
    path.write_text("---\ntitle: Border report\npublished: 2025-11-08\n---\n" + REPORT, encoding="utf-8")
    result = runner.invoke(main, ["extract", "--format", "text", str(path)])
    assert result.exit_code == 0
    assert result.stdout.startswith("== Border report (2025-11-08, en)")


def test_usage_errors_are_clear(runner):
    assert "give report files" in runner.invoke(main, ["extract"]).output
    bad_date = runner.invoke(main, ["extract", "--published", "8/11/2025", "x.txt"])
    assert bad_date.exit_code == 2
    assert "'8/11/2025' is not a date YYYY-MM-DD" in bad_date.output


def test_regression_a_db_that_is_not_a_store_is_an_error_message(tmp_path):
    from click.testing import CliRunner

    from ceasefire.cli import main

    path = tmp_path / "notes.db"
    path.write_text("not a database", encoding="utf-8")
    result = CliRunner().invoke(main, ["status", "--db", str(path)])
    assert result.exit_code == 1 and "not a store Ceasefire Monitor can open" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_regression_extract_reads_json_lines_from_a_real_stdin_pipe():
    import subprocess
    import sys
    from pathlib import Path

    lines = (b'{"id": "a", "text": "Gunmen attacked a police post in Wajir on Friday.", "published": "2025-01-11"}\n'
             b'{"id": "b", "text": "bad \xff byte"}\n'
             b'{"id": "c", "text": "Soldiers clashed with rebels near Goma on Monday."}\n')
    done = subprocess.run([Path(sys.executable).parent / "ceasefire", "extract", "--jsonl", "-"], input=lines,
                          capture_output=True, timeout=120)
    ids = [json.loads(line)["document"]["id"] for line in done.stdout.decode().splitlines()]
    assert ids == ["a", "c"] and done.returncode == 1
    assert b"<stdin>:2: not UTF-8 text" in done.stderr
