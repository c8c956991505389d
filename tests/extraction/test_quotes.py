"""Quotes stage: quotation marks, attribution cascade, evidence spans."""

from __future__ import annotations

import pytest


def quotes(analyse, text):
    report = analyse(text, upto="quotes")
    for quote in report.record.quotes:
        assert report.text[quote.span[0]:quote.span[1]] == quote.evidence
    return [(q.speaker, q.text) for q in report.record.quotes]


def test_speaker_after_the_quote(analyse):
    text = "“We will not accept new conditions,” said Qari Nasrullah Hamdard, a Taliban spokesman."
    assert quotes(analyse, text) == [("Qari Nasrullah Hamdard", "We will not accept new conditions,")]


def test_speaker_before_the_quote_with_colon(analyse):
    text = "Pakistani Interior Minister Tariq Mehmood said: \"The bombers came from across the border.\""
    assert quotes(analyse, text) == [("Tariq Mehmood", "The bombers came from across the border.")]


def test_split_quote_and_pronoun(analyse):
    text = ("Foreign Minister Prasert Wongthanakul spoke on Friday. “Thailand wants peace,” he said. "
            "“But we will defend our territory.”")
    assert quotes(analyse, text) == [("Prasert Wongthanakul", "Thailand wants peace,"),
                                     ("Prasert Wongthanakul", "But we will defend our territory.")]


def test_surname_resolves_to_full_name(analyse):
    text = ("Rwandan Foreign Minister Olivier Mukeshimana met the envoys. "
            "\"The talks were constructive,\" Mukeshimana told reporters.")
    assert quotes(analyse, text) == [("Olivier Mukeshimana", "The talks were constructive,")]


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
    text = ("'We will respond at a time of our choosing,' Iranian Foreign Minister Dariush Tavakoli said. "
            "\"They told us 'leave now' and then fired,\" said Ali Rezaei, a resident.")
    assert quotes(analyse, text) == [("Dariush Tavakoli", "We will respond at a time of our choosing,"),
                                     ("Ali Rezaei", "They told us 'leave now' and then fired,")]


def test_multi_paragraph_quote_runs_to_paragraph_end(analyse):
    text = ("Sok Vannak, the Cambodian prime minister, said on Monday:\n"
            "“We never wanted this war.\n"
            "“We will honour the ceasefire,” he added.")
    assert quotes(analyse, text) == [("Sok Vannak", "We never wanted this war."),
                                     ("Sok Vannak", "We will honour the ceasefire,")]


def test_participle_clause_quotes_the_sentence_subject(analyse):
    text = "Israel rejected Tehran's claims, saying its jets had struck only “military targets”."
    assert quotes(analyse, text) == [("Israel", "military targets")]


def test_new_clause_after_a_quote_has_its_own_speaker(analyse):
    text = ("Russian Foreign Minister Pavel Orlovsky called the plan “a provocation”, while Ukrainian officials "
            "said it was “a serious basis for talks”.")
    assert quotes(analyse, text) == [("Pavel Orlovsky", "a provocation"), ("Ukraine", "a serious basis for talks")]


def test_name_after_said_with_age_is_the_speaker(analyse):
    text = "“We hid in the bunker for hours,” said Somchai, 54, a rice farmer."
    assert quotes(analyse, text) == [("Somchai", "We hid in the bunker for hours,")]



def test_any_noun_phrase_before_a_speech_verb_is_an_unnamed_speaker(analyse):
    text = "A retired colonel in the capital said: “Nobody expected the truce to last.”"
    assert quotes(analyse, text) == [("retired colonel", "Nobody expected the truce to last.")]


def test_speaker_before_a_relative_clause(analyse):
    text = "A trade ministry official, who asked not to be named, said the crossing would stay shut “for now”."
    assert quotes(analyse, text) == [("trade ministry official", "for now")]


def test_participle_phrase_after_the_head_is_left_out_of_the_name(analyse):
    text = "A bus driver stuck near the crossing said: “We sleep in our seats.”"
    assert quotes(analyse, text) == [("bus driver", "We sleep in our seats.")]


def test_inverted_speaker_after_the_verb(analyse):
    text = "“We had to run at night,” recalled a mother of four in the camp."
    assert quotes(analyse, text) == [("mother", "We had to run at night,")]


