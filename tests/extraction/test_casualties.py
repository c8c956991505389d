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
    ("The death toll stands at 27, with 60 injured.", 27, 60),
    ("The missile hit the bus, killing all 9 passengers.", 9, None),
    ("Three soldiers were martyred and 5 others killed in the attack.", 8, None),
    ("50 killed, 100 injured in market blast", 50, 100),
    ("Medics recorded 4 fatalities after the raid.", 4, None),
    ("Unknown gunmen shot and killed a young herder near the well.", 1, None),
    ("A shopkeeper was stabbed to death by robbers in the market.", 1, None),
    ("Militants assassinated a village leader in the district on Friday.", 1, None),
    ("Monitors documented 37 civilian deaths and 425 injuries during the clashes.", 37, 425),
    ("One guard was killed and another injured when the checkpoint came under fire.", 1, 1),
    ("Another 10 people were killed in the shelling on Monday.", 10, None),
    ("The ministry said the strike left three martyrs and wounded two people.", 3, 2),
    ("Troops executed at least 40 villagers during the sweep.", 40, None),
    ("Six students were hospitalised after the march was broken up.", None, 6),
    ("Two paramedics were among the dead.", 2, None),
    ("The raid on the town left more than 30 bodies in the streets.", 30, None),
    ("Medics counted four deaths, several dozen injuries and many arrests.", 4, 36),
    ("The blast resulted in the death of six people and injuries to 40 others.", 6, 40),
    ("A monitor said 70 people, including soldiers, gunmen, and a few civilians, have been killed.", 70, None),
    ("A bomb hit the station, killing 24 people, including soldiers, and wounding 50 others, some critically.", 24, 50),
    ("Doctors said one man was brought dead to the clinic and 25 were treated for wounds.", 1, 25),
    ("Drones struck the funeral tent, leaving dozens dead and many others seriously wounded.", 12, 10),
    ("The toll has risen to five people dead and 57 wounded, the spokesman said.", 5, 57),
    ("The minister said 42 police officers — including 26 in the capital — were injured.", None, 42),
    ("The week of clashes pushed the death toll in the state to 105.", 105, None),
    ("The rebels sank a cargo ship, killing four foreign seafarers.", 4, None),
    ("The strike hit late on Sunday, with 15 people dying instantly.", 15, None),
    ("4 die in gun battle between police and gunmen", 4, None),
    ("More than 2,000 lives have been lost in the fighting, the monitor said.", 2000, None),
    ("The raid killed “four people, among them two boys, and wounded five others”, the agency said.", 4, 5),
    ("Four of those who died were in one house, the governor said, adding that 13 others were injured.", 4, 13),
    ("Headteacher Musa Ibrahim Danladi was shot dead by the raiders, and a guard sustained gunshot injuries.", 1, 1),
    ("A witness said he saw at least 15 bodies near the roundabout.", 15, None),
    ("It was the day gunmen gunned down 26 pilgrims near the shrine.", 26, None),
    ("Nine people — most of them traders — were brutally killed in the market.", 9, None),
    ("The toll is running to over 90 now, the village chief said.", 90, None),
    ("A rescuer said 12 men and 9 women were killed when the clinic was bombed.", 21, None),
    ("Two farmers were charred to death when the mob set their hut on fire.", 2, None),
    ("Medics put the number of injured marchers at '20', the union said.", None, 20),
])
def test_figures_in_words_and_digits(analyse, text, killed, injured):
    assert tolls(casualties(analyse, text)) == [(killed, injured)]


def test_vague_quantities_keep_the_lowest_value_and_are_approximate(analyse):
    (item,) = casualties(analyse, "Renewed shelling killed dozens of people and wounded hundreds of others.")
    assert (item.killed, item.injured, item.approximate) == (12, 100, True)


def test_many_told_with_a_count_is_ten(analyse):
    (item,) = casualties(analyse, "At least 12 people were killed and many others wounded in the bombing.")
    assert (item.killed, item.injured, item.approximate) == (12, 10, True)


def test_at_least_is_exact(analyse):
    (item,) = casualties(analyse, "At least 18 soldiers were killed in the raid.")
    assert (item.killed, item.approximate, item.victims) == (18, False, "security_forces")


