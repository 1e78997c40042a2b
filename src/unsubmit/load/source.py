"""Load a case file into plain data, safely, and remember where every value came from.

Case files are written by other organisations and may be hostile: a YAML loader that follows
tags can run code, one that expands aliases can be made to allocate gigabytes ("billion
laughs"), and a recursive composer falls over on ten thousand nested brackets. This module
therefore reads PyYAML's event stream with its own iterative composer and refuses tags,
aliases, merge keys, duplicate keys, extra documents and excessive nesting while it reads,
before anything can grow. It keeps the line and column of every value and of every mapping
key, so that a validation finding can say ``file:line:col: $.json.path: message``.

Plain scalars are resolved with the YAML 1.2 core schema: ``yes``, ``no``, ``on`` and ``off``
stay text, and so do dates and times; quoted scalars are always text.
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
)

from unsubmit.errors import Location, ReadError, YamlError
from unsubmit.load.yaml_errors import explain_syntax

__all__ = [
    "JsonPath",
    "Limits",
    "Position",
    "SourceDocument",
    "format_path",
    "load_file",
    "load_text",
]

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a file: line and column, both 1-based, the column counted in characters."""

    line: int
    column: int


@dataclass(frozen=True)
class Limits:
    """How much a single case file may hold before it is refused."""

    max_bytes: int = 8 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 500_000
    max_scalar_chars: int = 2 * 1024 * 1024


_START: Final = Position(1, 1)


@dataclass
class SourceDocument:
    """The data of one case file and the position of each of its values and keys."""

    name: str
    data: Any
    positions: dict[JsonPath, Position]
    key_positions: dict[JsonPath, Position]
    #: Text the file holds but YAML reads as a comment: a ``#word`` after an unquoted value on
    #: its line (a hashtag, as advocacy text has them), with where the ``#`` is.
    swallowed: list[tuple[JsonPath, Position, str]] = field(default_factory=list)

    def locate(self, path: Sequence[str | int]) -> Position:
        """Position of the value at path; for a path that does not exist (e.g. a missing
        required property), the nearest existing ancestor's position; root falls back to 1:1."""
        key = tuple(path)
        positions = self.positions
        while key:
            found = positions.get(key)
            if found is not None:
                return found
            key = key[:-1]
        return positions.get((), _START)

    def locate_key(self, path: Sequence[str | int]) -> Position:
        """Position of the key if the path ends in a mapping key, else locate(path)."""
        found = self.key_positions.get(tuple(path))
        return found if found is not None else self.locate(path)


_IDENTIFIER: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
#: After a plain value: blanks, then a ``#`` that starts a word, not ``# a comment``.
_SWALLOWED: Final = re.compile(r"[ \t]+(#[^\s#].*?)\s*$")
_PATH_ESCAPES: Final = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _quote_key(key: str) -> str:
    out = []
    for char in key:
        escaped = _PATH_ESCAPES.get(char)
        if escaped is None:
            code = ord(char)
            escaped = f"\\u{code:04x}" if code < 0x20 or 0x7F <= code < 0xA0 else char
        out.append(escaped)
    return "['" + "".join(out) + "']"


def format_path(path: Sequence[str | int]) -> str:
    """JSON path text: () -> '$'; ('victims', 0, 'name') -> '$.victims[0].name';
    keys that are not identifiers ([A-Za-z_][A-Za-z0-9_-]*) are quoted: $['a b']"""
    parts = ["$"]
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif _IDENTIFIER.fullmatch(part):
            parts.append("." + part)
        else:
            parts.append(_quote_key(part))
    return "".join(parts)


# --- scalar resolution (YAML 1.2 core schema, plain scalars only) ---------------------------