def test_definite_role_refers_back_to_an_unnamed_speaker(analyse):
    text = ("According to a navy spokesperson, two boats were seized. "
            "“The crews are safe and will be questioned,” the spokesperson said.")
    assert quotes(analyse, text) == [("navy spokesperson", "The crews are safe and will be questioned,")]


def test_officials_in_a_place_speak_for_the_state_holding_it(analyse):
    text = "Later, officials in Kabul accused the neighbours of “reckless aggression”."
    assert quotes(analyse, text) == [("Afghanistan", "reckless aggression")]


def test_affiliated_role_speaks_for_its_body_but_a_civilian_for_himself(analyse):
    text = ("“Our units hold the bridge,” a spokesman for the Sudanese army said. "
            "“We lost everything,” an Afghan refugee told reporters.")
    assert quotes(analyse, text) == [("Sudan", "Our units hold the bridge,"),
                                     ("Afghan refugee", "We lost everything,")]


def test_the_statement_refers_to_a_statement_attributed_before(analyse):
    text = ("The round ended without a deal, according to a statement from the United Nations. "
            "“Gaps remain on prisoners,” the statement said.")
    assert quotes(analyse, text) == [("United Nations", "Gaps remain on prisoners,")]


def test_quotation_standing_alone_after_a_speech_sentence(analyse):
    text = "Defence Minister Ahmad Karimi said the talks had failed. “We gave them every chance.”"
    assert quotes(analyse, text) == [("Ahmad Karimi", "We gave them every chance.")]


def test_they_refers_to_officials(analyse):
    text = "Officials in Islamabad said the raid was foiled. “The attackers came from the west,” they said."
    assert quotes(analyse, text) == [("Pakistan", "The attackers came from the west,")]


def test_appositive_names_the_speaker(analyse):
    text = "One of the wounded, a 15-year-old girl, told a local radio station: “I heard the plane first.”"
    assert quotes(analyse, text) == [("15-year-old girl", "I heard the plane first.")]


def test_clauses_and_banners_are_not_speakers(analyse):
    text = ("A resident of the street where the shell was heard told our reporter: “The walls shook.” "
            "“Peace now,” read a banner held by students.")
    assert quotes(analyse, text) == [("resident", "The walls shook.")]


def test_title_before_a_name_is_not_a_separate_speaker(analyse):
    text = ("Army commander Ahmed Rashid Malik said his troops would hold their fire. "
            "The army was ready to offer “calm” to the villages, he said.")
    assert quotes(analyse, text) == [("Ahmed Rashid Malik", "calm")]


def test_role_with_no_antecedent_is_named_by_its_own_words(analyse):
    text = ("Fuel ran out on Monday. “We have lost contact with our staff,” the aid group said. "
            "“Stay calm,” the group said.")
    assert quotes(analyse, text) == [("aid group", "We have lost contact with our staff,")]


def test_possessive_role_speaks_for_the_body_named_before(analyse):
    text = "Hamas rejected the plan on Sunday. Its spokesman said: “The occupation bears full responsibility.”"
    assert quotes(analyse, text) == [("Hamas", "The occupation bears full responsibility.")]


def test_bare_body_role_falls_back_to_its_own_words(analyse):
    text = "“The blast destroyed three houses,” police said."
    assert quotes(analyse, text) == [("police", "The blast destroyed three houses,")]


def test_inverted_speaker_is_the_person_not_the_state_in_his_title(analyse):
    text = "“There will be a price,” warned Iran’s foreign minister Dariush Tavakoli."
    assert quotes(analyse, text) == [("Dariush Tavakoli", "There will be a price,")]


def test_one_of_the_officials_named_before(analyse):
    text = ("Israeli officials said the strike hit a depot. “It was a legitimate target,” one official said. "
            "“We saw nothing,” a Norwegian doctor said.")
    assert quotes(analyse, text) == [("Israel", "It was a legitimate target,"),
                                     ("Norwegian doctor", "We saw nothing,")]


def test_definite_role_refers_back_to_a_possessive_title(analyse):
    text = ("Oman's foreign minister met both delegations. "
            "“We are close,” the minister, speaking to reporters in Muscat after the meeting, said.")
    assert quotes(analyse, text) == [("Oman", "We are close,")]


def test_unclosed_paragraph_quote_with_a_speech_verb_inside_keeps_the_speaker(analyse):
    text = ("Taliban spokesman Karim Haidari spoke on Tuesday. “We kept our word,” Haidari said.\n"
            "“Everyone said the border would open, and we waited.\n"
            "“Now we will see what they do.”")
    assert [speaker for speaker, _ in quotes(analyse, text)] == ["Karim Haidari"] * 3


