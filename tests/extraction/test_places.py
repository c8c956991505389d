"""The places stage: which capitalised names are places, and which namesake is meant."""

from __future__ import annotations

import pytest


def places(analyse, text: str) -> dict[str, object]:
    report = analyse(text, upto="places")
    for mention in report.places:
        assert report.text[mention.start:mention.end] == mention.text
    return {mention.text: mention.place for mention in report.places}


def test_district_named_with_its_province(analyse):
    found = places(analyse, "Mortar rounds landed in Kandahar's Spin Boldak district late on Tuesday.")
    spin = found["Spin Boldak"]
    assert (spin.country, spin.admin1, spin.precision) == ("AF", "Kandahar", "district")
    assert abs(spin.lat - 31.0) < 0.1 and abs(spin.lon - 66.4) < 0.1


def test_place_the_model_misses_is_found_from_context(analyse):
    found = places(analyse, "Residents fled Spin Boldak after the shelling, officials said.")
    assert found["Spin Boldak"].country == "AF"


def test_curated_crossing_tagged_as_organisation(analyse):
    found = places(analyse, "Trucks queued for days at Torkham while the border stayed shut.")
    torkham = found["Torkham"]
    assert (torkham.country, torkham.precision) == ("PK", "exact")
    assert abs(torkham.lat - 34.1) < 0.1


def test_crossing_with_kind_word_takes_the_entry_name(analyse):
    found = places(analyse, "Traders said the Torkham crossing reopened on Friday.")
    assert found["Torkham crossing"].name == "Torkham"


def test_tribal_districts_and_provinces(analyse):
    found = places(analyse, "Clashes spread from Bajaur in Khyber Pakhtunkhwa to Khost and Paktika provinces.")
    assert (found["Bajaur"].country, found["Bajaur"].precision) == ("PK", "district")
    assert found["Khyber Pakhtunkhwa"].precision == "province"
    assert (found["Khost"].country, found["Khost"].precision) == ("AF", "province")
    assert (found["Paktika"].country, found["Paktika"].precision) == ("AF", "province")


def test_countries_are_places_with_country_precision(analyse):
    found = places(analyse, "Talks between Thailand and Cambodia resumed in Malaysia.")
    assert {name: p.precision for name, p in found.items()} == {
        "Thailand": "country", "Cambodia": "country", "Malaysia": "country"}


@pytest.mark.parametrize("text", [
    "Afghan officials accused Pakistani forces of firing first.",
    "The fighting along the border eased in March, a spokesman told Reuters.",
    "Police said General Ahmed met the Taliban delegation on Monday.",
])
def test_demonyms_months_and_vague_borders_give_no_place(analyse, text):
    assert places(analyse, text) == {}


def test_border_between_two_countries_is_not_a_place(analyse):
    found = places(analyse, "Gunfire was heard near the Afghanistan-Pakistan border overnight.")
    assert "Afghanistan" not in found and "Pakistan" not in found


def test_name_inside_an_organisation_is_not_a_place(analyse):
    found = places(analyse, "A spokesman for Tehrik-i-Taliban Pakistan denied the claim in Peshawar.")
    assert "Pakistan" not in found
    assert found["Peshawar"].country == "PK"


def test_country_in_the_report_decides_between_namesakes(analyse):
    pk = places(analyse, "Pakistan said militants attacked a post in Punjab on Sunday.")
    india = places(analyse, "India said militants attacked a post in Punjab on Sunday.")
    assert pk["Punjab"].country == "PK"
    assert india["Punjab"].country == "IN"


def test_province_given_after_a_comma_decides_between_namesakes(analyse):
    found = places(analyse, "Shells fell on Rafah, in the Gaza Strip, after Israel warned residents.")
    assert found["Rafah"].country == "PS"


def test_bare_name_of_a_town_and_its_province_is_the_town(analyse):
    found = places(analyse, "Explosions shook Kandahar overnight, residents in Afghanistan said.")
    assert (found["Kandahar"].precision, found["Kandahar"].country) == ("exact", "AF")


def test_person_names_are_not_places(analyse):
    found = places(analyse, "Defence Minister Khawaja Asif said Kabul must act, speaking in Islamabad.")
    assert "Khawaja Asif" not in found and "Asif" not in found
    assert found["Islamabad"].country == "PK"


