"""Publication dates: marked dates first, then a dateline after the headline; page 'today' is not trusted."""

from __future__ import annotations

import datetime as dt

import pytest

from karabakh_annotator.core.importers.publication_date import PublicationDate, choose_publication_date

TITLE = "الخارجية تعلن استئناف المحادثات"
BODY = "أعلنت وزارة الخارجية أن المحادثات ستستأنف بعد معارك بدأت في 27 سبتمبر 2020 على خط التماس."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{TITLE}\nتم نشره الجمعة 09 تشرين الأوّل / أكتوبر 2020 06:27 مساءً\n{BODY}", PublicationDate(dt.date(2020, 10, 9), "الجمعة 09 تشرين الأوّل / أكتوبر 2020 06:27 مساءً")),
        (f"{TITLE}\nعرب وعالم23-9-2023 | 15:05\n{BODY}", PublicationDate(dt.date(2023, 9, 23), "23-9-2023 | 15:05")),
        (f"{TITLE}\n٤ أكتوبر ٢٠٢٠\n{BODY}", PublicationDate(dt.date(2020, 10, 4), "٤ أكتوبر ٢٠٢٠")),
        # A date printed above the headline is the day the page was saved.
        (f"الأربعاء ٢٥ / ديسمبر / ٢٠٢٤\n{TITLE}\n{BODY}", PublicationDate(None, "الأربعاء ٢٥ / ديسمبر / ٢٠٢٤")),
        # ... unless the page also says when it was published.
        (f"الأربعاء ٢٥ / ديسمبر / ٢٠٢٤\n{TITLE}\nنشر في 4 أكتوبر 2020\n{BODY}", PublicationDate(dt.date(2020, 10, 4), "4 أكتوبر 2020")),
        # Dates of events in the body are not publication dates.
        (f"{TITLE}\n{BODY}", PublicationDate(None, None)),
        (f"{TITLE}\n{'نص تمهيدي طويل. ' * 60}\n{BODY}", PublicationDate(None, None)),
    ],
)
def test_choose_publication_date(text: str, expected: PublicationDate) -> None:
    chosen = choose_publication_date(text, TITLE)
    assert chosen.date == expected.date
    assert chosen.raw is not None if expected.raw else chosen.raw is None
    if expected.raw:
        assert expected.raw in chosen.raw or chosen.raw in expected.raw
