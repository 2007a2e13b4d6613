"""The multi-process edit load shared by `python -m benchmarks.load` and its correctness test.

One database is seeded with a few short Arabic articles (written for the
project), speakers, and a small "hot" set of statements and claims. Worker
processes, each its own analyst, then apply a mix of edits through the real
services: marking statements; setting note, speaker, stance and party on
their own; creating claims, linking statements to them and moving them on;
and appending a unique token to the hot rows that every process touches.
Every edit names the record it was based on; on EditConflict it is applied
again on the fresh record (and the conflict counted), as an analyst would.
Each worker writes down what the services acknowledged, so load_check can
verify that all of it is in the database.

A worker is `python -m benchmarks.load_scenario JOB.json`: it opens the
database, touches its ready file, waits for the go file (so all start
together), applies its plans and writes its outcomes as JSON.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from karabakh_annotator.core.records import ClaimRecord, ParsedArticle, StatementRecord
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.services.versions import EditConflict
from karabakh_annotator.core.storage.database import open_database

ROOT = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r"\[(w\d+e\d+)\]")
SEED_ANALYST = "seed"

# Short articles written for this benchmark (not taken from any outlet): title, text.
ARTICLES = [
    (
        "صد محاولة تقدم على خط التماس",
        "أعلنت وزارة الدفاع صباح اليوم أن وحداتها صدت محاولة تقدم على خط التماس شمال الإقليم. "
        "وقال المتحدث العسكري في مؤتمر صحفي إن الطرف الآخر تكبد خسائر في المعدات، مضيفا أن الوضع تحت السيطرة. "
        "ونفى مسؤول في الجانب المقابل هذه الأنباء، واصفا إياها بأنها دعاية لا تستند إلى وقائع.",
    ),
    (
        "قصف يطال بلدة حدودية",
        "ذكرت وكالة أنباء محلية أن قصفا مدفعيا طال أطراف بلدة حدودية ليلة السبت، ما أدى إلى تضرر عدد من المنازل "
        "ومدرسة ابتدائية. وأكد رئيس البلدية أن فرق الإنقاذ تعمل على إجلاء السكان، بينما قالت منظمة إنسانية إنها "
        "أرسلت قافلة مساعدات طبية إلى المنطقة.",
    ),
    (
        "دعوة إلى استئناف المفاوضات",
        "دعا وزير الخارجية في بيان إلى العودة الفورية إلى طاولة المفاوضات، مشيرا إلى أن بلاده مستعدة لقبول وساطة "
        "دولية. في المقابل، اعتبر المتحدث باسم الحكومة الأخرى أن الدعوة تفتقر إلى الجدية، وزعم أن الهدنة "
        "الإنسانية خرقت بعد ساعات من إعلانها.",
    ),
    (
        "مسيرات فوق الطريق الجبلي",
        "نقلت صحيفة أجنبية عن شهود عيان قولهم إن طائرات مسيرة حلقت فوق الطريق الجبلي الذي يربط الإقليم بالحدود. "
        "وبحسب مصدر عسكري طلب عدم الكشف عن اسمه، فإن الطريق أغلق أمام المدنيين منذ يومين، في حين رجح محللون أن "
        "تستمر المعارك حتى بداية الشتاء.",
    ),
]
SPEAKERS = ["وزارة الدفاع", "المتحدث العسكري", "وزير الخارجية", "رئيس البلدية", "منظمة إنسانية", "مصدر عسكري"]
HOT_STATEMENTS = ["صدت محاولة تقدم على خط التماس", "قصفا مدفعيا طال أطراف بلدة حدودية", "الهدنة الإنسانية خرقت"]
HOT_CLAIMS = ["صد محاولة تقدم على خط التماس شمال الإقليم", "خرق الهدنة الإنسانية بعد ساعات من إعلانها"]
CLAIM_TEXTS = ["قصف المنازل في البلدة الحدودية", "خسائر في معدات الطرف الآخر", "إغلاق الطريق الجبلي أمام المدنيين"]
STANCES = ["asserts", "reports", "distances", "refutes"]
PARTIES = ["pro_azerbaijan", "pro_armenia", "neutral", "against_both", "not_applicable", "unclear"]
NEXT_STATUS = {"spotted": "check_worthy", "check_worthy": "in_progress", "in_progress": "spotted"}

# Percent of edits of each kind; a kind that needs something the analyst has
# not made yet (an own statement or claim) falls back to making it.
MIX = {
    "mark": 20, "note": 12, "speaker": 8, "stance": 8, "party": 8,
    "claim": 6, "link": 8, "status": 5, "hot_note": 13, "hot_explanation": 12,
}
_FALLBACK = {"note": "mark", "speaker": "mark", "stance": "mark", "party": "mark", "claim": "mark",
             "link": "mark", "status": "claim"}

_R = TypeVar("_R")
_Seen = TypeVar("_Seen", StatementRecord, ClaimRecord)


@dataclass(frozen=True)
class Seeded:
    """Ids of what seed_database made, handed to every worker."""

    article_ids: list[int]
    speaker_ids: list[int]
    hot_statements: list[int]
    hot_claims: list[int]


@dataclass(frozen=True)
class Plan:
    """One analyst's share of the load: `edits` edits drawn with `seed`, tokens `w<index>e<n>`."""

    analyst: str
    index: int
    edits: int
    seed: int


