"""The bounds of :mod:`unsubmit.render.growth` are never below what an operation builds: drawn
strings and arguments, the real operation run, its size compared with the bound."""

from __future__ import annotations

from typing import Any

import jinja2
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import filters
from markupsafe import escape

from unsubmit.render.growth import escaped_size, format_size, item_count, result_size

TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
SMALL = st.integers(-3, 30)
ENV = jinja2.Environment(autoescape=True)
BIG = 1 << 62


def _bound(name: str, value: str, **arguments: Any) -> int:
    size = result_size(name, value, arguments, BIG)
    assert size is not None
    return size


@settings(max_examples=300, deadline=None)
@given(value=TEXT, width=SMALL, old=TEXT, new=TEXT, count=st.none() | SMALL)
def test_string_methods_stay_within_their_bounds(
    value: str, width: int, old: str, new: str, count: int | None
) -> None:
    for name in ("center", "ljust", "rjust", "zfill"):
        method = getattr(value, name)
        assert len(method(width)) <= _bound(name, value, width=width)
    assert len(value.expandtabs(width)) <= _bound("expandtabs", value, tabsize=width)
    replaced = value.replace(old, new, -1 if count is None else count)
    assert len(replaced) <= _bound("replace", value, old=old, new=new, count=count)
    for name in ("upper", "lower", "title", "capitalize", "swapcase", "casefold"):
        assert len(getattr(value, name)()) <= _bound(name, value)
    table = {ord(c): new for c in old}
    assert len(value.translate(table)) <= _bound("translate", value, table=table)


@settings(max_examples=300, deadline=None)
@given(value=TEXT, width=st.integers(1, 30), wrap=st.none() | TEXT, long_words=st.booleans())
def test_wordwrap_stays_within_its_bounds(
    value: str, width: int, wrap: str | None, long_words: bool
) -> None:
    wrapped = filters.do_wordwrap(ENV, value, width, long_words, wrap)
    arguments = {"width": width, "wrapstring": wrap}
    assert len(wrapped) <= _bound("wordwrap", value, **arguments)
    lines = wrapped.split(wrap) if wrap else wrapped.splitlines()
    pieces = item_count("wordwrap", value, arguments)
    assert pieces is not None and len(lines) <= pieces


@settings(max_examples=300, deadline=None)
@given(value=TEXT, width=st.integers(0, 30) | TEXT)
def test_indent_and_escaping_stay_within_their_bounds(value: str, width: int | str) -> None:
    assert len(filters.do_indent(value, width, True, True)) <= _bound("indent", value, width=width)
    assert len(str(filters.do_forceescape(value))) <= _bound("forceescape", value)
    assert len(filters.do_urlencode(value)) <= _bound("urlencode", value)


@settings(max_examples=300, deadline=None)
@given(value=TEXT, sep=st.none() | TEXT.filter(bool), maxsplit=st.integers(-1, 5))
def test_splits_make_no_more_pieces_than_counted(
    value: str, sep: str | None, maxsplit: int
) -> None:
    for name in ("split", "rsplit"):
        pieces = getattr(value, name)(sep, maxsplit)
        assert len(pieces) <= (item_count(name, value, {"sep": sep, "maxsplit": maxsplit}) or 0)
    assert len(value.splitlines()) <= (item_count("splitlines", value, {}) or 0)


@settings(max_examples=300, deadline=None)
@given(
    fields=st.lists(st.sampled_from(["%s", "%5s", "%.3s", "%-7s", "%%", "%d", "%*d"]), max_size=6),
    text=TEXT,
    number=st.integers(0, 40),
)
def test_formats_stay_within_their_bounds(fields: list[str], text: str, number: int) -> None:
    template = "x".join(fields)
    values: list[Any] = []
    for field in fields:
        values += {"%%": [], "%d": [number], "%*d": [number, number]}.get(field, [text])
    assert len(template % tuple(values)) <= format_size(template, values, BIG)
    braces = "{0}{1:>" + str(number) + "}{0!r}"
    assert len(braces.format(text, text)) <= format_size(braces, [text, text], BIG)


@settings(max_examples=300, deadline=None)
@given(value=st.text(st.sampled_from("a&<>\"'é"), max_size=40) | TEXT)
def test_the_escaped_size_is_exact(value: str) -> None:
    assert escaped_size(value) == len(str(escape(value)))
