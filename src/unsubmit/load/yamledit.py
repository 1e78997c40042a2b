"""Write translations into a case file's YAML and keep everything else exactly as it was.

A case file is a document people edit by hand: its comments cite sources, its key order follows
the reading order, its long texts are folded where the author chose. Writing translations back
through a plain YAML dump would lose all of that, so this module edits ruamel.yaml's round-trip
tree, which keeps comments, order, quoting and block styles, and moves the comments that ruamel
attaches to a value along with it when that value becomes a mapping of languages.

ruamel.yaml cannot reproduce every layout (it re-joins plain text wrapped over several lines,
for instance). Before any edit the file is written back unchanged; when that does not give the
same bytes, the edit is refused with the first line that would change, rather than reformat
lines nobody asked to touch. Reading for validation stays with ``unsubmit.load.source``; this module
only writes, and only files that have passed validation.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from unsubmit.errors import InputError, Location
from unsubmit.load.source import JsonPath, format_path

__all__ = ["set_texts"]

#: Indentation styles tried, in order: (mapping, sequence, dash offset) as ruamel names them.
_STYLES = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (3, 3, 0))
#: Where a new long translation is folded onto the next line.
_FOLD_WIDTH = 88


def _yaml(style: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line ruamel keeps
    mapping, sequence, offset = style
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _first_difference(before: str, after: str) -> int:
    lines = zip(before.splitlines(), after.splitlines(), strict=False)
    for number, (old, new) in enumerate(lines, start=1):
        if old != new:
            return number
    return min(len(before.splitlines()), len(after.splitlines())) + 1


def _load(text: str, name: str) -> tuple[YAML, Any]:
    """The round-trip tree, with the indentation style that writes the file back unchanged."""
    first_change = 0
    for style in _STYLES:
        yaml = _yaml(style)
        try:
            data = yaml.load(text)
        except YAMLError as exc:
            raise InputError(
                f"cannot read the file to write into it: {exc}", Location(name)
            ) from exc
        written = _dump(yaml, data)
        if written == text:
            return yaml, data
        first_change = max(first_change, _first_difference(text, written))
    raise InputError(
        "the translations cannot be written without changing the layout of other lines "
        "(plain text wrapped over several lines is re-joined, for instance): write that text "
        "as a folded block (key: >) and import again",
        Location(name, first_change),
    )


def _is_block(value: Any) -> bool:
    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _folded(text: str) -> Any:
    """``text`` as a folded block scalar, wrapped at single spaces near ``_FOLD_WIDTH``."""
    folded = FoldedScalarString(text)
    positions, start = [], 0
    for index, char in enumerate(text):
        if char != " " or index - start < _FOLD_WIDTH // 2:
            continue
        if text[index - 1] == " " or index + 1 >= len(text) or text[index + 1].isspace():
            continue  # a fold next to other white space would change the text
        following = text.find(" ", index + 1)
        end = len(text.rstrip("\n")) if following < 0 else following
        if end - start > _FOLD_WIDTH:
            positions.append(index)
            start = index + 1
    folded.fold_pos = positions
    return folded


def _styled(text: str, like: Any) -> Any:
    """A translation written the way its original is: a block where the original is one."""
    body = text.rstrip("\n")
    if isinstance(like, LiteralScalarString) or "\n" in body:
        return LiteralScalarString(text)
    if isinstance(like, FoldedScalarString) or len(body) > _FOLD_WIDTH:
        return _folded(text)
    return text


class _Trailing:
    """The comment ruamel keeps after one entry: an end-of-line part, then whole lines.

    ruamel stores it with the entry's container, in a form that depends on whether the value is
    a block scalar (which ends its own line); it is split here so that the end-of-line part can
    stay with the original text and the lines that follow can move after the last translation.
    """

    def __init__(self, token: Any, after_block: bool) -> None:
        self.token = token
        value = str(token.value) if token is not None else ""
        if after_block:
            self.eol, self.lines = "", value
        else:
            self.eol, _, self.lines = value.partition("\n")

    def token_for(self, eol: str, lines: str, block: bool) -> Any:
        if not eol and not lines:
            return None
        token = copy.copy(self.token)
        token.value = lines if block and not eol else f"{eol}\n{lines}"
        return token


def _slot(container: Any, key: str | int) -> tuple[dict[Any, Any], int]:
    items: dict[Any, Any] = container.ca.items
    return items, (0 if isinstance(container, CommentedSeq) else 2)


def _take(container: Any, key: str | int) -> Any:
    items, index = _slot(container, key)
    entry = items.get(key)
    if entry is None:
        return None
    token = entry[index]
    entry[index] = None
    return token


def _put(container: Any, key: str | int, token: Any) -> None:
    if token is None:
        return
    items, index = _slot(container, key)
    entry = items.setdefault(key, [None, None, None, None])
    entry[index] = token


def _translate(parent: Any, key: str | int, own: str, language: str, text: str) -> None:
    """Give ``parent[key]`` its text in ``language``, turning a plain text into a mapping."""
    value = parent[key]
    if isinstance(value, CommentedMap):
        last = list(value)[-1]
        trailing = _Trailing(_take(value, last), _is_block(value[last]))
        value[language] = _styled(text, value.get(own))
        new_last = list(value)[-1]
        if new_last == last:
            _put(
                value,
                last,
                trailing.token_for(trailing.eol, trailing.lines, _is_block(value[last])),
            )
        else:
            _put(value, last, trailing.token_for(trailing.eol, "", _is_block(value[last])))
            _put(
                value, new_last, trailing.token_for("", trailing.lines, _is_block(value[new_last]))
            )
        return
    trailing = _Trailing(_take(parent, key), _is_block(value))
    mapping = CommentedMap()
    mapping[own] = value
    mapping[language] = _styled(text, value)
    _put(mapping, own, trailing.token_for(trailing.eol, "", _is_block(value)))
    _put(mapping, language, trailing.token_for("", trailing.lines, _is_block(mapping[language])))
    parent[key] = mapping


def set_texts(
    text: str, name: str, own: str, language: str, translations: Mapping[JsonPath, str]
) -> str:
    """The file's text with each path's text given in ``language`` too.

    ``own`` is the case's language, under which a plain text is kept when it becomes a mapping.
    A byte order mark and Windows line ends (CR LF throughout) are kept too.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text.removeprefix(bom)
    crlf = text.count("\r\n") == text.count("\n") > 0
    if crlf:
        text = text.replace("\r\n", "\n")
    yaml, data = _load(text, name)
    for path, translation in translations.items():
        parent = data
        try:
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]]  # the path must exist before it is changed
        except (KeyError, IndexError, TypeError) as exc:
            raise InputError(
                "the file changed while it was being read: import again",
                Location(name, path=format_path(path)),
            ) from exc
        _translate(parent, path[-1], own, language, translation)
    written = _dump(yaml, data)
    return bom + (written.replace("\n", "\r\n") if crlf else written)
