"""Events stage: trigger typing, filters for talk that is not an incident, fields and merging."""

from __future__ import annotations

import pytest

from ceasefire.extraction.events.triggers import find_triggers


def events_of(analyse, text: str, published: str = "2025-11-08"):
    return analyse(text, published=published).record.events


@pytest.mark.parametrize(("sentence", "event_type", "sub_event_type"), [
    ("Fighter jets carried out airstrikes on the outskirts of the town on Monday.",
     "Explosions/Remote violence", "Air/drone strike"),
    ("Heavy artillery and mortar shelling hit border villages overnight.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Troops and rebels were locked in an exchange of fire near the river crossing.", "Battles", "Armed clash"),
    ("A suicide bomber blew himself up outside a police station, killing four officers.",
     "Explosions/Remote violence", "Suicide bomb"),
    ("A roadside bomb struck a military convoy, wounding three soldiers.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Gunmen abducted eleven aid workers from a camp on Tuesday.",
     "Violence against civilians", "Abduction/forced disappearance"),
    ("Thousands of students staged a protest outside parliament on Friday.", "Protests", "Peaceful protest"),
    ("Police fired tear gas to disperse hundreds of protesters in the capital on Sunday.",
     "Protests", "Protest with intervention"),
    ("A mob lynched two men accused of theft in the market.", "Riots", "Mob violence"),
    ("Gunmen killed 12 villagers in an attack on Friday.", "Violence against civilians", "Attack"),
    ("Militants attacked an army checkpoint on Friday, killing four soldiers.", "Battles", "Armed clash"),
    ("Rebels seized control of the district headquarters on Tuesday.",
     "Battles", "Non-state actor overtakes territory"),
    ("The provincial capital was captured by the rebels on Tuesday.",
     "Battles", "Non-state actor overtakes territory"),
])
def test_each_trigger_gets_its_acled_type(analyse, sentence, event_type, sub_event_type):
    events = events_of(analyse, sentence)
    assert [(e.event_type, e.sub_event_type) for e in events] == [(event_type, sub_event_type)]
    assert events[0].evidence == sentence[events[0].span[0]:events[0].span[1]]


def test_background_incident_is_dated_to_its_month(analyse):
    events = events_of(analyse, "Airstrikes in March destroyed a bridge, the ministry said.")
    assert len(events) == 1
    assert events[0].date == "2025-03"


def test_aggregate_count_is_not_an_event(analyse):
    assert events_of(analyse, "The army counted 300 attacks from across the frontier in 2024.") == []


@pytest.mark.parametrize(("sentence", "event_type"), [
    ("On 22 December 2023, heavy clashes broke out between rebels and troops in Goma.", "Battles"),  # no count
    ("On 1 December 2023, youths staged a sit-in protest at the district office in Gulu.", "Protests"),  # no manner
])
def test_words_that_look_like_a_count_or_a_manner_are_not(analyse, sentence, event_type):
    assert [e.event_type for e in events_of(analyse, sentence, published="2023-12-30")] == [event_type]


@pytest.mark.parametrize("sentence", [
    "A breakdown of the truce risks renewed artillery duels along the frontier.",
    "The foreign ministry lodged a strong protest with the envoy over the remarks.",
    "Teachers went on strike on Monday over unpaid wages.",
    "The government vowed to keep fighting corruption.",
    "Aid groups warned that further fighting could trigger famine in the region.",
    "Government forces backed by foreign airstrikes have been battling the insurgents for years.",
    "Officials warned that the rebels could strike the capital within weeks.",
    "The ministry denied carrying out any airstrikes in the province.",
    "Who is behind the drone strikes on the oil fields of the north?",
])
def test_hypothetical_denied_or_non_violent_mention_is_not_an_event(analyse, sentence):
    assert events_of(analyse, sentence) == []


def test_weapons_talk_is_not_an_incident():
    text = "The deal would limit the missile programme, and soldiers were armed with rocket-propelled grenades."
    assert find_triggers(text, 0, len(text)) == []


def test_fighting_that_goes_on_in_the_background_is_not_an_incident():
    text = "The talks brought together delegations from both capitals amid continued fighting along the front lines."
    assert find_triggers(text, 0, len(text)) == []
    told = "Heavy fighting broke out along the front lines on Monday."
    assert [t.event_type for t in find_triggers(told, 0, len(told))] == ["Battles"]


def test_claim_names_who_alleges_it(analyse):
    events = events_of(analyse, "Kabul blames Pakistani shelling for the deaths of two farmers on Sunday.")
    assert len(events) == 1
    assert events[0].actor1 == "Pakistan"
    assert events[0].alleged_by == "Afghanistan"


def test_incident_stated_as_fact_has_no_claimant(analyse):
    events = events_of(analyse, "Pakistani airstrikes struck hideouts outside Kabul on Monday.")
    assert len(events) == 1
    assert events[0].alleged_by is None
    assert events[0].date == "2025-11-03"


def test_repeated_incident_is_one_event(analyse):
    text = ("Pakistani airstrikes hit Kandahar on Monday, officials said. "
            "The airstrikes on Monday destroyed several homes in Kandahar.")
    events = events_of(analyse, text)
    assert len(events) == 1
    assert events[0].sub_event_type == "Air/drone strike"


