"""The Report container's derived views."""


def test_lines_cut_sentences_at_line_breaks_and_trim_margins(analyse):
    text = "Border clashes resume\n\n  Shelling hit Chaman on Monday. Two people died.  \nPhoto: a market"
    report = analyse(text, upto="dates")
    assert [text[start:end] for start, end in report.lines] == [
        "Border clashes resume", "Shelling hit Chaman on Monday.", "Two people died.", "Photo: a market"]