@dataclass
class Outcome:
    """What the services acknowledged to one analyst, and what that should have left behind."""

    analyst: str
    acknowledged: int = 0
    conflicts: int = 0
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    # One (entity_type, entity_id, field) per event-log row the acknowledged edits wrote.
    events: list[tuple[str, int, str | None]] = field(default_factory=list)
    marked: list[int] = field(default_factory=list)
    claims: dict[int, str] = field(default_factory=dict)  # created claim -> summary
    statements: dict[int, dict[str, Any]] = field(default_factory=dict)  # own statement -> expected fields
    statuses: dict[int, str] = field(default_factory=dict)  # own claim -> expected status
    hot_tokens: dict[str, list[str]] = field(default_factory=dict)  # "statement:7" / "claim:2" -> tokens
    finished: float = 0.0  # time.monotonic() after the last edit: a system-wide clock, comparable across processes
    cpu: float = 0.0  # CPU seconds this process spent on the edits (the database server's not counted)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Outcome:
        """Back from JSON, where dict keys became strings and tuples lists."""
        return cls(
            data["analyst"], data["acknowledged"], data["conflicts"], data["failures"], data["latencies"],
            [(kind, entity_id, name) for kind, entity_id, name in data["events"]], data["marked"],
            {int(k): v for k, v in data["claims"].items()},
            {int(k): v for k, v in data["statements"].items()},
            {int(k): v for k, v in data["statuses"].items()},
            data["hot_tokens"], data["finished"], data["cpu"],
        )


@dataclass(frozen=True)
class LoadRun:
    """Outcomes of every analyst and the wall time from 'go' to the last edit."""

    wall: float
    outcomes: list[Outcome]

    @property
    def acknowledged(self) -> int:
        return sum(o.acknowledged for o in self.outcomes)

    @property
    def conflicts(self) -> int:
        return sum(o.conflicts for o in self.outcomes)

    @property
    def cpu(self) -> float:
        return sum(o.cpu for o in self.outcomes)

    @property
    def latencies(self) -> list[float]:
        return [latency for o in self.outcomes for latency in o.latencies]

    @property
    def failures(self) -> list[str]:
        return [f"{o.analyst}: {failure}" for o in self.outcomes for failure in o.failures]


def plans(processes: int, edits: int, seed: int = 2020) -> list[Plan]:
    """One plan per analyst `load1`, `load2` ..."""
    return [Plan(f"load{k}", k, edits, seed + k) for k in range(1, processes + 1)]