_CORE: Final = "tag:yaml.org,2002:"
_NULLS: Final[dict[str, None]] = {"": None, "~": None, "null": None, "Null": None, "NULL": None}
_BOOLS: Final = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_FLOAT_WORDS: Final = {
    ".inf": math.inf,
    ".Inf": math.inf,
    ".INF": math.inf,
    "+.inf": math.inf,
    "+.Inf": math.inf,
    "+.INF": math.inf,
    "-.inf": -math.inf,
    "-.Inf": -math.inf,
    "-.INF": -math.inf,
    ".nan": math.nan,
    ".NaN": math.nan,
    ".NAN": math.nan,
}
_WORDS: Final[dict[str, Any]] = {**_NULLS, **_BOOLS, **_FLOAT_WORDS}
_MAYBE_NOT_TEXT: Final = frozenset("-+.0123456789~nNtTfF")
_INT_DECIMAL: Final = re.compile(r"[-+]?[0-9]+")
_INT_OCTAL: Final = re.compile(r"0o[0-7]+")
_INT_HEX: Final = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT: Final = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_MISSING: Final = object()


class _BadScalar(Exception):
    """A scalar that cannot become a value; the composer adds the position."""


def _int_or_none(text: str) -> int | None:
    if _INT_DECIMAL.fullmatch(text):
        try:
            return int(text)
        except ValueError:
            raise _BadScalar(
                f"integer too long to read ({len(text)} digits): quote it to keep it as text"
            ) from None
    if _INT_OCTAL.fullmatch(text):
        return int(text[2:], 8)
    if _INT_HEX.fullmatch(text):
        return int(text[2:], 16)
    return None


def _plain(text: str) -> Any:
    if not text or text[0] not in _MAYBE_NOT_TEXT:
        return text if text else None
    word = _WORDS.get(text, _MISSING)
    if word is not _MISSING:
        return word
    number: int | float | None = _int_or_none(text)
    if number is None and _FLOAT.fullmatch(text):
        number = float(text)
    return text if number is None else number


def _show_tag(tag: str) -> str:
    if tag.startswith(_CORE):
        return "!!" + tag[len(_CORE) :]
    if tag.startswith("!"):
        return tag
    return f"!<{tag}>"


def _refused_tag(tag: str) -> _BadScalar:
    return _BadScalar(f"tag {_show_tag(tag)} is not allowed: case files hold plain data only")


def _tagged(tag: str, text: str) -> Any:
    if tag == "!":
        return text
    kind = tag[len(_CORE) :] if tag.startswith(_CORE) else ""
    if kind == "str":
        return text
    if kind == "null":
        if text in _NULLS:
            return None
    elif kind == "bool":
        if text in _BOOLS:
            return _BOOLS[text]
    elif kind == "int":
        number = _int_or_none(text)
        if number is not None:
            return number
    elif kind == "float":
        word = _FLOAT_WORDS.get(text)
        if word is not None:
            return word
        if _FLOAT.fullmatch(text):
            return float(text)
        if _INT_OCTAL.fullmatch(text) or _INT_HEX.fullmatch(text):
            try:
                return float(int(text[2:], 8 if text[1] == "o" else 16))
            except OverflowError:
                raise _BadScalar(f"{text!r} is too large for a !!float") from None
    elif kind in ("map", "seq"):
        raise _BadScalar(f"tag {_show_tag(tag)} cannot be used on a scalar")
    else:
        raise _refused_tag(tag)
    raise _BadScalar(f"{text!r} is not a valid {_show_tag(tag)} value")


def _key_text(event: ScalarEvent) -> str:
    tag = event.tag
    text = event.value
    if tag is None:
        if text == "<<" and event.implicit[0]:
            raise _BadScalar(
                "merge keys (<<) are not allowed in case files: write the keys out in full"
            )
    elif tag != "!":
        kind = tag[len(_CORE) :] if tag.startswith(_CORE) else ""
        if kind in ("map", "seq"):
            raise _BadScalar(f"tag {_show_tag(tag)} cannot be used on a scalar")
        if kind not in ("str", "int", "float", "bool", "null"):
            raise _refused_tag(tag)
    return text


def _check_collection_tag(tag: str, expected: str, what: str) -> None:
    if tag == "!" or tag == _CORE + expected:
        return
    kind = tag[len(_CORE) :] if tag.startswith(_CORE) else ""
    if kind in ("str", "int", "float", "bool", "null", "map", "seq"):
        raise _BadScalar(f"tag {_show_tag(tag)} cannot be used on a {what}")
    raise _refused_tag(tag)


