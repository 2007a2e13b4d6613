"""The session factory: reading sessions, and writing transactions that queue.

`sessions()` is a session for reading; `sessions.begin()` a transaction for
writing. On SQLite a writing transaction starts with BEGIN IMMEDIATE, so it
holds the write lock from its first read: two processes editing one file at
once then wait for each other (busy_timeout) instead of the later one failing
with "database is locked" because another committed after it read (WAL mode
cannot upgrade a stale read snapshot to a writer).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

BEGIN_IMMEDIATE = "karabakh_begin_immediate"
"""Execution option the SQLite `begin` hook reads (see database._configure_sqlite)."""


class Sessions(sessionmaker[Session]):
    """A sessionmaker whose `begin()` opens a writing transaction."""

    def __init__(self, engine: Engine, **options: Any) -> None:
        super().__init__(engine, **options)
        self._writer = engine.execution_options(**{BEGIN_IMMEDIATE: True}) if engine.dialect.name == "sqlite" else engine

    @contextmanager
    def begin(self) -> Iterator[Session]:
        with self(bind=self._writer) as session, session.begin():
            yield session
