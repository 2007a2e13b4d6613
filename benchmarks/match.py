"""Same-claim and contradiction matching benchmark: `python -m benchmarks.match [--sizes 10000,30000,100000]`.

Generates a corpus of statements in which one fact is reported by several
outlets (reworded, with their own spellings of places and people,
ASCII or Arabic-Indic digits, number words, سبتمبر or أيلول), some facts
are contradicted by the other side, and the rest is unrelated statements
sharing the common words of war news.  Each size runs in a fresh process
(so its peak memory is its own): time to find both kinds of pairs against
the 60 s target at 100,000 statements, peak memory against 1 GB, growth of
the time against linear, and how many of the planted pairs were found.
This machine is shared and its speed varies by 20% from run to run, so each
size runs `--repeat` times and the fastest run counts; growth is measured
on CPU time, which other processes disturb less than wall time.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from dataclasses import dataclass

from karabakh_annotator.core.analysis.contradictions import find_related
from karabakh_annotator.core.analysis.matching import ClaimText

TARGET_S = 60.0
TARGET_MB = 1024.0
STATEMENTS_PER_ARTICLE = 10
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_NUMBER_WORDS = {2: "اثنين", 3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثماني", 9: "تسع", 10: "عشر"}
_MONTHS = [("سبتمبر", "أيلول"), ("أكتوبر", "تشرين الأول"), ("نوفمبر", "تشرين الثاني"), ("يوليو", "تموز")]
# Syllables of made-up names: every consonant with a long vowel or none,
# so that a corpus of any size has as many distinct names as it needs.
_SYLLABLES = [c + v for c in "بتجحخدرزسشصطعغفقكلمنه" for v in ("ا", "ي", "و", "")]
_SIDES = [("الأذربيجانية", "الأذرية", "باكو"), ("الأرمينية", "الأرمنية", "يريفان")]
_FILLER = (
    "القوات الجيش الوزارة المنطقة الوضع الهدنة الحدود المدنيين الأطراف التصعيد الاشتباكات المفاوضات "
    "المجتمع الدولي الأمم المتحدة مجموعة مينسك البيان الرئيس الحكومة العملية العسكرية الجبهة المواقع"
).split()


@dataclass(frozen=True, slots=True)
class Fact:
    """One event that several outlets report."""

    kind: str  # "capture" | "losses" | "meeting"
    side: int
    place: str
    person: str
    number: int
    other: int
    day: int
    month: int


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choices(_SYLLABLES, k=parts))


def _pool(rng: random.Random, size: int, parts: tuple[int, ...], suffix: str = "") -> list[str]:
    """`size` distinct made-up names: a corpus names more places and people the bigger it is."""
    names: dict[str, None] = {}
    while len(names) < size:
        names[_name(rng, rng.choice(parts)) + suffix] = None
    return list(names)


def _spelling(rng: random.Random, name: str) -> str:
    """An outlet's spelling: a long vowel dropped or added, ق/غ written ك/خ, final ا written ة."""
    choice = rng.random()
    if choice < 0.25:
        return name.replace("ا", "", 1) if "ا" in name[1:] else name[:2] + "ا" + name[2:]
    if choice < 0.45:
        return name.translate(str.maketrans("قغ", "كخ"))
    if choice < 0.55 and name.endswith("ا"):
        return name[:-1] + "ة"
    return name


def _number(rng: random.Random, value: int) -> str:
    if value in _NUMBER_WORDS and rng.random() < 0.3:
        return _NUMBER_WORDS[value]
    return str(value).translate(_INDIC) if rng.random() < 0.4 else str(value)


def _date(rng: random.Random, fact: Fact) -> str:
    month = rng.choice(_MONTHS[fact.month])
    return rng.choice(["", f" في {_number(rng, fact.day)} {month}", f" يوم {fact.day} {month}"])


def _report(rng: random.Random, fact: Fact, contradict: bool = False) -> str:
    """One outlet's wording of the fact (or the other side's contradicting account)."""
    adj = rng.choice(_SIDES[fact.side][:2])
    other_adj = rng.choice(_SIDES[1 - fact.side][:2])
    place = _spelling(rng, fact.place)
    person = _spelling(rng, fact.person)
    conj = rng.choice(["", "و", "ف"])
    date = _date(rng, fact)
    if fact.kind == "capture":
        if contradict:
            return rng.choice([
                f"{conj}قالت وزارة الدفاع {other_adj} إن قواتها صدت الهجوم على قرية {place}{date}",
                f"{conj}نفت وزارة الدفاع {other_adj} سيطرة القوات {adj} على قرية {place}",
            ])
        return rng.choice([
            f"{conj}حررت القوات {adj} قرية {place}{date}",
            f"{conj}أعلنت وزارة الدفاع {adj} تحرير قرية {place} من الاحتلال{date}",
            f"{conj}قال المتحدث {person} إن الجيش سيطر على قرية {place} بالكامل",
        ])
    if fact.kind == "losses":
        tanks = fact.number + (rng.randint(1, 5) if contradict else 0)
        return rng.choice([
            f"{conj}أعلن المتحدث {person} تدمير {_number(rng, tanks)} دبابات و{_number(rng, fact.other)} عربات قرب {place}",
            f"{conj}دمرت القوات {adj} {_number(rng, tanks)} دبابات قرب مدينة {place}{date}",
            f"{conj}أكد {person} أن قواته دمرت {_number(rng, tanks)} دبابة و{_number(rng, fact.other)} عربة في محيط {place}",
        ])
    return rng.choice([
        f"{conj}بحث وزير الخارجية {person} مع نظيره {place} في جنيف {_number(rng, fact.number)} ملفا{date}",
        f"{conj}التقى الوزير {person} بنظيره {place} في جنيف لبحث {_number(rng, fact.number)} ملفا",
    ])


