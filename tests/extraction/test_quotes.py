"""Quotes stage: quotation marks, attribution cascade, evidence spans."""

from __future__ import annotations


def quotes(analyse, text):
    report = analyse(text, upto="quotes")
    for quote in report.record.quotes:
        assert report.text[quote.span[0]:quote.span[1]] == quote.evidence
    return [(q.speaker, q.text) for q in report.record.quotes]


def test_speaker_after_the_quote(analyse):
    text = "“We will not accept new conditions,” said Qari Yousuf Ahmadi, a Taliban spokesman."
    assert quotes(analyse, text) == [("Qari Yousuf Ahmadi", "We will not accept new conditions,")]


def test_speaker_before_the_quote_with_colon(analyse):
    text = "Pakistani Interior Minister Talal Chaudhry said: \"The bombers came from across the border.\""
    assert quotes(analyse, text) == [("Talal Chaudhry", "The bombers came from across the border.")]


def test_split_quote_and_pronoun(analyse):
    text = ("Foreign Minister Maris Sangiampongsa spoke on Friday. “Thailand wants peace,” he said. "
            "“But we will defend our territory.”")
    assert quotes(analyse, text) == [("Maris Sangiampongsa", "Thailand wants peace,"),
                                     ("Maris Sangiampongsa", "But we will defend our territory.")]


def test_surname_resolves_to_full_name(analyse):
    text = ("Rwandan Foreign Minister Olivier Nduhungirehe met the envoys. "
            "\"The talks were constructive,\" Nduhungirehe told reporters.")
    assert quotes(analyse, text) == [("Olivier Nduhungirehe", "The talks were constructive,")]


def test_organisation_and_statement_as_speakers(analyse):
    text = ("The Congolese army said it was “deeply alarmed” by the raids. "
            "“The rebels must withdraw at once,” the statement said.")
    assert quotes(analyse, text) == [("DR Congo", "deeply alarmed"), ("DR Congo", "The rebels must withdraw at once,")]


def test_role_noun_resolves_to_the_state_named_before(analyse):
    text = "Indian troops returned fire overnight. “Our posts were targeted without provocation,” the army said."
    assert quotes(analyse, text) == [("India", "Our posts were targeted without provocation,")]


def test_short_quote_attributed_to_subject(analyse):
    text = "Iran condemned the strikes as a “declaration of war” and vowed revenge."
    assert quotes(analyse, text) == [("Iran", "declaration of war")]


def test_names_and_scare_quotes_are_not_quotes(analyse):
    text = ("India launched “Operation Vermilion Dawn” on Tuesday. The ‘truce’ was fragile. "
            "Moscow called Kyiv’s “unilateral” pause a trick.")
    assert quotes(analyse, text) == []


def test_apostrophes_do_not_open_quotes(analyse):
    text = "Pakistan's army said the Afghan side's posts were destroyed, officials' statements showed."
    assert quotes(analyse, text) == []


def test_quote_without_speaker_is_dropped(analyse):
    assert quotes(analyse, "The banner read “No more war” in large letters.") == []


def test_unnamed_speaker_is_named_by_role(analyse):
    text = "A shopkeeper in Sittwe said: “The shelling went on all night.”"
    assert quotes(analyse, text) == [("shopkeeper", "The shelling went on all night.")]


def test_indefinite_role_speaks_for_the_actor_it_names(analyse):
    text = "“We hit their camps,” a Pakistani security official told reporters."
    assert quotes(analyse, text) == [("Pakistan", "We hit their camps,")]


def test_according_to_a_statement_from_an_actor(analyse):
    text = "“Our forces repelled the attack,” according to a statement from the Sudanese army."
    assert quotes(analyse, text) == [("Sudan", "Our forces repelled the attack,")]


def test_straight_single_quotes_and_nested_quotes(analyse):
    text = ("'We will respond at a time of our choosing,' Iranian Foreign Minister Abbas Araghchi said. "
            "\"They told us 'leave now' and then fired,\" said Ali Rezaei, a resident.")
    assert quotes(analyse, text) == [("Abbas Araghchi", "We will respond at a time of our choosing,"),
                                     ("Ali Rezaei", "They told us 'leave now' and then fired,")]


def test_multi_paragraph_quote_runs_to_paragraph_end(analyse):
    text = ("Hun Manet, the Cambodian prime minister, said on Monday:\n"
            "“We never wanted this war.\n"
            "“We will honour the ceasefire,” he added.")
    assert quotes(analyse, text) == [("Hun Manet", "We never wanted this war."),
                                     ("Hun Manet", "We will honour the ceasefire,")]


def test_participle_clause_quotes_the_sentence_subject(analyse):
    text = "Israel rejected Tehran's claims, saying its jets had struck only “military targets”."
    assert quotes(analyse, text) == [("Israel", "military targets")]


def test_new_clause_after_a_quote_has_its_own_speaker(analyse):
    text = ("Russian Foreign Minister Sergei Lavrov called the plan “a provocation”, while Ukrainian officials "
            "said it was “a serious basis for talks”.")
    assert quotes(analyse, text) == [("Sergei Lavrov", "a provocation"), ("Ukraine", "a serious basis for talks")]
