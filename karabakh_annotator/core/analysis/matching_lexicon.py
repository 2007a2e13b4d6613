"""Word lists for same-claim matching and contradictions, as data.

All entries are written here in ordinary Arabic spelling and normalised at
import with the same rules as the statements (normalize.normalized_only),
so a list entry and a word in an article meet in one form.  The lists are
general Arabic news vocabulary, not phrases of particular articles.
"""

from __future__ import annotations

from karabakh_annotator.core.text.normalize import normalized_only


def _forms(words: str) -> frozenset[str]:
    """Normalised forms of a whitespace-separated word list."""
    return frozenset(normalized_only(words).split())


# Function words and reporting verbs: they say how a fact is reported, not
# which fact, so two statements sharing only these are not the same claim.
# Denial and negation words are here too: a denial of a claim and the claim
# itself must still be recognised as being about the same fact.
STOPWORDS: frozenset[str] = _forms(
    """
    في من على إلى الى عن أن إن أنه أنها انه انها إنه إنها ما ماذا لا لم لن ليس ليست قد
    كان كانت يكون تكون تم يتم تمت الذي التي الذين اللذين اللتين اللواتي هذا هذه ذلك تلك
    هؤلاء هو هي هم هما نحن أنا انت كما أو أم ثم حتى بعد قبل مع عند بين خلال منذ أي أية أيا كل بعض
    غير أيضا حيث إذ إذا لكن لكنه بل وقد فقد هناك هنا عبر نحو ضد لدى لديه حول اليوم أمس
    غدا الآن الماضي الماضية المقبل المقبلة القادم القادمة الجاري الحالي الحالية إثر جراء بسبب وفق وفقا بحسب حسب نقلا لسان به بها له لها لهم فيه فيها منه منها
    عليه عليها إليه إليها عنه عنها بأن لأن كي لكي سوف مثل دون أمام وراء فوق تحت ضمن قرب
    لدي وذلك الذى أكثر أقل جدا فقط أيضاً إلا سوى كذلك هكذا بينما عندما أمام تجاه
    قال قالت يقول تقول قائلا قائلة وقال أضاف أضافت يضيف مضيفا مضيفة أكد أكدت يؤكد تؤكد
    مؤكدا مؤكدة شدد شددت مشددا مشددة أوضح أوضحت موضحا موضحة أشار أشارت مشيرا مشيرة
    ذكر ذكرت تابع تابعت أعلن أعلنت يعلن معلنا معلنة صرح صرحت كشف كشفت أفاد أفادت يفيد
    لفت لفتت لافتا لافتة بين بينت زعم زعمت يزعم ادعى ادعت يدعي اعتبر اعتبرت معتبرا معتبرة
    رجح نقل نقلت تصريح تصريحات
    المقرر المتوقع المنتظر التابع التابعة تابعة التابعين واحد واحدة
    بضع بضعة عدة عديد عديدة العديد عدد جميع كافة كامل كاملة طول
    تمكن تمكنت يتمكن تتمكن استطاع استطاعت يستطيع تستطيع
    ذات ذو ذي أقدم أقدمت أقدموا يقدم
    نفذ نفذت ينفذ تنفذ تنفيذ شن شنت يشن تشن قام قامت يقوم تقوم أجرى أجرت يجري تجري
    نفى نفت ينفي تنفي نافيا نافية نفيه كذب كذبت يكذب تكذب مكذبا صحة صحيح صحيحة عار عارية
    عاري أساس أكاذيب كاذب كاذبة كاذبا افتراء مزاعم ادعاءات
    """
)

# Words that open a new clause of a statement (where, while, which led to,
# as well as): matching_features.py splits statements there and at
# punctuation, so that one claim of a long statement can be matched alone.
CLAUSE_HEADS: frozenset[str] = _forms("حيث بينما فيما مما كما وكما وما")

