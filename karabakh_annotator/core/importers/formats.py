"""What import accepts and its limits, in a module light enough for start-up paths."""

DEFAULT_MAX_MB = 64
MAX_ZIP_MEMBERS = 20_000
# Suffixes files.py has a parser for (a test keeps the two in step).
SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".text", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".csv", ".sgml", ".sgm", ".zip"}
)
