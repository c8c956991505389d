"""The Report container's derived views."""


def test_lines_cut_sentences_at_line_breaks_and_trim_margins(analyse):
    text = "Border clashes resume\n\n  Shelling hit Chaman on Monday. Two people died.  \nPhoto: a market"
    report = analyse(text, upto="dates")
    assert [text[start:end] for start, end in report.lines] == [
        "Border clashes resume", "Shelling hit Chaman on Monday.", "Two people died.", "Photo: a market"]


def test_regression_text_too_long_for_the_model_costs_only_itself(extractor):
    from ceasefire.errors import InputError
    from ceasefire.ingestion.inputs import ReportInput

    long = ReportInput(id="long", text="Shelling hit the town. " * (extractor.nlp.max_length // 20))
    short = ReportInput(id="short", text="Shelling hit Chaman on Monday, killing two people.")
    failed = []
    records = list(extractor.extract_many([long, short], on_error=lambda item, exc: failed.append((item.id, exc))))
    assert [r.document.id for r in records] == ["short"]
    assert [(item, type(exc)) for item, exc in failed] == [("long", InputError)]
    assert "longer than the" in str(failed[0][1])