def test_separate_places_in_one_sentence_are_separate_incidents(analyse):
    text = "On Saturday, fighter jets struck targets in Kandahar and in Khost."
    events = events_of(analyse, text)
    assert sorted(e.location.name for e in events if e.location) == ["Kandahar", "Khost"]


def test_talks_venue_does_not_locate_an_incident(analyse):
    events = events_of(analyse, "Clashes erupted on the border on Friday as delegations held talks in Istanbul.")
    assert len(events) == 1
    assert events[0].location is None


def test_claim_of_responsibility_names_the_perpetrator(analyse):
    text = ("A car bomb exploded outside a military base on Tuesday, killing seven soldiers. "
            "Al-Shabaab claimed responsibility for the attack.")
    events = events_of(analyse, text)
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Remote explosive/landmine/IED", "Al-Shabaab")]


def test_clause_naming_another_place_is_another_incident(analyse):
    text = ("Five people were injured in shelling in Kandahar on Monday, while three others were wounded "
            "in Khost.")
    events = events_of(analyse, text)
    assert sorted(e.location.name for e in events if e.location) == ["Kandahar", "Khost"]
    assert {e.sub_event_type for e in events} == {"Shelling/artillery/missile attack"}


def test_incident_over_two_days_keeps_the_precision_they_share(analyse):
    events = events_of(analyse, "Militants attacked border posts in Kurram on Friday and Saturday.", "2025-10-26")
    assert [e.date for e in events] == ["2025-10"]


def test_dateline_city_is_not_the_incident_site(analyse):
    events = events_of(analyse, "KABUL, Nov 3 (Reuters) - Clashes erupted along the border on Monday.", "2025-11-03")
    assert len(events) == 1
    assert events[0].location is None


def test_place_naming_an_earlier_incident_does_not_locate_a_new_one(analyse):
    events = events_of(analyse, "Airstrikes on Monday answered the Kandahar attack of last week, officials said.")
    assert [(e.sub_event_type, e.location) for e in events] == [("Air/drone strike", None)]


# ---------------------------------------------------------------- general patterns for unseen reports


def test_dateline_date_does_not_date_the_incident(analyse):
    events = events_of(analyse, "KABUL, Nov 5 — A drone strike hit a wedding party near Jalalabad on Monday, "
                                "officials said.", "2025-11-05")
    assert [e.date for e in events] == ["2025-11-03"]


def test_agreement_date_does_not_date_the_incident(analyse):
    events = events_of(analyse, "Clashes erupted in Kurram despite a truce signed by both sides in Doha in July.")
    assert len(events) == 1
    assert events[0].date != "2025-07"


def test_incident_reported_on_a_day_happened_that_day(analyse):
    events = events_of(analyse, "Heavy fighting was also reported on Tuesday around Chaman, police said.")
    assert [e.date for e in events] == ["2025-11-04"]


def test_place_named_to_situate_another_does_not_split_the_incident(analyse):
    events = events_of(analyse, "On Friday a mortar shell hit a school in Landi Kotal, west of Peshawar.")
    assert [e.location.name for e in events] == ["Landi Kotal"]


@pytest.mark.parametrize("sentence", [
    "No new clashes have been reported along the frontier since the truce.",
    "Large-scale offensives have not resumed since the spring.",
    "The truce ended more than a week of fighting along the border.",
    "Analysts warned that another incident could push the two sides back toward open fighting.",
    "Nobody was hurt and there was no shelling overnight, residents said.",
])
def test_negated_stopped_or_possible_incident_is_not_an_event(analyse, sentence):
    assert events_of(analyse, sentence) == []


@pytest.mark.parametrize("sentence", [
    "The insurgents have stepped up attacks inside the country this year.",
    "Hundreds of civilians have been killed by shelling in the city since the truce lapsed.",
    "Police have recorded dozens of bombings so far this year.",
])
def test_trend_is_not_an_event(analyse, sentence):
    assert events_of(analyse, sentence) == []


@pytest.mark.parametrize(("sentence", "event_type", "sub_event_type"), [
    ("The two armies exchanged heavy fire along the border on Tuesday.", "Battles", "Armed clash"),
    ("The neighbours fought a short border war in July.", "Battles", "Armed clash"),
    ("A shell hit their home in Khost on Tuesday.", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Protesters threw stones at the police and set fire to two buses in Peshawar on Friday.",
     "Riots", "Violent demonstration"),
])
def test_more_ways_of_naming_an_incident(analyse, sentence, event_type, sub_event_type):
    events = events_of(analyse, sentence)
    assert [(e.event_type, e.sub_event_type) for e in events] == [(event_type, sub_event_type)]


def test_incident_named_only_to_place_another_in_time_is_not_new(analyse):
    events = events_of(analyse, "Hours after the airstrike, a roadside bomb hit a police truck in Khost on Friday.")
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]


def test_blame_in_the_next_sentence_names_perpetrator_and_claimant(analyse):
    text = "A drone strike on a market in Khost killed five people on Monday, the UN said. Kabul blamed Pakistan."
    events = events_of(analyse, text)
    assert [(e.actor1, e.alleged_by) for e in events] == [("Pakistan", "Afghanistan")]


def test_party_blamed_in_the_sentence_is_the_perpetrator(analyse):
    events = events_of(analyse, "A shell hit a house in Khost on Monday, police said, blaming Pakistani forces.")
    assert [e.actor1 for e in events] == ["Pakistan"]


