"""How large the result of a string operation can be, known from its arguments before it runs.

A template can ask one call for far more memory than its arguments hold: ``("y" * 1500)|join("x"
* 1000000)`` builds 1.5 billion characters, ``"\\t".expandtabs(10**6)`` a million from one, a
format string of many fields each as wide as allowed a billion. Checking the result afterwards
is too late: the memory is taken. So :mod:`unsubmit.render.limits` asks here, before each filter,
string method and operator runs, for an upper bound of its result's size (characters, or items
for what splits a string into pieces), and refuses the call when the bound is over the budget.

Each bound is cheap to compute (a count, a length) and never below what the operation can build;
it may be above it, which only matters for values far larger than any letter needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

__all__ = ["BOUNDED", "escaped_size", "format_size", "item_count", "result_size", "shown_size"]

#: Characters one character can become: in upper or lower case (``ß`` → ``SS``, ``ΐ`` → 3), in
#: XML or HTML escaping (``"`` → ``&#34;``), percent-encoded (4 bytes of UTF-8, 3 characters
#: each), or in a repr (``\\U000e0001``).
CASE_GROWTH: Final = 3
ESCAPE_GROWTH: Final = 6
URL_GROWTH: Final = 12
REPR_GROWTH: Final = 10

_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?[a-zA-Z%]")
_BRACE_FIELD = re.compile(r"\{[^{}]*\}")
_NESTED_FIELD = re.compile(r"\{[^{}]*\{")
#: Fields that show a value's repr (``%r``, ``%a``, ``{0!r}``, ``{0!a}``).
_REPR_FIELD = re.compile(r"%.*[ra]$|![ra]")
#: Filters that read a string as its characters, or split it into words (title, wordcount,
#: striptags, urlize and wordwrap): at most one piece a character.
_PIECES: Final = frozenset(
    {
        "list",
        "sort",
        "unique",
        "batch",
        "slice",
        "groupby",
        "title",
        "wordcount",
        "striptags",
        "urlize",
        "wordwrap",
    }
)
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def shown_size(value: Any, budget: int) -> int:
    """An upper bound of ``len(str(value))``, and of its repr; ``budget + 1`` as soon as the
    bound passes ``budget`` (so that huge nested values cost no more than that to measure)."""
    if isinstance(value, str):
        return len(value) * REPR_GROWTH + 2
    if isinstance(value, (bytes, bytearray)):
        return len(value) * 4 + 3
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return value.bit_length() // 3 + 2
    if isinstance(value, float):
        return 32
    items: Iterable[Any]
    if isinstance(value, Mapping):
        items = (part for pair in value.items() for part in pair)
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = value
    else:
        return 256  # an object's own repr: a macro, a cycler, an undefined name
    total = 2
    for item in items:
        total += shown_size(item, budget - total) + 2
        if total > budget:
            return budget + 1
    return total


def escaped_size(text: str) -> int:
    """The length of ``text`` escaped for XML or HTML, exactly: ``&`` becomes ``&amp;``, ``<``
    ``&lt;``, ``>`` ``&gt;``, and quotes ``&#34;`` and ``&#39;``."""
    grows = 4 * (text.count("&") + text.count('"') + text.count("'"))
    return len(text) + grows + 3 * (text.count("<") + text.count(">"))


def _plain_size(value: Any, budget: int) -> int:
    """``len(str(value))`` for a string, :func:`shown_size` for anything else."""
    return len(value) if isinstance(value, str) else shown_size(value, budget)


def _width(value: Any) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return max(value, 0)
    return len(value) if isinstance(value, str) else 0


def format_size(template: Any, values: Iterable[Any], budget: int) -> int:
    """An upper bound of the size of ``template % values`` or ``template.format(*values)``.

    Each field may repeat any value (``{0}{0}``, ``%(a)s%(a)s``) and be padded as wide as its
    width or precision says (``*`` takes a width from the values: the largest number among them).
    """
    if not isinstance(template, str):
        return 0
    values = list(values)
    numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
    star = max([0, *numbers])
    longest = max([0, *(_plain_size(v, budget) for v in values)])
    longest_repr = max([0, *(shown_size(v, budget) for v in values)])
    # A field whose width is another field (``{0:{1}}``) may be as wide as any number given.
    total = len(template) + len(_NESTED_FIELD.findall(template)) * (star + longest)
    for pattern in (_PERCENT_FIELD, _BRACE_FIELD):
        for field in pattern.finditer(template):
            digits = [int(d) if d.isdigit() else star for d in re.findall(r"\*|\d+", field[0])]
            shown = longest_repr if _REPR_FIELD.search(field[0]) else longest
            total += max([0, *digits]) + shown
            if total > budget:
                return budget + 1
    return total


def item_count(name: str, value: Any, arguments: Mapping[str, Any]) -> int | None:
    """How many pieces ``value.split()`` and its kin make, or None for other operations."""
    if not isinstance(value, str):
        return None
    if name in ("split", "rsplit"):
        return _split_count(value, arguments)
    if name == "splitlines":
        return _line_breaks(value) + 1
    if name == "wordwrap":
        return max(len(value), _wrapped_lines(value, arguments))
    if name in _PIECES:
        return len(value)  # a string read as its characters (title and wordcount split words)
    return None