def test_organisation_outside_the_table_speaks_through_its_appositive(analyse):
    text = ("M23 fighters shelled the camp on Monday. The Lakeside Relief Network, a coalition of local charities, "
            "said in a statement: “Water has run out in two camps.”")
    assert quotes(analyse, text) == [("Lakeside Relief Network", "Water has run out in two camps.")]


def test_organisation_outside_the_table_before_and_after_the_quote(analyse):
    text = ("Hamas fighters clashed with troops. The Northern Emergency Doctors' Committee said “We cannot treat "
            "the wounded.” Israeli strikes hit the south. “Nobody is safe,” the Riverside Civil Society "
            "Coordination said.")
    assert quotes(analyse, text) == [("Northern Emergency Doctors' Committee", "We cannot treat the wounded."),
                                     ("Riverside Civil Society Coordination", "Nobody is safe,")]


def test_according_to_an_organisation_outside_the_table(analyse):
    text = "The RSF took the town. According to the Coastal Aid Forum, “dozens of families fled on foot.”"
    assert quotes(analyse, text) == [("Coastal Aid Forum", "dozens of families fled on foot.")]


def test_the_group_is_the_organisation_introduced_before(analyse):
    text = ("Hamas said the truce was over. The Gaza Medical Relief Society runs clinics in the north. "
            "The group said: “Our stocks are empty.”")
    assert quotes(analyse, text) == [("Gaza Medical Relief Society", "Our stocks are empty.")]


def test_the_committee_is_the_last_committee_named(analyse):
    text = ("The Gaza Doctors Committee runs clinics. The Wagner Group attacked the town. "
            "“We are overwhelmed,” the committee said.")
    assert quotes(analyse, text) == [("Gaza Doctors Committee", "We are overwhelmed,")]


def test_the_group_is_not_an_international_body(analyse):
    text = ("The TTP claimed the attack. The United Nations condemned it. "
            "“We will strike again,” the group said.")
    assert quotes(analyse, text) == [("Tehrik-i-Taliban Pakistan", "We will strike again,")]


def test_spokesman_of_an_organisation_outside_the_table_speaks_for_it(analyse):
    text = "A Lakeside Relief Network spokesman said: “We have nothing left.”"
    assert quotes(analyse, text) == [("Lakeside Relief Network", "We have nothing left.")]


def test_an_indefinite_group_is_a_new_speaker_not_the_armed_group_before(analyse):
    text = "M23 shelled the camp. A coalition of local charities said: “We have nothing left.”"
    assert quotes(analyse, text) == [("coalition", "We have nothing left.")]


def test_an_unnamed_speaker_is_named_by_the_name_given_in_its_clause(analyse):
    text = ("“The water ran out on Monday,” said a baker in Idlib who asked to be identified only as Samir. "
            "“Now we queue for bread,” he said.")
    assert quotes(analyse, text) == [("Samir", "The water ran out on Monday,"), ("Samir", "Now we queue for bread,")]


def test_a_first_name_given_after_the_role_names_the_speaker(analyse):
    text = "“The drones came at dawn,” said a fisherman near Kherson who gave only his first name, Oleh."
    assert quotes(analyse, text) == [("Oleh", "The drones came at dawn,")]


def test_a_speaker_identified_as_a_member_of_a_group_is_not_named_by_it(analyse):
    text = "“We will fight on,” said a man identified as Hamas commander in the video."
    assert quotes(analyse, text) == [("man", "We will fight on,")]


def test_the_group_is_the_group_that_spoke_not_the_one_it_accused(analyse):
    text = ("The Lakeside Relief Network said the shelling was the work of M23 fighters. "
            "“We need a corridor now,” the group said.")
    assert quotes(analyse, text) == [("Lakeside Relief Network", "We need a corridor now,")]


def test_a_spokesman_for_an_unnamed_government_speaks_for_the_state_named_before(analyse):
    text = ("Myanmar's army bombed a village in Sagaing. A spokesman for the military government denied the "
            "attack, saying troops had only fought “armed terrorists” in the area.")
    assert quotes(analyse, text) == [("Myanmar", "armed terrorists")]


def test_a_spokesman_for_an_office_of_a_named_body_is_that_body(analyse):
    text = ("The talks ended, according to a statement from the office of the UN envoy. "
            "“Gaps remain,” the statement said.")
    assert quotes(analyse, text) == [("United Nations", "Gaps remain,")]