def test_known_name_glued_to_unknown_capitalised_word_is_dropped(analyse):
    found = places(analyse, "Troops near the Moo Pa base returned fire, the army in Thailand said.")
    assert "Pa" not in found


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Police fired tear gas at crowds in Dar es Salaam on Thursday.", "Dar es Salaam", "TZ"),
    ("Gunmen shot dead a trader in Santa Cruz de la Sierra on Monday.", "Santa Cruz de la Sierra", "BO"),
])
def test_names_with_lowercase_particles_are_read_whole(analyse, text, name, country):
    found = places(analyse, text)
    assert (found[name].name, found[name].country) == (name, country)


def test_romanisation_marks_in_text_are_folded_in_output(analyse):
    found = places(analyse, "Drones struck targets near Khōst city, Afghan officials said.")
    place = next(iter(found.values()))
    assert place.name.startswith("Khost") and place.country == "AF"


def test_capital_named_through_its_country(analyse):
    found = places(analyse, "A car bomb exploded in the Afghan capital on Friday.")
    kabul = found["Afghan capital"]
    assert (kabul.name, kabul.country, kabul.precision) == ("Kabul", "AF", "exact")


def test_country_aliases_take_the_short_english_name(analyse):
    found = places(analyse, "Rebels advanced in eastern DRC as envoys met in the US.")
    assert found["DRC"].name == "Democratic Republic of the Congo" and found["DRC"].country == "CD"
    assert found["US"].name == "United States"


def test_villages_missing_from_the_gazetteer_keep_their_name(analyse):
    found = places(analyse, "Gunmen killed nine people in the villages of Zorobo and Kabindula in South Kivu.")
    province = found["South Kivu"]
    assert province.precision == "province"
    for name in ("Zorobo", "Kabindula"):  # located no finer than the province that situates them
        assert (found[name].name, found[name].country, found[name].precision) == (name, "CD", "province")
        assert (found[name].lat, found[name].lon) == (province.lat, province.lon)


def test_village_named_before_its_kind_word_takes_its_district(analyse):
    found = places(analyse, "Soldiers clashed with rebels near Kolowa village in Kwilu province on Monday.")
    assert found["Kolowa"].country == "CD" and found["Kolowa"].precision == "province"
    assert found["Kolowa"].lat == found["Kwilu"].lat


def test_small_namesake_on_another_continent_is_not_the_place(analyse):
    # Kumasi and Tamale place the report in Ghana; GeoNames' "Ada" is a county in Idaho (the place register
    # knows the Ghanaian town)
    found = places(analyse, "Youths clashed with police in Kumasi and Tamale on Monday and later in Ada.")
    assert {"Kumasi", "Tamale"} <= set(found) and {place.country for place in found.values()} == {"GH"}


def test_list_of_sites_is_not_lost_to_a_wrong_entity_label(analyse):
    found = places(analyse, "Israel bombed Natanz, Fordow and Isfahan overnight, Iran said.")
    assert {"Natanz", "Fordow", "Isfahan"} <= set(found)
    assert all(found[name].country == "IR" for name in ("Natanz", "Fordow", "Isfahan"))


def test_known_word_inside_a_longer_unknown_name_is_dropped(analyse):
    found = places(analyse, "Blasts were heard near the Nadir Bagh cantonment in Srinagar on Saturday.")
    assert "Bagh" not in found and "Nadir Bagh" not in found
    assert found["Srinagar"].country == "IN"


def test_town_after_a_verb_of_conquest_is_a_place(analyse):
    found = places(analyse, "Rebels of the M23 seized Rubaya and advanced on Minova, residents said.")
    assert found["Rubaya"].country == "CD" and found["Minova"].country == "CD"


def test_name_that_only_qualifies_a_word_is_not_a_place(analyse):
    found = places(analyse, "Iran-backed militias and a Kabul-based group attacked a base in Syria.")
    assert set(found) == {"Syria"}


def test_hyphenated_region_name_is_one_place(analyse):
    found = places(analyse, "Missiles hit camps in Indian-administered Kashmir, officials said.")
    assert found["Indian-administered Kashmir"].country == "IN"
    assert "Kashmir" not in found


