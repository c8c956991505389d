"""Reading report files: every problem is a clear InputError naming the file."""

from __future__ import annotations

import io

import pytest

from ceasefire.errors import InputError
from ceasefire.ingestion.reading import check_published, read_jsonl, read_report_file, split_front_matter

ARTICLE = ("Heavy shelling struck villages near the border on Tuesday, local officials said. "
           "Residents described hours of artillery fire before a lull in the evening. ") * 6


def test_plain_text_report_keeps_its_text_and_file_stem_as_id(tmp_path):
    path = tmp_path / "border-report.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    report = read_report_file(path, published="2025-11-08")
    assert report.text == ARTICLE
    assert report.id == "border-report"
    assert report.published == "2025-11-08"


def test_front_matter_gives_metadata_and_is_removed_from_text(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("---\ntitle: Truce holds\npublished: 2025-10-20\npublisher: Desk\n---\n" + ARTICLE)
    report = read_report_file(path)
    assert (report.title, report.published, report.publisher) == ("Truce holds", "2025-10-20", "Desk")
    assert report.text == ARTICLE


def test_text_without_front_matter_is_untouched():
    meta, text = split_front_matter("--- not a block\nbody")
    assert meta == {} and text == "--- not a block\nbody"


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "empty"),
    (b"   \n\t  \n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"caf\xe9 \xff\xfe broken", "not valid UTF-8"),
])
def test_bad_files_name_the_file_and_the_problem(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_report_file(path)
    assert str(path) in str(err.value)
    assert problem in str(err.value)


def test_huge_file_is_refused_without_reading_it_whole(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 4_000_000)  # 20 MB
    with pytest.raises(InputError, match="20.0 MB"):
        read_report_file(path)


def test_unsupported_suffix_and_missing_file(tmp_path):
    other = tmp_path / "report.pdf"
    other.write_bytes(b"%PDF-1.7")
    with pytest.raises(InputError, match="unsupported file type '.pdf'"):
        read_report_file(other)
    with pytest.raises(InputError, match="cannot read file"):
        read_report_file(tmp_path / "missing.txt")


def test_html_keeps_the_article_and_drops_scripts_and_menus(tmp_path):
    scripts = "".join(f"<script>var tracker{i} = 'SCRIPTCONTENT';</script>" for i in range(200))
    html = (f"<html><head><title>Border clashes</title>{scripts}</head><body>"
            "<nav><ul><li>Home</li><li>Sport</li><li>MENUITEM</li></ul></nav>"
            f"<article><h1>Border clashes</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article>"
            "<footer>Copyright FOOTERTEXT</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    report = read_report_file(path)
    assert "Heavy shelling struck villages" in report.text
    assert "SCRIPTCONTENT" not in report.text and "MENUITEM" not in report.text
    assert report.title == "Border clashes"


def test_html_without_article_text_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><script>alert(1)</script><body></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_report_file(path)


def test_jsonl_yields_errors_with_line_numbers_and_keeps_the_rest():
    lines = [
        '{"id": "a", "text": "First report.", "published": "2025-11-08"}',
        "{broken",
        '{"id": "c"}',
        "",
        '["not", "an", "object"]',
        '{"id": "e", "text": "Last report."}',
    ]
    items = list(read_jsonl(io.StringIO("\n".join(lines)), source="in.jsonl"))
    assert [getattr(i, "id", None) for i in items] == ["a", None, None, None, "e"]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert errors[0].startswith("in.jsonl:2: not valid JSON")
    assert errors[1] == "in.jsonl:3: missing or non-string 'text' field"
    assert errors[2].startswith("in.jsonl:5: expected a JSON object")


@pytest.mark.parametrize(("given", "stored"), [
    ("2025-11-08", "2025-11-08"), ("2025-11-08T09:30:00Z", "2025-11-08"), ("2025-11-08 09:30", "2025-11-08"),
    ("", None), (None, None),
])
def test_publication_dates_are_kept_as_days(given, stored):
    assert check_published(given, "r.txt") == stored


@pytest.mark.parametrize("given", ["2025-11-31", "2025-99-99", "yesterday", "08/11/2025", "2025-11"])
def test_regression_bad_publication_date_is_refused_with_its_source(tmp_path, given):
    with pytest.raises(InputError, match=r"r.txt: published date .* is not a real date"):
        check_published(given, "r.txt")
    path = tmp_path / "r.txt"
    path.write_text(f"---\npublished: {given}\n---\nShelling hit the town.", encoding="utf-8")
    with pytest.raises(InputError, match="is not a real date"):
        read_report_file(path)
    (error,) = read_jsonl(io.StringIO(f'{{"text": "Shelling hit the town.", "published": "{given}"}}\n'), "in.jsonl")
    assert isinstance(error, InputError) and error.source == "in.jsonl:1"


def test_html_page_keeps_its_publication_date(tmp_path):
    html = ('<html><head><title>Border clashes</title>'
            '<meta property="article:published_time" content="2025-10-27T08:00:00Z"></head><body>'
            f"<article><h1>Border clashes</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    assert read_report_file(path).published == "2025-10-27"
    assert read_report_file(path, published="2025-11-01").published == "2025-11-01"  # the caller's word wins