def test_a_part_of_a_group_is_the_figure_not_the_group(analyse):
    items = casualties(analyse, "The shootout left three of the 30 attackers and a policeman dead.")
    assert sorted((c.killed, c.victims) for c in items) == [(1, "security_forces"), (3, "militants")]


def test_coordinated_victims_of_one_kind_add_up(analyse):
    (item,) = casualties(analyse, "A rocket hit the house in Khost and killed four children and a woman.")
    assert (item.killed, item.victims) == (5, "civilians")


def test_a_second_toll_of_the_other_side_is_not_added_to_the_first(analyse):
    items = casualties(analyse, "Eleven soldiers were killed and nearly forty insurgents neutralised, the army said.")
    assert sorted((c.killed, c.victims) for c in items) == [(11, "security_forces"), (40, "militants")]


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
    ("Eight people, five of them children, were killed in the strike.", "civilians"),
    ("Israeli strikes killed 3 members of Hamas in Rafah.", "militants"),
    ("The army said 15 Afghan Taliban had been killed.", "security_forces"),
    ("Officials said the death toll had risen to 14, mostly civilians.", "civilians"),
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
    ("The Sudan Doctors Network said 40 civilians were killed in El Fasher.", "Sudan Doctors Network"),
    ("Local officials in Kunar said 6 civilians were killed.", "Afghanistan"),
    ("Witnesses said 5 people were killed.", None),
    ("Twelve people were killed in the strike, which the army claimed had targeted militants.", None),
])
def test_claimants(analyse, text, claimant):
    (item,) = casualties(analyse, text)
    assert item.claimant == claimant


def test_claimant_of_a_quoted_figure_is_the_speaker_side(analyse):
    text = ('"So far 17 soldiers have been killed and 25 are wounded," Pakistani Interior Minister '
            'Farooq Malik told reporters in Islamabad.')
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


def test_a_headline_toll_given_in_full_by_the_same_source_is_one_entry(analyse):
    text = ("Health ministry says four killed in strike on Nabatieh\n\n"
            "The strike killed four people and wounded seven others, the health ministry said on Saturday.")
    (item,) = casualties(analyse, text)
    assert (item.killed, item.injured, item.claimant.casefold()) == (4, 7, "health ministry")


@pytest.mark.parametrize("text", [
    "More than 1.2 million people have been displaced since 2021.",
    "Officials counted 500 attacks from across the border in 2024.",
    "Police arrested 25 suspects after the blast.",
    "The fighting caused losses of $300 million.",
    "About 600,000 refugees returned home last year.",
    "Twelve people died of cholera in the camp.",
    "The convoy travelled 40 kilometres before it was hit.",
    "Many people were injured, witnesses said.",
    "The civil war claimed numerous lives between 2013 and 2018.",
])
def test_not_casualty_figures(analyse, text):
    assert casualties(analyse, text) == []


def test_inverted_attribution_names_the_body_as_the_text_does(analyse):
    (item,) = casualties(analyse, "Shelling kills 14 in Gaza City, says health ministry")
    assert (item.killed, item.claimant, item.side) == (14, "health ministry", "PS")


def test_according_to_after_a_figure_beats_an_earlier_speaker(analyse):
    text = ("Russia's defence ministry said it downed 20 drones over Kursk, where three civilians "
            "were wounded, according to the regional governor.")
    (item,) = casualties(analyse, text)
    assert (item.injured, item.claimant) == (3, "Russia")


def test_a_bare_army_speaks_for_the_soldiers_side(analyse):
    (item,) = casualties(analyse, "Two Israeli soldiers were killed by a bomb in southern Gaza, the army said.")
    assert (item.side, item.claimant) == ("IL", "Israel")


def test_it_said_resolves_to_the_last_speaker_named(analyse):
    text = "The Congolese army issued a statement on Friday. It said that 31 villagers were killed in Ituri."
    (item,) = casualties(analyse, text)
    assert (item.killed, item.victims, item.claimant) == (31, "civilians", "DR Congo")