@pytest.mark.parametrize(("text", "name", "country"), [
    ("A shell hit their home in the divided city of Taiz on Tuesday.", "Taiz", "YE"),
    ("A drone attack set fire to an oil depot in the Rostov region overnight.", "Rostov", "RU"),
    ("The district headquarters town of Macomia in Cabo Delgado province has been under attack since dawn.",
     "Macomia", "MZ"),
    ("A suicide bomber blew himself up at the Quetta railway station in Pakistan on Saturday.", "Quetta", "PK"),
    ("Airstrikes damaged homes in the Pi Chaung area, Kyauktaw township, Rakhine state, on Wednesday.", "Kyauktaw",
     "MM"),
])
def test_place_the_model_misreads_is_kept_when_the_words_call_it_a_place(analyse, text, name, country):
    found = places(analyse, text)
    assert found[name].country == country


def test_big_town_the_model_tags_as_a_work_of_art_is_kept_after_a_place_word(analyse):
    found = places(analyse, "The explosion in Quetta on Saturday was caused by a roadside bomb.")
    assert found["Quetta"].country == "PK"


def test_names_that_vouch_for_one_country_place_each_other(analyse):
    # Neither name is well known, nor is the country named: together they say where.
    report = analyse("On 2 June, soldiers clashed with militants near a farm (Afgooye, Lower Shabelle).",
                     upto="places")
    assert {(m.text, m.place.country) for m in report.places} >= {("Afgooye", "SO")}


@pytest.mark.parametrize(("text", "capital"), [
    ("Protests spread across Togo. On Thursday, protesters burned tyres and barricades in the capital.", "Lome"),
    ("Gunmen attacked a market in Mali's capital on Friday.", "Bamako"),
    ("Police fired tear gas at marchers in the Togolese capital on Thursday.", "Lome"),
    ("On Monday the capital of Togo was shut by a general strike.", "Lome"),
])
def test_the_capital_is_the_capital_of_the_country_named(analyse, text, capital):
    assert capital in {place.name for place in places(analyse, text).values()}


def test_the_capital_of_a_province_is_not_the_country_capital(analyse):
    found = places(analyse, "Fighting broke out in the capital of Khost province in Afghanistan on Monday.")
    assert "Kabul" not in {place.name for place in found.values()}


def test_the_capital_followed_by_its_name_adds_nothing(analyse):
    found = places(analyse, "Explosions hit Afghanistan last week, including two in the capital Kabul.")
    assert set(found) == {"Afghanistan", "Kabul"}


def test_village_described_in_apposition_takes_the_place_that_situates_it(analyse):
    found = places(analyse, "Gunmen raided Kolobo, a small farming village near Kaduna, on Sunday.")
    assert (found["Kolobo"].country, found["Kolobo"].precision) == ("NG", "district")


def test_village_takes_the_place_named_right_after_it_not_the_province(analyse):
    found = places(analyse, "An airstrike killed 100 people in Pa Zi Gyi village in Kanbalu township, Sagaing region.")
    village, town = found["Pa Zi Gyi"], found["Kanbalu"]
    assert (village.lat, village.lon, village.precision) == (town.lat, town.lon, "district")


def test_a_site_named_after_a_town_lies_there(analyse):
    found = places(analyse, "Drones attacked the base near Erbil International Airport, officials in Iraq said.")
    site = found["Erbil International Airport"]
    assert (site.country, round(site.lat), round(site.lon)) == ("IQ", 36, 44)


def test_accents_the_report_writes_are_kept_and_romanisation_marks_are_not(analyse):
    assert "Cúcuta" in {p.name for p in places(analyse, "Fighting broke out in Cúcuta on Monday.").values()}
    assert "Spin Boldak" in {p.name for p in places(analyse, "Shells hit Spīn Bōldak on Monday.").values()}


@pytest.mark.parametrize("text, name, country", [
    ("Gunmen attacked a police post in Vashkarai on Tuesday night, officials in Benin said.", "Vashkarai", "BJ"),
    ("Eleven soldiers were killed in Benin's Korvalo National Park on Sunday.", "Korvalo National Park", "BJ"),
])
def test_a_site_no_gazetteer_holds_is_kept_by_name_in_the_country_named_with_it(analyse, text, name, country):
    found = places(analyse, text)
    assert found[name].country == country and found[name].lat is None  # named, not placed on a map


def test_a_region_or_a_group_named_after_one_is_not_a_site(analyse):
    found = places(analyse, "Fighters of the Islamic State in the Greater Sahara raided a market in Niger.")
    assert "Greater Sahara" not in found


