"""A short demo article written for the project (not taken from any outlet), for first runs."""

from __future__ import annotations

from karabakh_annotator.core.records import ParsedArticle

DEMO_SOURCE = "demo-article.txt"
DEMO_TITLE = "مقال تجريبي: روايتان متعارضتان عن قصف قرب خط التماس"
DEMO_TEXT = "\n".join(
    [
        DEMO_TITLE,
        "أعلنت وزارة الدفاع في بيان صباح الأحد 27 سبتمبر أن وحداتها صدت هجوما على مواقعها قرب بلدة تجريبية، "
        "مؤكدة أن الطرف الآخر استخدم مدافع من طراز D-20.",
        "وقال المتحدث باسم الوزارة لموقع AzVision إن القصف أصاب منازل مدنية، مشيرا إلى أن فرق الإسعاف نقلت ثلاثة جرحى.",
        "في المقابل، نفت وزارة الدفاع في الجانب الآخر هذه الرواية، وزعمت أن قواتها لم تطلق أي قذيفة في تلك المنطقة.",
        "ودعت مجموعة الوساطة الدولية الطرفين إلى احترام وقف إطلاق النار الإنساني والعودة إلى المفاوضات.",
        "هذا النص مكتوب للتجربة فقط: يمكنك تحديد جملة ووسمها، ثم التراجع عن أي تعديل.",
    ]
)


def demo_article() -> ParsedArticle:
    """The demo article, ready to store."""
    return ParsedArticle(text=DEMO_TEXT, raw=DEMO_TEXT.encode("utf-8"), source_file=DEMO_SOURCE, title=DEMO_TITLE)
