"""The error every service raises for a refused request (no SQLAlchemy: the window catches it before the database is open)."""

from __future__ import annotations


class ServiceError(ValueError):
    """A request a service refuses, with a message fit to show the analyst."""