def test_an_anaphoric_toll_takes_the_last_death_figure(analyse):
    text = ("Officials said 11 people were killed in Chaman. The death toll was confirmed by a doctor, "
            "who said 35 others had been wounded.")
    items = casualties(analyse, text)
    assert tolls(items) == [(11, None), (11, 35)]


def test_demonym_plural_gives_the_side_without_making_them_soldiers(analyse):
    (item,) = casualties(analyse, "At least 6 more Israelis were killed overnight.")
    assert (item.killed, item.victims, item.side) == (6, "unspecified", "IL")


@pytest.mark.parametrize("text", [
    "Estimates put Russian losses at more than 700,000 killed or wounded.",
    "A man aged 40 was questioned after 3 explosions.",
])
def test_combined_or_unrelated_numbers_are_not_figures(analyse, text):
    assert casualties(analyse, text) == []


def test_deaths_from_disease_or_disaster_are_left_out_but_not_the_sentence(analyse):
    text = "Floods killed 40 people in Swat, while shelling killed 6 soldiers in Kurram."
    assert tolls(casualties(analyse, text)) == [(6, None)]


@pytest.mark.parametrize("text, killed", [
    ("Three terrorists were neutralised in an encounter in Kupwara, the army said.", 3),
    ("Eleven soldiers embraced martyrdom during the exchange of fire.", 11),
])
def test_military_idioms_for_deaths(analyse, text, killed):
    (item,) = casualties(analyse, text)
    assert item.killed == killed


def test_the_subject_of_an_active_killing_is_not_a_victim(analyse):
    (item,) = casualties(analyse, "About 20 gunmen killed 5 villagers in Ituri.")
    assert (item.killed, item.victims) == (5, "civilians")


@pytest.mark.parametrize("text, claimant", [
    # the subject of a reporting verb inside a relative clause
    ("Officials in Kabul denounced raids that Afghan health officials said killed 17 people in Khost.",
     "Afghan health officials"),
    # a subject kept apart from its verb by a participle phrase or an apposition
    ("Police officials in Quetta, speaking on condition of anonymity, said the blast killed 6 people.", "Pakistan"),
    ("A local monitoring group, the Kivu Security Tracker, said 14 villagers were killed in Ituri.",
     "Kivu Security Tracker"),
    # "Y put the toll at", "Y gave a figure of"
    ("The civil defence agency in Gaza put the toll at 31.", "civil defence agency"),
    ("Palestinian health officials gave a higher figure of 19 dead.", "Palestinian health officials"),
    # "X, according to Y" with a relative clause after Y
    ("Four children were wounded, according to the charity that runs the clinic.", "charity"),
    # "X told reporters": the reporters are not the source; a named state official speaks for the state
    ("Two soldiers were wounded in Kupwara, a police officer, Imran Bhat, told reporters.", "India"),
    ("Three people were killed in Bajaur, according to a district official, Gul Jan.", "Pakistan"),
    ("Three people were killed in Bajaur, according to Gul Jan, a doctor at the district hospital.", "Gul Jan"),
    # a lower-case modifier before a capitalised name
    ("A drone strike wounded 5 people in Nabatieh, the state-run Lebanese News Agency reported.",
     "Lebanese News Agency"),
    # hospitals and rescue services
    ("Doctors at Al-Aqsa Hospital said 13 people were killed in the strike.", "Al-Aqsa Hospital"),
    ("Seven people were wounded in Kharkiv, the regional emergency service said.", "regional emergency service"),
])
def test_claimant_cues_across_clauses(analyse, text, claimant):
    (item,) = casualties(analyse, text)
    assert item.claimant == claimant


def test_a_pronoun_subject_is_the_last_attribution_before_it(analyse):
    text = ("Militants stormed a checkpoint in Bannu overnight, a senior police officer in Bannu said. "
            "He said 4 policemen were wounded.")
    (item,) = casualties(analyse, text)
    assert (item.injured, item.claimant) == (4, "Pakistan")


def test_it_said_prefers_the_body_that_last_spoke_over_actors_named_since(analyse):
    text = ("The Pakistani army said in a statement that Afghan forces fired on a post in Kurram. "
            "It said two soldiers were killed, and claimed that 12 attackers had been \"neutralised\".")
    items = casualties(analyse, text)
    assert sorted((c.killed, c.claimant) for c in items) == [(2, "Pakistan"), (12, "Pakistan")]


