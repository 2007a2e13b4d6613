"""Write an export file atomically: a complete new file or the old one untouched."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def atomic_text_file(target: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream to a temporary file beside `target`, renamed over it on success.

    Lines are written exactly as given (newline=""): a format decides its own
    line ends. On any error the temporary file is removed and `target` is left
    as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            yield stream
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
