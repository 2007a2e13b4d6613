"""The command-line interface (DESIGN.md's stable contract); no Qt here."""
