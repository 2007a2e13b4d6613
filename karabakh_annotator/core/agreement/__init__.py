"""Inter-annotator agreement: statement spans, Cohen's kappa, Krippendorff's alpha, confusion tables.

Pure Python over plain values; the agreement service feeds it from the database.
"""

from karabakh_annotator.core.agreement.alpha import coincidence_matrix, krippendorff_alpha_nominal
from karabakh_annotator.core.agreement.confusion import confusion_table
from karabakh_annotator.core.agreement.kappa import cohen_kappa
from karabakh_annotator.core.agreement.labels import label_agreement
from karabakh_annotator.core.agreement.report import (
    NONE_CATEGORY,
    AgreementReport,
    ConfusionTable,
    LabelAgreement,
    SpanAgreement,
)
from karabakh_annotator.core.agreement.spans import Span, match_spans, span_agreement, span_units

__all__ = [
    "NONE_CATEGORY",
    "AgreementReport",
    "ConfusionTable",
    "LabelAgreement",
    "Span",
    "SpanAgreement",
    "coincidence_matrix",
    "cohen_kappa",
    "confusion_table",
    "krippendorff_alpha_nominal",
    "label_agreement",
    "match_spans",
    "span_agreement",
    "span_units",
]
