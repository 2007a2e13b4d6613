"""The cleaning pipeline over the real scraped seed articles (skipped where absent)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from karabakh_annotator.core.text.cleaning import (
    CleanResult,
    clean_article_text,
    extract_signature,
    guess_title,
)
from karabakh_annotator.core.text.decoding import decode_text_bytes

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


@dataclass(frozen=True)
class Expected:
    gone: list[str]  # debris seen in the raw seed that cleaning must remove
    kept: list[str]  # short phrases of the article that must survive
    title: str | None
    outlet: str | None


# Keyed by the seed file name prefix.
EXPECTED: dict[str, Expected] = {
    "000": Expected(
        gone=["مواضيع:"],
        kept=["جرت مكالمة هاتفية", "ايفان كورتشوك", "وثيقة وقف اطلاق النار الانساني"],
        title=None,
        outlet="أذرتاج",
    ),
    "001": Expected(
        gone=["الوضع المظلم", "Logo", "اقرأ أيضًا", "كاريكاتير", "من وحي الساحات",
              "النشرة الإخبارية", "اشترك في قائمتنا", "•"],
        kept=["قال الرئيس الأذربيجاني، إلهام علييف", "ستيفان دوجاريك", "ممر لاتشين."],
        title='أذربيجان تشترط "تسليم القوات الأرمينية لأسلحتها" لوقف العملية العسكرية في قره باغ',
        outlet="ليفانت نيوز",
    ),
    "002": Expected(
        gone=["أضف تعليق", "قره باغوزير"],
        kept=["سيرجي لافروف", "أذرنيوز", "في المستقبل القريب."],
        title="أذربيجان وروسيا تبحثان الوضع في قره باغ",
        outlet=None,
    ),
    "003": Expected(
        gone=["اقرأ أيضا", "علييف: لن ننتظر", "بوتين وماكرون يدعوان"],
        kept=["جيش أذربيجان من أجل تحرير أراضيه", "محافظات غوران بوي، وترتر",
              "ولم ينسحب خطوة واحدة", 'محافظتي "آغدام" و"فضولي".'],
        title=None,
        outlet=None,
    ),
    "004": Expected(
        gone=["مواضيع ساخنة", "الإفتاء: حكم شراء", "ملك إسبانيا", "\nإلهام علييف\n"],
        kept=["المدينة نيوز :- عُقد اليوم الجمعة", "اجتماع في جنيف", "جبرائيل (جنوب ناغورني قره باغ)"],
        title="بعد بدء المحادثات بين أرمينيا وأذربيجان .. الرئيس الأذري يقول إن بلاده لن تقدم تنازلات",
        outlet="الجزيرة",
    ),
}


def _seed_files() -> list[Path]:
    if not SEEDS.is_dir():
        return []
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(params=sorted(EXPECTED))
def seed(request: pytest.FixtureRequest) -> tuple[str, str, CleanResult]:
    files = [p for p in _seed_files() if p.name.startswith(request.param + "_")]
    if not files:
        pytest.skip(f"seed corpus not found at {SEEDS}")
    raw = decode_text_bytes(files[0].read_bytes(), name=files[0].name).text
    return request.param, raw, clean_article_text(raw)


def test_debris_is_gone_and_the_article_stays(seed: tuple[str, str, CleanResult]) -> None:
    key, raw, result = seed
    expected = EXPECTED[key]
    for debris in expected.gone:
        assert debris in raw, f"fixture out of date: {debris!r} not in the raw seed"
        assert debris not in result.text, debris
    for phrase in expected.kept:
        assert phrase in result.text, phrase


def test_title_and_outlet(seed: tuple[str, str, CleanResult]) -> None:
    key, _, result = seed
    assert guess_title(result.text) == EXPECTED[key].title
    signature = extract_signature(result.text)
    outlet = signature.outlet if signature is not None else None
    assert outlet == EXPECTED[key].outlet


def test_wrapped_lines_are_rejoined(seed: tuple[str, str, CleanResult]) -> None:
    _, raw, result = seed
    cleaned_lines = set(result.text.split("\n"))
    for line in raw.split("\n"):
        line = line.strip()
        cut = line.endswith("،") or line.rsplit(" ", 1)[-1] in {"من", "بين", "مع", "الذي", "في"}
        if line and cut and line not in cleaned_lines:
            # the raw line survives, but not as a line of its own
            assert line + " " in result.text, line
    assert not any(
        ln.rsplit(" ", 1)[-1] in {"من", "بين", "مع", "الذي"} for ln in result.text.split("\n") if ln
    )


def test_every_removal_is_reported_at_its_raw_offsets(seed: tuple[str, str, CleanResult]) -> None:
    _, raw, result = seed
    for span in result.removed:
        assert raw[span.start : span.end] == span.text
    for i in range(0, len(result.text), 7):
        if not result.is_joined(i):
            assert raw[result.to_raw(i)] == result.text[i]


def test_hard_wrapped_seed_has_every_wrap_joined() -> None:
    files = [p for p in _seed_files() if p.name.startswith("003_")]
    if not files:
        pytest.skip(f"seed corpus not found at {SEEDS}")
    raw = decode_text_bytes(files[0].read_bytes(), name=files[0].name).text
    result = clean_article_text(raw)
    joins = [i for i in range(len(result.text)) if result.is_joined(i)]
    assert len(joins) >= 10
    assert result.text.count("\n") < raw.count("\n") - 10