def test_speaker_is_not_the_perpetrator_of_what_they_report(analyse):
    events = events_of(analyse, "Afghan officials said the blasts in Kabul were caused by Pakistani air strikes.")
    assert events and {e.actor1 for e in events} == {"Pakistan"}
    assert {e.alleged_by for e in events} == {"Afghanistan"}


def test_clause_speaker_alleges_the_incident_in_that_clause(analyse):
    text = ("Pakistan accused the Taliban of sheltering militants, while Kabul said the attacks were a response "
            "to Pakistani air strikes.")
    strikes = [e for e in events_of(analyse, text) if e.sub_event_type == "Air/drone strike"]
    assert [(e.actor1, e.alleged_by) for e in strikes] == [("Pakistan", "Afghanistan")]


def test_officials_based_in_a_city_do_not_locate_the_incident(analyse):
    events = events_of(analyse, "Security officials in Peshawar said a drone strike hit a compound on Saturday.")
    assert [e.location for e in events] == [None]


def test_undated_incident_in_the_opening_takes_the_lead_date(analyse):
    text = ("Police fired tear gas at traders in Peshawar on Wednesday, officials said.\n\n"
            "Protesters threw stones at the police and set fire to two vehicles.")
    riots = [e for e in events_of(analyse, text) if e.event_type == "Riots"]
    assert [e.date for e in riots] == ["2025-11-05"]


def test_scene_set_in_the_sentence_before_locates_the_incident(analyse):
    text = ("On Wednesday, shots rang out in Chaman. "
            "Officials said a villager was killed when soldiers opened fire on civilians.")
    events = events_of(analyse, text)
    assert [(e.event_type, e.location.name if e.location else None) for e in events] == [
        ("Violence against civilians", "Chaman")]


def test_earlier_in_the_day_is_the_same_day(analyse):
    text = ("An Israeli drone struck a car near Tyre on Sunday, killing two men.\n\n"
            "Earlier in the day, an air strike on a bulldozer in Bint Jbeil wounded three people.")
    assert sorted(e.date for e in events_of(analyse, text, "2025-11-02")) == ["2025-11-02", "2025-11-02"]


def test_first_dated_mention_of_the_attack_is_an_incident_with_its_agent(analyse):
    events = events_of(analyse, "The attack on the checkpoint in Khost on Friday was carried out by the "
                                "Tehrik-i-Taliban Pakistan, police said.")
    assert [(e.date, e.location.name, e.actor1) for e in events] == [
        ("2025-11-07", "Khost", "Tehrik-i-Taliban Pakistan")]


def test_rise_in_attacks_is_a_trend_not_an_event(analyse):
    assert events_of(analyse, "Attacks on security forces rose by 40 percent in October, a think tank said.") == []


def test_demonstration_crowd_is_named_for_its_country(analyse):
    events = events_of(analyse, "Protesters threw stones at the police and set fire to two buses in Peshawar "
                                "on Friday.")
    assert [e.actor1 for e in events] == ["Rioters (Pakistan)"]


def test_source_before_said_is_not_taken_for_an_inverted_speaker(analyse):
    events = events_of(analyse, "The health ministry in Gaza said Israeli airstrikes killed 30 people in Khan Younis "
                                "on Monday.")
    assert [(e.actor1, e.alleged_by) for e in events] == [("Israel", None)]


def test_denied_report_of_an_incident_is_not_an_event(analyse):
    assert events_of(analyse, "The military denied reports that its troops had opened fire on protesters in "
                              "Dhaka on Friday.") == []


def test_crowd_fired_on_is_the_target(analyse):
    events = events_of(analyse, "Police opened fire on protesters in Peshawar on Friday, killing two.")
    assert [(e.sub_event_type, e.actor2) for e in events] == [
        ("Excessive force against protesters", "Protesters (Pakistan)")]


def test_tally_in_the_next_sentence_is_not_more_of_the_incident(analyse):
    text = ("Armed men abducted two farmers from their home in Khost on Monday, residents said. "
            "The UN said dozens of civilians had been killed in Paktika in August.")
    events = events_of(analyse, text)
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Abduction/forced disappearance", None)]


@pytest.mark.parametrize("sentence", [
    "A UN report said more than 300 civilians were killed in airstrikes in the first half of the year.",
    "Since the truce took effect, there have been sporadic exchanges of fire along the border.",
    "Drone strikes are a common occurrence in the border districts.",
])
def test_pattern_over_time_is_not_an_event(analyse, sentence):
    assert events_of(analyse, sentence) == []


def test_claimed_by_names_the_perpetrator(analyse):
    events = events_of(analyse, "The attack, which killed eight soldiers in Bannu on Monday, was claimed by the "
                                "Tehrik-i-Taliban Pakistan.")
    assert [e.actor1 for e in events] == ["Tehrik-i-Taliban Pakistan"]


def test_speaker_saying_it_acted_is_the_perpetrator(analyse):
    events = events_of(analyse, "Pakistan said it repulsed an attack on a border post in Kurram on Monday.")
    assert [(e.actor1, e.alleged_by) for e in events] == [("Pakistan", "Pakistan")]


def test_seizing_a_named_town_is_a_battle(analyse):
    events = events_of(analyse, "Officials said the rebels seized Goma on Monday.")
    assert [(e.event_type, e.location.name if e.location else None) for e in events] == [("Battles", "Goma")]