def test_a_namesake_abroad_gives_way_to_the_unit_said_to_hold_the_place(analyse):
    # the gazetteer knows no Kurla in India, only a Chinese city with that alternate name
    found = places(analyse, "Police were attacked by a crowd in Kurla town (Mumbai Suburban, Maharashtra) on Sunday.")
    kurla = found["Kurla"]
    assert (kurla.name, kurla.country, kurla.precision) == ("Kurla", "IN", "district")
    assert (kurla.lat, kurla.lon) == (found["Mumbai Suburban"].lat, found["Mumbai Suburban"].lon)


def test_places_across_a_border_in_one_sentence_keep_their_countries(analyse):
    found = places(analyse, "Shelling from Chaman hit Spin Boldak in Kandahar province, officials said.")
    assert (found["Chaman"].country, found["Spin Boldak"].country) == ("PK", "AF")
    assert found["Chaman"].precision == "exact"


def test_a_town_after_in_that_the_model_takes_for_an_organisation_is_a_place(analyse):
    found = places(analyse, "On 4 May 2020, 50 fishermen held a protest in Sarande, demanding support payments.")
    assert (found["Sarande"].country, found["Sarande"].precision) == ("AL", "exact")


def test_units_in_the_parentheses_after_a_place_are_places_and_choose_its_namesake(analyse, extractor):
    # no country named: the units in brackets say which Muse and which Karin (a Turkish city's old name)
    found = places(analyse, "On 22 May 2021, three blasts went off in Muse town (Muse township, Shan State).")
    assert (found["Muse"].country, found["Shan State"].country) == ("MM", "MM")
    text = "On 9 August 2025, Puntland forces clashed with Islamic State fighters in Karin village (Bossaso, Bari)."
    found = places(analyse, text)
    assert {name: place.country for name, place in found.items()} == {"Karin": "SO", "Bossaso": "SO", "Bari": "SO"}
    # and they situate the place: one incident, at Karin
    [event] = extractor.extract(text, published="2025-08-10").events
    assert (event.location.name, event.location.country) == ("Karin", "SO")


def test_a_unit_named_with_its_capitalised_kind_is_a_place_whatever_the_model_tags_it(analyse):
    # the model tags "Rakhine State" as a person, and "Rathedaung Township" as one name the gazetteer lacks
    found = places(analyse, "Fighting broke out in Rathedaung Township, Rakhine State, on Monday.")
    assert (found["Rakhine"].country, found["Rakhine"].precision) == ("MM", "province")
    rathedaung = found["Rathedaung"]
    assert (rathedaung.country, rathedaung.admin1, rathedaung.precision) == ("MM", "Rakhine", "district")
    assert abs(rathedaung.lat - 20.5) < 0.1


def test_a_little_known_namesake_abroad_is_not_the_county_meant(analyse):
    # the gazetteer holds a Nasir in Sudan only; the report is about South Sudan
    found = places(analyse, "Government troops and armed youth clashed in Nasir County, South Sudan, on Friday.")
    assert found["South Sudan"].country == "SS"
    assert all(place.country != "SD" for place in found.values())


def test_a_site_the_gazetteer_lacks_is_situated_by_the_unit_in_brackets_after_it(extractor):
    # "Um Sidir" is in no gazetteer: it lies at Kutum, not at the centre of North Darfur (nor nowhere)
    text = "Gunmen killed two herders in Um Sidir (Kutum locality, North Darfur state) on Sunday."
    [event] = extractor.extract(text, published="2024-01-01").events
    place = event.location
    assert (place.name, place.country, place.precision) == ("Um Sidir", "SD", "district")
    assert abs(place.lat - 14.2) < 0.1 and abs(place.lon - 24.67) < 0.1


def test_a_namesake_in_another_province_gives_way_to_the_unit_said_to_hold_the_place(analyse):
    # the gazetteer's only Umm Dukhun lies in Central Darfur, some 250 km from Kereneik
    found = places(analyse, "Residents protested in Umm Dukhun (Kereneik, West Darfur) on Sunday.")
    village = found["Umm Dukhun"]
    assert (village.admin1, village.precision) == ("West Darfur", "district")
    assert abs(village.lat - found["Kereneik"].lat) < 0.01


def test_a_town_known_only_abroad_is_kept_by_name_in_the_report_s_country(analyse):
    # the gazetteer's only Maga lies in Cameroon; the report names a Nigerian state
    found = places(analyse, "Gunmen stormed a school in Maga town, in Nigeria's Kebbi state, on Monday.")
    maga = found["Maga"]
    assert (maga.country, maga.admin1) == ("NG", "Kebbi")
    assert abs(maga.lat - found["Kebbi"].lat) < 0.01