def test_the_board_said_names_the_board_named_before(analyse):
    text = "The Kabul Football Board cancelled the match. The board said 3 people were killed in the strike."
    (item,) = casualties(analyse, text)
    assert item.claimant == "Kabul Football Board"


def test_a_short_sentence_after_a_quoted_speaker_goes_on_reporting_him(analyse):
    text = ('Two infiltrators were killed near Uri, the army said. "The search goes on," a defence spokesperson '
            'said in Srinagar. One soldier suffered minor injuries.')
    items = casualties(analyse, text)
    soldier = next(c for c in items if c.injured == 1)
    assert (soldier.victims, soldier.claimant) == ("security_forces", "India")


def test_background_after_a_statement_is_the_reporters(analyse):
    text = "Thailand said it had closed the crossing after a landmine wounded 3 Thai soldiers near the border."
    (item,) = casualties(analyse, text)
    assert (item.injured, item.claimant, item.side) == (3, None, "TH")


@pytest.mark.parametrize("text, killed, injured", [
    ("Organisers put the number of injured protesters at \"more than 40\".", None, 40),
    ("A girl was killed and three other members of her family were wounded in the shelling.", 1, 3),
    ("The drone hit the car, killing two civilians, a man and his son, and wounding five others.", 2, 5),
    ("Rescuers pulled 11 bodies from the rubble in Kharkiv.", 11, None),
    ("The Taliban said they lost 6 fighters.", 6, None),
    ("Three policemen sustained serious injuries in the attack.", None, 3),
    ("Troops killed 9 militants there.", 9, None),
    ("Three people were shot and wounded near the checkpoint.", None, 3),
    ("Nasser Hospital received 8 bodies overnight.", 8, None),
])
def test_more_ways_of_giving_a_toll(analyse, text, killed, injured):
    assert tolls(casualties(analyse, text)) == [(killed, injured)]


def test_no_deaths_reported_is_no_figure(analyse):
    assert casualties(analyse, "The army reported no deaths among its troops, officials said.") == []


def test_a_states_own_losses_are_its_forces(analyse):
    text = "The Taliban said 40 Pakistani soldiers died and that 7 of their own fighters were killed."
    items = casualties(analyse, text)
    own = next(c for c in items if c.killed == 7)
    assert (own.victims, own.side, own.claimant) == ("security_forces", "AF", "Afghanistan")


def test_a_states_fighters_named_by_demonym_are_its_forces(analyse):
    (item,) = casualties(analyse, "The Taliban said that nine Afghan fighters died in the clashes.")
    assert (item.victims, item.side) == ("security_forces", "AF")


def test_coordinated_victim_nouns_of_two_kinds_are_mixed(analyse):
    (item,) = casualties(analyse, "The war killed dozens of soldiers and civilians in July.")
    assert item.victims == "mixed"


def test_most_of_them_describes_the_victims(analyse):
    (item,) = casualties(analyse, "Officials said 30 people were wounded, most of them women.")
    assert item.victims == "civilians"


def test_civilians_take_the_side_of_the_place_named_before(analyse):
    text = "Shelling hit the village of Nyabiondo in Masisi on Monday. Two civilians were killed, a witness said."
    (item,) = casualties(analyse, text)
    assert item.side == "CD"


def test_civilians_killed_on_both_sides_have_no_side(analyse):
    text = "Fighting raged in Kupwara. Dozens of civilians were killed on both sides of the line."
    (item,) = casualties(analyse, text)
    assert item.side is None


def test_an_exact_death_toll_with_a_vague_injury_count_is_not_approximate(analyse):
    (item,) = casualties(analyse, "Twelve civilians were killed and more than 100 wounded in Khost.")
    assert (item.killed, item.injured, item.approximate) == (12, 100, False)


def test_the_head_before_a_relative_clause_is_the_subject(analyse):
    text = "The spokesman for the ministry that oversees police said 3 officers were killed in Quetta."
    (item,) = casualties(analyse, text)
    assert item.claimant == "Pakistan"


