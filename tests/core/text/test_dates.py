"""Publication dates and times written in Arabic text."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karabakh_annotator.core.text.dates import FoundDate, find_dates, parse_arabic_date

D = datetime.date
T = datetime.time


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        # Numeric forms, Latin and Arabic-Indic digits.
        ("27-09-2020", D(2020, 9, 27)),
        ("27/9/2020", D(2020, 9, 27)),
        ("27.09.2020", D(2020, 9, 27)),
        ("٢٧/٠٩/٢٠٢٠", D(2020, 9, 27)),
        ("۲۷/۰۹/۲۰۲۰", D(2020, 9, 27)),
        ("2020-09-27", D(2020, 9, 27)),
        ("2020/9/27", D(2020, 9, 27)),
        ("2020-10-09T18:27:00+03:00", D(2020, 10, 9)),
        ("03/04/2021", D(2021, 4, 3)),  # day first, as Arabic outlets write it
        ("09/27/2020", D(2020, 9, 27)),  # only the month-first reading exists
        # Day, month name, year.
        ("27 سبتمبر 2020", D(2020, 9, 27)),
        ("4 أكتوبر، 2020", D(2020, 10, 4)),
        ("4 اكتوبر عام 2020", D(2020, 10, 4)),
        ("الأحد 4 تشرين الأول/أكتوبر 2020", D(2020, 10, 4)),
        ("10 تشرين الثاني/ نوفمبر 2020", D(2020, 11, 10)),
        ("٢٥ / ديسمبر / ٢٠٢٤", D(2024, 12, 25)),
        ("5 من شهر آذار 2021", D(2021, 3, 5)),
        ("1 أكتوبر (تشرين الأول) 2020", D(2020, 10, 1)),
        ("١٢ مايو ١٩٩٤", D(1994, 5, 12)),
        # Levantine / Iraqi months.
        ("1 كانون الثاني 2021", D(2021, 1, 1)),
        ("1 شباط 2021", D(2021, 2, 1)),
        ("1 آذار 2021", D(2021, 3, 1)),
        ("1 نيسان 2021", D(2021, 4, 1)),
        ("1 أيار 2021", D(2021, 5, 1)),
        ("1 حزيران 2021", D(2021, 6, 1)),
        ("1 تموز 2021", D(2021, 7, 1)),
        ("1 آب 2021", D(2021, 8, 1)),
        ("1 أيلول 2021", D(2021, 9, 1)),
        ("1 تشرين الأول 2021", D(2021, 10, 1)),
        ("1 تشرين ثاني 2021", D(2021, 11, 1)),
        ("1 كانون الأول 2021", D(2021, 12, 1)),
        # Egyptian / Gulf months and their spellings.
        ("2 يناير 2021", D(2021, 1, 2)),
        ("2 فبراير 2021", D(2021, 2, 2)),
        ("2 مارس 2021", D(2021, 3, 2)),
        ("2 أبريل 2021", D(2021, 4, 2)),
        ("2 ابريل 2021", D(2021, 4, 2)),
        ("2 إبريل 2021", D(2021, 4, 2)),
        ("2 مايو 2021", D(2021, 5, 2)),
        ("2 يونيو 2021", D(2021, 6, 2)),
        ("2 يونيه 2021", D(2021, 6, 2)),
        ("2 يوليو 2021", D(2021, 7, 2)),
        ("2 يوليه 2021", D(2021, 7, 2)),
        ("2 أغسطس 2021", D(2021, 8, 2)),
        ("2 اغسطس 2021", D(2021, 8, 2)),
        ("2 سبتمبر 2021", D(2021, 9, 2)),
        ("2 أكتوبر 2021", D(2021, 10, 2)),
        ("2 نوفمبر 2021", D(2021, 11, 2)),
        ("2 ديسمبر 2021", D(2021, 12, 2)),
        # Maghrebi months.
        ("3 جانفي 2021", D(2021, 1, 3)),
        ("3 فيفري 2021", D(2021, 2, 3)),
        ("3 أفريل 2021", D(2021, 4, 3)),
        ("3 ماي 2021", D(2021, 5, 3)),
        ("3 جوان 2021", D(2021, 6, 3)),
        ("3 جويلية 2021", D(2021, 7, 3)),
        ("3 أوت 2021", D(2021, 8, 3)),
        ("3 شتنبر 2021", D(2021, 9, 3)),
        # Diacritics, tatweel and hamza-less spellings.
        ("4 أكْتُوبَر 2020", D(2020, 10, 4)),
        ("4 تشرين الأوّل 2020", D(2020, 10, 4)),
        ("4 أكتـــوبر 2020", D(2020, 10, 4)),
        ("4 تشرين الاول 2020", D(2020, 10, 4)),
        # A dateline with more around the date.
        ("تم نشره الجمعة 09 تشرين الأوّل / أكتوبر 2020 06:27 مساءً", D(2020, 10, 9)),
        ("عرب وعالم23-9-2023 | 15:05", D(2023, 9, 23)),
        # Not complete or not real dates.
        ("31 فبراير 2020", None),
        ("29 فبراير 2021", None),
        ("31/04/2020", None),
        ("2020-13-01", None),
        ("32 مايو 2020", None),
        ("27 سبتمبر", None),
        ("27 أيلول/سبتمبر الماضي", None),
        ("أكتوبر 2020", None),
        ("4 تشرين الثاني/أكتوبر 2020", None),  # the two names disagree
        ("27/2/1442هـ", None),  # Hijri
        ("4 مارسيل 2020", None),  # a word that starts with a month name
        ("27-09-20", None),  # two-digit year
        ("", None),
        ("لا تاريخ هنا", None),
    ],
)
def test_parse_arabic_date(s: str, expected: datetime.date | None) -> None:
    assert parse_arabic_date(s) == expected


def test_leap_day_is_a_date() -> None:
    assert parse_arabic_date("29 فبراير 2020") == D(2020, 2, 29)


@pytest.mark.parametrize(
    ("s", "time", "weekday"),
    [
        ("الجمعة 09 تشرين الأوّل / أكتوبر 2020 06:27 مساءً", T(18, 27), 4),
        ("الأحد، 4 أكتوبر 2020 - 9:30 ص", T(9, 30), 6),
        ("يوم الاثنين 5 أكتوبر 2020 الساعة 10:00 صباحاً", T(10, 0), 0),
        ("الإثنين 5 أكتوبر 2020", None, 0),
        ("الثلاثاء 6 أكتوبر 2020 12:15 ص", T(0, 15), 1),
        ("الأربعاء 7 أكتوبر 2020 12:15 م", T(12, 15), 2),
        ("الخميس 8 أكتوبر 2020 3:05 PM", T(15, 5), 3),
        ("السبت 10 أكتوبر 2020 11:59:30 am", T(11, 59, 30), 5),
        ("10 أكتوبر 2020 15:05 م", T(15, 5), None),  # redundant marker
        ("23-9-2023 | 15:05", T(15, 5), None),
        ("2020-10-09T18:27:00", T(18, 27), None),
        ("10 أكتوبر 2020 25:70", None, None),  # impossible time is left out
        ("10 أكتوبر 2020 2:00 ليلاً", T(2, 0), None),
        ("10 أكتوبر 2020 10:00 ليلا", T(22, 0), None),
        ("10 أكتوبر 2020 5:15 فجراً", T(5, 15), None),
        ("10 أكتوبر 2020 12:00 ظهرا", T(12, 0), None),
        ("10 أكتوبر 2020 1:30 بعد الظهر", T(13, 30), None),
        ("10 أكتوبر 2020 4:00 عصرا", T(16, 0), None),
    ],
)
def test_time_and_weekday(s: str, time: datetime.time | None, weekday: int | None) -> None:
    [found] = find_dates(s)
    assert (found.time, found.weekday) == (time, weekday)


def test_found_date_offsets_point_into_the_original() -> None:
    text = "نشر في الأحد ٤ تشرين الأوّل/أكتوبر ٢٠٢٠ ٠٦:٢٧ مساءً\nثم في 10 نوفمبر 2020 وقع."
    first, second = find_dates(text)
    assert first == FoundDate(
        date=D(2020, 10, 4),
        start=7,
        end=text.index("\n"),
        raw="الأحد ٤ تشرين الأوّل/أكتوبر ٢٠٢٠ ٠٦:٢٧ مساءً",
        time=T(18, 27),
        weekday=6,
    )
    assert (second.date, second.raw) == (D(2020, 11, 10), "10 نوفمبر 2020")
    assert text[second.start : second.end] == second.raw


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        ("منذ 27 أيلول/سبتمبر الماضي، وحتى 10 نوفمبر 2020.", ["10 نوفمبر 2020"]),
        ("في 1992م و1994م", []),  # bare years are not dates
        ("وقعت في 10 نوفمبر 2020م، بعد اتفاق 9 اكتوبر 2020", ["10 نوفمبر 2020م", "9 اكتوبر 2020"]),
        ("😀 27 سبتمبر 2020", ["27 سبتمبر 2020"]),
        ("مدفع D-20 عيار 122", []),
        ("31 فبراير 2020 ثم 1 مارس 2020", ["1 مارس 2020"]),
        ("في 4 أكتوبر 2020 صرح الوزير", ["4 أكتوبر 2020"]),  # ص of صرح is no AM marker
    ],
)
def test_find_dates_in_running_text(text: str, raws: list[str]) -> None:
    found = find_dates(text)
    assert [f.raw for f in found] == raws
    assert all(text[f.start : f.end] == f.raw for f in found)


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("0123456789٠١٢٩/-. :مصأكتوبرتشرينالأول ")) | st.characters(), max_size=40))
def test_never_raises_and_offsets_are_consistent(text: str) -> None:
    found = find_dates(text)
    for f in found:
        assert text[f.start : f.end] == f.raw
    assert parse_arabic_date(text) == (found[0].date if found else None)