def test_capturing_soldiers_is_not_taking_a_town():
    text = "Ukraine said it captured Russian soldiers near the river."
    assert find_triggers(text, 0, len(text)) == []


def test_position_coming_under_fire_is_a_clash(analyse):
    events = events_of(analyse, "The army said its posts came under fire in Kupwara on Monday, but no casualties "
                                "were reported.")
    assert [(e.event_type, e.location.name) for e in events] == [("Battles", "Kupwara")]


def test_feared_clashes_are_not_an_event(analyse):
    assert events_of(analyse, "Officials said they feared renewed clashes in Kurram.") == []


def test_first_of_two_sides_named_together_is_actor1(analyse):
    events = events_of(analyse, "Afghan and Pakistani forces fought along the border in Kurram on Sunday.")
    assert [e.actor1 for e in events] == ["Afghanistan"]


def test_gunmen_firing_on_a_bus_is_violence_against_civilians(analyse):
    events = events_of(analyse, "Gunmen opened fire on a passenger bus in Kalat district on Tuesday, "
                                "killing four people.")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Violence against civilians", "Attack")]


@pytest.mark.parametrize("sentence", [
    "Airstrikes on Monday killed no fewer than 40 people in Khost, officials said.",
    "Pakistan ended the truce with airstrikes on Kabul on Monday.",
    "Pakistan carried out airstrikes in Khost on Monday, the first since the truce took effect.",
])
def test_incident_near_a_cue_that_does_not_govern_it_is_kept(analyse, sentence):
    assert len(events_of(analyse, sentence)) == 1


def test_explosions_later_said_to_be_air_strikes_are_one_incident(analyse):
    text = ("Two explosions were heard in Kandahar late on Thursday. "
            "Afghan officials said the blasts were caused by Pakistani air strikes.")
    events = events_of(analyse, text, "2025-10-10")
    assert [(e.sub_event_type, e.location.name, e.actor1) for e in events] == [
        ("Air/drone strike", "Kandahar", "Pakistan")]


def test_claim_of_responsibility_naming_the_incident_credits_it(analyse):
    text = ("A roadside bomb hit a police truck in Bannu on Monday, killing three officers. "
            "The Tehrik-i-Taliban Pakistan claimed responsibility for the bombing.")
    events = events_of(analyse, text)
    assert [e.actor1 for e in events] == ["Tehrik-i-Taliban Pakistan"]


def test_incident_that_is_the_subject_after_before_is_kept(analyse):
    events = events_of(analyse, "There was no warning before the airstrike hit the market in Khost on Monday.")
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


@pytest.mark.parametrize("verb", ["condemned", "denounced", "mourned the victims of"])
def test_who_reacts_to_an_incident_is_not_its_perpetrator(analyse, verb):
    report = analyse(f"The United Nations {verb} the shelling of a market in Chaman on 3 November.",
                     published="2025-11-05", upto="events")
    assert [e.sub_event_type for e in report.record.events] == ["Shelling/artillery/missile attack"]
    assert report.record.events[0].actor1 != "United Nations"


def test_byline_date_is_not_the_story_date(analyse):
    text = ("Missile hits hospital in Beersheba\n\nBy Staff and Agencies | Friday 20 June 2025\n\n"
            "A ballistic missile struck the main hospital in Beersheba early on Thursday, officials said. "
            "Dozens of people were wounded.")
    events = events_of(analyse, text, published="2025-06-20")
    assert [(e.date, e.location.name) for e in events] == [("2025-06-19", "Beersheba")]


def test_borrowed_date_does_not_absorb_an_incident_a_week_apart(analyse):
    text = ("Jets strike reactor near Arak\n\nTEHRAN — Warplanes struck a reactor near Arak early on Thursday, "
            "officials said.\n\nThe war began on June 13, when jets bombed military sites across the country.")
    events = events_of(analyse, text, published="2025-06-20")
    assert sorted(e.date for e in events) == ["2025-06-13", "2025-06-19"]
    assert next(e for e in events if e.date == "2025-06-19").location.name == "Arak"


def test_since_the_fighting_began_names_no_incident():
    text = "The ministers met on Friday, the first contact since the fighting began."
    assert find_triggers(text, 0, len(text)) == []


@pytest.mark.parametrize("sentence", [
    "The army said the jets had hit only military targets.",
    "A drone slammed into a crowded market, killing five people.",
])
def test_air_strike_phrasings(sentence):
    triggers = find_triggers(sentence, 0, len(sentence))
    assert [(t.event_type, t.sub_event_type) for t in triggers] == [("Explosions/Remote violence", "Air/drone strike")]


def test_place_naming_a_peace_deal_is_not_an_incident_site(analyse):
    events = events_of(analyse, "Jets strike border posts as Kuala Lumpur peace deal unravels\n\n"
                                "Thai jets bombed border posts on Monday, the army said.", published="2025-12-09")
    assert events and all(e.location is None or e.location.name != "Kuala Lumpur" for e in events)


def test_town_near_a_city_is_the_site_not_the_city(analyse):
    events = events_of(analyse, "Missiles hit apartment blocks in Holon near Tel Aviv on Thursday.",
                       published="2025-06-20")
    assert [e.location.name for e in events] == ["Holon"]


def test_accusation_date_is_not_the_incident_date(analyse):
    text = "Rebels accused the army on Sunday of shelling their positions near Lashio on Friday."
    events = events_of(analyse, text, published="2025-04-14")
    assert [e.date for e in events] == ["2025-04-11"]


