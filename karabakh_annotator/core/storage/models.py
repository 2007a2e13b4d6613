"""SQLAlchemy 2 typed models: the schema of an annotation database."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from karabakh_annotator.core.clock import utc_now

# A naming convention gives every constraint a stable name, which Alembic
# needs to alter SQLite tables in batch mode.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SUMMARY_MAX_CHARS = 75

# Tables the search adapter owns (FTS5 and its shadow tables): not modelled here.
SEARCH_TABLE_PREFIX = "search_fts"


def include_in_schema_comparison(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic filter: compare every table except the search adapter's."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLE_PREFIX))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: DateTime(timezone=True)}


class Analyst(Base):
    __tablename__ = "analysts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # The PostgreSQL login role this analyst connects as (team mode), if any.
    db_role: Mapped[str | None] = mapped_column(String(63), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    __table_args__ = (CheckConstraint("length(name) > 0", name="name_not_empty"),)


class Label(Base):
    """A member of one label set (verdict, status, stance ...), editable by users."""

    __tablename__ = "labels"

    id: Mapped[int] = mapped_column(primary_key=True)
    label_set: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(120))
    name_ar: Mapped[str] = mapped_column(String(120))
    color: Mapped[str] = mapped_column(String(9))
    position: Mapped[int] = mapped_column(Integer)
    rating_value: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")
    retired: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (
        UniqueConstraint("label_set", "key", name="uq_labels_set_key"),
        CheckConstraint("color LIKE '#%'", name="color_hex"),
    )


class Article(Base):
    """A cleaned article. `text` never changes once stored: offsets point into it."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    published_raw: Mapped[str | None] = mapped_column(String(200))
    source_file: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    raw_encoding: Mapped[str | None] = mapped_column(String(40))
    # JSON list of cleaning steps and the spans each removed (offsets into the
    # text before cleaning), so an analyst can see what was dropped.
    cleaning_report: Mapped[str | None] = mapped_column(Text)
    near_duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"))

    statements: Mapped[list[Statement]] = relationship(back_populates="article")

    __table_args__ = (
        CheckConstraint("length(text) > 0", name="text_not_empty"),
        # Covers the article list: SQLite then never walks the overflow pages
        # of the text and raw columns stored before these (10,000 rows: 42 -> 18 ms).
        Index("ix_articles_listing", "id", "title", "outlet", "published", "published_raw", "source_file"),
    )


class ArticleSketch(Base):
    """One value of an article's bottom-k MinHash sketch, for near-duplicate lookup."""

    __tablename__ = "article_sketches"

    # Looked up by value: the primary key starts with it, and on SQLite the
    # table is that one B-tree (WITHOUT ROWID), so an import writes one index.
    value: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)

    __table_args__ = {"sqlite_with_rowid": False}


