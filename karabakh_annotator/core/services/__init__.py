"""Services: one transaction per user action, plain records out, a Changes record each.

Importing this package is cheap: the services (and SQLAlchemy with them) load
when `build_services` runs. The window imports light modules of the package
(patches, errors) and is on screen before the database is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from karabakh_annotator.core.services.adjudication import AdjudicationService
    from karabakh_annotator.core.services.agreement import AgreementService
    from karabakh_annotator.core.services.articles import ArticleService
    from karabakh_annotator.core.services.claims import ClaimService
    from karabakh_annotator.core.services.dashboard import DashboardService
    from karabakh_annotator.core.services.entities import EntityService
    from karabakh_annotator.core.services.evidence import EvidenceService
    from karabakh_annotator.core.services.exchange import ExchangeService
    from karabakh_annotator.core.services.exports import ExportService
    from karabakh_annotator.core.services.history import HistoryService
    from karabakh_annotator.core.services.labels import LabelService
    from karabakh_annotator.core.services.matches import MatchService
    from karabakh_annotator.core.services.search import SearchService
    from karabakh_annotator.core.services.stats import StatsService
    from karabakh_annotator.core.services.statements import StatementService
    from karabakh_annotator.core.services.suggestions import SuggestionService
    from karabakh_annotator.core.services.team import TeamService
    from karabakh_annotator.core.storage.database import Database


@dataclass(frozen=True)
class Services:
    """Every service over one database, built once by the composition root."""

    articles: ArticleService
    search: SearchService
    statements: StatementService
    claims: ClaimService
    entities: EntityService
    labels: LabelService
    exports: ExportService
    stats: StatsService
    suggestions: SuggestionService
    matches: MatchService
    evidence: EvidenceService
    history: HistoryService
    adjudication: AdjudicationService
    agreement: AgreementService
    dashboard: DashboardService
    exchange: ExchangeService
    team: TeamService


def build_services(database: Database) -> Services:
    """Wire each service to the database's session factory."""
    # Imported here, not at the top: see the module docstring.
    from karabakh_annotator.core.services.adjudication import AdjudicationService
    from karabakh_annotator.core.services.agreement import AgreementService
    from karabakh_annotator.core.services.articles import ArticleService
    from karabakh_annotator.core.services.claims import ClaimService
    from karabakh_annotator.core.services.dashboard import DashboardService
    from karabakh_annotator.core.services.entities import EntityService
    from karabakh_annotator.core.services.evidence import EvidenceService
    from karabakh_annotator.core.services.exchange import ExchangeService
    from karabakh_annotator.core.services.exports import ExportService
    from karabakh_annotator.core.services.history import HistoryService
    from karabakh_annotator.core.services.labels import LabelService
    from karabakh_annotator.core.services.matches import MatchService
    from karabakh_annotator.core.services.search import SearchService
    from karabakh_annotator.core.services.server_refusals import install_server_refusals
    from karabakh_annotator.core.services.stats import StatsService
    from karabakh_annotator.core.services.statements import StatementService
    from karabakh_annotator.core.services.suggestions import SuggestionService
    from karabakh_annotator.core.services.team import TeamService
    from karabakh_annotator.core.storage.locations import user_speaker_variants_path
    from karabakh_annotator.core.storage.search import index_for

    sessions = database.sessions
    # A team server's refusals (docs/team-server.md) become ServiceErrors.
    install_server_refusals(database.engine)
    index = index_for(database.engine.dialect.name)
    statements = StatementService(sessions)
    claims = ClaimService(sessions)
    entities = EntityService(sessions)
    suggestions = SuggestionService(sessions, statements, entities, [user_speaker_variants_path()])
    return Services(
        articles=ArticleService(sessions, index),
        search=SearchService(sessions, index),
        statements=statements,
        claims=claims,
        entities=entities,
        labels=LabelService(sessions),
        exports=ExportService(sessions),
        stats=StatsService(sessions),
        suggestions=suggestions,
        matches=MatchService(sessions, suggestions, statements, claims),
        evidence=EvidenceService(sessions),
        history=HistoryService(sessions),
        adjudication=AdjudicationService(sessions, statements),
        agreement=AgreementService(sessions),
        dashboard=DashboardService(sessions),
        exchange=ExchangeService(sessions, index),
        team=TeamService(sessions),
    )
