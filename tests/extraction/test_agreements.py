"""Agreements stage: hand-written reports, published 2025-11-08 (a Saturday) unless stated."""

from __future__ import annotations

import pytest


def agreements(analyse, text: str, published: str = "2025-11-08"):
    return analyse(text, published=published).record.agreements


def test_repeated_mentions_merge_into_one_agreement(analyse):
    found = agreements(analyse, "Ethiopia and Eritrea signed a ceasefire in Nairobi on Monday. "
                                "The truce remains in place, officials said. "
                                "Traders said the ceasefire had reopened the roads.")
    assert len(found) == 1
    agreement = found[0]
    assert (agreement.kind, agreement.venue, agreement.signed) == ("ceasefire", "Nairobi", "2025-11-03")
    assert agreement.status == "in_force"
    assert set(agreement.parties) == {"Ethiopia", "Eritrea"}


def test_effective_date_comes_from_took_effect(analyse):
    [agreement] = agreements(analyse, "Armenia and Azerbaijan agreed to a truce that took effect on 2 November.")
    assert agreement.effective == "2025-11-02"


def test_mediators_named_after_mediated_by(analyse):
    [agreement] = agreements(analyse, "Sudan and South Sudan agreed a ceasefire in Doha on Tuesday, "
                                      "mediated by Qatar and Turkey.")
    assert set(agreement.mediators) == {"Qatar", "Turkey"}
    assert agreement.venue == "Doha"


@pytest.mark.parametrize(("text", "status"), [
    ("The ceasefire between India and Pakistan collapsed on Sunday after heavy shelling.", "collapsed"),
    ("India and Pakistan accused each other of violating the ceasefire on Friday.", "violated"),
    ("Despite violations on both sides, the ceasefire between India and Pakistan still holds.", "in_force"),
])
def test_status_as_of_publication(analyse, text, status):
    [agreement] = agreements(analyse, text)
    assert agreement.status == status


@pytest.mark.parametrize("text", [
    "The United Nations urged an immediate ceasefire in Sudan.",
    "France called on both sides to agree to a truce.",
    "Hamas said it had accepted an Egyptian ceasefire proposal.",
    "A ceasefire could be agreed within days, officials said.",
    "No ceasefire has been agreed so far, the mediators said.",
    "The two countries signed a memorandum of understanding on energy in Beijing on Friday.",
])
def test_calls_proposals_and_hypotheticals_are_not_agreements(analyse, text):
    assert agreements(analyse, text) == []


def test_extension_is_a_separate_mention_dated_by_the_day_it_was_extended(analyse):
    found = agreements(analyse, "Pakistan and Afghanistan agreed on Thursday to extend the ceasefire during talks "
                                "in Istanbul. The ceasefire began on 19 October.", published="2025-10-30")
    assert sorted((a.venue or "", a.signed or "", a.effective or "", a.extended or "") for a in found) == [
        ("", "", "2025-10-19", ""), ("Istanbul", "2025-10-30", "", "2025-10-30")]


def test_hour_it_takes_effect_and_day_it_runs_until(analyse):
    [truce] = agreements(analyse, "The two armed groups agreed on Sunday to a 30-day ceasefire after talks mediated "
                                  "by the Catholic Church. The truce will take effect at midnight on Saturday.",
                         published="2026-03-02")
    assert (truce.signed, truce.effective, truce.effective_time, truce.expires) == (
        "2026-03-01", "2026-03-07", "00:00", "2026-04-06")
    assert truce.mediators == ["Catholic Church"]


def test_extension_gives_the_new_end_and_a_state_said_not_to_be_party_is_not_one(analyse):
    text = ("The National Liberation Army (ELN) and the dissident faction known as the EMC agreed on Saturday to "
            "extend their ceasefire by 30 days, until 6 May. The Colombian government is not a party to the truce.")
    [truce] = agreements(analyse, text, published="2026-04-05")
    assert (truce.extended, truce.expires) == ("2026-04-04", "2026-05-06")
    assert truce.parties == ["National Liberation Army", "EMC"]