class Entity(Base):
    """A speaker or outlet, known under several spellings."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    source_type_id: Mapped[int | None] = mapped_column(ForeignKey("labels.id"))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("labels.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    aliases: Mapped[list[EntityAlias]] = relationship(
        back_populates="entity", cascade="all, delete-orphan", order_by="EntityAlias.id"
    )
    source_type: Mapped[Label | None] = relationship(foreign_keys=[source_type_id])
    party: Mapped[Label | None] = relationship(foreign_keys=[party_id])

    __table_args__ = (CheckConstraint("length(name) > 0", name="name_not_empty"),)


class EntityAlias(Base):
    __tablename__ = "entity_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(200))

    entity: Mapped[Entity] = relationship(back_populates="aliases")

    __table_args__ = (UniqueConstraint("entity_id", "alias", name="uq_entity_aliases_entity_alias"),)


class Claim(Base):
    """The checkable proposition that many statements can carry."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    summary: Mapped[str] = mapped_column(String(SUMMARY_MAX_CHARS))
    status_id: Mapped[int] = mapped_column(ForeignKey("labels.id"), index=True)
    verdict_id: Mapped[int | None] = mapped_column(ForeignKey("labels.id"), index=True)
    rating_value: Mapped[int | None] = mapped_column(Integer)
    explanation: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("analysts.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("analysts.id"), index=True)
    drafted_by_id: Mapped[int | None] = mapped_column(ForeignKey("analysts.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    deleted_at: Mapped[dt.datetime | None] = mapped_column()
    # Raised by every update (optimistic concurrency: see services.versions).
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    status: Mapped[Label] = relationship(foreign_keys=[status_id])
    verdict: Mapped[Label | None] = relationship(foreign_keys=[verdict_id])
    assignee: Mapped[Analyst | None] = relationship(foreign_keys=[assignee_id])
    drafted_by: Mapped[Analyst | None] = relationship(foreign_keys=[drafted_by_id])
    statements: Mapped[list[Statement]] = relationship(back_populates="claim")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(
            f"length(summary) > 0 AND length(summary) <= {SUMMARY_MAX_CHARS}", name="summary_length"
        ),
    )


class Statement(Base):
    """One appearance of a claim in an article, anchored by code-point offsets."""

    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    cue: Mapped[str | None] = mapped_column(String(80))
    cue_class_id: Mapped[int | None] = mapped_column(ForeignKey("labels.id"))
    stance_id: Mapped[int | None] = mapped_column(ForeignKey("labels.id"), index=True)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("labels.id"))
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"), index=True)
    analyst_id: Mapped[int] = mapped_column(ForeignKey("analysts.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    deleted_at: Mapped[dt.datetime | None] = mapped_column()
    # Raised by every update (optimistic concurrency: see services.versions).
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    article: Mapped[Article] = relationship(back_populates="statements")
    claim: Mapped[Claim | None] = relationship(back_populates="statements")
    speaker: Mapped[Entity | None] = relationship()
    analyst: Mapped[Analyst] = relationship()
    cue_class: Mapped[Label | None] = relationship(foreign_keys=[cue_class_id])
    stance: Mapped[Label | None] = relationship(foreign_keys=[stance_id])
    party: Mapped[Label | None] = relationship(foreign_keys=[party_id])

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("start >= 0", name="start_not_negative"),
        CheckConstraint('"end" > start', name="span_not_empty"),
        # Both SQLite and PostgreSQL count characters (code points) here.
        CheckConstraint('length(quote) = "end" - start', name="quote_matches_span"),
        Index("ix_statements_article_span", "article_id", "start"),
    )


class Evidence(Base):
    """A citation, URL, note or statement elsewhere that bears on a claim."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    stance_id: Mapped[int] = mapped_column(ForeignKey("labels.id"))
    citation: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    statement_id: Mapped[int | None] = mapped_column(ForeignKey("statements.id"))
    analyst_id: Mapped[int] = mapped_column(ForeignKey("analysts.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    deleted_at: Mapped[dt.datetime | None] = mapped_column()

    claim: Mapped[Claim] = relationship()
    stance: Mapped[Label] = relationship()


class Event(Base):
    """Append-only record of one change: who, when, what, old value, new value."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    analyst_id: Mapped[int | None] = mapped_column(ForeignKey("analysts.id"))
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_events_entity", "entity_type", "entity_id"),)


class SuggestionDecision(Base):
    """A suggested statement the analyst rejected: not offered again on that article.

    Accepted suggestions need no row: they become statements.
    """

    __tablename__ = "suggestion_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    analyst_id: Mapped[int] = mapped_column(ForeignKey("analysts.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    analyst: Mapped[Analyst] = relationship()

    __table_args__ = (
        CheckConstraint('"end" > start', name="span_not_empty"),
        UniqueConstraint("article_id", "start", "end", name="uq_suggestion_decisions_span"),
    )


class MatchDecision(Base):
    """The analyst's answer to a proposed pair of statements: accepted or dismissed.

    Accepting a same-claim pair also links both statements to one claim; the
    row remembers the answer so the pair is not proposed again.
    """

    __tablename__ = "match_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    statement_a_id: Mapped[int] = mapped_column(ForeignKey("statements.id"))
    statement_b_id: Mapped[int] = mapped_column(ForeignKey("statements.id"), index=True)
    decision: Mapped[str] = mapped_column(String(20))
    analyst_id: Mapped[int] = mapped_column(ForeignKey("analysts.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    analyst: Mapped[Analyst] = relationship()

    __table_args__ = (
        CheckConstraint("kind IN ('same', 'contradiction')", name="kind_known"),
        CheckConstraint("decision IN ('accepted', 'dismissed')", name="decision_known"),
        CheckConstraint("statement_a_id < statement_b_id", name="pair_ordered"),
        UniqueConstraint("statement_a_id", "statement_b_id", "kind", name="uq_match_decisions_pair"),
    )