def test_they_said_is_the_subject_of_the_sentence_before(analyse):
    text = "Afghan officials accused Pakistan of shelling Kunar. They said 5 civilians were killed."
    (item,) = casualties(analyse, text)
    assert item.claimant == "Afghanistan"


def test_an_attribution_between_two_figures_serves_both(analyse):
    (item,) = casualties(analyse, "At least 5 people were killed in Peshawar, police said, and 12 were wounded.")
    assert (item.killed, item.injured, item.claimant) == (5, 12, "Pakistan")


def test_dead_and_wounded_told_apart_in_one_sentence_are_one_toll(analyse):
    text = ("A teacher at the school in Jalalabad said 6 bodies had been pulled from the ruins and that "
            "about 15 people had been wounded.")
    (item,) = casualties(analyse, text)
    assert (item.killed, item.injured, item.claimant) == (6, 15, "teacher")


def test_dead_and_wounded_from_different_sources_stay_apart(analyse):
    text = "Police said 4 people were killed in Quetta, while a local charity said 9 people were wounded."
    assert tolls(casualties(analyse, text)) == [(4, None), (None, 9)]


@pytest.mark.parametrize("text, claimant", [
    ("A nurse at the clinic in Goma said 8 people had been killed.", "nurse"),
    ("An elderly shepherd from the village said 3 men were killed by the drone.", "elderly shepherd"),
    ("A report said 11 people had been killed in Goma.", None),
    ("A resident of the town said 11 people had been killed in Goma.", None),
])
def test_an_unnamed_person_gives_a_toll_by_their_role(analyse, text, claimant):
    (item,) = casualties(analyse, text)
    assert item.claimant == claimant


def test_a_body_that_has_given_a_figure_gives_it(analyse):
    text = "Fighting flared in Idlib, Syria. The health directorate has given a far lower figure of about 70."
    (item,) = casualties(analyse, text)
    assert (item.killed, item.approximate, item.claimant is not None) == (70, True, True)


def test_a_figure_of_things_is_no_toll(analyse):
    assert casualties(analyse, "The ministry gave a figure of 3,000 homes destroyed in Idlib, Syria.") == []


def test_people_treated_for_wounds_are_injured(analyse):
    (item,) = casualties(analyse, "Twelve people were treated for shrapnel wounds at the hospital in Kharkiv.")
    assert (item.killed, item.injured) == (None, 12)


def test_victims_described_by_where_they_were(analyse):
    text = "Three villagers travelling on a tractor near the road were killed by a mine in Kayin, Myanmar."
    (item,) = casualties(analyse, text)
    assert (item.killed, item.victims) == (3, "civilians")


def test_bodies_received_in_a_quotation_with_the_wounded(analyse):
    text = "A doctor in Kunduz said the ward received “at least 9 bodies and dozens of wounded, most of them women.”"
    (item,) = casualties(analyse, text)
    assert (item.killed, item.injured, item.approximate, item.victims) == (9, 12, True, "civilians")


def test_a_noun_like_posts_is_no_reporting_verb(analyse):
    text = ("Pakistan's army said it had held two border posts near Chaman and that 8 Afghan fighters "
            "were killed in the exchange.")
    (item,) = casualties(analyse, text)
    assert (item.killed, item.claimant) == (8, "Pakistan")


@pytest.mark.parametrize("text, claimant", [
    ("At the hospital in Bukavu, 30 wounded people had been admitted by noon, a nurse said.", "nurse"),
    ("Five guards were killed near Kandahar, in an attack claimed by the Islamic State, police said.", "Afghanistan"),
])
def test_a_passive_reporting_verb_is_not_the_attribution(analyse, text, claimant):
    (item,) = casualties(analyse, text)
    assert item.claimant == claimant


def test_an_officer_at_a_place_speaks_for_the_state(analyse):
    text = "Two soldiers were killed near Afgoye, Somalia, according to an army officer at the scene, Major Ali Nur."
    (item,) = casualties(analyse, text)
    assert (item.killed, item.claimant) == (2, "Somalia")