def test_statement_day_dates_what_it_says_had_just_happened(analyse):
    text = "The RSF said on Saturday it had repelled an army attack near Babanusa and killed scores of soldiers."
    events = events_of(analyse, text, published="2025-11-10")
    assert [(e.date, e.location.name) for e in events] == [("2025-11-08", "Babanusa")]


def test_sole_place_of_a_sentence_locates_an_incident_in_another_clause(analyse):
    text = "Residents of Kharkiv counted the damage on Tuesday after overnight drone strikes."
    events = events_of(analyse, text, published="2025-06-03")
    assert [(e.sub_event_type, e.location.name) for e in events] == [("Air/drone strike", "Kharkiv")]


def test_place_modifying_another_incident_does_not_locate_the_strikes(analyse):
    text = "The minister said the strikes were meant to punish the planners of the Pahalgam attack."
    events = events_of(analyse, text, published="2025-05-07")
    assert all(e.location is None for e in events if e.event_type == "Explosions/Remote violence")


@pytest.mark.parametrize("caption", ["Photo: Residents inspect a house hit by shelling in Poonch in March 2019.",
                                     "Residents inspect a house hit by shelling in Poonch in March 2019. / Photo: AFP"])
def test_photo_caption_is_not_an_incident(analyse, caption):
    text = f"Shelling kills two in Poonch on Wednesday, officials said.\n\n{caption}"
    events = events_of(analyse, text, published="2025-05-08")
    assert [e.date for e in events] == ["2025-05-07"]


def test_sole_place_stays_with_the_incident_it_was_given_to(analyse):
    text = "Jets bombed army positions on Monday after a clash in Sisaket province killed a soldier."
    events = events_of(analyse, text, published="2025-12-09")
    located = {e.event_type: e.location.name if e.location else None for e in events}
    assert located == {"Battles": "Sisaket", "Explosions/Remote violence": None}


def test_headline_folds_into_the_bodys_account(analyse):
    text = ("Russia, Ukraine swap prisoners as strikes hit Kharkiv\n\n"
            "KYIV — Russian drones hit residential districts of Kharkiv overnight, killing one woman, "
            "the mayor said on Tuesday.")
    events = events_of(analyse, text, published="2025-06-03")
    assert [(e.location.name, e.actor1) for e in events] == [("Kharkiv", "Russia")]


def test_side_reporting_its_own_strike_is_not_an_allegation(analyse):
    text = "Israeli warplanes struck a reactor near Arak on Thursday, the Israeli military said."
    events = events_of(analyse, text, published="2025-06-20")
    assert [(e.actor1, e.alleged_by) for e in events] == [("Israel", None)]


def test_followed_separates_two_incidents(analyse):
    text = "The shelling followed Indian missile strikes on sites in Muzaffarabad on Wednesday."
    events = events_of(analyse, text, published="2025-05-08")
    assert ("Muzaffarabad", "India") in [(e.location.name if e.location else None, e.actor1) for e in events]


def test_two_towns_in_one_sentence_are_two_incidents(analyse):
    text = "Israeli air strikes on Gaza City and Khan Younis killed at least 25 people on Wednesday."
    events = events_of(analyse, text, published="2025-11-20")
    assert sorted(e.location.name for e in events) == ["Gaza City", "Khan Younis"]


def test_towns_joined_by_a_dash_name_one_crossing(analyse):
    text = "Heavy fighting erupted at the Chaman–Spin Boldak border crossing early on Wednesday."
    assert len(events_of(analyse, text, published="2025-10-16")) == 1


def test_place_of_a_denied_incident_does_not_locate_the_next_clause(analyse):
    text = "No fighting was reported in Surin, where the July clashes began near the Ta Muen Thom temple."
    events = events_of(analyse, text, published="2025-12-09")
    assert [(e.date, e.location.name) for e in events] == [("2025-07", "Ta Muen Thom temple")]


def test_unplaced_follow_up_happens_where_the_main_incident_did(analyse):
    text = ("Militants stormed a police post in Bannu late on Wednesday, killing seven policemen, police said.\n\n"
            "On Thursday, hundreds of residents gathered outside the commissioner's office. The sit-in was "
            "peaceful until a section of the crowd pelted police with stones and set fire to two vehicles.")
    events = events_of(analyse, text, published="2025-10-31")
    assert {e.event_type for e in events} >= {"Battles", "Riots"}
    assert all(e.location is not None and e.location.name == "Bannu" for e in events)


def test_date_before_a_when_clause_dates_its_incident(analyse):
    text = ("The fighting was the worst since Saturday night, when rebel fighters attacked army posts "
            "along the border in what the rebels called retaliation for air strikes on their bases.")
    events = events_of(analyse, text, published="2025-10-16")
    assert ("Battles", "2025-10-11") in [(e.event_type, e.date) for e in events]


def test_dateline_with_a_news_agency_locates_nothing(extractor):
    record = extractor.extract("Nairobi, May 3 (AFP) Gunmen killed four herders in Wajir on Friday.",
                               published="2025-05-03")
    assert [(e.location.name if e.location else None) for e in record.events] == ["Wajir"]