def test_unilateral_truce_binds_only_its_declarer(analyse):
    [agreement] = agreements(analyse, "Russia and Ukraine traded accusations. On Saturday Russia declared a "
                                      "unilateral truce, but Ukraine said attacks went on.", published="2025-04-20")
    assert agreement.parties == ["Russia"]
    assert agreement.signed == "2025-04-19"


def test_fresh_agreement_is_dated_to_publication(analyse):
    [agreement] = agreements(analyse, "Thailand and Cambodia have agreed to a ceasefire from midnight.")
    assert agreement.signed == "2025-11-08"
    assert agreement.effective == "2025-11-08"


def test_old_accord_keeps_its_year_and_no_status(analyse):
    [agreement] = agreements(analyse, "The Taliban insisted on the 2020 Doha accord.")
    assert (agreement.kind, agreement.venue, agreement.signed, agreement.status) == (
        "peace_agreement", "Doha", "2020", None)


def test_evidence_is_the_most_informative_mention(analyse):
    report = analyse("The ceasefire holds. The Doha ceasefire, effective 15 October, ended the fighting.")
    [agreement] = report.record.agreements
    assert agreement.effective == "2025-10-15"
    assert report.text[agreement.span[0]:agreement.span[1]] == agreement.evidence
    assert agreement.evidence.startswith("The Doha ceasefire")


def test_place_a_ceasefire_covers_is_not_its_venue(analyse):
    [agreement] = agreements(analyse, "Syria's government announced a ceasefire in Sweida on Saturday.",
                             published="2025-07-20")
    assert agreement.venue is None
    assert agreement.signed == "2025-07-19"


def test_efforts_to_uphold_an_existing_ceasefire_still_name_it(analyse):
    [agreement] = agreements(analyse, "Mediators stepped up efforts to uphold the ceasefire between Israel and Hamas.")
    assert set(agreement.parties) == {"Israel", "Hamas"}


def test_month_may_is_not_a_modal(analyse):
    [agreement] = agreements(analyse, "In May, India and Pakistan agreed to a ceasefire.", published="2025-08-01")
    assert agreement.signed == "2025-05"


def test_here_is_the_dateline_city(analyse):
    [agreement] = agreements(analyse, "NAIROBI, Nov 7 (Reuters) - Ethiopia and Eritrea signed a truce here on Friday.")
    assert (agreement.venue, agreement.signed) == ("Nairobi", "2025-11-07")


def test_agreeing_to_stop_firing_is_a_ceasefire_dated_by_since_when(analyse):
    [agreement] = agreements(analyse, "The border has been quiet since 3 October, when the army chiefs of Eritrea "
                                      "and Ethiopia agreed over the telephone to stop all firing from 6 pm that day.")
    assert (agreement.kind, agreement.signed, agreement.effective) == ("ceasefire", "2025-10-03", "2025-10-03")
    assert agreement.status == "in_force"


@pytest.mark.parametrize(("text", "status"), [
    ("The truce between Armenia and Azerbaijan, brokered by Russia, has largely held since it was signed.", "in_force"),
    ("Clashes flared in Masisi despite a commitment to a ceasefire signed by Congo and the M23 in July.", "violated"),
    ("Attacks rose after the TTP called off its ceasefire with Pakistan in 2022.", "collapsed"),
    ("Strikes went on despite a ceasefire between Israel and Hezbollah that has been in place for a year.", "in_force"),
    ("Talks produced a mechanism to monitor the truce between Serbia and Kosovo and penalise violations.", "in_force"),
])
def test_status_cues_generalise(analyse, text, status):
    [agreement] = agreements(analyse, text)
    assert agreement.status == status