def test_a_headline_toll_is_the_full_toll_the_body_attributes(analyse):
    text = ("Shelling kills 7 in Kharkiv; Moscow claims hit on depot\n\n"
            "Seven civilians were killed and 20 others injured when shells hit Kharkiv, Ukrainian officials said.")
    (item,) = casualties(analyse, text)
    assert (item.killed, item.injured, item.claimant, item.side) == (7, 20, "Ukraine", "UA")


def test_a_claim_in_the_next_clause_is_not_the_toll_s(analyse):
    (item,) = casualties(analyse, "Shelling kills 7 in Kharkiv; Moscow claims hit on depot")
    assert item.claimant is None


def test_they_is_the_subject_of_its_own_sentence(analyse):
    text = ("No group has claimed the attack. Officials in Kabul accused Pakistan of a drone strike on a house "
            "in Khost that they said killed four civilians.")
    (item,) = casualties(analyse, text)
    assert item.claimant == "Afghanistan"


def test_unnamed_people_killed_in_a_one_country_war_are_that_country_s(analyse):
    text = "Army jets bombed a market in Sagaing, Myanmar, on Sunday.\n\nThe toll later rose to 31."
    (item,) = casualties(analyse, text)
    assert item.side == "MM"


def test_unnamed_people_killed_in_a_border_war_have_no_side(analyse):
    text = "Talks opened in Kuala Lumpur, Malaysia.\n\nThe border war between the neighbours killed 40 people."
    (item,) = casualties(analyse, text)
    assert item.side is None


def test_a_body_that_raised_the_toll_gives_it(analyse):
    (item,) = casualties(analyse, "The State Emergency Service later raised the death toll to nine.")
    assert (item.killed, item.claimant) == (9, "State Emergency Service")


def test_losses_of_a_named_state_are_that_states(analyse):
    (item,) = casualties(analyse, "Ukraine's general staff said Russian forces had lost 900 troops over the past day.")
    assert (item.killed, item.victims, item.side, item.claimant) == (900, "security_forces", "RU", "Ukraine")


def test_among_them_after_the_wounded_describes_the_victims(analyse):
    text = "Glide bombs hit Kharkiv, killing 7 people and wounding 34, among them four children."
    (item,) = casualties(analyse, text)
    assert (item.killed, item.injured, item.victims) == (7, 34, "civilians")


def test_bodies_a_hospital_received_are_its_toll(analyse):
    text = "Nasser Hospital in Khan Younis said it had received the bodies of 11 people, including five children."
    (item,) = casualties(analyse, text)
    assert (item.killed, item.victims, item.claimant) == (11, "civilians", "Nasser Hospital")


def test_a_second_source_putting_the_figure_elsewhere_is_its_own_entry(analyse):
    items = casualties(analyse, "Pakistan said 12 soldiers were martyred, but the TTP put the figure at 30.")
    assert sorted((c.killed, c.claimant) for c in items) == [(12, "Pakistan"), (30, "Tehrik-i-Taliban Pakistan")]


def test_an_accusation_is_the_accusers_figure(analyse):
    (item,) = casualties(analyse, "Sudan's army accused the RSF of killing 300 civilians in El Fasher.")
    assert (item.killed, item.claimant) == (300, "Sudan")


def test_a_possessive_organ_speaks_for_its_state(analyse):
    text = "A roadside bomb killed 2 soldiers near Razmak, the army's media wing said."
    (item,) = casualties(analyse, text)
    assert item.claimant == "Pakistan"


@pytest.mark.parametrize("text, side", [
    ("Israel said its strikes killed 20 people in Gaza City.", "PS"),
    ("India said it had killed 100 people in Muridke.", "PK"),
    ("Pakistan said 20 people were killed in Indian strikes on Muridke.", "PK"),
])
def test_a_speaker_does_not_report_its_own_side_as_the_victims_of_its_strikes(analyse, text, side):
    (item,) = casualties(analyse, text)
    assert item.side == side


@pytest.mark.parametrize("text, tolls_given", [
    ("Officials warned that renewed fighting could kill hundreds of people.", []),
    ("Militants tried to kill 3 policemen.", []),
    ("Gunmen went on to kill 6 villagers.", [(6, None)]),
])
def test_a_killing_that_may_or_may_not_happen_is_no_toll(analyse, text, tolls_given):
    assert tolls(casualties(analyse, text)) == tolls_given