def test_dateline_after_a_headline_and_an_agency_stop_locates_nothing(extractor):
    # a headline and a photo caption before it, and the agency's bracket closed by ".-"
    text = ("Police officer killed as armed men storm a village\n\n"
            "A police car parked on a mountain road near the border, seen from a checkpoint on an earlier day. "
            "Photo agency\n\n"
            "Skopje, Mar 2 (XYZ).- Armed men killed a police officer in Tetovo on Sunday, the police said.")
    record = extractor.extract(text, published="2025-03-02")
    assert [(e.location.name if e.location else None) for e in record.events] == ["Tetovo"]


def test_place_after_in_is_the_site_whatever_verb_follows(extractor):
    record = extractor.extract("On 8 May, health workers held a protest in Ouagadougou demanding better pay.",
                               published="2020-05-09")
    assert [(e.event_type, e.location.name if e.location else None) for e in record.events] == [
        ("Protests", "Ouagadougou")]


def test_a_clash_with_a_crowd_on_one_side_is_a_riot_not_a_battle(analyse):
    found = events_of(analyse, "Riot police clashed with stone-throwing protesters in the capital on Friday.")
    assert ("Riots", "Violent demonstration") in [(e.event_type, e.sub_event_type) for e in found]
    assert "Battles" not in [e.event_type for e in found]


def test_no_incident_is_dated_after_its_report(analyse):
    found = events_of(analyse, "Riot police clashed with protesters in the capital after the government said it "
                               "would shelve the talks until 2028.", published="2024-11-29")
    assert found and all(e.date is None or e.date <= "2024-11-29" for e in found)


def test_the_same_area_is_where_the_incident_before_happened(analyse):
    found = events_of(analyse, "In mid-April, 54 soldiers were killed in Kandi in an attack on two army posts. "
                               "At the start of January, 28 Beninese troops were killed in the same area.",
                      published="2025-06-05")
    assert [(e.date, e.location and e.location.name) for e in found] == [("2025-04", "Kandi"), ("2025-01", "Kandi")]


def test_a_site_named_with_the_units_that_hold_it_locates_the_incident_of_the_next_clause(analyse):
    [event] = events_of(analyse, "On 1 December 2023, in Loikaw town (Loikaw township, Loikaw district, Kayah "
                                 "state), resistance fighters attacked an army post with a drone and the armory was "
                                 "destroyed.")
    assert (event.location.name, event.location.country, event.location.precision) == ("Loikaw", "MM", "exact")


def test_a_place_naming_a_group_does_not_locate_its_attack(analyse):
    [event] = events_of(analyse, "On 2 July 2022, gunmen of a Darfur communal militia shot and killed a man at his "
                                 "house in Gereida (Gereida, South Darfur).")
    assert (event.location.name, event.location.precision) == ("Gereida", "exact")


def test_a_toll_told_in_the_next_sentence_is_the_incidents(analyse):
    text = "Soldiers and militia fighters clashed near Mopti on 3 May. Six militiamen were killed and one is missing."
    [event] = events_of(analyse, text, published="2025-05-05")
    assert (event.event_type, event.fatalities) == ("Battles", 6)
    # not when that sentence tells of an incident of its own
    text = "Soldiers and militia fighters clashed near Mopti on 3 May. A roadside bomb killed two traders in Sevare."
    clash = next(e for e in events_of(analyse, text, published="2025-05-05") if e.event_type == "Battles")
    assert clash.fatalities is None


def test_violence_words_with_nothing_of_their_own_elaborate_the_incident_told(analyse):
    text = ("Gunmen attacked the market in Mopti on Saturday, killing six traders, officials said. "
            "Gunfire and screams echoed for hours. Fighting has hindered aid deliveries across the region.")
    events = events_of(analyse, text, published="2025-05-05")
    assert [(e.event_type, e.location.name if e.location else None) for e in events] == [
        ("Violence against civilians", "Mopti")]


def test_a_battles_other_side_is_the_one_it_was_fought_with(analyse):
    [event] = events_of(analyse, "Soldiers clashed with M23 rebels near Goma on Monday.", published="2025-05-07")
    assert (event.event_type, event.actor2) == ("Battles", "M23")
    # outside battles "with" names the means, not a side
    [event] = events_of(analyse, "Gunmen attacked a village with Israeli drones on Monday.", published="2025-05-07")
    assert event.actor2 != "Israel"


def test_violence_against_civilians_is_against_civilians_and_a_protest_against_nobody(analyse):
    [event] = events_of(analyse, "Militants executed a village elder in Kandahar on Monday.", published="2025-05-07")
    assert (event.event_type, event.actor2) == ("Violence against civilians", "Civilians (Afghanistan)")
    [event] = events_of(analyse, "Students staged a protest in Bogra on Monday.", published="2025-05-07")
    assert (event.event_type, event.actor2) == ("Protests", None)


def test_a_clash_during_a_crowds_demonstration_is_a_riot(analyse):
    text = "Party activists clashed with police in Kushtia during their demonstration on Monday."
    clash = events_of(analyse, text, published="2025-05-07")[0]
    assert (clash.event_type, clash.sub_event_type) == ("Riots", "Violent demonstration")
    assert clash.location.name == "Kushtia"


