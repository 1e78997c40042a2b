"""Wrong types at every level: any value of any sample replaced by a value of another type.

The corpus shows typical wrong types through the command line; this goes through every path of
every sample, so that no field, however deep, can crash validation (a list where a mapping
key is looked up, a mapping where text is split...) instead of producing findings.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES
from unsubmit.check.validate import check_document
from unsubmit.load.source import JsonPath, SourceDocument, load_file

#: One value of each type a case file can hold, each wrong somewhere.
WRONG: list[Any] = [None, True, 10**30, float("nan"), "", "yes", [[]], {"a": 1}]


def _paths(data: Any, path: JsonPath = ()) -> Iterator[JsonPath]:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*path, index))


def _replaced(data: Any, path: JsonPath, value: Any) -> Any:
    if not path:
        return value
    copied = copy.deepcopy(data)
    node = copied
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return copied


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_any_value_of_any_type_anywhere_gives_findings_not_a_crash(sample: Path) -> None:
    document = load_file(sample)
    checked = 0
    for path in _paths(document.data):
        for value in WRONG:
            data = _replaced(document.data, path, value)
            moved = SourceDocument(document.name, data, document.positions, document.key_positions)
            result = check_document(moved)
            checked += 1
            for finding in result.findings:
                assert finding.location.line is not None, (path, value, finding)
            if not result.errors:  # whatever passes must be a case that can be built
                assert result.case is not None, (path, value)
    assert checked > 200