def test_a_day_after_called_is_no_name(analyse):
    assert quotes(analyse, "“We ran,” said a woman who called Thursday from Goma.") == [("woman", "We ran,")]


def test_person_named_in_apposition_to_a_role_speaks(extractor):
    record = extractor.extract("Another protester, Luciano Michele, criticised the crackdown: “You take someone "
                               "to jail just for holding a peaceful demonstration.”", published="2025-01-01")
    assert [q.speaker for q in record.quotes] == ["Luciano Michele"]


def test_an_organ_named_again_is_the_state_that_owned_it(analyse):
    text = ("A drone strike on a car in Kunin killed one man, Lebanon’s health ministry said. Israeli jets also hit "
            "Tyre. Later the health ministry said: “Two martyrs and one wounded.”")
    assert quotes(analyse, text) == [("Lebanon", "Two martyrs and one wounded.")]


@pytest.mark.parametrize("mark", ["?", "!"])
def test_a_question_or_exclamation_goes_on_to_its_attribution(analyse, mark):
    text = f'The president spoke on Monday. "Can anyone imagine what they would do to those inside{mark}" Vucic said.'
    assert quotes(analyse, text) == [("Vucic", f"Can anyone imagine what they would do to those inside{mark}")]


def test_a_name_the_model_calls_an_organisation_is_a_person_after_an_office(analyse):
    text = ("Government spokesman Armand Leandre Dossou gave the toll on Monday. Militants said they had killed "
            "70 soldiers. “Even if it is not 70, it is still a lot,” Dossou said.")
    assert quotes(analyse, text) == [("Armand Leandre Dossou", "Even if it is not 70, it is still a lot,")]


def test_an_outlets_reporter_the_model_misses_speaks(analyse):
    text = ("Al Jazeera’s Lina Haddad, reporting from Deir el-Balah, said Palestinians are being killed while "
            "trying to secure “one meal for their children”.")
    assert quotes(analyse, text) == [("Lina Haddad", "one meal for their children")]


def test_the_person_a_bodys_title_is_given_to_speaks_not_the_body(analyse):
    text = ("Amnesty International’s regional director for East Africa, John Kamau, called the deaths “deeply "
            "disturbing” and urged an inquiry.")
    assert quotes(analyse, text) == [("John Kamau", "deeply disturbing")]


def test_a_second_verb_of_the_subject_keeps_the_subject(analyse):
    text = ("President Rauf Guliyev spoke on Tuesday. Guliyev denied the Armenian claim of ethnic cleansing and said "
            "his forces were only striking “legitimate military targets.”")
    assert quotes(analyse, text) == [("Rauf Guliyev", "legitimate military targets.")]


def test_a_body_that_speaks_in_a_statement_is_the_speaker(analyse):
    text = ("Student leaders said the police had charged peaceful crowds. The Interior Ministry, in a statement, said, "
            "“Four officers were injured and a police vehicle was damaged.”")
    assert [speaker for speaker, _ in quotes(analyse, text)] == ["Interior Ministry"]


def test_an_office_with_a_bracket_before_the_name_is_the_person_who_spoke(analyse):
    text = ("“Two bodies were found near the river,” said deputy inspector general of police (range) IK Zothan "
            "during a press briefing at the headquarters.")
    assert quotes(analyse, text) == [("Zothan", "Two bodies were found near the river,")]


def test_a_source_from_an_office_no_table_lists_is_the_office(analyse):
    text = "“Nine people were confirmed dead,” a source from the ombudsman's office told reporters."
    assert quotes(analyse, text) == [("ombudsman's office", "Nine people were confirmed dead,")]


@pytest.mark.parametrize(("text", "quoted"), [
    ("‘’We will answer every attack on our soldiers,’’ Defence Minister Ali Hassan said on Monday.",
     "We will answer every attack on our soldiers,"),
    ("Defence Minister Ali Hassan said ''we will answer every attack on our soldiers'' on Monday.",
     "we will answer every attack on our soldiers"),
])
def test_two_single_marks_standing_for_a_double_one_quote(extractor, text, quoted):
    quotes = extractor.extract(text, published="2025-08-30").quotes
    assert [(q.speaker, q.text) for q in quotes] == [("Ali Hassan", quoted)]


def test_a_doubled_apostrophe_in_a_word_opens_no_quote(extractor):
    assert extractor.extract("The crisis in Cameroon’’s two regions goes on, said Ali Hassan.",
                             published="2025-08-30").quotes == []