# --- the composer ---------------------------------------------------------------------------


class _Frame:
    """An open mapping or sequence; ``key`` is the key waiting for its value (None: none)."""

    __slots__ = ("child", "container", "is_map", "key", "path")

    def __init__(self, container: Any, path: JsonPath, is_map: bool) -> None:
        self.container = container
        self.path = path
        self.is_map = is_map
        self.key: str | None = None
        self.child: JsonPath = path


def _position(event: Event) -> Position:
    mark = event.start_mark
    return _START if mark is None else Position(mark.line + 1, mark.column + 1)


def _error(message: str, name: str, position: Position, path: JsonPath) -> YamlError:
    return YamlError(message, Location(name, position.line, position.column, format_path(path)))


def _here(frame: _Frame | None) -> JsonPath:
    """The path of the node about to be read into frame (a key: the mapping's own path)."""
    if frame is None:
        return ()
    if frame.is_map:
        return frame.path if frame.key is None else frame.child
    return (*frame.path, len(frame.container))


class _Composer:
    """Turns events into data and positions, refusing what a case file may not hold."""

    __slots__ = (
        "documents",
        "key_positions",
        "limits",
        "lines",
        "name",
        "nodes",
        "positions",
        "root",
        "swallowed",
    )

    def __init__(self, name: str, limits: Limits, text: str = "") -> None:
        self.name = name
        self.limits = limits
        self.lines = text.splitlines()
        self.swallowed: list[tuple[JsonPath, Position, str]] = []
        self.positions: dict[JsonPath, Position] = {}
        self.key_positions: dict[JsonPath, Position] = {}
        self.root: Any = None
        self.documents = 0
        self.nodes = 0

    def run(self, events: Iterator[Event]) -> SourceDocument:
        stack: list[_Frame] = []
        scalar = self.scalar
        start = self.start
        for event in events:
            if isinstance(event, ScalarEvent):
                scalar(event, stack[-1] if stack else None)
            elif isinstance(event, CollectionEndEvent):
                stack.pop()
            elif isinstance(event, CollectionStartEvent):
                stack.append(start(event, stack))
            elif isinstance(event, AliasEvent):
                raise self.alias(event, stack[-1] if stack else None)
            elif isinstance(event, DocumentStartEvent):
                self.document(event)
        if self.documents == 0:
            raise ReadError(
                "the file is empty: start from `unsubmit new KIND`", Location(self.name)
            )
        return SourceDocument(
            self.name, self.root, self.positions, self.key_positions, self.swallowed
        )

    def scalar(self, event: ScalarEvent, frame: _Frame | None) -> None:
        mark = event.start_mark
        position = _START if mark is None else Position(mark.line + 1, mark.column + 1)
        self.nodes += 1
        text = event.value
        limits = self.limits
        if self.nodes > limits.max_nodes or len(text) > limits.max_scalar_chars:
            raise self.too_much(text, position, _here(frame))
        if frame is not None and frame.is_map and frame.key is None:
            self.key(event, frame, position)
            return
        tag = event.tag
        value: Any
        try:
            if tag is None:
                value = _plain(text) if event.implicit[0] else text
            else:
                value = _tagged(tag, text)
        except _BadScalar as exc:
            raise _error(str(exc), self.name, position, _here(frame)) from None
        if frame is None:
            self.root = value
            self.positions[()] = position
            path: JsonPath = ()
        elif frame.is_map:
            frame.container[frame.key] = value
            frame.key = None
            path = frame.child
            self.positions[path] = position
        else:
            container = frame.container
            path = (*frame.path, len(container))
            self.positions[path] = position
            container.append(value)
        if not event.style and isinstance(value, str) and " " in value:  # plain prose
            self.comment_after(event, path)

    def comment_after(self, event: ScalarEvent, path: JsonPath) -> None:
        """Note a ``#word`` after a plain value on its line (plain: a style of None, or "" from
        libyaml): YAML drops it as a comment."""
        end = event.end_mark
        if end is None or end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column :]
        found = _SWALLOWED.match(rest)
        if found is not None:
            column = end.column + found.start(1) + 1
            self.swallowed.append((path, Position(end.line + 1, column), found.group(1)))

    def key(self, event: ScalarEvent, frame: _Frame, position: Position) -> None:
        try:
            key = _key_text(event)
        except _BadScalar as exc:
            raise _error(str(exc), self.name, position, frame.path) from None
        path = (*frame.path, key)
        if key in frame.container:
            first = self.key_positions[path]
            raise _error(
                f"duplicate key {key!r} (first at line {first.line}): remove one",
                self.name,
                position,
                path,
            )
        frame.key = key
        frame.child = path
        self.key_positions[path] = position

    def start(self, event: CollectionStartEvent, stack: list[_Frame]) -> _Frame:
        is_map = isinstance(event, MappingStartEvent)
        what = "mapping" if is_map else "sequence"
        position = _position(event)
        frame = stack[-1] if stack else None
        self.nodes += 1
        if frame is not None and frame.is_map and frame.key is None:
            raise _error(
                f"a {what} cannot be a key: keys must be plain text",
                self.name,
                position,
                frame.path,
            )
        path = _here(frame)
        if event.tag is not None:
            try:
                _check_collection_tag(event.tag, "map" if is_map else "seq", what)
            except _BadScalar as exc:
                raise _error(str(exc), self.name, position, path) from None
        limits = self.limits
        if len(stack) >= limits.max_depth:
            raise _error(
                f"nesting deeper than {limits.max_depth} levels", self.name, position, path
            )
        if self.nodes > limits.max_nodes:
            raise self.too_much("", position, path)
        container: Any = {} if is_map else []
        if frame is None:
            self.root = container
        elif frame.is_map:
            frame.container[frame.key] = container
            frame.key = None
        else:
            frame.container.append(container)
        self.positions[path] = position
        return _Frame(container, path, is_map)

    def too_much(self, text: str, position: Position, path: JsonPath) -> YamlError:
        limits = self.limits
        if self.nodes > limits.max_nodes:
            message = f"more than {limits.max_nodes} values in one file"
        else:
            message = f"a value longer than {limits.max_scalar_chars} characters ({len(text)})"
        return _error(message, self.name, position, path)

    def alias(self, event: AliasEvent, frame: _Frame | None) -> YamlError:
        return _error(
            f"aliases (*{event.anchor}) are not allowed in case files: write the value out in full",
            self.name,
            _position(event),
            _here(frame),
        )

    def document(self, event: DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            position = _position(event)
            raise _error(
                "a case file holds one document; found a second at line "
                f"{position.line}: put each case in a file of its own",
                self.name,
                position,
                (),
            )


# --- text ---------------------------------------------------------------------------------

_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = (
    yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
)
_NOT_PRINTABLE: Final = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_MIB: Final = 1024 * 1024


def _show_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"


def _show_limit(limit: int) -> str:
    return f"{limit // _MIB} MB" if limit >= _MIB and limit % _MIB == 0 else _show_size(limit)


def _too_large(size: int, limits: Limits, name: str) -> ReadError:
    return ReadError(
        f"file is {_show_size(size)}; case files may be at most {_show_limit(limits.max_bytes)}",
        Location(name),
    )


def _text_location(text: str, index: int, name: str) -> Location:
    line_start = text.rfind("\n", 0, index) + 1
    return Location(name, text.count("\n", 0, index) + 1, index - line_start + 1)


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise ReadError("the file is UTF-32; save it as UTF-8", Location(name))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("the file is UTF-16; save it as UTF-8", Location(name))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        head = data[:nul].decode("utf-8", "replace")
        raise ReadError(
            "looks like a binary file, not YAML text", _text_location(head, len(head), name)
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start].decode("utf-8", "replace")
        raise ReadError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}): save the file as UTF-8",
            _text_location(head, len(head), name),
        ) from None


