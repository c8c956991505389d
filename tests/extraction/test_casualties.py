import pytest


def casualties(analyse, text, published="2025-09-01"):
    report = analyse(text, published=published)
    for item in report.record.casualties:
        assert report.text[item.span[0]:item.span[1]] == item.evidence
    return report.record.casualties


def tolls(items):
    return [(c.killed, c.injured) for c in items]


@pytest.mark.parametrize("text, killed, injured", [
    ("Gunmen killed seven farmers near Quetta on Monday.", 7, None),
    ("A roadside bomb killed 14 people and wounded 32 others in Kandahar.", 14, 32),
    ("Nineteen people were killed and twenty-six injured when a market was shelled in Kharkiv.", 19, 26),
    ("The attack left 9 dead and 40 wounded.", 9, 40),
    ("Three civilians died after artillery hit their homes in Kunar.", 3, None),
    ("An airstrike wounded eleven children in Khost.", None, 11),
    ("The bombing in Peshawar claimed 21 lives.", 21, None),
    ("The death toll from the blast rose to 37 on Sunday.", 37, None),
    ("Two policemen were martyred in the ambush in Bannu.", 2, None),
    ("A drone strike killed a dozen fighters in Idlib.", 12, None),
])
def test_figures_in_words_and_digits(analyse, text, killed, injured):
    assert tolls(casualties(analyse, text)) == [(killed, injured)]


def test_vague_quantities_keep_the_lowest_value_and_are_approximate(analyse):
    (item,) = casualties(analyse, "Renewed shelling killed dozens of people and wounded hundreds of others.")
    assert (item.killed, item.injured, item.approximate) == (12, 100, True)


def test_at_least_is_exact(analyse):
    (item,) = casualties(analyse, "At least 18 soldiers were killed in the raid.")
    assert (item.killed, item.approximate, item.victims) == (18, False, "security_forces")


def test_coordinated_victims_of_one_kind_add_up(analyse):
    (item,) = casualties(analyse, "A rocket hit the house in Khost and killed four children and a woman.")
    assert (item.killed, item.victims) == (5, "civilians")


def test_coordinated_victims_of_different_kinds_stay_apart(analyse):
    items = casualties(analyse, "Six Pakistani soldiers and 30 militants were killed in clashes, the army said.")
    assert sorted((c.killed, c.victims) for c in items) == [(6, "security_forces"), (30, "militants")]
    soldiers = next(c for c in items if c.victims == "security_forces")
    assert soldiers.side == "PK"


@pytest.mark.parametrize("text, victims", [
    ("Snipers killed 4 civilians in Kherson.", "civilians"),
    ("Eight troops were wounded in the assault.", "security_forces"),
    ("The army said 12 terrorists were killed.", "militants"),
    ("Fifteen people, including six children, were killed in the strike.", "civilians"),
    ("The clashes killed 20 people, including soldiers and civilians.", "mixed"),
    ("Ten people were wounded in the blast.", "unspecified"),
])
def test_victims(analyse, text, victims):
    (item,) = casualties(analyse, text)
    assert item.victims == victims


def test_side_from_demonym_and_from_place(analyse):
    items = casualties(analyse, "Seven Afghan civilians were killed. Separately, a blast killed 5 people in Peshawar.")
    assert [(c.killed, c.side) for c in items] == [(7, "AF"), (5, "PK")]


def test_militants_have_no_side_from_places(analyse):
    (item,) = casualties(analyse, "Security forces killed 11 militants in North Waziristan.")
    assert (item.victims, item.side) == ("militants", None)


@pytest.mark.parametrize("text, claimant", [
    ("At least 30 people were killed, according to the United Nations.", "United Nations"),
    ("Afghan officials said 16 civilians were killed in the strikes.", "Afghanistan"),
    ("Nine soldiers were killed in the attack, the Pakistani military said on Friday.", "Pakistan"),
    ("India said that 40 militants were killed in the operation.", "India"),
    ("Pakistan condemned the raid, claiming that 13 civilians were killed.", "Pakistan"),
    ("A car bomb killed 8 people in Kabul on Tuesday.", None),
])
def test_claimants(analyse, text, claimant):
    (item,) = casualties(analyse, text)
    assert item.claimant == claimant


def test_claimant_of_a_quoted_figure_is_the_speaker_side(analyse):
    text = ('"So far 17 soldiers have been killed and 25 are wounded," Pakistani Interior Minister '
            'Mohsin Naqvi told reporters in Islamabad.')
    (item,) = casualties(analyse, text)
    assert (item.killed, item.injured, item.claimant) == (17, 25, "Pakistan")


def test_two_claimants_with_different_tolls_are_two_entries(analyse):
    text = ("Kabul said Pakistani air strikes killed 46 civilians in Paktika. "
            "Pakistan's military said the strikes killed 70 terrorists.")
    items = casualties(analyse, text)
    assert sorted((c.killed, c.claimant) for c in items) == [(46, "Afghanistan"), (70, "Pakistan")]


def test_a_restated_toll_is_one_entry(analyse):
    text = ("Strike kills 23 people in Gaza\n\n"
            "An Israeli strike killed 23 people in Gaza City on Monday, according to the health ministry.")
    (item,) = casualties(analyse, text)
    assert (item.killed, item.claimant) == (23, "health ministry")


@pytest.mark.parametrize("text", [
    "More than 1.2 million people have been displaced since 2021.",
    "Officials counted 500 attacks from across the border in 2024.",
    "Police arrested 25 suspects after the blast.",
    "The fighting caused losses of $300 million.",
    "About 600,000 refugees returned home last year.",
    "Twelve people died of cholera in the camp.",
    "The convoy travelled 40 kilometres before it was hit.",
    "Many people were injured, witnesses said.",
])
def test_not_casualty_figures(analyse, text):
    assert casualties(analyse, text) == []