def test_an_unplaced_incident_is_where_the_reports_incidents_are(analyse):
    text = ("On Monday, gunmen attacked a police post in the town of Gao, killing two officers, officials in Mali "
            "said.\n\n"
            "The army said it had sent reinforcements.\n\n"
            "On Friday, a roadside bomb had exploded under a bus, killing five passengers, police said.")
    events = events_of(analyse, text, published="2025-05-07")
    assert [(e.date, e.location.name, e.location.precision) for e in events] == [
        ("2025-05-05", "Gao", "exact"), ("2025-05-02", "Gao", "district")]


def test_a_subject_said_to_have_acted_reportedly_is_actor1(analyse):
    events = events_of(analyse, "JNIM and ISGS militants reportedly clashed near Djibo on Tuesday.")
    assert [(e.event_type, e.actor1) for e in events] == [("Battles", "JNIM")]


def test_a_subject_set_off_by_commas_is_actor1_and_the_object_actor2(analyse):
    events = events_of(analyse, "Russian forces, backed by aircraft, attacked Ukrainian troops near Avdiivka "
                                "on Friday.")
    assert [(e.actor1, e.actor2) for e in events] == [("Russia", "Ukraine")]


def test_police_no_word_names_are_the_forces_of_the_country_where_they_acted(analyse):
    events = events_of(analyse, "Police officers attacked and beat a shopkeeper in Mogadishu on Sunday.")
    assert [(e.actor1, e.location.country) for e in events] == [("Somalia", "SO")]


def test_an_incident_only_the_model_reads_is_anchored_after_the_soldiers_who_acted(analyse):
    events = events_of(analyse, "On Monday, government soldiers (SNA) shot and wounded a civilian in Mogadishu.")
    assert [(e.actor1, e.location.name) for e in events] == [("Somalia", "Mogadishu")]


@pytest.mark.parametrize("text", [
    "Ceasefire monitors of the OSCE observed heavy shelling near Horlivka on Monday.",
    "On Monday the OSCE SMM observed a total of 20 bursts of fire involving heavy machine guns near Horlivka.",
])
def test_monitors_who_watched_an_incident_did_not_carry_it_out(analyse, text):
    events = events_of(analyse, text)
    assert events and all(e.actor1 != "OSCE" for e in events)


def test_a_bombing_that_hit_a_home_and_no_armed_side_targeted_civilians(analyse):
    events = events_of(analyse, "An airstrike hit a residential home in Deir al-Balah on Monday, killing a man.")
    assert [(e.event_type, e.actor2) for e in events] == [("Explosions/Remote violence", "Civilians (Palestine)")]


def test_a_vague_attack_is_typed_by_the_first_party_it_hit(analyse):
    on_post = events_of(analyse, "Militants attacked a police checkpoint on the outskirts of a village near Garissa "
                                 "on Monday.")
    on_village = events_of(analyse, "Militants attacked a village near Garissa on Monday, killing two policemen.")
    assert [e.event_type for e in on_post] == ["Battles"]
    assert [e.event_type for e in on_village] == ["Violence against civilians"]


@pytest.mark.parametrize("text", [
    "On Monday, residents attacked and beat two men accused of theft in Mogadishu.",
    "Traders violently demonstrated and blocked the main road in Hounde on Wednesday.",
])
def test_residents_who_beat_a_man_or_demonstrate_violently_riot(analyse, text):
    assert [e.event_type for e in events_of(analyse, text)] == ["Riots"]


def test_residents_attacked_by_gunmen_are_victims_not_rioters(analyse):
    events = events_of(analyse, "Three residents were attacked and injured by gunmen in Mogadishu on Monday.")
    assert [e.event_type for e in events] == ["Violence against civilians"]


def test_the_place_a_vague_word_was_given_goes_to_the_clear_trigger_that_replaces_it(analyse):
    # "attacked" (vague) stands nearer the village than "landmines", which names the incident
    events = events_of(analyse, "On Monday, close to Kyun Taw village (Myaung Township, Sagaing District, Sagaing "
                                "Region), unidentified fighters attacked a column of government soldiers with "
                                "landmines.")
    assert [(e.event_type, e.location.admin1) for e in events] == [("Explosions/Remote violence", "Sagaing")]


def test_a_soldier_no_word_names_is_of_the_country_where_he_acted(analyse):
    events = events_of(analyse, "On Sunday, a government soldier opened fire on a shopkeeper in Mogadishu, "
                                "wounding him.")
    assert [(e.actor1, e.actor2) for e in events] == [("Somalia", "Civilians (Somalia)")]


@pytest.mark.parametrize(("text", "actor2"), [
    ("Al-Shabaab militants ambushed a police patrol near Garissa on Monday.", "Kenya"),
    ("On Monday, fighters of the Karen National Liberation Army attacked the military near Kawkareik.", "Myanmar"),
])
def test_forces_no_word_names_attacked_are_those_of_the_country(analyse, text, actor2):
    assert [e.actor2 for e in events_of(analyse, text)] == [actor2]


def test_the_police_rioters_clashed_with_are_the_riots_other_side(analyse):
    events = events_of(analyse, "Rioters clashed with police in Kumasi on Tuesday after the results were announced.")
    assert [(e.event_type, e.actor1, e.actor2) for e in events] == [("Riots", "Rioters (Ghana)", "Ghana")]