_LIBYAML_NESTING_LIMIT: Final = 1000


def _yaml_error(exc: yaml.YAMLError, name: str, limits: Limits, text: str) -> YamlError:
    if isinstance(exc, yaml.MarkedYAMLError):
        plain = explain_syntax(exc, text)
        if plain is not None:
            return YamlError(plain.message, Location(name, plain.line, plain.column))
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(part for part in (exc.problem, exc.context) if part)
        if exc.problem == "exceeded maximum nesting depth":
            # libyaml >= 0.2.6 stops a long line of brackets while looking ahead, before
            # the composer has seen enough events to apply max_depth itself.
            depth = min(limits.max_depth, _LIBYAML_NESTING_LIMIT)
            message = f"nesting deeper than {depth} levels"
        location = (
            Location(name) if mark is None else Location(name, mark.line + 1, mark.column + 1)
        )
        return YamlError(message or "not valid YAML", location)
    return YamlError(f"not valid YAML: {exc}", Location(name, 1, 1))


def load_text(text: str | bytes, name: str, limits: Limits = Limits()) -> SourceDocument:
    """Load one case file from its text (or its undecoded bytes) into a SourceDocument."""
    if isinstance(text, bytes):
        if len(text) > limits.max_bytes:
            raise _too_large(len(text), limits, name)
        text = _decode(text, name)
    else:
        size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
        if size > limits.max_bytes:
            raise _too_large(size, limits, name)
        if text.startswith("\ufeff"):
            text = text[1:]
        nul = text.find("\x00")
        if nul >= 0:
            raise ReadError(
                "looks like a binary file, not YAML text", _text_location(text, nul, name)
            )
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        raise YamlError(
            f"unacceptable character U+{ord(bad.group()):04X}: "
            "control characters are not allowed in YAML",
            _text_location(text, bad.start(), name),
        )
    events = yaml.parse(text, Loader=_LOADER)
    try:
        return _Composer(name, limits, text).run(events)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, name, limits, text) from None
    except (RecursionError, ValueError, UnicodeError, OverflowError) as exc:
        raise YamlError(f"not valid YAML: {exc}", Location(name, 1, 1)) from None
    finally:
        close = getattr(events, "close", None)
        if close is not None:
            close()


