"""Generated Arabic articles for benchmarks: deterministic, written for the project."""

from __future__ import annotations

import random
from pathlib import Path

_WORDS = (
    "قال المتحدث باسم وزارة الدفاع إن القوات صدت هجوما على مواقعها قرب المدينة صباح الأحد "
    "وأضاف أن الطرف الآخر قصف القرى الحدودية بالمدفعية الثقيلة مؤكدا سقوط ضحايا مدنيين "
    "ونفت الوزارة في بيان رسمي هذه الرواية معتبرة أنها تضليل إعلامي لا أساس له "
    "وأعلن الرئيس استعداد بلاده لاستئناف المحادثات برعاية دولية بحسب وكالة الأنباء "
    "وأشار المراقبون إلى أن وقف إطلاق النار الإنساني لم يصمد سوى ساعات قليلة "
    "كشف مصدر عسكري أن الطائرات المسيرة استهدفت مستودعات الذخيرة في الإقليم "
    "شوشا أغدام فضولي جبرائيل هادروت لاتشين كلبجار زنغلان قبادلي ترتر"
).split()
_SYLLABLES = "با تو كي ري سا مو لي دا نو في زا شو جي ها قو طا بي ما رو سي".split()


def _vocabulary() -> tuple[list[str], list[float]]:
    """The base words, then 6,000 made-up names and clitic forms, with Zipf weights."""
    rng = random.Random(2020)
    words = list(dict.fromkeys(_WORDS))
    prefixes = ("", "و", "ب", "ال", "وال", "لل")
    while len(words) < 6_000:
        name = "".join(rng.choices(_SYLLABLES, k=rng.randint(2, 4)))
        words.append(rng.choice(prefixes) + name)
    cumulative, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return words, cumulative


_VOCAB, _CUMULATIVE = _vocabulary()
_HEADER = "الرئيسية\nسياسة\nاقتصاد\nرياضة\n"
_FOOTER = "\nاقرأ أيضا: تطورات جديدة على الجبهة\nأضف تعليق\nجميع الحقوق محفوظة\n"


def article_text(seed: int, size: int = 5_000) -> str:
    """About `size` characters: site menu, headline, wrapped prose with numbers, footer debris.

    Words follow a Zipf distribution over 6,000 forms, as news text roughly does.
    """
    rng = random.Random(seed)
    sentences: list[str] = []
    length = 0
    while length < size:
        words = rng.choices(_VOCAB, cum_weights=_CUMULATIVE, k=rng.randint(8, 22))
        if rng.random() < 0.2:
            words[0] = words[0][0] + "ـــ" + words[0][1:]
        sentence = " ".join(words[:4] + [str(rng.randint(1, 3000))] + words[4:]) + rng.choice([".", ".", "،", "؟"])
        sentences.append(sentence)
        length += len(sentence) + 1
    # Hard-wrap some paragraphs mid-sentence, as scraped pages do.
    paragraphs = []
    for i in range(0, len(sentences), 5):
        paragraph = " ".join(sentences[i : i + 5])
        if i % 10 == 0 and len(paragraph) > 120:
            cut = paragraph.index(" ", 60)
            paragraph = paragraph[:cut] + "\n" + paragraph[cut + 1 :]
        paragraphs.append(paragraph)
    headline = f"تقرير رقم {seed} عن تطورات الجبهة"
    return _HEADER + headline + "\n" + "\n".join(paragraphs) + _FOOTER


def write_corpus(folder: Path, count: int, size: int = 5_000) -> list[Path]:
    """Write `count` UTF-8 .txt articles into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"article_{index:05d}.txt"
        path.write_text(article_text(index, size), encoding="utf-8")
        paths.append(path)
    return paths
