"""Boilerplate rules as data: add a row to handle a new site.

Each pattern must match a whole line, so it can never cut words out of an
article sentence; patterns use (?:...) only.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ALSO",
    "BLOCK_HEADERS",
    "LINE_RULES",
    "NAV_LABELS",
    "NAV_SECTIONS",
    "PHRASE_RULES",
    "READ",
    "LineRule",
    "PhraseRule",
]


@dataclass(frozen=True, slots=True)
class LineRule:
    """A whole-line pattern and why such a line is debris."""

    reason: str
    pattern: str


ALSO = r"(?:أيضا|أيضاً|أيضًا|ايضا|ايضاً|ايضًا|إيضا)"
READ = r"(?:اقرأ|اقرا|إقرأ|إقرا|أقرأ)"
_SOCIAL = (
    r"(?:فيسبوك|فيس بوك|تويتر|إكس|اكس|واتساب|واتس اب|واتس آب|تلغرام|تليغرام|تيليجرام|"
    r"تلجرام|لينكد ?إن|لينكدإن|يوتيوب|إنستغرام|انستغرام|انستجرام|تيك توك|"
    r"(?i:facebook|twitter|x|whatsapp|telegram|linkedin|youtube|instagram|tiktok|email|e-mail))"
)
_SHARE_TOKEN = (
    rf"(?:شارك(?: المقال| الخبر| هذا المقال| هذا الخبر)?(?: على| عبر)?|مشاركة(?: الخبر| المقال)?(?: على| عبر)?"
    rf"|انشر|طباعة|اطبع|نسخ الرابط|انسخ الرابط|أرسل|ارسل|إرسال|البريد الإلكتروني|حفظ|(?i:share|print)|{_SOCIAL})"
)
_SEP = r"[\s|•·/،,:\-–]"

# Lines that end the article and start a list of links to other stories.
BLOCK_HEADERS: tuple[LineRule, ...] = (
    LineRule("related-links list", rf"{READ} {ALSO}|شاهد {ALSO}|طالع {ALSO}"),
    LineRule("related-links list", r"مواضيع ساخنة(?: أخرى| اخرى)?|أخبار ساخنة|اخبار ساخنة"),
    LineRule(
        "related-links list",
        r"(?:أخبار|اخبار|مواضيع|موضوعات|مقالات|روابط|قصص)"
        r" (?:ذات صلة|ذات علاقة|متعلقة|مشابهة|مقترحة|مرتبطة|قد تهمك|أخرى|اخرى)",
    ),
    LineRule("related-links list", r"(?:الأكثر|الاكثر) (?:قراءة|قراءةً|مشاهدة|تداولا|تداولاً|شعبية|تعليقا)"),
    LineRule("related-links list", r"(?:آخر|اخر|أحدث|احدث|المزيد من) (?:الأخبار|الاخبار|المقالات)|قد يهمك(?: أيضا| أيضاً)?"),
)

LINE_RULES: tuple[LineRule, ...] = (
    LineRule("related link", rf"(?:{READ}|شاهد|طالع) (?:{ALSO}|المزيد)\s*[:：\-–]?.+|{READ} المزيد"),
    LineRule("comment prompt", r"(?:أضف|اضف|أكتب|اكتب|إضافة|اضافة|اترك|أترك) (?:تعليق|تعليقك|تعليقا|تعليقاً|ردا|رداً)(?: على (?:الخبر|المقال|الموضوع))?\s*[:!.]?"),
    LineRule("comment prompt", r"(?:\d+\s*)?(?:تعليق|تعليقات|التعليقات)(?:\s*[(]\d+[)])?|لا توجد تعليقات|كن أول من يعلق"),
    LineRule("share buttons", rf"{_SHARE_TOKEN}(?:{_SEP}+{_SHARE_TOKEN})*{_SEP}*"),
    LineRule(
        "newsletter prompt",
        r"(?:اشترك|إشترك|اشتركوا|اشترك الآن|سجل|سجّل|للاشتراك)[^\n]{0,120}?"
        r"(?:النشرة|نشرت|البريدية|البريد الإلكتروني|القائمة البريدية|قائمتنا)[^\n]{0,150}",
    ),
    LineRule("newsletter prompt", r"(?:النشرة|نشرتنا) (?:الإخبارية|الاخبارية|البريدية|اليومية)|اشترك الآن|اشترك"),
    LineRule("social follow prompt", rf"(?:تابعونا|تابعنا|تابعوا) (?:على|عبر)[^\n]{{0,80}}"),
    LineRule(
        "dark/light mode toggle",
        r"(?:الوضع|النمط|الثيم|المظهر) (?:الليلي|المظلم|الداكن|النهاري|الفاتح|العادي)|(?i:(?:dark|light|night) mode)",
    ),
    LineRule("logo alt text", r"(?:(?i:logo)|شعار)(?:\s+[^\s.!?؟…]+){0,4}"),
    LineRule("cookie notice", r"موافق|أوافق|اوافق|قبول|قبول الكل|رفض|(?i:accept|accept all|ok)"),
    LineRule(
        "tag list",
        r"(?:مواضيع|الكلمات المفتاحية|كلمات مفتاحية|كلمات دلالية|الوسوم|وسوم|الوسم|(?i:tags))"
        r"(?:\s*[:：][^\n]{0,150})?",
    ),
)


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """A short line containing one of ``phrases`` (and of ``requires``, if given) is debris."""

    reason: str
    phrases: tuple[str, ...]
    max_words: int
    requires: tuple[str, ...] = ()


PHRASE_RULES: tuple[PhraseRule, ...] = (
    PhraseRule(
        "copyright footer",
        ("جميع الحقوق محفوظة", "الحقوق محفوظة", "حقوق النشر محفوظة", "all rights reserved", "©", "copyright"),
        max_words=25,
    ),
    PhraseRule(
        "cookie notice",
        ("ملفات تعريف الارتباط", "الكوكيز", "ملفات كوكي", "cookies"),
        max_words=60,
        requires=("نستخدم", "يستخدم", "نستعمل", "يستعمل", "باستخدامك", "بمواصلة", "باستمرارك", "we use", "this site"),
    ),
)

# One-line menu labels and site chrome that never stand alone in an article.
NAV_LABELS: frozenset[str] = frozenset(
    """الرئيسية|الصفحة الرئيسية|كاريكاتير|كاريكاتور|اتصل بنا|من نحن|أعلن معنا|اعلن معنا|
    سياسة الخصوصية|شروط الاستخدام|تسجيل الدخول|القائمة|القائمة الرئيسية|بحث|ابحث|إغلاق|اغلاق|
    فيديو|فيديوهات|صور|ألبوم الصور|إنفوغراف|انفوغراف|انفوجراف|بودكاست|المزيد|عاجل|
    English|Français|Menu|Home|Search|Logo""".replace("\n", "").replace(" |", "|").replace("| ", "|").split("|")
)
# Section names: debris when two or more form a menu, plausible alone.
NAV_SECTIONS: frozenset[str] = frozenset(
    """سياسة|اقتصاد|رياضة|ثقافة|فن|فنون|منوعات|تكنولوجيا|علوم|صحة|مجتمع|محليات|محلي|عربي|دولي|
    عرب وعالم|عربي ودولي|العالم|أخبار|اخبار|الأخبار|آراء|مقالات|رأي|تقارير|حوارات|سيارات|
    ثقافة وفنون|اقتصاد وأعمال|أعمال|تحقيقات|ملفات|شؤون دولية|الشرق الأوسط|مال وأعمال""".replace(
        "\n", ""
    ).replace(" |", "|").replace("| ", "|").split("|")
)