# --- files --------------------------------------------------------------------------------


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot be read (permission denied)"
    reason = exc.strerror or str(exc)
    return f"cannot be read ({reason[:1].lower()}{reason[1:]})"


def _refuse_kind(mode: int, size: int, limits: Limits, name: str) -> None:
    if stat.S_ISDIR(mode):
        raise ReadError(
            "is a directory, not a case file: give the case files in it (DIR/*.yaml)",
            Location(name),
        )
    if not stat.S_ISREG(mode):
        if stat.S_ISFIFO(mode):
            kind = "a named pipe (FIFO)"
        elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            kind = "a device"
        elif stat.S_ISSOCK(mode):
            kind = "a socket"
        else:
            kind = "a special file"
        raise ReadError(f"is {kind}, not a case file", Location(name))
    if size > limits.max_bytes:
        raise _too_large(size, limits, name)


_OPEN_FLAGS: Final = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


def _read_capped(path: Path, limits: Limits, name: str) -> bytes:
    try:
        status = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise ReadError("no such file", Location(name)) from None
    except OSError as exc:
        raise ReadError(_os_reason(exc), Location(name)) from None
    except ValueError:
        raise ReadError("is not a valid file name", Location(name)) from None
    _refuse_kind(status.st_mode, status.st_size, limits, name)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise ReadError("no such file", Location(name)) from None
    except OSError as exc:
        raise ReadError(_os_reason(exc), Location(name)) from None
    try:
        status = os.fstat(descriptor)
        _refuse_kind(status.st_mode, status.st_size, limits, name)
        chunks: list[bytes] = []
        remaining = limits.max_bytes + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, _MIB))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:
        raise ReadError(_os_reason(exc), Location(name)) from None
    finally:
        os.close(descriptor)
    if remaining <= 0:
        limit = _show_limit(limits.max_bytes)
        raise ReadError(
            f"file is larger than {limit}; case files may be at most {limit}", Location(name)
        )
    return b"".join(chunks)


def load_file(path: Path, name: str | None = None, limits: Limits = Limits()) -> SourceDocument:
    """Read and load one case file; ``name`` is how to show it in messages (default: path)."""
    shown = str(path) if name is None else name
    return load_text(_read_capped(path, limits, shown), shown, limits)