# Common words of news about any conflict: kept as terms (they do say
# something) but weighted down, because a small corpus cannot learn from
# document frequency alone that "ministry" or "forces" says little.
GENERIC: frozenset[str] = _forms(
    """
    وزارة الوزارة وزير الوزير المتحدث متحدث الناطق رئيس الرئيس القوات قوات الجيش جيش
    الدفاع دفاع الخارجية خارجية بيان البيان الحكومة حكومة البلاد بلاد بلاده بلادها مسؤول
    مصدر مصادر عسكري عسكرية العسكرية العسكري المنطقة منطقة الجانب الطرف الطرفين الجانبين
    الوضع الأوضاع صراع الصراع نزاع النزاع حرب الحرب الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت صباح مساء يوم عام
    """
)

# Number words, each with its value.  Digits are the usual form in news, but
# a rewording or a headline writes "عشر دبابات" for "10 دبابات".  Not
# "واحد": "خطوة واحدة", "جبهة واحدة" say "a single", not a count.
_NUMBER_WORDS: tuple[tuple[str, int], ...] = (
    ("اثنان اثنين اثنتان اثنتين", 2), ("ثلاث ثلاثة", 3),
    ("أربع أربعة", 4), ("خمس خمسة", 5), ("ست ستة", 6), ("سبع سبعة", 7),
    ("ثماني ثمانية ثمان", 8), ("تسع تسعة", 9), ("عشر عشرة", 10),
    ("عشرون عشرين", 20), ("ثلاثون ثلاثين", 30), ("أربعون أربعين", 40),
    ("خمسون خمسين", 50), ("ستون ستين", 60), ("سبعون سبعين", 70),
    ("ثمانون ثمانين", 80), ("تسعون تسعين", 90), ("مئة مائة", 100),
    ("مئتان مئتين مائتان مائتين", 200),
)
NUMBER_WORDS: dict[str, int] = {
    form: value for words, value in _NUMBER_WORDS for form in _forms(words)
}
# A number followed by one of these is multiplied: "15 ألف" is 15000.
MULTIPLIERS: dict[str, int] = {
    **{form: 1_000 for form in _forms("ألف آلاف الاف")},
    **{form: 1_000_000 for form in _forms("مليون ملايين")},
}