def seed_database(url: str) -> Seeded:
    """Store the articles, speakers and the hot statements and claims in a new database."""
    database = open_database(url)
    try:
        services = build_services(database)
        article_ids = []
        for number, (title, text) in enumerate(ARTICLES, 1):
            outcome = services.articles.store_article(
                ParsedArticle(text, text.encode(), f"load{number}.txt", title=title, outlet="وكالة")
            )
            assert outcome.article_id is not None, outcome
            article_ids.append(outcome.article_id)
        speaker_ids = [services.entities.create_entity(name, SEED_ANALYST)[0].id for name in SPEAKERS]
        hot_statements = []
        texts = {a: services.articles.get_article(a).text for a in article_ids}
        for needle in HOT_STATEMENTS:
            article_id, start = next((a, text.index(needle)) for a, text in texts.items() if needle in text)
            record, _ = services.statements.mark_statement(article_id, start, start + len(needle), SEED_ANALYST)
            hot_statements.append(record.id)
        hot_claims = [services.claims.create_claim(summary, SEED_ANALYST)[0].id for summary in HOT_CLAIMS]
        return Seeded(article_ids, speaker_ids, hot_statements, hot_claims)
    finally:
        database.dispose()


class _Editor:
    """Applies one plan's edits through the services, keeping the records its analyst last saw."""

    def __init__(self, services: Services, seeded: Seeded, texts: dict[int, str], plan: Plan) -> None:
        self.services, self.seeded, self.plan = services, seeded, plan
        self.rng = random.Random(plan.seed)
        self.words = {a: [m.span() for m in re.finditer(r"\S+", text)] for a, text in texts.items()}
        self.own: dict[int, StatementRecord] = {}
        self.own_claims: dict[int, ClaimRecord] = {}
        self.hot_seen: dict[str, StatementRecord | ClaimRecord] = {}
        self.outcome = Outcome(plan.analyst)
        self.kinds, self.weights = list(MIX), list(MIX.values())

    def run(self) -> Outcome:
        """Apply every edit of the plan; an edit that fails is noted and the next one goes on."""
        cpu_started = time.process_time()
        for n in range(self.plan.edits):
            kind = self.rng.choices(self.kinds, self.weights)[0]
            while kind in _FALLBACK and not (self.own_claims if kind == "status" else self.own):
                kind = _FALLBACK[kind]
            started = time.perf_counter()
            try:
                getattr(self, f"_{kind}")(f"w{self.plan.index}e{n}")
            except Exception as exc:  # noqa: BLE001 (reported, and the benchmark fails)
                self.outcome.failures.append(f"edit {n} ({kind}): {type(exc).__name__}: {exc}")
                continue
            self.outcome.latencies.append(time.perf_counter() - started)
            self.outcome.acknowledged += 1
        self.outcome.finished = time.monotonic()
        self.outcome.cpu = time.process_time() - cpu_started
        return self.outcome

    # -- helpers ---------------------------------------------------------

    def _retrying(self, seen: _Seen, apply: Callable[[_Seen], _R]) -> _R:
        """Apply an edit based on `seen`; on a conflict, again on the record as it is now."""
        while True:
            try:
                return apply(seen)
            except EditConflict as conflict:
                self.outcome.conflicts += 1
                seen = conflict.current

    def _event(self, kind: str, entity_id: int, name: str | None) -> None:
        self.outcome.events.append((kind, entity_id, name))

    def _own_statement(self) -> int:
        return self.rng.choice(sorted(self.own))

    def _edit_own(self, statement_id: int, patch: StatementPatch, name: str, expected: Any) -> None:
        edit = self._retrying(
            self.own[statement_id],
            lambda seen: self.services.statements.edit_statement(statement_id, patch, self.plan.analyst, seen),
        )
        self.own[statement_id] = edit.statement
        self.outcome.statements[statement_id][name] = expected
        self._event("statement", statement_id, name)

    def _other(self, choices: list[Any], current: Any) -> Any:
        """A value other than the current one, so that every edit changes something."""
        return self.rng.choice([c for c in choices if c != current])

    # -- the kinds of edit -------------------------------------------------

    def _mark(self, token: str) -> None:
        article_id = self.rng.choice(self.seeded.article_ids)
        words = self.words[article_id]
        first = self.rng.randrange(len(words) - 8)
        start, end = words[first][0], words[first + self.rng.randint(1, 7)][1]
        note = f"[{token}]"
        record, _ = self.services.statements.mark_statement(
            article_id, start, end, self.plan.analyst, StatementPatch(note=note)
        )
        self.own[record.id] = record
        self.outcome.marked.append(record.id)
        self.outcome.statements[record.id] = {
            "note": note, "speaker_id": None, "stance": None, "party": None, "claim_id": None
        }
        self._event("statement", record.id, None)

    def _note(self, token: str) -> None:
        statement_id = self._own_statement()
        note = self.outcome.statements[statement_id]["note"] + f"[{token}]"
        self._edit_own(statement_id, StatementPatch(note=note), "note", note)

    def _speaker(self, _token: str) -> None:
        statement_id = self._own_statement()
        speaker = self._other(self.seeded.speaker_ids, self.outcome.statements[statement_id]["speaker_id"])
        self._edit_own(statement_id, StatementPatch(speaker_id=speaker), "speaker_id", speaker)

    def _stance(self, _token: str) -> None:
        statement_id = self._own_statement()
        stance = self._other(STANCES, self.outcome.statements[statement_id]["stance"])
        self._edit_own(statement_id, StatementPatch(stance=stance), "stance", stance)

    def _party(self, _token: str) -> None:
        statement_id = self._own_statement()
        party = self._other(PARTIES, self.outcome.statements[statement_id]["party"])
        self._edit_own(statement_id, StatementPatch(party=party), "party", party)

    def _link(self, _token: str) -> None:
        statement_id = self._own_statement()
        choices = sorted(self.own_claims) + self.seeded.hot_claims
        claim_id = self._other(choices, self.outcome.statements[statement_id]["claim_id"])
        self._edit_own(statement_id, StatementPatch(claim_id=claim_id), "claim_id", claim_id)

    def _claim(self, token: str) -> None:
        statement_id = self._own_statement()
        summary = f"{self.rng.choice(CLAIM_TEXTS)} ({token})"
        record, _ = self.services.claims.create_claim(summary, self.plan.analyst, [statement_id])
        self.own_claims[record.id] = record
        self.outcome.claims[record.id] = summary
        self.outcome.statuses[record.id] = record.status
        self.outcome.statements[statement_id]["claim_id"] = record.id
        self._event("claim", record.id, None)
        self._event("statement", statement_id, "claim_id")
        # The statement moved on with the link: read it again, as the GUI does on the change.
        self.own[statement_id] = self.services.statements.get_statement(statement_id)

    def _status(self, _token: str) -> None:
        claim_id = self.rng.choice(sorted(self.own_claims))
        status = NEXT_STATUS[self.outcome.statuses[claim_id]]
        edit = self._retrying(
            self.own_claims[claim_id],
            lambda seen: self.services.claims.edit_claim(
                claim_id, ClaimPatch(status=status), self.plan.analyst, based_on=seen
            ),
        )
        self.own_claims[claim_id] = edit.claim
        self.outcome.statuses[claim_id] = status
        self._event("claim", claim_id, "status")

    def _hot_note(self, token: str) -> None:
        statement_id = self.rng.choice(self.seeded.hot_statements)
        key = f"statement:{statement_id}"
        seen = self.hot_seen.get(key)
        if not isinstance(seen, StatementRecord):  # first time: open it
            seen = self.services.statements.get_statement(statement_id)
        edit = self._retrying(
            seen,
            lambda s: self.services.statements.edit_statement(
                statement_id, StatementPatch(note=f"{s.note}[{token}]"), self.plan.analyst, s
            ),
        )
        self.hot_seen[key] = edit.statement
        self.outcome.hot_tokens.setdefault(key, []).append(token)
        self._event("statement", statement_id, "note")

    def _hot_explanation(self, token: str) -> None:
        claim_id = self.rng.choice(self.seeded.hot_claims)
        key = f"claim:{claim_id}"
        seen = self.hot_seen.get(key)
        if not isinstance(seen, ClaimRecord):
            seen = self.services.claims.get_claim(claim_id)
        edit = self._retrying(
            seen,
            lambda c: self.services.claims.edit_claim(
                claim_id, ClaimPatch(explanation=f"{c.explanation}[{token}]"), self.plan.analyst, based_on=c
            ),
        )
        self.hot_seen[key] = edit.claim
        self.outcome.hot_tokens.setdefault(key, []).append(token)
        self._event("claim", claim_id, "explanation")


