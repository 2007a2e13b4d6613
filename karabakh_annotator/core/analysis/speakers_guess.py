"""Guesses of source type and party for a speaker no entity stands for yet.

Internal to `speakers`.  The guesses pre-fill the new-entity form; the
analyst confirms them.  They read only the title and the affiliation of the
mention, so they are the same for every spelling of the same speaker.
"""

from __future__ import annotations

from karabakh_annotator.core.analysis.speakers_lexicon import Kind
from karabakh_annotator.core.analysis.speakers_parse import Mention

__all__ = ["guess_party", "guess_source_type"]

_BELLIGERENTS = frozenset({"pro_azerbaijan", "pro_armenia"})
_DEFENCE = "دفاع"
# Kinds that name the speaker's trade whatever else the title says:
# "مصادر عسكرية" are anonymous sources first, "خبير دولي" an expert first.
_BY_PRECEDENCE: tuple[tuple[Kind, str], ...] = (
    (Kind.ANONYMOUS, "anonymous"),
    (Kind.SOCIAL, "social_media"),
    (Kind.EYEWITNESS, "eyewitness"),
    (Kind.EXPERT, "expert"),
)
_STATE_KINDS = frozenset({Kind.GOVERNMENT, Kind.PORTFOLIO, Kind.SPOKESPERSON, Kind.ORGANISATION})


def guess_party(mention: Mention) -> str:
    """The party_alignment key implied by the speaker's affiliation, else "unclear"."""
    return mention.affiliation.party if mention.affiliation else "unclear"


def guess_source_type(mention: Mention) -> str:
    """The source_type key implied by the title and affiliation, else "unknown"."""
    kinds = mention.kinds
    for kind, source_type in _BY_PRECEDENCE:
        if kind in kinds:
            return source_type
    if Kind.MEDIA in kinds:
        return "state_media" if Kind.STATE in kinds else "independent_media"
    if Kind.SPOKESPERSON in kinds and (Kind.MILITARY in kinds or _DEFENCE in mention.role):
        return "military_spokesperson"
    if Kind.NGO in kinds:
        return "ngo"
    return _institutional(mention)


def _institutional(mention: Mention) -> str:
    kinds = mention.kinds
    affiliation = mention.affiliation
    if affiliation is not None and not affiliation.is_country:
        # The UN's spokesman speaks for the UN, not for a government.
        return "international_organisation"
    if Kind.ORGANISATION in kinds and affiliation is None:
        return "international_organisation"
    if Kind.MILITARY in kinds:
        return "military_spokesperson"
    # A bare spokesman (المتحدث) could speak for anyone; with a country
    # (متحدث أمريكي) or a government word he speaks for a government.
    governmental = bool(kinds & _STATE_KINDS) and (affiliation is not None or kinds != {Kind.SPOKESPERSON})
    if governmental or (affiliation is not None and not kinds):
        if affiliation is not None and affiliation.party not in _BELLIGERENTS:
            return "third_country_government"
        return "government"
    return "unknown"