# Month names, Gregorian (Egyptian/Gulf usage, Maghreb usage) and Syriac
# (Levant/Iraq), to one key each, so "27 سبتمبر" and "27 أيلول" are one date.
_MONTHS: tuple[tuple[str, int], ...] = (
    ("يناير جانفي", 1), ("فبراير فيفري شباط", 2), ("مارس آذار", 3), ("أبريل إبريل أفريل نيسان", 4),
    ("مايو ماي أيار", 5), ("يونيو يونيه جوان حزيران", 6), ("يوليو يوليه جويلية تموز", 7),
    ("أغسطس أوت", 8), ("سبتمبر أيلول", 9), ("أكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
)
MONTHS: dict[str, int] = {form: month for words, month in _MONTHS for form in _forms(words)}
# Two-word Syriac months: the first word, then الأول / الثاني after it.
TWO_WORD_MONTHS: dict[tuple[str, str], int] = {
    (normalized_only(a), normalized_only(b)): month
    for a, b, month in (
        ("تشرين", "الأول", 10), ("تشرين", "الثاني", 11), ("كانون", "الأول", 12), ("كانون", "الثاني", 1),
    )
}
# "آب" (August) is also "father": only a month right after a day number.
MONTH_AFTER_NUMBER_ONLY: dict[str, int] = {normalized_only("آب"): 8}

# Nouns of localities after which the next word names one ("قرية X",
# "مدينة X"), and the words of nearness ("قرب X", "في محيط X"); not
# أطراف, which is as often "the parties" (أطراف مجموعة مينسك) as "outskirts".  Regions (منطقة، إقليم، محافظة) are left out: a town and the
# region around it are not two different places.
PLACE_NOUNS: frozenset[str] = _forms(
    "مدينة مدن قرية قرى بلدة بلدات مستوطنة مطار ممر جسر بحيرة نهر جبل مرتفعات قرب محيط ضواحي"
)

# Localities of the conflict zone and the capitals that host talks: a place
# shared by two statements is strong evidence of one event, two different
# ones strong evidence against.  Region and country names are deliberately
# absent: nearly every statement names Karabakh, Azerbaijan or Armenia.
# Spelling variants need not be listed: places are compared by skeleton.
GAZETTEER: tuple[str, ...] = tuple(
    normalized_only(name)
    for name in (
        "شوشا", "لاتشين", "جبرائيل", "هادروت", "فضولي", "أغدام", "كلبجار", "زنغلان", "قبادلي",
        "ترتر", "كنجة", "ستيباناكيرت", "خانكندي", "خوجالي", "خوجاوند", "مارتوني", "مارتاكيرت",
        "أغدره", "طاووس", "توفوز", "نفطالان", "شمكير", "منكجوير", "بردع", "أغجابدي", "جورانبوي",
        "غوران بوي", "يريفان", "باكو", "موسكو", "جنيف", "نخجوان", "غوريس", "كاباغ", "سيونيك",
    )
)

# Outcome words outside the families of matching_families.py (which give
# their own outcome): "repel", an attack failed; "loss", equipment
# destroyed or downed, losses (compared by number).  خسر is a loss here
# (خسرت 3 دبابات), though its family is the retreat.
OUTCOME_WORDS: dict[str, str] = {
    **{form: "repel" for form in _forms("فشل فشلت يفشل تفشل فشله إفشال")},
    **{form: "loss" for form in _forms(
        """
        دمر دمرت تدمير يدمر تدمر أسقط أسقطت إسقاط خسائر خسارة خسر خسرت تخسر يخسر خسروا تحييد حيدت
        """
    )},
}

# Short forms of the parties' adjectives, to the form the country's name
# stems to (أذربيجان / الأذربيجاني / الأذري are one word for matching).
SAME_WORDS: dict[str, str] = {
    **{form: normalized_only("أذربيجاني") for form in _forms("أذري أذرية الأذري الأذرية الأذريون الأذريين")},
    **{form: normalized_only("أرميني") for form in _forms("أرمني أرمنية الأرمني الأرمنية الأرمن")},
    **{form: normalized_only("أمريكا") for form in _forms("أميركا أميركي أميركية الأميركي الأميركية")},
    # "Our army": the possessive نا is not stripped in general (مكانا, إعلانا end so too).
    **{normalized_only(ours): normalized_only(noun) for ours, noun in (
        ("جيشنا", "جيش"), ("قواتنا", "قوات"), ("بلادنا", "بلاد"), ("أراضينا", "أراضي"), ("أرضنا", "أرض"),
    )},
    # Broken plurals of war news, to their singular (sound plurals need no entry).
    **{normalized_only(plural): normalized_only(singular) for plural, singular in (
        ("صواريخ", "صاروخ"), ("جنود", "جندي"), ("أسلحة", "سلاح"), ("مواقع", "موقع"), ("قادة", "قائد"),
        ("أهداف", "هدف"), ("ذخائر", "ذخيرة"), ("أسرى", "أسير"), ("جثث", "جثة"), ("مدافع", "مدفع"),
        ("مبان", "مبنى"), ("معالم", "معلم"), ("أجزاء", "جزء"),
    )},
}

# Strong denial: the statement says another claim is false.
DENIAL_WORDS: frozenset[str] = _forms(
    """
    نفى نفت ينفي تنفي نافيا نافية نفوا كذب كذبت يكذب تكذب مكذبا أكاذيب افتراء مفبرك مفبركة
    ملفق ملفقة عار عارية عاري كاذب كاذبة كاذبا
    """
)
# Two-word denials ("لا صحة", "غير صحيح", "لا أساس").
DENIAL_PAIRS: frozenset[tuple[str, str]] = frozenset(
    (normalized_only(a), normalized_only(b))
    for a, b in (("لا", "صحة"), ("غير", "صحيح"), ("غير", "صحيحة"), ("لا", "أساس"))
)
# Plain negation of the verb that follows: weaker evidence of a denial.
NEGATIONS: frozenset[str] = _forms("لم لن ليس ليست ليسوا لا")
# "لا" that does not negate a claim ("لا يزال" = still, "لا سيما" = especially).
NOT_NEGATING_AFTER: frozenset[str] = _forms("يزال تزال يزالون سيما بد")
