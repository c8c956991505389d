import pytest

from ceasefire.extraction.numbers import Quantity, find_quantities, parse_quantity


@pytest.mark.parametrize("text, value, approximate", [
    ("7", 7, False),
    ("1,200", 1200, False),
    ("2.5 million", 2_500_000, False),
    ("five", 5, False),
    ("Twenty-three", 23, False),
    ("one hundred and twelve", 112, False),
    ("two thousand", 2000, False),
    ("a dozen", 12, False),
    ("two dozen", 24, False),
    ("half a dozen", 6, True),
    ("a few", 3, True),
    ("several", 3, True),
    ("many", 10, True),
    ("dozens", 12, True),
    ("scores", 20, True),
    ("hundreds", 100, True),
    ("thousands", 1000, True),
    ("tens of thousands", 10_000, True),
    ("at least 10", 10, False),
    ("at least a dozen", 12, False),
    ("more than 100", 100, True),
    ("over 40", 40, True),
    ("nearly 50", 50, True),
    ("around 27", 27, True),
    ("some 300", 300, True),
    ("15-20", 15, True),
    ("between 8 and 11", 8, True),
    ("three to five", 3, True),
])
def test_parse_quantity_values(text, value, approximate):
    assert parse_quantity(text) == Quantity(value, approximate)


@pytest.mark.parametrize("text", ["", "the", "soldiers", "a", "F-16"])
def test_parse_quantity_rejects_non_quantities(text):
    assert parse_quantity(text) is None


def test_find_quantities_gives_offsets_into_the_text():
    text = "Shelling wounded eleven villagers and 4 soldiers."
    found = find_quantities(text, offset=100)
    assert [(q.text, q.value) for q in found] == [("eleven", 11), ("4", 4)]
    assert [text[q.start - 100:q.end - 100] for q in found] == ["eleven", "4"]


@pytest.mark.parametrize("text, counts", [
    ("The talks resumed on March 3 in Doha.", []),
    ("Clashes broke out on 14 June, 2023.", []),
    ("The raid began at 6.45am and ended at 10:15.", []),
    ("Prices rose 12% in a week.", []),
    ("Damage was put at $40 million and Rs 300 crore.", []),
    ("Pakistan bought 36 F-16 jets over a 10-year deal.", [36]),
    ("It was the 3rd attack since 2019.", []),
    ("A man aged 20 was held under Section 144.", []),
])
def test_find_quantities_skips_dates_times_money_and_labels(text, counts):
    assert [q.value for q in find_quantities(text)] == counts


def test_find_quantities_keeps_counts_next_to_skipped_numbers():
    found = find_quantities("In 2024, 36 jets flew 500 sorties.")
    assert [q.value for q in found] == [36, 500]


def test_articles_count_as_one_only_on_request():
    text = "The strike killed a woman."
    assert find_quantities(text) == []
    assert [q.value for q in find_quantities(text, articles=True)] == [1]


def test_vague_words_are_flagged():
    (dozens,) = find_quantities("dozens of people")
    (seven,) = find_quantities("seven people")
    assert dozens.vague and not seven.vague