def _split_count(value: str, arguments: Mapping[str, Any]) -> int:
    sep = arguments.get("sep")
    count = value.count(sep) + 1 if isinstance(sep, str) and sep else len(value) // 2 + 1
    maxsplit = arguments.get("maxsplit", -1)
    if isinstance(maxsplit, int) and maxsplit >= 0:
        count = min(count, maxsplit + 1)
    return count


def _replace(value: str, arguments: Mapping[str, Any]) -> int:
    old, new, count = arguments.get("old"), arguments.get("new"), arguments.get("count")
    if not isinstance(old, str):
        return len(value)
    hits = value.count(old) if old else len(value) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(value) + hits * _plain_size(new, 1 << 62)


def _translate(value: str, arguments: Mapping[str, Any]) -> int:
    table = arguments.get("table")
    targets: Iterable[Any] = table.values() if isinstance(table, Mapping) else ()
    if isinstance(table, (list, tuple)):
        targets = table
    return len(value) * max([1, *(_plain_size(t, 1 << 62) for t in targets)])


def _wordwrap(value: str, arguments: Mapping[str, Any]) -> int:
    """A line holds at least half of ``width`` on average (the next word did not fit), or one
    character when long words are broken; a wrap string goes between two lines."""
    wrap = arguments.get("wrapstring")
    return len(value) + _wrapped_lines(value, arguments) * (
        len(wrap) if isinstance(wrap, str) else 2
    )


def _wrapped_lines(value: str, arguments: Mapping[str, Any]) -> int:
    width = max(_width(arguments.get("width", 79)), 1)
    return 2 * len(value) // width + _line_breaks(value) + 2


def _urlize(value: str, arguments: Mapping[str, Any]) -> int:
    """Each link (at least 4 characters) is written three times, with its attributes."""
    extra = sum(_plain_size(arguments.get(k) or "", 1 << 62) for k in ("target", "rel"))
    return len(value) * 3 + (len(value) // 4 + 1) * (80 + extra)


def _indent(value: str, arguments: Mapping[str, Any]) -> int:
    """Every line gets the indent, and every line break becomes a ``\\n``."""
    width = _width(arguments.get("width", 4))
    return len(value) + 1 + (_line_breaks(value) + 1) * (width + 1)


def _line_breaks(value: str) -> int:
    return sum(value.count(char) for char in _LINE_BREAKS)


def _padded(value: str, arguments: Mapping[str, Any]) -> int:
    return max(len(value), _width(arguments.get("width", 80)))


def _expandtabs(value: str, arguments: Mapping[str, Any]) -> int:
    return len(value) + value.count("\t") * _width(arguments.get("tabsize", 8))


#: Bounds of the result of string filters and methods, from the string and the arguments.
_STRING: Final[dict[str, Callable[[str, Mapping[str, Any]], int]]] = {
    "center": _padded,
    "ljust": _padded,
    "rjust": _padded,
    "zfill": _padded,
    "expandtabs": _expandtabs,
    "indent": _indent,
    "replace": _replace,
    "translate": _translate,
    "wordwrap": _wordwrap,
    "urlize": _urlize,
    **dict.fromkeys(
        ("upper", "lower", "title", "capitalize", "swapcase", "casefold"),
        lambda value, _: len(value) * CASE_GROWTH,
    ),
    **dict.fromkeys(("escape", "e", "forceescape"), lambda value, _: escaped_size(value)),
    "urlencode": lambda value, _: len(value) * URL_GROWTH,
    "encode": lambda value, _: len(value) * 4,
}


def result_size(name: str, value: Any, arguments: Mapping[str, Any], budget: int) -> int | None:
    """An upper bound of the size of filter or method ``name`` applied to ``value`` with
    ``arguments`` (by parameter name), or None when it cannot grow beyond its inputs."""
    if isinstance(value, str) and name in _STRING:
        return _STRING[name](value, arguments)
    if name in ("format", "format_map"):
        values = [*arguments.get("args", ()), *dict(arguments.get("kwargs", {})).values()]
        if isinstance(arguments.get("mapping"), Mapping):
            values += list(arguments["mapping"].values())
        return format_size(value, values, budget)
    if name in ("string", "pprint", "tojson", "xmlattr"):
        indent = _width(arguments.get("indent") or 0) + (1 if name == "pprint" else 0)
        size = shown_size(value, budget) * ESCAPE_GROWTH
        return size + (size * indent if indent else 0)
    if name == "urlencode":
        return shown_size(value, budget) * URL_GROWTH
    return None


#: Every filter and method whose result :func:`result_size` or :func:`item_count` bounds.
BOUNDED: Final = frozenset(
    {
        *_STRING,
        *_PIECES,
        "split",
        "rsplit",
        "splitlines",
        "format",
        "format_map",
        "string",
        "pprint",
        "tojson",
        "xmlattr",
    }
)