def test_an_initialled_agreement_not_yet_signed_has_no_status(analyse):
    [agreement] = agreements(analyse, "Armenia and Azerbaijan initialled a peace agreement in Washington in "
                                      "August. It has not yet been signed.")
    assert (agreement.venue, agreement.signed) == ("Washington", "2025-08")
    found = agreements(analyse, "The peace agreement between Armenia and Azerbaijan has not yet been signed.")
    assert [a.status for a in found] == [None]


@pytest.mark.parametrize("text", [
    "Ukraine has offered a 30-day ceasefire, which Russia has rejected.",
    "Russia and Ukraine agreed to swap prisoners but remained far apart on a ceasefire.",
])
def test_offers_and_unreached_truces_are_not_agreements(analyse, text):
    assert [a for a in agreements(analyse, text) if a.kind == "ceasefire"] == []


def test_agreeing_to_exchange_prisoners_is_an_agreement_of_kind_other(analyse):
    [agreement] = agreements(analyse, "Russian and Ukrainian delegations agreed in Istanbul on Monday to exchange all "
                                      "wounded prisoners of war, but made no progress towards a ceasefire.",
                             published="2025-06-03")
    assert (agreement.kind, agreement.venue, agreement.signed) == ("other", "Istanbul", "2025-06-02")
    assert set(agreement.parties) == {"Russia", "Ukraine"}


def test_that_truce_refers_back_to_the_earlier_one(analyse):
    found = agreements(analyse, "A ceasefire between Thailand and Cambodia took effect on July 28. The Kuala Lumpur "
                                "accord, signed on October 26, built on that truce.")
    assert sorted(a.kind for a in found) == ["ceasefire", "peace_agreement"]
    ceasefire = next(a for a in found if a.kind == "ceasefire")
    assert (ceasefire.effective, ceasefire.signed) == ("2025-07-28", None)


def test_between_names_the_parties(analyse):
    [agreement] = agreements(analyse, "Lebanon's health ministry said Israeli strikes killed two Lebanese men. "
                                      "The truce ended a year of war between Israel and Hezbollah. Lebanese "
                                      "officials condemned the strike.")
    assert set(agreement.parties) == {"Israel", "Hezbollah"}


def test_a_lone_armed_group_faces_the_state_it_fights_in(analyse):
    [agreement] = agreements(analyse, "A drone strike hit Mir Ali in North Waziristan on Monday. Violence has grown "
                                      "in Bannu and Lakki Marwat since the TTP ended its ceasefire in 2022.")
    assert set(agreement.parties) == {"Tehrik-i-Taliban Pakistan", "Pakistan"}


def test_witnesses_are_mediators(analyse):
    [agreement] = agreements(analyse, "Thailand and Cambodia signed a peace accord in Kuala Lumpur on October 26, "
                                      "witnessed by the leaders of Malaysia and the United States.")
    assert set(agreement.mediators) == {"Malaysia", "United States"}


def test_talk_dates_are_not_the_truce_effective_date(analyse):
    [agreement] = agreements(analyse, "Pakistan and Afghanistan agreed a ceasefire in Doha on 19 October. Talks in "
                                      "Istanbul from 25 to 30 October produced a plan to monitor the truce.")
    assert (agreement.signed, agreement.effective) == ("2025-10-19", None)
    assert agreement.status == "in_force"


def test_a_distant_talks_venue_is_not_the_agreement_venue(analyse):
    found = agreements(analyse, "Border panels from Armenia and Azerbaijan held talks in the town of Gabala on "
                                "Tuesday, the first meeting of the panels since the two countries initialled a "
                                "peace agreement in August.")
    assert [a.venue for a in found] == [None]


def test_a_date_the_truce_expired_is_not_its_signing(analyse):
    [agreement] = agreements(analyse, "The Houthis and the Saudi-led coalition observed a UN-brokered truce that "
                                      "began on 2 April 2022 and expired in October.")
    assert (agreement.signed, agreement.effective, agreement.status) == (None, "2022-04-02", "expired")


