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
    "كشف مصدر عسكري أن الطائرات المسيرة استهدفت مستودعات الذخيرة في الإقليم"
).split()


def article_text(seed: int, size: int = 5_000) -> str:
    """About `size` characters of Arabic prose in sentences and paragraphs."""
    rng = random.Random(seed)
    sentences: list[str] = [f"تقرير رقم {seed} عن تطورات الجبهة"]
    length = len(sentences[0])
    while length < size:
        words = rng.choices(_WORDS, k=rng.randint(8, 22))
        number = rng.randint(1, 30)
        sentence = " ".join(words[:4] + [str(number)] + words[4:]) + rng.choice([".", ".", "،", "؟"])
        sentences.append(sentence)
        length += len(sentence) + 1
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    return "\n".join(paragraphs)


def write_corpus(folder: Path, count: int, size: int = 5_000) -> list[Path]:
    """Write `count` UTF-8 .txt articles into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"article_{index:05d}.txt"
        path.write_text(article_text(index, size), encoding="utf-8")
        paths.append(path)
    return paths
