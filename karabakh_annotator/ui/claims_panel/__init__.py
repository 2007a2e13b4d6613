"""The claims panel: filter bar, lazily fetched statement table, and the statement editor."""

from karabakh_annotator.ui.claims_panel.panel import ClaimsPanel

__all__ = ["ClaimsPanel"]