def test_took_effect_the_same_day(analyse):
    [agreement] = agreements(analyse, "The ceasefire between Sudan and South Sudan, signed in Doha on 19 October "
                                      "and took effect the same day, remains fragile.")
    assert (agreement.signed, agreement.effective) == ("2025-10-19", "2025-10-19")


def test_yet_to_agree_is_no_agreement(analyse):
    assert agreements(analyse, "Israel and Hamas have yet to agree on a truce, officials said on Tuesday.") == []


def test_status_after_an_appositive(analyse):
    [agreement] = agreements(analyse, "The truce between Sudan and South Sudan, agreed in Jeddah in October by the "
                                      "two army chiefs with Saudi Arabia and the United States as brokers, "
                                      "collapsed within a week.")
    assert agreement.status == "collapsed"
    assert set(agreement.mediators) == {"Saudi Arabia", "United States"}


def test_a_later_day_in_the_sentence_is_not_the_signing(analyse):
    [agreement] = agreements(analyse, "Strikes killed 18 people on Tuesday, the heaviest toll since the ceasefire "
                                      "between Israel and Hamas brokered by Egypt took effect on October 10.",
                             published="2025-10-29")
    assert (agreement.signed, agreement.effective) == (None, "2025-10-10")


def test_an_agreement_reported_as_of_publication_day_is_dated_to_it(analyse):
    [agreement] = agreements(analyse, "Sudan and South Sudan agreed to an immediate ceasefire after talks in Jeddah "
                                      "mediated by Saudi Arabia and the United States, the Saudi foreign ministry "
                                      "said on Saturday.")
    assert (agreement.signed, agreement.effective) == ("2025-11-08", "2025-11-08")


def test_a_hyphenated_brokered_does_not_date_the_truce(analyse):
    [agreement] = agreements(analyse, "The Saudi-led coalition and the Houthis exchanged fire near Hodeidah on Monday "
                                      "despite the UN-brokered truce.")
    assert (agreement.signed, agreement.status, agreement.mediators) == (None, "violated", ["United Nations"])


def test_a_declared_truce_the_other_side_will_respect_binds_both(analyse):
    [agreement] = agreements(analyse, "Ethiopia and Eritrea clashed near Badme on Monday. Later on Monday Ethiopia "
                                      "announced a 48-hour ceasefire, which Eritrean officials said they would "
                                      "respect. Eritrea said Ethiopia had shelled Zalambessa.")
    assert set(agreement.parties) == {"Ethiopia", "Eritrea"}


def test_a_truce_said_to_have_expired_is_not_dated_to_the_report(analyse):
    text = ("Air strikes hit the border district late on Friday, shortly after the 48-hour truce expired, "
            "officials said.")
    report = analyse(text, published="2025-10-18", upto="agreements")
    assert [(a.signed, a.status) for a in report.record.agreements] == [(None, "expired")]


def test_several_agreements_in_one_sentence_keep_their_own_dates_and_sides(analyse):
    found = agreements(analyse, "Two accords were signed this year: a peace agreement between Ethiopia and Eritrea "
                                "signed in Nairobi on March 3, and a declaration of principles signed by Sudan and "
                                "the Rapid Support Forces in Doha on May 20.", published="2025-09-01")
    by_kind = {a.kind: a for a in found}
    assert sorted(by_kind) == ["other", "peace_agreement"]
    peace, declaration = by_kind["peace_agreement"], by_kind["other"]
    assert (peace.venue, peace.signed, set(peace.parties)) == ("Nairobi", "2025-03-03", {"Ethiopia", "Eritrea"})
    assert (declaration.venue, declaration.signed) == ("Doha", "2025-05-20")
    assert set(declaration.parties) == {"Sudan", "Rapid Support Forces"}


