"""Code-point offsets (core) against UTF-16 positions (Qt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karabakh_annotator.ui.offsets import OffsetMap, from_qt, to_qt


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("", 0, 0),
        ("قال", 3, 3),  # BMP only: identical
        ("🔴 قال", 0, 0),
        ("🔴 قال", 1, 2),  # after the emoji: one extra unit
        ("🔴 قال", 5, 6),
        ("أ🚀ب🚀ج", 2, 3),
        ("أ🚀ب🚀ج", 4, 6),
        ("أ🚀ب🚀ج", 5, 7),
        ("𝐀𝐁", 2, 4),  # mathematical letters are astral too
    ],
)
def test_to_qt_table(text: str, index: int, expected: int) -> None:
    assert to_qt(text, index) == expected
    assert from_qt(text, expected) == index


@pytest.mark.parametrize(("position", "expected"), [(0, 0), (1, 0), (2, 1), (3, 2)])
def test_position_inside_a_surrogate_pair_rounds_down(position: int, expected: int) -> None:
    assert from_qt("🔴ab", position) == expected


def test_out_of_range_is_refused() -> None:
    offsets = OffsetMap("🔴ab")
    assert offsets.utf16_length == 4
    with pytest.raises(ValueError):
        offsets.to_qt(4)
    with pytest.raises(ValueError):
        offsets.from_qt(5)
    with pytest.raises(ValueError):
        offsets.to_qt(-1)


@given(st.text(alphabet=st.sampled_from("ابت قال 🔴🚀😀𝐀a1\n"), max_size=40), st.data())
def test_round_trip_matches_utf16(text: str, data: st.DataObject) -> None:
    offsets = OffsetMap(text)
    assert offsets.utf16_length == _utf16_len(text)
    index = data.draw(st.integers(0, len(text)))
    position = offsets.to_qt(index)
    assert position == _utf16_len(text[:index])
    assert offsets.from_qt(position) == index
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert offsets.span_from_qt(*offsets.span_to_qt(start, end)) == (start, end)