def test_an_incident_told_as_earlier_than_the_main_one_is_another_incident(analyse):
    events = events_of(analyse, "Warplanes struck a fuel depot in Hodeidah on Thursday, port officials said.\n\n"
                                "Earlier this week, air strikes hit several districts of Hodeidah, killing six people.",
                       published="2025-08-30")
    assert [(e.date, e.fatalities) for e in events] == [("2025-08-28", None), ("2025-08", 6)]


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Fighters of the Rapid Support Forces seized control of Babanusa on Sunday, residents said.",
     "Non-state actor overtakes territory"),
    ("Government troops took control of Babanusa on Sunday, residents said.", "Armed clash"),
])
def test_a_place_taken_by_an_armed_group_is_territory_it_overtakes(analyse, text, sub_event_type):
    assert [e.sub_event_type for e in events_of(analyse, text, published="2025-11-03")] == [sub_event_type]


@pytest.mark.parametrize(("second", "told"), [
    # the attack on the school is the missile strike told by whom it hit: ACLED codes it by its means
    ("On Tuesday, an attack that targeted a school in Tel Aviv killed seven people.",
     [("Explosions/Remote violence", 7)]),
    ("In a separate incident on Tuesday, an attack that targeted a school in Tel Aviv killed seven people.",
     [("Explosions/Remote violence", None), ("Violence against civilians", 7)]),
    ("On Tuesday, gunmen opened fire at a school in Tel Aviv, killing seven people.",
     [("Explosions/Remote violence", None), ("Violence against civilians", 7)]),
])
def test_an_attack_on_civilians_where_and_when_a_strike_hit_is_that_strike(analyse, second, told):
    events = events_of(analyse, f"Missiles struck Tel Aviv on Tuesday, the army said.\n\n{second}", "2025-04-12")
    assert [(e.event_type, e.fatalities) for e in events] == told


def test_captions_tell_no_incident_and_a_later_back_reference_places_the_one_told(extractor):
    text = ("Armed men stormed a monastery in northern Kosovo on Sunday, setting off a gun battle with the police.\n\n"
            "Police officers guard the road near the monastery on Sunday. EFE-EPA/STR\n\n"
            "A picture taken on Sunday shows soldiers fighting near the border.\n\n"
            "Kosovo blamed Serbia for the attack in the village of Banjska in Leposavic province.")
    events = extractor.extract(text, published="2023-09-24").events
    assert [(e.event_type, e.location.name if e.location else None) for e in events] == [("Battles", "Banjska")]


@pytest.mark.parametrize(("text", "sites"), [
    ("Gunmen killed nine villagers in Khoken, a Kuki-dominated village on the boundary of Kangpokpi and Imphal West "
     "districts, on Friday.", ["Khoken"]),
    ("Drones struck Kyiv and Odesa on Friday.", ["Kyiv", "Odesa"]),
])
def test_a_village_described_by_the_units_around_it_is_one_site(extractor, text, sites):
    events = extractor.extract(text, published="2023-06-10").events
    assert [e.location.name for e in events] == sites


@pytest.mark.parametrize("text", [
    "Two days earlier the rebels captured a nearby artillery battalion, residents said.",
    "Nearly all army camps in the township have been captured by the Arakan Army, a resident said.",
])
def test_bases_and_camps_taken_are_territory_overtaken(analyse, text):
    events = events_of(analyse, text, published="2024-01-18")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Battles", "Non-state actor overtakes territory")]


@pytest.mark.parametrize(("text", "kind"), [
    ("Gunmen executed two soldiers at a checkpoint near Kidal on Monday.", ("Battles", "Armed clash")),
    # one off duty is hit as a civilian; and the militants who fire are not those hit
    ("Gunmen shot dead an off-duty soldier at his home in Kidal on Monday.", ("Violence against civilians", "Attack")),
    ("Gunmen executed a shopkeeper near Kidal on Monday.", ("Violence against civilians", "Attack")),
])
def test_armed_people_killed_on_duty_make_a_battle(analyse, text, kind):
    assert [(e.event_type, e.sub_event_type) for e in events_of(analyse, text, "2025-05-06")] == [kind]


@pytest.mark.parametrize(("text", "kind"), [
    ("Several local residents in Kibwe village lynched a man accused of theft on Monday.", "Riots"),
    ("On 15 September 2025, local civilians beat and injured a man accused of theft in Mogadishu.", "Riots"),
    ("A group of local people killed a man by setting him on fire in Uvira on Monday.", "Riots"),
    # residents who tell of an attack, or are hit by one, did not do it
    ("Residents said gunmen killed a man in Uvira on Monday.", "Violence against civilians"),
])
def test_a_crowd_of_residents_that_kills_or_beats_is_mob_violence(analyse, text, kind):
    assert [e.event_type for e in events_of(analyse, text, "2025-09-16")] == [kind]


def test_a_demonstration_that_turns_violent_is_one_riot(analyse):
    text = ("Hundreds of residents demonstrated in Kisumu on Monday against the killing of a trader. Police tried "
            "to clear the road and the demonstrators pelted them with stones.")
    events = events_of(analyse, text, "2025-05-06")
    assert [(e.event_type, e.sub_event_type, e.location.name) for e in events] == [
        ("Riots", "Violent demonstration", "Kisumu")]


def test_a_battle_s_other_side_named_before_its_trigger_is_actor2(analyse):
    events = events_of(analyse, "Government forces attacked Al Shabaab near Afgooye on Monday and engaged them in "
                                "an armed clash at a hideout.", "2025-04-08")
    assert [(e.event_type, e.actor1, e.actor2) for e in events] == [("Battles", "Somalia", "Al-Shabaab")]