def test_a_truce_following_an_understanding_is_another_agreement(analyse):
    found = agreements(analyse, "The truce announced by Armenia on Saturday followed a US-brokered understanding "
                                "between Armenia and Azerbaijan, reached on Thursday with the backing of France.",
                       published="2025-11-09")
    assert sorted(a.signed for a in found) == ["2025-11-06", "2025-11-08"]
    understanding = next(a for a in found if a.signed == "2025-11-06")
    assert understanding.venue is None  # "US-brokered": the US mediated, it did not host
    assert set(understanding.mediators) == {"United States", "France"}


def test_separately_and_its_own_name_other_agreements(analyse):
    found = agreements(analyse, "The army declared a ceasefire on 2 November. The Arakan Army announced its own "
                                "pause in offensive operations. Separately, a ceasefire between Myanmar and the "
                                "Kachin Independence Army, brokered by China in Kunming in January, has held.")
    assert len(found) == 3
    assert sum(a.venue == "Kunming" and a.signed == "2025-01" for a in found) == 1


def test_a_coalition_declares_its_own_pause(analyse):
    found = agreements(analyse, "Myanmar's army bombed a village on Friday. The Northern Freedom Alliance, of which "
                                "the Kachin Independence Army is a member, announced its own pause in fighting.")
    assert [a.parties for a in found] == [["Northern Freedom Alliance"]]


def test_an_agreement_that_had_held_but_has_now_collapsed(analyse):
    [agreement] = agreements(analyse, "The ceasefire understanding that the two armies reaffirmed on March 4, 2021, "
                                      "which had largely held along the border for years, has now collapsed, "
                                      "India and Pakistan said.", published="2025-05-08")
    assert (agreement.status, agreement.signed) == ("collapsed", "2021-03-04")


def test_a_later_clause_does_not_give_the_status(analyse):
    [agreement] = agreements(analyse, "A truce between Yemen and the Houthis agreed in April 2022 expired that "
                                      "October, although large offensives have not resumed since.",
                             published="2025-06-01")
    assert agreement.status == "expired"


def test_agreed_at_a_capitals_request_is_no_venue(analyse):
    [agreement] = agreements(analyse, "Pakistan said the truce with Afghanistan was agreed at Kabul's request on "
                                      "Wednesday.", published="2025-10-16")
    assert agreement.venue is None


def test_one_side_agreeing_to_a_proposed_truce(analyse):
    [agreement] = agreements(analyse, "The RSF, at war with the Sudanese army since 2023, said on Thursday it had "
                                      "agreed to a humanitarian truce proposed by Egypt and Saudi Arabia. The army "
                                      "has not responded.")
    assert set(agreement.parties) == {"Rapid Support Forces", "Sudan"}
    assert set(agreement.mediators) == {"Egypt", "Saudi Arabia"}
    assert agreement.status is None


def test_a_day_after_counts_back_to_the_agreeing(analyse):
    [agreement] = agreements(analyse, "A ceasefire between Israel and Hezbollah held on Sunday, a day after the two "
                                      "sides announced it.", published="2025-11-10")
    assert agreement.signed == "2025-11-08"


@pytest.mark.parametrize("text", [
    "\"We came for a ceasefire and we leave with nothing,\" a Ukrainian delegate said.",
    "Both accords remain unsigned drafts, officials said.",
])
def test_hopes_in_quotes_and_summaries_are_not_agreements(analyse, text):
    assert agreements(analyse, text) == []


def test_a_day_earlier_counts_back_from_the_agreement_named_before(analyse):
    found = agreements(analyse, "The army's ceasefire took effect on 2 November. The Arakan Army announced its "
                                "own pause in attacks a day earlier.")
    assert sorted(a.effective or a.signed for a in found) == ["2025-11-01", "2025-11-02"]


def test_the_place_declaration_refers_back_and_takes_its_status(analyse):
    found = agreements(analyse, "Sudan and the RSF signed a declaration of principles in Doha on July 19. Both "
                                "sides accuse each other of violating the Doha declaration.", published="2025-09-12")
    assert [(a.kind, a.venue, a.status) for a in found] == [("other", "Doha", "violated")]
