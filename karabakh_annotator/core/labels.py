"""Label sets and their default members, as data (DESIGN.md, "Default label sets")."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class LabelSet(enum.StrEnum):
    """The editable vocabularies an analyst tags with."""

    VERDICT = "verdict"
    WORKFLOW_STATUS = "workflow_status"
    PARTY_ALIGNMENT = "party_alignment"
    REPORTING_STANCE = "reporting_stance"
    EVIDENCE_STANCE = "evidence_stance"
    SOURCE_TYPE = "source_type"
    CUE_CLASS = "cue_class"


@dataclass(frozen=True, slots=True)
class DefaultLabel:
    """One seeded label: a stable key, names in both languages, a colour."""

    label_set: LabelSet
    key: str
    name_en: str
    name_ar: str
    color: str
    rating_value: int | None = None
    description: str = ""


def _labels(label_set: LabelSet, rows: list[tuple[str, str, str, str]]) -> list[DefaultLabel]:
    return [DefaultLabel(label_set, key, en, ar, color) for key, en, ar, color in rows]


# Rating values follow ClaimReview's convention: 1 (worst) .. 5 (best);
# labels that are not a rating on a true/false scale carry none.
VERDICTS = [
    DefaultLabel(LabelSet.VERDICT, "true", "True", "صحيح", "#2e7d32", 5),
    DefaultLabel(LabelSet.VERDICT, "mostly_true", "Mostly true", "صحيح في معظمه", "#7cb342", 4),
    DefaultLabel(LabelSet.VERDICT, "mixed", "Mixed (partly false)", "خليط (صحيح جزئيا)", "#fbc02d", 3),
    DefaultLabel(LabelSet.VERDICT, "misleading", "Misleading", "مضلل", "#fb8c00", 2),
    DefaultLabel(LabelSet.VERDICT, "false", "False", "زائف", "#c62828", 1),
    DefaultLabel(LabelSet.VERDICT, "unverifiable", "Unverifiable", "غير محسوم", "#78909c"),
    DefaultLabel(LabelSet.VERDICT, "satire", "Satire", "ساخر", "#8e24aa"),
    DefaultLabel(
        LabelSet.VERDICT, "opinion", "Opinion (not a checkable claim)", "رأي (ليس ادعاء قابلا للتحقق)", "#5c6bc0"
    ),
    DefaultLabel(LabelSet.VERDICT, "outdated", "Outdated", "قديم", "#8d6e63"),
]

WORKFLOW_STATUSES = _labels(
    LabelSet.WORKFLOW_STATUS,
    [
        ("spotted", "Spotted", "مرصود", "#90caf9"),
        ("check_worthy", "Check-worthy", "جدير بالتحقق", "#42a5f5"),
        ("out_of_scope", "Not check-worthy / out of scope", "غير جدير بالتحقق / خارج النطاق", "#bdbdbd"),
        ("in_progress", "In progress", "قيد التحقق", "#ffb74d"),
        ("verdict_drafted", "Verdict drafted", "مسودة حكم", "#ba68c8"),
        ("reviewed", "Reviewed", "تمت المراجعة", "#4db6ac"),
        ("published", "Published", "منشور", "#66bb6a"),
        ("corrected", "Corrected", "مصحح", "#ef5350"),
    ],
)

PARTY_ALIGNMENTS = _labels(
    LabelSet.PARTY_ALIGNMENT,
    [
        ("pro_azerbaijan", "Pro-Azerbaijan", "مؤيد لأذربيجان", "#1e88e5"),
        ("pro_armenia", "Pro-Armenia", "مؤيد لأرمينيا", "#e53935"),
        ("neutral", "Neutral / mediating", "محايد / وسيط", "#757575"),
        ("against_both", "Against both", "ضد الطرفين", "#6d4c41"),
        ("not_applicable", "Not applicable", "لا ينطبق", "#bdbdbd"),
        ("unclear", "Unclear", "غير واضح", "#9e9e9e"),
    ],
)

REPORTING_STANCES = _labels(
    LabelSet.REPORTING_STANCE,
    [
        ("asserts", "Asserts (outlet's own voice)", "يؤكد (بصوت الوسيلة)", "#00897b"),
        ("reports", "Reports (neutral attribution)", "ينقل (إسناد محايد)", "#546e7a"),
        ("distances", "Distances (claimed, alleged)", "يتحفظ (زعم، ادعى)", "#f4511e"),
        ("refutes", "Refutes (denied)", "ينفي (نفى)", "#d81b60"),
    ],
)

EVIDENCE_STANCES = _labels(
    LabelSet.EVIDENCE_STANCE,
    [
        ("supports", "Supports", "يدعم", "#2e7d32"),
        ("refutes", "Refutes", "يدحض", "#c62828"),
        ("discusses", "Discusses", "يناقش", "#f9a825"),
        ("unrelated", "Unrelated", "غير ذي صلة", "#9e9e9e"),
    ],
)

SOURCE_TYPES = _labels(
    LabelSet.SOURCE_TYPE,
    [
        ("government", "Government / ministry", "حكومة / وزارة", "#3949ab"),
        ("military_spokesperson", "Military spokesperson", "متحدث عسكري", "#5d4037"),
        ("state_media", "State media", "إعلام رسمي", "#00838f"),
        ("independent_media", "Independent or foreign media", "إعلام مستقل أو أجنبي", "#0097a7"),
        ("third_country_government", "Third-country government", "حكومة دولة ثالثة", "#7b1fa2"),
        ("international_organisation", "International organisation", "منظمة دولية", "#1565c0"),
        ("ngo", "NGO", "منظمة غير حكومية", "#558b2f"),
        ("expert", "Expert", "خبير", "#6a1b9a"),
        ("eyewitness", "Eyewitness", "شاهد عيان", "#ef6c00"),
        ("social_media", "Social media", "وسائل التواصل الاجتماعي", "#ad1457"),
        ("anonymous", "Anonymous source", "مصدر مجهول", "#616161"),
        ("outlet_itself", "The outlet itself", "الوسيلة نفسها", "#455a64"),
        ("unknown", "Unknown", "غير معروف", "#9e9e9e"),
    ],
)

CUE_CLASSES = [
    DefaultLabel(LabelSet.CUE_CLASS, key, en, ar, color, description=cues)
    for key, en, ar, color, cues in [
        ("saying", "Saying", "قول", "#546e7a", "قال، أضاف، أوضح، أشار، ذكر، تابع"),
        ("asserting", "Asserting", "تأكيد", "#00897b", "أكد، شدد"),
        ("announcing", "Announcing", "إعلان", "#1e88e5", "أعلن، صرح، كشف، أفاد"),
        ("denying", "Denying", "نفي", "#d81b60", "نفى، كذب"),
        ("distancing", "Distancing", "تحفظ", "#f4511e", "زعم، ادعى، اعتبر، رجح"),
        ("prepositional", "Prepositional", "إسناد بحرف", "#6d4c41", "بحسب، حسب، وفقا لـ، وفق ما، نقلا عن، على لسان"),
        ("anonymous", "Anonymous", "مصدر مجهول", "#616161", "مصدر، مصادر"),
    ]
]

DEFAULT_LABELS: tuple[DefaultLabel, ...] = tuple(
    VERDICTS
    + WORKFLOW_STATUSES
    + PARTY_ALIGNMENTS
    + REPORTING_STANCES
    + EVIDENCE_STANCES
    + SOURCE_TYPES
    + CUE_CLASSES
)

INITIAL_WORKFLOW_STATUS = "spotted"
