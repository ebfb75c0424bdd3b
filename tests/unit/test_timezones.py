"""Zones as people type them: Russian cities in any case form, offsets, IANA names."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from importlib import resources

import pytest

from govdigest.bot.digests.timezones import (
    cities,
    describe_zone,
    fold,
    name_forms,
    parse_zone,
    zone_info,
)

SUMMER = datetime(2024, 7, 1, 12, 0, tzinfo=UTC)

# Every regional capital (and the two federal cities) with the zone it keeps.
CAPITALS = {
    "Europe/Moscow": "Москва Санкт-Петербург Белгород Брянск Владимир Воронеж Иваново Калуга "
    "Кострома Курск Липецк Орёл Рязань Смоленск Тамбов Тверь Тула Ярославль Архангельск Вологда "
    "Мурманск Петрозаводск Великий_Новгород Псков Сыктывкар Нарьян-Мар Майкоп Элиста Краснодар "
    "Ростов-на-Дону Махачкала Магас Нальчик Черкесск Владикавказ Грозный Ставрополь Йошкар-Ола "
    "Саранск Казань Чебоксары Нижний_Новгород Пенза Красногорск Гатчина",
    "Europe/Kaliningrad": "Калининград",
    "Europe/Simferopol": "Симферополь Севастополь",
    "Europe/Astrakhan": "Астрахань",
    "Europe/Volgograd": "Волгоград",
    "Europe/Samara": "Самара Ижевск",
    "Europe/Saratov": "Саратов",
    "Europe/Ulyanovsk": "Ульяновск",
    "Europe/Kirov": "Киров",
    "Asia/Yekaterinburg": "Екатеринбург Челябинск Тюмень Курган Ханты-Мансийск Салехард Пермь "
    "Уфа Оренбург",
    "Asia/Omsk": "Омск",
    "Asia/Novosibirsk": "Новосибирск",
    "Asia/Barnaul": "Барнаул Горно-Алтайск",
    "Asia/Tomsk": "Томск",
    "Asia/Novokuznetsk": "Кемерово",
    "Asia/Krasnoyarsk": "Красноярск Кызыл Абакан",
    "Asia/Irkutsk": "Иркутск Улан-Удэ",
    "Asia/Chita": "Чита",
    "Asia/Yakutsk": "Якутск Благовещенск",
    "Asia/Vladivostok": "Владивосток Хабаровск Биробиджан",
    "Asia/Magadan": "Магадан",
    "Asia/Sakhalin": "Южно-Сахалинск",
    "Asia/Kamchatka": "Петропавловск-Камчатский",
    "Asia/Anadyr": "Анадырь",
}


@pytest.mark.parametrize(
    ("city", "zone"),
    [(c.replace("_", " "), z) for z, names in CAPITALS.items() for c in names.split()],
)
def test_every_regional_capital_has_its_zone(city: str, zone: str) -> None:
    found = parse_zone(city)
    assert found is not None and found.key == zone
    assert parse_zone(city.upper()) == type(found)(key=zone, source=city.upper())


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Москве", "Europe/Moscow"),
        ("в Москве", "Europe/Moscow"),
        ("москвы", "Europe/Moscow"),
        ("МСК", "Europe/Moscow"),
        ("Екатеринбурге", "Asia/Yekaterinburg"),
        ("екб", "Asia/Yekaterinburg"),
        ("Челябинска", "Asia/Yekaterinburg"),
        ("Ханты Мансийске", "Asia/Yekaterinburg"),
        ("ханты–мансийск", "Asia/Yekaterinburg"),
        ("Новосибирском", "Asia/Novosibirsk"),
        ("Владивостоке", "Asia/Vladivostok"),
        ("Орле", "Europe/Moscow"),
        ("Орел", "Europe/Moscow"),
        ("Перми", "Asia/Yekaterinburg"),
        ("Нижнем Новгороде", "Europe/Moscow"),
        ("Петропавловске-Камчатском", "Asia/Kamchatka"),
        ("Ростове-на-Дону", "Europe/Moscow"),
        ("Йошкар-Оле", "Europe/Moscow"),
        ("г. Уфа", "Asia/Yekaterinburg"),
        ("Питер", "Europe/Moscow"),
        ("Кузбасс", "Asia/Novokuznetsk"),
    ],
)
def test_case_forms_yo_and_aliases(typed: str, zone: str) -> None:
    found = parse_zone(typed)
    assert found is not None and found.key == zone


@pytest.mark.parametrize(
    ("typed", "key", "hours"),
    [
        # Whole hours map to IANA's fixed zones, whose sign is inverted (POSIX): UTC+5 = GMT-5.
        ("+5", "Etc/GMT-5", 5),
        ("UTC+3", "Etc/GMT-3", 3),
        ("utc +3", "Etc/GMT-3", 3),
        ("GMT-2", "Etc/GMT+2", -2),
        ("−3", "Etc/GMT+3", -3),
        ("+14", "Etc/GMT-14", 14),
        ("-12", "Etc/GMT+12", -12),
        ("МСК+2", "Etc/GMT-5", 5),
        ("UTC", "UTC", 0),
        # Other offsets are kept as fixed offsets.
        ("+05:30", "UTC+05:30", 5.5),
        ("+0545", "UTC+05:45", 5.75),
        ("UTC-03:30", "UTC-03:30", -3.5),
    ],
)
def test_offsets(typed: str, key: str, hours: float) -> None:
    found = parse_zone(typed)
    assert found is not None and found.key == key
    assert SUMMER.astimezone(zone_info(key)).utcoffset() == timedelta(hours=hours)


@pytest.mark.parametrize("typed", ["Europe/Moscow", "europe/moscow", "America/New_York"])
def test_iana_names_in_any_case(typed: str) -> None:
    found = parse_zone(typed)
    assert found is not None and found.key.casefold() == typed.casefold()
    zone_info(found.key)


@pytest.mark.parametrize(
    "typed", ["", "Мосва", "25", "+15", "+05:75", "Атлантида", "Europe/Nowhere"]
)
def test_unknown_input_is_none(typed: str) -> None:
    assert parse_zone(typed) is None


def test_describe_zone_shows_a_city_and_the_offset_from_moscow() -> None:
    # Issue 13: readers know zones by a city and by Moscow time, not by IANA ids.
    assert describe_zone("Asia/Yekaterinburg", SUMMER) == "Екатеринбург (МСК+2)"
    assert describe_zone("Europe/Moscow", SUMMER) == "Москва (МСК)"
    assert describe_zone("Asia/Vladivostok", SUMMER) == "Владивосток (МСК+7)"
    assert describe_zone("Europe/Kaliningrad", SUMMER) == "Калининград (МСК−1)"
    assert describe_zone("Europe/Berlin", SUMMER) == "Europe/Berlin (МСК−1)"
    assert describe_zone("Europe/Berlin", datetime(2024, 1, 1, tzinfo=UTC)).endswith("(МСК−2)")
    assert describe_zone("Etc/GMT-5", SUMMER) == "UTC+5 (МСК+2)"
    assert describe_zone("UTC-03:30", SUMMER) == "UTC−3:30 (МСК−6:30)"


def test_no_case_form_of_one_city_points_to_another_zone() -> None:
    data = resources.files("govdigest.bot").joinpath("data/cities.txt").read_text("utf-8")
    zones_of: dict[str, set[str]] = defaultdict(set)
    for raw in data.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            names, zone = (part.strip() for part in line.split("=", 1))
            first, *aliases = names.split("|")
            for form in name_forms(first) | {fold(a) for a in aliases}:
                zones_of[form].add(zone.strip())
    assert {form: z for form, z in zones_of.items() if len(z) > 1} == {}
    assert cities()["омск"] == "Asia/Omsk" and cities()["томск"] == "Asia/Tomsk"


def test_unknown_zone_key_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown"):
        zone_info("Mars/Olympus")