def test_a_name_with_its_article_joined_on_is_a_person_who_speaks(analyse):
    text = ("The country’s interim leader, Karim al-Haddadi, said that loyalist units had tried to “test” the new "
            "government, adding that the army had fought with “restraint.”")
    assert quotes(analyse, text) == [("Karim al-Haddadi", "test"), ("Karim al-Haddadi", "restraint.")]


def test_an_unnamed_spokesman_of_a_person_gives_that_persons_words(analyse):
    text = ("UN envoy Maria Kovacs deplored the raid and urged “a halt to the shelling”, her spokesman told "
            "reporters. Her mother said: “We have nothing left.”")
    assert quotes(analyse, text) == [("Maria Kovacs", "a halt to the shelling"),
                                     ("Her mother", "We have nothing left.")]


def test_a_so_called_name_is_not_speech(analyse):
    text = "Officials said the raids hit the so-called “triangle of death” district, where the army “will stay”."
    assert quotes(analyse, text) == [("Officials", "will stay")]


@pytest.mark.parametrize("name", ["Nadege Morisseau", "Rosette Dorval"])  # the model calls them places
def test_a_name_after_an_age_is_a_person_who_speaks(analyse, name):
    text = f"“Our home is gone,” said another who walked with them, 60-year-old {name}."
    assert quotes(analyse, text) == [(name, "Our home is gone,")]


def test_a_name_inside_the_description_before_the_speakers_name_does_not_speak(analyse):
    text = "Speaking by phone, the widow of Samuel Orkar, Mary Tersoo, said: “They came at night and shot everyone.”"
    assert quotes(analyse, text) == [("Mary Tersoo", "They came at night and shot everyone.")]


def test_a_quote_over_several_paragraphs_keeps_its_speaker(analyse):
    text = ("A community leader, Daniel Ternenge, said: “Gunmen arrived after dark from the west.\n\n"
            "“The police tried to hold them off.\n\n"
            "They burnt the stalls in the market.\n\n"
            "“Families from nearby villages slept in those stalls.")
    assert [speaker for speaker, _ in quotes(analyse, text)] == ["Daniel Ternenge"] * 3


def test_a_participle_after_a_quotation_does_not_name_the_speaker(analyse):
    text = ("Envoy Tom Harlan said that the US and Norway had mediated the deal, which he hoped would bring a "
            "“lasting end to the fighting,” adding that the army will pull back its forces.")
    assert quotes(analyse, text) == [("Tom Harlan", "lasting end to the fighting,")]


def test_an_outlet_that_says_the_words_is_their_speaker(analyse):
    # an outlet the actor table knows is quoted like any body: not the state whose possessive names it
    text = "In France, AFP said the shell “hit a bakery on the market road” in Kobadie."
    assert quotes(analyse, text) == [("AFP", "hit a bakery on the market road")]


def test_the_statement_a_speaker_speaks_in_is_not_the_speaker(analyse):
    # "In a statement posted online, X said": the statement is where X speaks, not the subject of "posted"
    text = ("Police chief Omar Farah said the strike “hit two cars”. In a statement posted to Telegram on Friday, the "
            "Tana Liberation Front said it had fired rockets “in response to the raid”.")
    assert quotes(analyse, text) == [("Omar Farah", "hit two cars"),
                                     ("Tana Liberation Front", "in response to the raid")]


def test_he_is_the_person_a_role_is_given_to_further_on(analyse):
    text = ("A community leader in Kobadie and former chairman of the district school board, Mr. Daniel Okoro, who "
            "held back tears, said it was a dark day.\n\nHe said: “It started last night when gunmen came from the "
            "west.”")
    assert quotes(analyse, text) == [("Daniel Okoro", "It started last night when gunmen came from the west.")]


def test_a_role_described_in_apposition_speaks_not_the_description(analyse):
    text = "“The shelling went on till dawn,” a resident of Kobadie, a town in Kebbi state, said."
    assert quotes(analyse, text) == [("resident", "The shelling went on till dawn,")]


def test_a_name_inside_the_role_that_speaks_is_not_the_speaker(analyse):
    # the model reads the town as a person; the words make it where the merchant works
    text = "“Everything is abandoned,” a clothing merchant operating in the centre of Macomia told reporters."
    assert quotes(analyse, text) == [("clothing merchant", "Everything is abandoned,")]
