"""The database named in the title bar: the URL as given, a password hidden as SQLAlchemy hides it."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from karabakh_annotator.core.storage.locations import display_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("sqlite:////home/ليلى/annotations.sqlite3", "sqlite:////home/ليلى/annotations.sqlite3"),
        ("postgresql://desk@db.example.org/karabakh", "postgresql://desk@db.example.org/karabakh"),
        ("postgresql://desk:s3cret@db.example.org:5433/karabakh", "postgresql://desk:***@db.example.org:5433/karabakh"),
        ("postgresql+psycopg://desk:p%40ss@[::1]/k?sslmode=require", "postgresql+psycopg://desk:***@[::1]/k?sslmode=require"),
        ("postgresql://:only-a-password@host/k", "postgresql://:***@host/k"),
    ],
)
def test_a_password_is_hidden_as_sqlalchemy_hides_it(url: str, shown: str) -> None:
    assert display_url(url) == shown
    if url.isascii():  # SQLAlchemy also percent-encodes other letters; the title bar keeps them readable
        assert display_url(url) == make_url(url).render_as_string(hide_password=True)