def _filler(rng: random.Random) -> str:
    """An unrelated statement: common war-news words, a made-up name, a number."""
    words = rng.choices(_FILLER, k=rng.randint(6, 14))
    words.insert(rng.randrange(len(words)), _name(rng, 3))
    words.insert(rng.randrange(len(words)), str(rng.randint(1, 3000)))
    return "قال " + " ".join(words)


def build_corpus(count: int, seed: int = 2020) -> tuple[list[ClaimText], set[tuple[int, int]], set[tuple[int, int]]]:
    """`count` statements, the planted same-claim pairs and the planted contradiction pairs (keys)."""
    rng = random.Random(seed)
    articles = max(1, count // STATEMENTS_PER_ARTICLE)
    texts: list[tuple[int, str, int, bool]] = []  # (article, text, fact id, contradicts)
    # A village is taken once; losses recur near the same town (about three
    # times each); a person appears in about two facts.
    villages = _pool(rng, count // 4, (3, 3, 4))
    towns = _pool(rng, max(50, count // 15), (3, 3, 4))
    people = _pool(rng, max(50, count // 10), (2, 3), "وف")
    fact_id = 0
    while len(texts) < count * 0.6:
        kind = rng.choice(["capture", "losses", "meeting"])
        place = villages.pop() if kind == "capture" else rng.choice(towns if kind == "losses" else people)
        fact = Fact(kind, rng.randrange(2), place, rng.choice(people), rng.randint(2, 60), rng.randint(2, 40),
                    rng.randint(1, 28), rng.randrange(4))
        outlets = rng.sample(range(articles), k=min(articles, rng.choice([1, 2, 2, 3, 3, 4, 5, 6])))
        for outlet in outlets:
            texts.append((outlet, _report(rng, fact), fact_id, False))
        if fact.kind != "meeting" and rng.random() < 0.2:
            texts.append((rng.randrange(articles), _report(rng, fact, contradict=True), fact_id, True))
        fact_id += 1
    while len(texts) < count:
        texts.append((rng.randrange(articles), _filler(rng), -1 - len(texts), False))
    texts = texts[:count]
    items = [ClaimText(key, article, text) for key, (article, text, _, _) in enumerate(texts)]
    by_fact: dict[int, list[int]] = {}
    for key, (_, _, fact_key, _) in enumerate(texts):
        by_fact.setdefault(fact_key, []).append(key)
    same: set[tuple[int, int]] = set()
    contra: set[tuple[int, int]] = set()
    for keys in by_fact.values():
        for x in keys:
            for y in keys:
                if x < y and texts[x][0] != texts[y][0]:
                    (contra if texts[x][3] != texts[y][3] else same).add((x, y))
    return items, same, contra


def run_one(count: int) -> dict[str, float]:
    """Time and peak memory of finding both kinds of pairs among `count` statements (this process)."""
    items, planted_same, planted_contra = build_corpus(count)
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu_started = time.perf_counter(), time.process_time()
    pairs = find_related(items)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found_same = {(p.a, p.b) for p in pairs if p.kind == "same"}
    found_contra = {(p.a, p.b) for p in pairs if p.kind == "contradiction"}
    return {
        "count": count, "seconds": elapsed, "cpu": cpu, "peak_mb": peak_mb, "corpus_mb": before_mb,
        "same": len(found_same), "same_recall": len(found_same & planted_same) / max(1, len(planted_same)),
        "same_precision": len(found_same & (planted_same | planted_contra)) / max(1, len(found_same)),
        "contra": len(found_contra),
        "contra_recall": len(found_contra & planted_contra) / max(1, len(planted_contra)),
        "contra_precision": len(found_contra & planted_contra) / max(1, len(found_contra)),
    }


def _child(size: int) -> dict[str, float]:
    """run_one in a fresh process, so that its peak memory is its own."""
    child = subprocess.run([sys.executable, "-m", "benchmarks.match", "--one", str(size)],
                           check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(child.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,30000,100000", help="statement counts (default 10000,30000,100000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size, the fastest counts (default 3)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: run one size, print JSON
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        runs = [_child(size) for _ in range(args.repeat)]
        fastest = min(runs, key=lambda run: run["cpu"])
        results.append({**fastest, "peak_mb": max(run["peak_mb"] for run in runs)})
    base = results[0]
    print(f"match: same-claim pairs and contradictions (find_related, one index for both), best of {args.repeat}")
    for r in results:
        growth = (r["cpu"] / base["cpu"]) / (r["count"] / base["count"])
        print(f"  {r['count']:>7,} statements: {r['seconds']:6.2f} s wall, {r['cpu']:6.2f} s CPU, "
              f"peak memory {r['peak_mb']:4.0f} MB (corpus alone {r['corpus_mb']:.0f} MB), "
              f"CPU time growth vs linear x{growth:.2f}")
        print(f"          same: {r['same']:,} pairs, planted found {r['same_recall']:.1%}, "
              f"precision {r['same_precision']:.1%}; contradictions: {r['contra']:,}, "
              f"planted found {r['contra_recall']:.1%}, precision {r['contra_precision']:.1%}")
    last = results[-1]
    print(f"  ratio to the {TARGET_S:.0f} s target at {last['count']:,}: {last['seconds'] / TARGET_S:.2f}; "
          f"memory ratio to {TARGET_MB:.0f} MB: {last['peak_mb'] / TARGET_MB:.2f}")


if __name__ == "__main__":
    main()