def apply_plans(
    url: str, seeded: Seeded, to_apply: list[Plan], ready: Callable[[], None] = lambda: None
) -> list[Outcome]:
    """Open the database, call `ready`, then apply the plans one after another in this process."""
    database = open_database(url)
    try:
        services = build_services(database)
        texts = {a: services.articles.get_article(a).text for a in seeded.article_ids}
        ready()
        return [_Editor(services, seeded, texts, plan).run() for plan in to_apply]
    finally:
        database.dispose()


def run_processes(url: str, seeded: Seeded, groups: list[list[Plan]], workdir: Path, timeout: float = 3600) -> LoadRun:
    """One worker process per group of plans, all started together; their outcomes and the wall time."""
    workdir.mkdir(parents=True, exist_ok=True)
    go = workdir / "go"
    go.unlink(missing_ok=True)
    env = os.environ | {"PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    workers = []
    for number, group in enumerate(groups):
        job = workdir / f"job{number}.json"
        paths = {"ready": str(workdir / f"ready{number}"), "result": str(workdir / f"result{number}.json")}
        Path(paths["ready"]).unlink(missing_ok=True)
        job.write_text(json.dumps({
            "url": url, "seeded": asdict(seeded), "plans": [asdict(p) for p in group], "go": str(go), **paths,
        }))
        log = (workdir / f"worker{number}.log").open("w")
        process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.load_scenario", str(job)], cwd=ROOT, env=env, stdout=log, stderr=log
        )
        workers.append((process, paths, log))
    try:
        deadline = time.monotonic() + 120
        while not all(Path(paths["ready"]).exists() for _, paths, _ in workers):
            for process, _, log in workers:
                if process.poll() is not None:
                    raise RuntimeError(f"a worker stopped before starting:\n{Path(log.name).read_text()[-3000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError("the workers did not get ready within 120 s")
            time.sleep(0.01)
        started = time.monotonic()
        go.touch()
        for process, _, log in workers:
            if process.wait(timeout=timeout) != 0:
                raise RuntimeError(f"a worker failed:\n{Path(log.name).read_text()[-3000:]}")
    finally:
        for process, _, log in workers:
            if process.poll() is None:
                process.kill()
                process.wait()
            log.close()
    outcomes = [Outcome.from_json(o) for _, paths, _ in workers for o in json.loads(Path(paths["result"]).read_text())]
    return LoadRun(max(o.finished for o in outcomes) - started, outcomes)


def _worker(job_path: str) -> int:
    job = json.loads(Path(job_path).read_text())
    go = Path(job["go"])

    def ready() -> None:
        Path(job["ready"]).touch()
        while not go.exists():
            time.sleep(0.001)

    outcomes = apply_plans(job["url"], Seeded(**job["seeded"]), [Plan(**p) for p in job["plans"]], ready)
    Path(job["result"]).write_text(json.dumps([asdict(o) for o in outcomes]))
    return 0


if __name__ == "__main__":
    sys.exit(_worker(sys.argv[1]))