def test_the_ministry_is_the_ministry_named_before(analyse):
    text = ("Gaza's health ministry said 12 people were killed in Rafah on Monday. More than 200 Palestinians "
            "have been killed since the truce began, according to the ministry.")
    assert [c.claimant for c in casualties(analyse, text)] == ["Gaza health ministry", "Gaza health ministry"]


def test_the_ministry_with_none_named_before_is_the_state(analyse):
    text = ("Israeli strikes killed 12 people in Rafah, officials said. More than 200 Palestinians "
            "have been killed since the truce began, according to the ministry.")
    assert [c.claimant for c in casualties(analyse, text)] == ["Palestine", "Palestine"]


def test_wounded_civilians_far_from_any_place_are_of_the_place_the_report_opens_on(analyse):
    text = ("Gunmen attacked a checkpoint in Bannu on Monday. " + "Officials met elders to discuss security. " * 16
            + "Police fired tear gas, and a dozen protesters were injured, a hospital official said.")
    items = casualties(analyse, text)
    assert [(c.injured, c.side) for c in items] == [(12, "PK")]


def test_a_dateline_under_a_headline_places_the_victims(analyse):
    text = ("Shelling hits market\n\nKHARKIV, Ukraine — " + "Officials met elders to discuss security. " * 16
            + "Six civilians were wounded, a doctor said.")
    items = casualties(analyse, text)
    assert [(c.injured, c.side) for c in items] == [(6, "UA")]


@pytest.mark.parametrize("text, claimant", [
    ("Nine people were treated for wounds at the city hospital in Herat, its officials said.", "city hospital"),
    ("The Pakistani army shelled Kunar. Nine people were wounded, its officials said.", "Pakistan"),
    ("Nine people were wounded in Herat, its officials said.", None),
])
def test_its_officials_are_the_body_named_before(analyse, text, claimant):
    (item,) = casualties(analyse, text)
    assert item.claimant == claimant


def test_displaced_people_killed_are_civilians(analyse):
    [toll] = casualties(analyse, "Gunmen shot and killed an IDP near the Kalma camp on Sunday.")
    assert (toll.killed, toll.victims) == (1, "civilians")


@pytest.mark.parametrize("text, expected", [
    ("Soldiers killed 44 people, including 20 children, in Tondi village, and 179 people, including 36 children, "
     "in the nearby Kobadie village.", [(44, None), (179, None)]),
    ("The militants killed 18 herders grazing cattle in one village and seven other people in another village.",
     [(18, None), (7, None)]),
    ("Six people died. Three of the victims were killed in Kobadie, two in Tondi, and one in Maradi.",
     [(6, None), (3, None), (2, None), (1, None)]),
])
def test_tolls_of_several_places_told_with_one_verb_are_each_a_figure(analyse, text, expected):
    assert tolls(casualties(analyse, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("A police officer died and three officers sustained injuries in the exchange of fire.", [(1, 3)]),
    ("At least 64 people were killed and more than 80 arrested in a police operation in Kobadie.", [(64, None)]),
    ("The attack left four dead and at least 43 injured, several of them in serious condition.", [(4, 43)]),
])
def test_what_follows_a_toll_at_its_place_is_no_second_toll_unless_it_counts_people(analyse, text, expected):
    assert tolls(casualties(analyse, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("A 66-year-old man and 33-year-old woman were killed in Tondi village.", [(2, None)]),
    ("A boy and his father were killed when the shell hit their home.", [(2, None)]),
    ("A man and his children were killed in the strike.", [(1, None)]),  # how many children, it does not say
])
def test_one_person_and_one_more_are_two(analyse, text, expected):
    assert tolls(casualties(analyse, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ali Musa and Omar Said were shot dead in their car on Saturday.", [(2, None)]),
    ("Ahmed Ali, Omar Said and Hassan Musa were killed in the raid.", [(3, None)]),
    ("Police said Ahmed Ali and Omar Said were injured.", [(None, 2)]),
])
def test_people_named_together_as_killed_or_hurt_count_each(analyse, text, expected):
    assert tolls(casualties(analyse, text)) == expected
