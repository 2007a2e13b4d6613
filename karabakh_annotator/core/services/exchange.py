"""Every exchange format from one service: statements CSV, claims CSV, JSONL, Web Annotation, ClaimReview.

Exports read one consistent snapshot and write their file atomically (a
complete new file or the old one untouched). `import_annotations` reads a
JSONL or statements CSV export back in one transaction: a file that is
refused changes nothing (docs/exchange-formats.md describes the formats).
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.exporters.atomic import atomic_text_file
from karabakh_annotator.core.exporters.claimreview import write_claimreview
from karabakh_annotator.core.exporters.claims_csv import write_claims_csv
from karabakh_annotator.core.exporters.csv_export import COLUMNS, CSV_ENCODING
from karabakh_annotator.core.exporters.jsonl_export import write_jsonl
from karabakh_annotator.core.exporters.web_annotation import write_web_annotation
from karabakh_annotator.core.importers.annotations import AnnotationFileError, detect_format, read_csv_lines, read_jsonl
from karabakh_annotator.core.services.exchange_checks import check_dump
from karabakh_annotator.core.services.exchange_csv_import import import_csv
from karabakh_annotator.core.services.exchange_merge import merge
from karabakh_annotator.core.services.exchange_report import ImportReport, ReportBuilder
from karabakh_annotator.core.services.exchange_restore import restore
from karabakh_annotator.core.services.exchange_claim_rows import claim_rows, reviewed_claims
from karabakh_annotator.core.services.exchange_rows import annotated_statements, statement_cell_batches
from karabakh_annotator.core.services.exchange_schema import SPECS, schema_revision, table_rows
from karabakh_annotator.core.services.exchange_write import Writer
from karabakh_annotator.core.services.exports import StatementFilter
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.core.storage.database import SCHEMA_HEAD
from karabakh_annotator.core.storage.models import Base
from karabakh_annotator.core.storage.search import SearchIndex, index_for

# Tables that must all be empty for an import to restore the file's ids.
_USER_TABLES = ("analysts", "entities", "articles", "claims", "statements", "evidence", "events")


class ExchangeService:
    """Exports and imports of annotations, over one database."""

    def __init__(self, sessions: sessionmaker[Session], index: SearchIndex | None = None) -> None:
        self._sessions = sessions
        self._index = index

    # -- exports --------------------------------------------------------------

    def export_csv(self, path: Path, filters: StatementFilter | None = None) -> int:
        """The statements table (csv_export.COLUMNS) for spreadsheets; returns how many statements."""
        with self._sessions() as session, atomic_text_file(path, CSV_ENCODING) as stream:
            writer = csv.writer(stream, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            writer.writerow(COLUMNS)
            count = 0
            for batch in statement_cell_batches(session.connection(), filters or StatementFilter()):
                writer.writerows(batch)
                count += len(batch)
            return count

    def export_claims_csv(self, path: Path, filters: StatementFilter | None = None) -> int:
        """The claims table, one row per live claim; returns how many claims."""
        with self._sessions() as session:
            rows = claim_rows(session.connection(), filters or StatementFilter())
        with atomic_text_file(path, CSV_ENCODING) as stream:
            return write_claims_csv(rows, stream)

    def export_jsonl(self, path: Path) -> dict[str, int]:
        """Everything needed to rebuild the database; returns the records written per type."""
        with self._sessions() as session, atomic_text_file(path) as stream:
            connection = session.connection()
            sections = ((spec.record, table_rows(connection, spec)) for spec in SPECS)
            return write_jsonl(stream, schema_revision(connection), sections)

    def export_web_annotation(self, path: Path, filters: StatementFilter | None = None) -> int:
        """Statements as a W3C Web Annotation collection; returns how many annotations."""
        with self._sessions() as session:
            items = list(annotated_statements(session.connection(), filters or StatementFilter()))
        with atomic_text_file(path) as stream:
            return write_web_annotation(items, stream)

    def export_claimreview(self, path: Path, filters: StatementFilter | None = None, language: str = "ar") -> int:
        """Claims with a verdict as schema.org ClaimReview; returns how many reviews.

        `language` picks the verdict names ("ar" Arabic, else English).
        """
        with self._sessions() as session:
            claims = reviewed_claims(session.connection(), filters or StatementFilter(), language)
        with atomic_text_file(path) as stream:
            return write_claimreview(claims, stream, language)

    # -- import -----------------------------------------------------------------

    def import_annotations(self, path: Path, analyst: str | None = None) -> ImportReport:
        """Read a JSONL or statements CSV export back, all or nothing.

        Into an empty database a JSONL file is restored with its own ids;
        otherwise records are matched to those already here or added, and
        statements placed again where the article text differs. `analyst`
        is who imports (named in the event log).
        """
        source = str(path)
        try:
            with path.open("rb") as probe:
                file_format = detect_format(probe.read(64))
        except OSError as exc:
            raise ServiceError(f"cannot read {source}: {exc.strerror}") from exc
        report = ReportBuilder()
        try:
            dump, lines = None, None
            if file_format == "jsonl":
                with path.open("rb") as stream:
                    dump = read_jsonl(stream, [spec.record for spec in SPECS], source, SCHEMA_HEAD)
                check_dump(dump)
            else:
                with path.open(encoding=CSV_ENCODING, newline="") as text_stream:
                    lines = read_csv_lines(text_stream, source, COLUMNS)
            with self._sessions.begin() as session:
                connection = session.connection()
                writer = Writer(connection, self._index or index_for(connection.dialect.name))
                if dump is not None and _is_empty(connection):
                    # A copy of another database: its history is restored as it was.
                    mode = "restore"
                    restore(writer, dump, report, None)
                else:
                    mode = "merge"
                    who = writer.analyst_id(analyst)
                    if dump is not None:
                        merge(writer, dump, report, who)
                    else:
                        assert lines is not None
                        import_csv(writer, lines, report, who, source)
        except AnnotationFileError as exc:
            raise ServiceError(str(exc)) from exc
        except OSError as exc:
            raise ServiceError(f"cannot read {source}: {exc.strerror}") from exc
        except SQLAlchemyError as exc:
            reason = getattr(exc, "orig", None) or exc
            raise ServiceError(f"{source}: could not be imported, nothing was changed ({reason})") from exc
        return report.build(source, file_format, mode)


def _is_empty(connection: Connection) -> bool:
    """No user data yet (the seeded labels do not count)."""
    for name in _USER_TABLES:
        table = Base.metadata.tables[name]
        if connection.execute(select(func.count()).select_from(table)).scalar():
            return False
    return True
