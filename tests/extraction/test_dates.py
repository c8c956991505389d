"""Dates stage: which expressions are dates, and what they resolve to against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.extraction.dates import find_dates, resolve_expression

SATURDAY = dt.date(2025, 11, 8)  # the publication date used unless a test says otherwise


def dates_in(text: str, published: dt.date | None = SATURDAY) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.value, m.end_value) for m in find_dates(text, published)]


@pytest.mark.parametrize(("text", "value"), [
    ("The talks ended on November 7.", "2025-11-07"),
    ("The talks ended on 7 November.", "2025-11-07"),
    ("The talks ended Nov. 7, 2025, in Doha.", "2025-11-07"),
    ("A truce took hold on 15 October.", "2025-10-15"),
    ("A truce took hold on October 15th.", "2025-10-15"),
    ("A truce took hold on the 15th of October.", "2025-10-15"),
    ("Filed 2025-11-07 by our correspondent.", "2025-11-07"),
    ("Filed 13/11/2024 by our correspondent.", "2024-11-13"),
    ("Filed 2024/11/13 by our correspondent.", "2024-11-13"),
    ("Filed 13.11.2024 by our correspondent.", "2024-11-13"),
    ("Shelling resumed on Friday, 7 November.", "2025-11-07"),
    ("The raid of 7 March 2019 was the first.", "2019-03-07"),
])
def test_explicit_dates(text, value):
    assert [v for _, v, _ in dates_in(text)] == [value]


def test_day_without_year_is_in_the_publication_year():
    assert dates_in("Clashes broke out on 20 December.", dt.date(2026, 1, 5))[0][1] == "2025-12-20"
    assert dates_in("Clashes broke out on 9 November.")[0][1] == "2025-11-09"  # next day: within the window
    assert dates_in("Clashes broke out on 9 March.")[0][1] == "2025-03-09"
    assert dates_in("A new law took effect on 1 January.")[0][1] == "2025-01-01"


def test_near_future_day_stays_in_the_future():
    assert dates_in("A follow-up meeting would be held on November 20.")[0][1] == "2025-11-20"
    assert dates_in("The next round opens on 5 January.", dt.date(2025, 12, 28))[0][1] == "2026-01-05"


@pytest.mark.parametrize(("text", "published", "value"), [
    ("Airstrikes in March killed 40.", SATURDAY, "2025-03"),
    ("Airstrikes in March killed 40.", dt.date(2025, 3, 20), "2025-03"),
    ("Airstrikes in March killed 40.", dt.date(2025, 2, 20), "2024-03"),
    ("The truce was signed last October.", SATURDAY, "2025-10"),
    ("The truce was signed last October.", dt.date(2025, 10, 20), "2024-10"),
    ("Fighting flared in early October.", SATURDAY, "2025-10"),
    ("Fighting flared in late September.", SATURDAY, "2025-09"),
    ("Fighting flared in mid-October.", SATURDAY, "2025-10"),
    ("Fighting flared in October 2024.", SATURDAY, "2024-10"),
    ("Fighting flared in May.", SATURDAY, "2025-05"),
    ("The October clashes were the worst.", SATURDAY, "2025-10"),
    ("Refugees have returned since 2021.", SATURDAY, "2021"),
    ("The border was fenced in 2017.", SATURDAY, "2017"),
    ("Trade fell in early 2024.", SATURDAY, "2024"),
    ("It was fenced in October last year.", SATURDAY, "2024-10"),
    ("Farmers recalled record 2023 harvests.", SATURDAY, "2023"),
])
def test_months_and_years(text, published, value):
    assert [v for _, v, _ in dates_in(text, published)] == [value]


def test_future_cue_turns_a_month_forward():
    assert dates_in("Elections will be held in December.")[0][1] == "2025-12"
    assert dates_in("Elections were held in December.")[0][1] == "2024-12"


@pytest.mark.parametrize(("text", "span", "first", "last"), [
    ("Talks ran over two days, 6 and 7 November, in Istanbul.", "6 and 7 November", "2025-11-06", "2025-11-07"),
    ("Talks ran November 6-7 in Istanbul.", "November 6-7", "2025-11-06", "2025-11-07"),
    ("Talks ran from 6 to 8 October in Doha.", "6 to 8 October", "2025-10-06", "2025-10-08"),
    ("Talks ran between 6 and 7 November in Doha.", "6 and 7 November", "2025-11-06", "2025-11-07"),
    ("The October 25\u201330 talks ended without a deal.", "October 25\u201330", "2025-10-25", "2025-10-30"),
    ("Talks ran from October 30 to November 2.", "October 30 to November 2", "2025-10-30", "2025-11-02"),
])
def test_ranges(text, span, first, last):
    assert dates_in(text) == [(span, first, last)]


def test_range_across_the_new_year():
    assert dates_in("Talks ran 30 December to 2 January.", dt.date(2025, 2, 10)) == [
        ("30 December to 2 January", "2024-12-30", "2025-01-02")]


@pytest.mark.parametrize(("text", "value"), [
    ("Shelling was reported today.", "2025-11-08"),
    ("Shelling was reported yesterday.", "2025-11-07"),
    ("Shelling was reported last night.", "2025-11-07"),
    ("Commanders meet tomorrow morning.", "2025-11-09"),
    ("Shelling was reported on Saturday.", "2025-11-08"),  # a Saturday report: that same day
    ("Shelling was reported Saturday night.", "2025-11-08"),
    ("Shelling was reported on Thursday.", "2025-11-06"),
    ("Thursday's talks ended early.", "2025-11-06"),
    ("Shelling was reported last Saturday.", "2025-11-01"),
    ("Shelling was reported last Thursday.", "2025-11-06"),
    ("The two sides will meet again on Monday.", "2025-11-10"),
    ("The ministry said on Monday that it would respond.", "2025-11-03"),
    ("Shelling was reported last week.", "2025-11"),
    ("Shelling was reported last month.", "2025-10"),
    ("Shelling was reported this month.", "2025-11"),
    ("Shelling was reported last year.", "2024"),
    ("Shelling was reported earlier this year.", "2025"),
    ("Shelling was reported two days ago.", "2025-11-06"),
    ("Shelling was reported three weeks ago.", "2025-10"),
    ("Shelling was reported 3 months ago.", "2025-08"),
    ("An offensive began this summer.", "2025"),
    ("An offensive began in the summer of 2023.", "2023"),
    ("An offensive began late last year.", "2024"),
    ("An offensive began at the end of last month.", "2025-10"),
    ("An offensive began a year ago.", "2024"),
])
def test_relative_expressions(text, value):
    assert [v for _, v, _ in dates_in(text)] == [value]


def test_weekday_on_publication_day_of_another_weekday():
    assert dates_in("Fighting resumed on Wednesday.", dt.date(2025, 10, 15))[0][1] == "2025-10-15"
    assert dates_in("Fighting resumed on Thursday.", dt.date(2025, 10, 15))[0][1] == "2025-10-09"


def test_weekend_is_a_saturday_to_sunday_range():
    assert dates_in("Clashes were reported over the weekend.", dt.date(2025, 10, 15)) == [
        ("the weekend", "2025-10-11", "2025-10-12")]


@pytest.mark.parametrize("text", [
    "The attack came at 4:35 PM local time.",
    "Talks proceeded over two days in good faith.",
    "The conflict has lasted for 20 years.",
    "The second round of talks collapsed.",
    "The convoy drove 2,500 kilometres.",
    "Some 2000 troops were deployed.",
    "Sanctions may lure concessions from Kabul.",
    "May God protect them, he said.",
    "Residents joined a peaceful march to the square.",
    "March organisers said police blocked the road.",
    "The March 23 Movement seized the town.",
    "The Good Friday Agreement ended the conflict.",
    "He told the Sunday Times about the raid.",
    "Protesters gather every Friday outside the court.",
    "Black September claimed the hijacking.",
    "Resolution 1701 calls for calm on both sides.",
    "Firing resumed at 1930 GMT near the post.",
    "The channel India Today aired the footage.",
    "Fighting raged overnight and the truce began at midnight.",
    "Casualties rose 12% with 1,200 wounded.",
])
def test_not_dates(text):
    assert dates_in(text) == []


def test_ambiguous_numeric_date_keeps_only_its_year():
    assert dates_in("The vote of 7/11/2025 was annulled.") == [("7/11/2025", "2025", None)]
    assert dates_in("The vote of 7/11 was annulled.") == []


def test_without_publication_date_only_absolute_dates_resolve():
    found = dates_in("On Saturday, a day after the 7 November clash, talks of 6 October 2025 resumed.", None)
    assert found == [("6 October 2025", "2025-10-06", None)]


def test_resolve_expression_helper():
    assert resolve_expression("early October", SATURDAY) == ("2025-10", None)
    assert resolve_expression("6 and 7 November", SATURDAY) == ("2025-11-06", "2025-11-07")
    assert resolve_expression("2021", None) == ("2021", None)
    assert resolve_expression("the talks", SATURDAY) is None


def test_stage_adds_sorted_mentions_with_exact_spans(analyse):
    text = "Talks opened on Thursday. The 2014 invasion and the 2021 takeover were cited on 7 November."
    report = analyse(text, published="2025-11-08", upto="dates")
    assert [(m.text, m.value) for m in report.dates] == [
        ("Thursday", "2025-11-06"), ("2014", "2014"), ("2021", "2021"), ("7 November", "2025-11-07")]
    assert all(text[m.start:m.end] == m.text for m in report.dates)


@pytest.mark.parametrize(("text", "expected"), [
    ("Rounds were held on May 16 and June 2.", [("2025-05-16", None), ("2025-06-02", None)]),
    ("Talks were held on 30 October and 2 November.", [("2025-10-30", None), ("2025-11-02", None)]),
    ("Shelling continued between May 16 and June 2.", [("2025-05-16", "2025-06-02")]),
    ("They met on 6 and 7 November.", [("2025-11-06", "2025-11-07")]),
])
def test_and_joins_two_dated_days_unless_consecutive_or_after_between(text, expected):
    assert [(m.value, m.end_value) for m in find_dates(text, dt.date(2025, 11, 12))] == expected