def test_a_name_situated_once_is_that_place_wherever_the_report_names_it(analyse):
    # the gazetteer reads "Banjska" as an alternate name of Bansko in Bulgaria; the report puts it in Kosovo,
    # in the unit of a town the gazetteer knows ("Leposavic province")
    report = analyse("Armed men barricaded themselves in a monastery in Banjska. Kosovo blamed Serbia for the "
                     "attack in the village of Banjska in Leposavic province.", upto="places")
    banjska = [m.place for m in report.places if m.text == "Banjska"]
    assert len(banjska) == 2
    assert {(place.country, place.precision) for place in banjska} == {("XK", "province")}


def test_a_place_a_country_s_possessive_names_with_its_kind_is_in_that_country(analyse):
    # the gazetteer's Kurdistan is a province of Iran; the words put this one in Iraq, and so the bare name
    # later in the report
    report = analyse("Drones hit an oil field in Iraq's Kurdistan region on Tuesday. Kurdistan officials said "
                     "nobody was hurt.", upto="places")
    assert {m.place.country for m in report.places} == {"IQ"}


def test_a_site_named_with_its_kind_is_a_place_situated_by_the_places_near_it(analyse):
    # the model reads neither field's name as a place, nor are they in the gazetteer; the second lies in the
    # country of most of the report's places (its towns count: it names the United States more often than Iraq)
    found = places(analyse, "Two drones struck the Bai Hassan oil field near Kirkuk on Monday. Another hit the "
                            "Zawita oil field. The United States condemned the strikes on US firms. Officials in "
                            "Erbil and Duhok said the United States would help Iraq.")
    assert (found["Bai Hassan oil field"].country, found["Bai Hassan oil field"].lat) == ("IQ", found["Kirkuk"].lat)
    assert found["Zawita oil field"].country == "IQ"


def test_a_village_near_a_town_lies_at_that_town_and_keeps_its_article(extractor):
    text = ("A drone strike hit a wedding in al-Kuweik village, near the army-held city of El-Obeid in Sudan's "
            "North Kordofan state, on Monday.")
    [event] = extractor.extract(text, published="2025-11-04").events
    town = next(m.place for m in extractor.analyse(text, upto="places").places if m.text == "El-Obeid")
    assert (event.location.name, event.location.precision) == ("al-Kuweik", "district")
    assert (event.location.lat, event.location.lon) == (town.lat, town.lon)


def test_month_names_vouch_for_no_country(analyse):
    # "August" and "Minister" are also towns in the United States: they do not make it the report's country
    found = places(analyse, "Interior Minister Ivo Petrov said on 14 August that 20 officers were hurt in Belgrade "
                            "during the August rallies.")
    assert found["Belgrade"].country == "RS"


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Lebanese troops deployed in Tripoli on Tuesday.", "Tripoli", "LB"),
    ("Libyan troops deployed in Tripoli on Tuesday.", "Tripoli", "LY"),
    # a people named says which namesake, but does not make a report about its country
    ("A Canadian mining firm said protesters blocked the road to its mine in Bagassi.", "Bagassi", "BF"),
])
def test_the_people_a_report_names_choose_between_namesakes(analyse, text, name, country):
    assert places(analyse, text)[name].country == country


def test_a_village_is_not_situated_by_a_place_on_the_line_before(analyse):
    # a dateline with no full stop runs into the next line's sentence; the town it names is not the village's
    report = analyse("Updated 14 May 2025, 09:10 (Paris)\nThe village of Tondikwara lies in Niger near the border. "
                     "Gunmen killed 12 civilians there.", upto="places")
    village = next(m.place for m in report.places if m.text == "Tondikwara")
    assert (village.country, village.lat) == ("NE", None)


def test_a_town_the_gazetteer_lacks_is_a_place_by_its_kind_word(analyse):
    found = places(analyse, "Niger said 30 people were killed in an attack on a mosque in the western quarter "
                            "of the rural town of Kobadie.")
    assert found["Kobadie"].country == "NE"


def test_a_country_named_in_an_adjective_is_no_site(analyse):
    # "Iran-backed" describes a group; the gazetteer's Iran is a country, never an unlisted site
    found = places(analyse, "Lebanon's Iran-backed militia fired rockets at Israel on Monday.")
    assert "Iran" not in found
