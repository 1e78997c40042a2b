"""Tests for unsubmit.load.source: safe YAML loading with positions kept."""

from __future__ import annotations

import math
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from unsubmit.errors import Location, ReadError, YamlError
from unsubmit.load import source
from unsubmit.load.source import (
    Limits,
    Position,
    SourceDocument,
    format_path,
    load_file,
    load_text,
)

_LOADERS = [
    pytest.param(yaml.SafeLoader, id="python-parser"),
    pytest.param(
        getattr(yaml, "CSafeLoader", None),
        id="libyaml-parser",
        marks=pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml"),
    ),
]


@pytest.fixture(params=_LOADERS)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run a test once with each of PyYAML's parsers (libyaml and pure Python)."""
    monkeypatch.setattr(source, "_LOADER", request.param)


@pytest.fixture
def libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exact syntax messages come from libyaml; the pure-Python parser words them differently."""
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML built without libyaml")
    monkeypatch.setattr(source, "_LOADER", yaml.CSafeLoader)


def write(tmp_path: Path, content: str | bytes, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def yaml_error(text: str | bytes, limits: Limits | None = None) -> YamlError:
    with pytest.raises(YamlError) as info:
        load_text(text, "case.yaml", limits or Limits())
    return info.value


def read_error(text: str | bytes, limits: Limits | None = None) -> ReadError:
    with pytest.raises(ReadError) as info:
        load_text(text, "case.yaml", limits or Limits())
    return info.value


def file_error(path: Path, limits: Limits | None = None) -> ReadError:
    with pytest.raises(ReadError) as info:
        load_file(path, "case.yaml", limits or Limits())
    return info.value


def at(line: int | None, column: int | None, path: str = "$") -> Location:
    return Location("case.yaml", line, column, path)


# --- scalars -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("Yes", "Yes"),
        ("y", "y"),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("tRUE", "tRUE"),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("nULL", "nULL"),
        ("", None),
        ("2023-05-07", "2023-05-07"),
        ("2023-05-07T10:00:00Z", "2023-05-07T10:00:00Z"),
        ("12:30", "12:30"),
        ("12:30:45", "12:30:45"),
        ("0", 0),
        ("42", 42),
        ("-17", -17),
        ("+17", 17),
        ("007", 7),
        ("0o17", 15),
        ("0x1F", 31),
        ("0xff", 255),
        ("0b101", "0b101"),
        ("1_000", "1_000"),
        ("0o8", "0o8"),
        ("-0x1F", "-0x1F"),
        ("1.5", 1.5),
        ("-1.5", -1.5),
        (".5", 0.5),
        ("5.", 5.0),
        ("1e3", 1000.0),
        ("1.5E-2", 0.015),
        ("+2.5e+1", 25.0),
        (".inf", math.inf),
        ("+.Inf", math.inf),
        ("-.INF", -math.inf),
        (".", "."),
        ("1.2.3", "1.2.3"),
        ("+1 555 0100", "+1 555 0100"),
        ("name", "name"),
        ("Zoë", "Zoë"),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(text: str, expected: object) -> None:
    data = load_text(f"value: {text}\n", "case.yaml").data
    assert data == {"value": expected}
    assert type(data["value"]) is type(expected)


@pytest.mark.parametrize("text", [".nan", ".NaN", ".NAN"])
def test_nan(text: str) -> None:
    value = load_text(f"value: {text}", "case.yaml").data["value"]
    assert isinstance(value, float)
    assert math.isnan(value)


@pytest.mark.parametrize(
    "text",
    ['"12"', "'12'", '"true"', "'null'", "''", '"2023-05-07"', "|\n  12\n", ">\n  yes\n"],
)
def test_quoted_and_block_scalars_stay_text(text: str) -> None:
    value = load_text(f"value: {text}", "case.yaml").data["value"]
    assert isinstance(value, str)


def test_quoted_values_keep_their_text() -> None:
    data = load_text("a: \"12\"\nb: '0x1F'\nc: |\n  line\n", "case.yaml").data
    assert data == {"a": "12", "b": "0x1F", "c": "line\n"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("!!str 12", "12"),
        ("!!str true", "true"),
        ("!!str", ""),
        ("! 12", "12"),
        ('!!int "7"', 7),
        ("!!int 0x10", 16),
        ("!!float 1", 1.0),
        ("!!float .inf", math.inf),
        ("!!float 2.5", 2.5),
        ("!!float 0x10", 16.0),
        ("!!float 0o10", 8.0),
        ("!!float 1" + "0" * 5000, math.inf),
        ("!!bool false", False),
        ("!!null ~", None),
        ("!!null", None),
        ("!!map {a: 1}", {"a": 1}),
        ("!!seq [1, x]", [1, "x"]),
        ("! {a: 1}", {"a": 1}),
        ("&anchor 5", 5),
    ],
)
def test_allowed_explicit_tags_and_lone_anchors(parser: None, text: str, expected: object) -> None:
    data = load_text(f"value: {text}\n", "case.yaml").data
    assert data == {"value": expected}
    assert type(data["value"]) is type(expected)


def test_keys_are_their_text() -> None:
    text = '1: a\nnull: b\ntrue: c\n~: d\n"x y": e\n1.5: f\n!!int 7: g\n"<<": h\n'
    data = load_text(text, "case.yaml").data
    assert data == {
        "1": "a",
        "null": "b",
        "true": "c",
        "~": "d",
        "x y": "e",
        "1.5": "f",
        "7": "g",
        "<<": "h",
    }
    assert all(type(key) is str for key in data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("[1, 2]", [1, 2]), ("plain text", "plain text"), ("42", 42), ("~", None), ("---\n", None)],
)
def test_the_root_may_be_any_value(text: str, expected: object) -> None:
    assert load_text(text, "case.yaml").data == expected


def test_a_single_document_with_markers_is_accepted() -> None:
    assert load_text("---\na: 1\n...\n", "case.yaml").data == {"a": 1}


def test_mapping_order_is_kept() -> None:
    data = load_text("z: 1\na: 2\nm: 3\n", "case.yaml").data
    assert list(data) == ["z", "a", "m"]


# --- positions -----------------------------------------------------------------------------

CASE = """\
# A communication
kind: communication
title: "Detention of A."
victims:
  - name: Ana
    born: 1990-02-03
    aliases: [A., "Ana B."]
  - name: Bo
    notes: |
      Held without charge.
"""


def test_positions_of_values(parser: None) -> None:
    document = load_text(CASE, "cases/a.yaml")
    assert document.name == "cases/a.yaml"
    assert document.positions == {
        (): Position(2, 1),
        ("kind",): Position(2, 7),
        ("title",): Position(3, 8),
        ("victims",): Position(5, 3),
        ("victims", 0): Position(5, 5),
        ("victims", 0, "name"): Position(5, 11),
        ("victims", 0, "born"): Position(6, 11),
        ("victims", 0, "aliases"): Position(7, 14),
        ("victims", 0, "aliases", 0): Position(7, 15),
        ("victims", 0, "aliases", 1): Position(7, 19),
        ("victims", 1): Position(8, 5),
        ("victims", 1, "name"): Position(8, 11),
        ("victims", 1, "notes"): Position(9, 12),
    }


def test_positions_of_keys(parser: None) -> None:
    document = load_text(CASE, "case.yaml")
    assert document.key_positions == {
        ("kind",): Position(2, 1),
        ("title",): Position(3, 1),
        ("victims",): Position(4, 1),
        ("victims", 0, "name"): Position(5, 5),
        ("victims", 0, "born"): Position(6, 5),
        ("victims", 0, "aliases"): Position(7, 5),
        ("victims", 1, "name"): Position(8, 5),
        ("victims", 1, "notes"): Position(9, 5),
    }


def test_locate_existing_and_missing_paths() -> None:
    document = load_text(CASE, "case.yaml")
    assert document.locate(["victims", 0, "name"]) == Position(5, 11)
    assert document.locate(("victims", 0, "aliases", 1)) == Position(7, 19)
    assert document.locate(("victims", 1, "date_of_birth")) == Position(8, 5)
    assert document.locate(("victims", 7, "name")) == Position(5, 3)
    assert document.locate(("summary",)) == Position(2, 1)
    assert document.locate(()) == Position(2, 1)


def test_locate_key() -> None:
    document = load_text(CASE, "case.yaml")
    assert document.locate_key(("victims", 1, "notes")) == Position(9, 5)
    assert document.locate_key(("victims", 0)) == Position(5, 5)
    assert document.locate_key(("victims", 1, "missing")) == Position(8, 5)
    assert document.locate_key(()) == Position(2, 1)


def test_locate_falls_back_to_the_start_of_the_file() -> None:
    document = SourceDocument("x.yaml", None, {}, {})
    assert document.locate(("a", 0)) == Position(1, 1)
    assert document.locate_key(("a",)) == Position(1, 1)


def test_columns_count_characters_not_bytes(parser: None) -> None:
    document = load_text("- é😀\n- [é, 😀, x]\n", "case.yaml")
    assert document.data == ["é😀", ["é", "😀", "x"]]
    assert document.positions[(1, 1)] == Position(2, 7)
    assert document.positions[(1, 2)] == Position(2, 10)


def test_positions_of_flow_mappings_and_empty_values(parser: None) -> None:
    document = load_text("a: {b: 1, c: [x]}\nd:\ne: end\n", "case.yaml")
    assert document.data == {"a": {"b": 1, "c": ["x"]}, "d": None, "e": "end"}
    assert document.positions[("a",)] == Position(1, 4)
    assert document.key_positions[("a", "c")] == Position(1, 11)
    assert document.positions[("a", "c", 0)] == Position(1, 15)
    assert document.key_positions[("e",)] == Position(3, 1)


def test_crlf_line_endings() -> None:
    document = load_text(b"a: 1\r\nb:\r\n  - x\r\n", "case.yaml")
    assert document.data == {"a": 1, "b": ["x"]}
    assert document.positions[("b", 0)] == Position(3, 5)


# --- format_path ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ((), "$"),
        (("victims", 0, "name"), "$.victims[0].name"),
        (["a"], "$.a"),
        (("date-of-birth",), "$.date-of-birth"),
        (("_x9",), "$._x9"),
        (("a b",), "$['a b']"),
        (("1",), "$['1']"),
        (("",), "$['']"),
        (("-a",), "$['-a']"),
        (("it's",), "$['it\\'s']"),
        (("back\\slash",), "$['back\\\\slash']"),
        (("two\nlines",), "$['two\\nlines']"),
        (("bell\x07",), "$['bell\\u0007']"),
        (("prénom",), "$['prénom']"),
        ((0, 12, "a.b"), "$[0][12]['a.b']"),
    ],
)
def test_format_path(path: tuple[str | int, ...], expected: str) -> None:
    assert format_path(path) == expected


# --- refusals while reading events ---------------------------------------------------------


@pytest.mark.timeout(5)
def test_billion_laughs_is_refused_at_the_first_alias(parser: None) -> None:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n"
        for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
    error = yaml_error(text)
    assert error.message == (
        "aliases (*a) are not allowed in case files: write the value out in full"
    )
    assert error.location == at(2, 8, "$.b[0]")
    assert str(error) == (
        "case.yaml:2:8: $.b[0]: "
        "aliases (*a) are not allowed in case files: write the value out in full"
    )


def test_alias_as_mapping_value_and_as_key(parser: None) -> None:
    error = yaml_error("base: &b x\nother: *b\n")
    assert error.location == at(2, 8, "$.other")
    error = yaml_error("base: &b x\n*b : y\n")
    assert error.message.startswith("aliases (*b) are not allowed")
    assert error.location == at(2, 1)


def test_alias_to_an_undefined_anchor_is_refused_too(parser: None) -> None:
    error = yaml_error("- *nowhere\n")
    assert error.message.startswith("aliases (*nowhere) are not allowed")
    assert error.location == at(1, 3, "$[0]")


@pytest.mark.timeout(5)
@pytest.mark.parametrize(
    ("text", "column", "path"),
    [
        ("[" * 100_000, 65, "$" + "[0]" * 64),
        ("- " * 100_000 + "x", 129, "$" + "[0]" * 64),
        ("{a: " * 100_000, 257, "$" + ".a" * 64),
    ],
    ids=["flow-sequences", "block-sequences", "flow-mappings"],
)
def test_deep_nesting_of_100_000_levels_is_refused_fast(
    parser: None, text: str, column: int, path: str
) -> None:
    error = yaml_error(text)
    assert error.message == "nesting deeper than 64 levels"
    if error.location == at(1, 1001):
        # libyaml >= 0.2.6 refuses more than 1000 brackets on one line while looking ahead,
        # before the composer sees the 65th level; the refusal is the same, the place differs.
        assert source._LOADER is getattr(yaml, "CSafeLoader", None)
        assert text.startswith("[")
    else:
        assert error.location == at(1, column, path)


def test_libyaml_nesting_limit_is_reported_as_nesting(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(stream: object, Loader: object) -> Iterator[object]:
        yield yaml.StreamStartEvent()
        raise yaml.scanner.ScannerError(
            "while increasing flow level",
            None,
            "exceeded maximum nesting depth",
            yaml.Mark("<unicode string>", 1000, 0, 1000, None, 0),
        )

    monkeypatch.setattr(yaml, "parse", refuse)
    error = yaml_error("[" * 2000)
    assert error.message == "nesting deeper than 64 levels"
    assert error.location == at(1, 1001)
    error = yaml_error("[" * 2000, Limits(max_depth=5000))
    assert error.message == "nesting deeper than 1000 levels"


def test_deep_block_mappings_are_refused_where_the_limit_is_passed() -> None:
    text = "\n".join(" " * level + "a:" for level in range(100))
    error = yaml_error(text)
    assert error.message == "nesting deeper than 64 levels"
    assert error.location == at(65, 65, "$" + ".a" * 64)


def test_nesting_up_to_the_limit_is_accepted() -> None:
    assert load_text("[" * 64 + "]" * 64, "case.yaml").data is not None
    error = yaml_error("[" * 65 + "]" * 65)
    assert error.location == at(1, 65, "$" + "[0]" * 64)
    assert load_text("[[[x]]]", "case.yaml", Limits(max_depth=3)).data == [[["x"]]]
    assert yaml_error("[[[x]]]", Limits(max_depth=2)).message == "nesting deeper than 2 levels"


def test_duplicate_keys_name_the_first_line(parser: None) -> None:
    error = yaml_error("name: Ana\nage: 30\n\nname: Bo\n")
    assert error.message == "duplicate key 'name' (first at line 1): remove one"
    assert error.location == at(4, 1, "$.name")


def test_nested_and_flow_duplicate_keys(parser: None) -> None:
    error = yaml_error("victims:\n  - name: A\n    id: 1\n    name: B\n")
    assert error.message == "duplicate key 'name' (first at line 2): remove one"
    assert error.location == at(4, 5, "$.victims[0].name")
    error = yaml_error("{a: 1, b: 2, a: 3}")
    assert error.message == "duplicate key 'a' (first at line 1): remove one"
    assert error.location == at(1, 14, "$.a")


def test_keys_that_are_equal_as_text_are_duplicates(parser: None) -> None:
    error = yaml_error("1: a\n'1': b\n")
    assert error.message == "duplicate key '1' (first at line 1): remove one"
    assert error.location == at(2, 1, "$['1']")


def test_same_key_in_different_mappings_is_fine() -> None:
    data = load_text("- name: a\n- name: b\n", "case.yaml").data
    assert data == [{"name": "a"}, {"name": "b"}]


@pytest.mark.parametrize(
    ("text", "what", "column"),
    [
        ("? [a, b]\n: 1\n", "sequence", 3),
        ("? {a: 1}\n: 1\n", "mapping", 3),
        ("{[a]: 1}", "sequence", 2),
    ],
)
def test_collections_as_keys_are_refused(parser: None, text: str, what: str, column: int) -> None:
    error = yaml_error(text)
    assert error.message == f"a {what} cannot be a key: keys must be plain text"
    assert error.location == at(1, column)


@pytest.mark.parametrize(
    ("text", "shown", "column"),
    [
        ('run: !!python/object/apply:os.system ["rm -rf /"]', "!!python/object/apply:os.system", 6),
        ("run: !!python/name:os.system ''", "!!python/name:os.system", 6),
        (
            "run: !!python/object:collections.OrderedDict {}",
            "!!python/object:collections.OrderedDict",
            6,
        ),
        ("run: !custom x", "!custom", 6),
        ("run: !!binary aGVsbG8=", "!!binary", 6),
        ("run: !!set {a, b}", "!!set", 6),
        ("run: !!omap [a: 1]", "!!omap", 6),
        ("run: !!timestamp 2023-05-07", "!!timestamp", 6),
        ("run: !!merge x", "!!merge", 6),
        ("run: !<tag:example.com,2000:x> 1", "!<tag:example.com,2000:x>", 6),
        ("run: &a !!python/tuple [1]", "!!python/tuple", 6),
    ],
)
def test_tags_other_than_plain_data_are_refused(
    parser: None, text: str, shown: str, column: int
) -> None:
    error = yaml_error(text + "\n")
    assert error.message == f"tag {shown} is not allowed: case files hold plain data only"
    assert error.location == at(1, column, "$.run")


def test_tag_on_the_root_and_on_a_key_are_refused(parser: None) -> None:
    error = yaml_error("!!python/object:x {}\n")
    assert error.message == "tag !!python/object:x is not allowed: case files hold plain data only"
    assert error.location == at(1, 1)
    error = yaml_error("ok: 1\n!!python/str key: 1\n")
    assert error.message == "tag !!python/str is not allowed: case files hold plain data only"
    assert error.location == at(2, 1)


def test_tag_shorthands_declared_with_tag_directives_are_refused(parser: None) -> None:
    error = yaml_error("%TAG !e! tag:example.com,2000:\n---\na: !e!thing 1\n")
    assert error.message == (
        "tag !<tag:example.com,2000:thing> is not allowed: case files hold plain data only"
    )
    assert error.location == at(3, 4, "$.a")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("!!int abc", "'abc' is not a valid !!int value"),
        ("!!int 1.5", "'1.5' is not a valid !!int value"),
        ("!!float x", "'x' is not a valid !!float value"),
        ("!!float 0x" + "f" * 300, "'0x" + "f" * 300 + "' is too large for a !!float"),
        ("!!bool yes", "'yes' is not a valid !!bool value"),
        ("!!null nothing", "'nothing' is not a valid !!null value"),
        ("!!map x", "tag !!map cannot be used on a scalar"),
        ("!!seq x", "tag !!seq cannot be used on a scalar"),
        ("!!map [1]", "tag !!map cannot be used on a sequence"),
        ("!!str {a: 1}", "tag !!str cannot be used on a mapping"),
        ("!!seq {a: 1}", "tag !!seq cannot be used on a mapping"),
    ],
)
def test_allowed_tags_used_wrongly(parser: None, text: str, message: str) -> None:
    error = yaml_error(f"value: {text}\n")
    assert error.message == message
    assert error.location == at(1, 8, "$.value")


def test_collection_tag_on_a_key_is_refused() -> None:
    error = yaml_error("!!map k: 1\n")
    assert error.message == "tag !!map cannot be used on a scalar"
    assert error.location == at(1, 1)


def test_merge_keys_are_refused(parser: None) -> None:
    error = yaml_error("base: {a: 1}\nchild:\n  <<: {b: 2}\n  c: 3\n")
    assert error.message == (
        "merge keys (<<) are not allowed in case files: write the keys out in full"
    )
    assert error.location == at(3, 3, "$.child")


def test_a_second_document_is_refused(parser: None) -> None:
    error = yaml_error("a: 1\n---\nb: 2\n")
    assert error.message == (
        "a case file holds one document; found a second at line 2: "
        "put each case in a file of its own"
    )
    assert error.location == at(2, 1)


def test_a_second_document_after_an_end_marker_is_refused(parser: None) -> None:
    error = yaml_error("---\na: 1\n...\n# next\n--- b: 2\n")
    assert error.message.startswith("a case file holds one document; found a second at line 5")
    assert error.location == at(5, 1)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "   \n \n",
        "# only a comment\n",
        "# one\n\n# two\n",
        b"",
        b"\xef\xbb\xbf",
        "\ufeff",
    ],
)
def test_empty_files_are_refused(parser: None, text: str | bytes) -> None:
    error = read_error(text)
    assert error.message == "the file is empty: start from `unsubmit new KIND`"
    assert error.location == at(None, None)
    assert str(error) == "case.yaml: the file is empty: start from `unsubmit new KIND`"


def test_too_many_nodes() -> None:
    limits = Limits(max_nodes=5)
    assert load_text("[1, 2, 3, 4]", "case.yaml", limits).data == [1, 2, 3, 4]
    error = yaml_error("[1, 2, 3, 4, 5]", limits)
    assert error.message == "more than 5 values in one file"
    assert error.location == at(1, 14, "$[4]")
    error = yaml_error("a: 1\nb: 2\nc: [x]\n", limits)
    assert error.message == "more than 5 values in one file"
    assert error.location == at(3, 1)
    error = yaml_error("a: 1\nb: 2\nc: [x]\n", Limits(max_nodes=6))
    assert error.message == "more than 6 values in one file"
    assert error.location == at(3, 4, "$.c")


def test_default_limits() -> None:
    assert Limits() == Limits(
        max_bytes=8 * 1024 * 1024,
        max_depth=64,
        max_nodes=500_000,
        max_scalar_chars=2 * 1024 * 1024,
    )


@pytest.mark.timeout(20)
def test_too_many_nodes_with_default_limits() -> None:
    text = "[" + "a," * 600_000 + "a]"
    error = yaml_error(text)
    assert error.message == "more than 500000 values in one file"
    assert error.location == at(1, 1_000_000, "$[499999]")


def test_scalar_too_long() -> None:
    limits = Limits(max_scalar_chars=10)
    assert load_text("a: '0123456789'", "case.yaml", limits).data == {"a": "0123456789"}
    error = yaml_error("a: b\nc: '0123456789x'\n", limits)
    assert error.message == "a value longer than 10 characters (11)"
    assert error.location == at(2, 4, "$.c")
    error = yaml_error("0123456789x: 1\n", limits)
    assert error.message == "a value longer than 10 characters (11)"
    assert error.location == at(1, 1)


def test_huge_integer_is_a_yaml_error(parser: None) -> None:
    error = yaml_error("count: " + "9" * 5000 + "\n")
    assert error.message == "integer too long to read (5000 digits): quote it to keep it as text"
    assert error.location == at(1, 8, "$.count")
    error = yaml_error("- !!int " + "1" * 5000 + "\n")
    assert error.location == at(1, 3, "$[0]")


def test_huge_numbers_that_python_can_read_are_fine() -> None:
    data = load_text("a: 0x" + "f" * 5000 + "\nb: 1" + "0" * 500 + ".5\n", "case.yaml").data
    assert data["a"] == 16**5000 - 1
    assert data["b"] == math.inf
    assert load_text("q: '" + "9" * 5000 + "'", "case.yaml").data["q"] == "9" * 5000


# --- syntax errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        (
            "a: 1\nb\nc: 2\n",
            "this line is not a field (name: value) nor a list item (- ...): add a colon and a "
            "space after the field's name, or indent the line as the text it continues",
            2,
            1,
        ),
        (
            "a: 1\ncountry:BLR\n",
            "country:BLR needs a space after the colon: write country: BLR",
            2,
            9,
        ),
        (
            "a: [1\nb: 2\n",
            "did not find expected ',' or ']' while parsing a flow sequence",
            2,
            2,
        ),
        (
            "a:\n  b: 1\n c: 2\n",
            "this line is indented differently from the fields above it: indent it as the other "
            "fields of its group (a field under another, two spaces further)",
            3,
            2,
        ),
        (
            "a: 'x",
            "the text that starts here with ' has no closing ': end it with ' on the same line "
            "(a ' inside the text is written '')",
            1,
            4,
        ),
        (
            'a: 1\ntitle: "x\nb: 2\n',
            'the text that starts here with " has no closing ": end it with " on the same line '
            '(a " inside the text is written \\")',
            2,
            8,
        ),
        (
            "a: b: c",
            "the text of a holds a colon and a space, which YAML reads as the start of another "
            'field: put the whole text in quotes, a: "b: c"',
            1,
            5,
        ),
        (
            "a:\n  - x: 1\n    y: He said: no\n",
            "the text of y holds a colon and a space, which YAML reads as the start of another "
            'field: put the whole text in quotes, y: "He said: no"',
            3,
            15,
        ),
        (
            "\ta: 1",
            "this line is indented with a tab: YAML indents with spaces only; replace the tab "
            "with spaces, as many as the lines around it use",
            1,
            1,
        ),
    ],
)
def test_syntax_errors_from_libyaml(
    libyaml: None, text: str, message: str, line: int, column: int
) -> None:
    error = yaml_error(text)
    assert error.message == message
    assert error.location == at(line, column)


def test_syntax_errors_from_the_python_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "_LOADER", yaml.SafeLoader)
    error = yaml_error("a: [1\nb: 2\n")
    assert error.message == "expected ',' or ']', but got ':' while parsing a flow sequence"
    assert error.location == at(2, 2)
    error = yaml_error("a: 1\ncountry:BLR\nc: 2\n")
    assert error.message == "country:BLR needs a space after the colon: write country: BLR"
    assert error.location == at(2, 9)
    error = yaml_error("a: 1\n\tb: 2\n")
    assert error.message.startswith("this line is indented with a tab")
    assert error.location == at(2, 1)


def test_syntax_error_message_is_clean(libyaml: None) -> None:
    error = yaml_error("a: [1\nb: 2\n")
    assert (
        str(error)
        == "case.yaml:2:2: did not find expected ',' or ']' while parsing a flow sequence"
    )
    assert "\n" not in str(error)
    assert error.__cause__ is None


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("a: b\x07\n", "0007", 1, 5),
        ("a: 1\nb: 'x\x1by'\n", "001B", 2, 6),
        ("a: 1\n\x7f", "007F", 2, 1),
        ("a: x\x9f\n", "009F", 1, 5),
        ("a: é\ufffe\n", "FFFE", 1, 5),
        ("a: \ud800\n", "D800", 1, 4),
    ],
)
def test_control_characters_are_refused(
    parser: None, text: str, code: str, line: int, column: int
) -> None:
    error = yaml_error(text)
    assert error.message == (
        f"unacceptable character U+{code}: control characters are not allowed in YAML"
    )
    assert error.location == at(line, column)


def test_control_character_in_bytes() -> None:
    error = yaml_error(b"name: ok\nnote: caf\xc3\xa9\x01\n")
    assert error.location == at(2, 11)


# --- decoding ------------------------------------------------------------------------------


def test_utf8_bom_is_accepted_and_does_not_shift_columns(parser: None) -> None:
    document = load_text(b"\xef\xbb\xbfname: Zo\xc3\xab\n", "case.yaml")
    assert document.data == {"name": "Zoë"}
    assert document.positions[("name",)] == Position(1, 7)
    document = load_text("\ufeffname: x\n", "case.yaml")
    assert document.positions[("name",)] == Position(1, 7)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("\ufeffname: x\n".encode("utf-16-le"), "UTF-16"),
        ("\ufeffname: x\n".encode("utf-16-be"), "UTF-16"),
        ("name: x\n".encode("utf-16"), "UTF-16"),
        ("name: x\n".encode("utf-32"), "UTF-32"),
        ("\ufeffname: x\n".encode("utf-32-be"), "UTF-32"),
    ],
)
def test_utf16_and_utf32_are_refused(data: bytes, encoding: str) -> None:
    error = read_error(data)
    assert error.message == f"the file is {encoding}; save it as UTF-8"
    assert error.location == at(None, None)


def test_binary_files_are_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"
    error = read_error(png)
    assert error.message == "looks like a binary file, not YAML text"
    assert error.location == at(3, 1)
    error = read_error(b"a: 1\nb: x\x00y\n")
    assert error.location == at(2, 5)
    error = read_error("a: x\x00")
    assert error.message == "looks like a binary file, not YAML text"
    assert error.location == at(1, 5)


def test_utf16_without_bom_looks_binary() -> None:
    error = read_error("name: x\n".encode("utf-16-le"))
    assert error.message == "looks like a binary file, not YAML text"


@pytest.mark.parametrize(
    ("data", "byte", "line", "column"),
    [
        (b"\xff", "0xff", 1, 1),
        (b"a: 1\nb: \xc3\xa9\xff\n", "0xff", 2, 5),
        (b"name: caf\xe9\n", "0xe9", 1, 10),
        (b"a: 1\r\nb: 2\r\nc: \x80\r\n", "0x80", 3, 4),
        (b"a: \xed\xa0\x80\n", "0xed", 1, 4),
        (b"\xef\xbb\xbfa: \xc0\xaf", "0xc0", 1, 4),
    ],
)
def test_invalid_utf8_is_refused_with_line_and_column(
    data: bytes, byte: str, line: int, column: int
) -> None:
    error = read_error(data)
    assert error.message == f"not valid UTF-8 (byte {byte}): save the file as UTF-8"
    assert error.location == at(line, column)
    assert error.__cause__ is None


def test_text_over_the_size_limit() -> None:
    error = read_error(b"a: 12345", Limits(max_bytes=5))
    assert error.message == "file is 8 bytes; case files may be at most 5 bytes"
    error = read_error("a: éé", Limits(max_bytes=6))
    assert error.message == "file is 7 bytes; case files may be at most 6 bytes"


# --- files ---------------------------------------------------------------------------------


def test_load_file(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffkind: communication\nvictims:\n  - name: Ana\n")
    document = load_file(path)
    assert document.name == str(path)
    assert document.data == {"kind": "communication", "victims": [{"name": "Ana"}]}
    assert document.positions[("victims", 0, "name")] == Position(3, 11)
    assert load_file(path, "shown.yaml").name == "shown.yaml"


def test_error_names_use_the_given_name(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\na: 2\n")
    with pytest.raises(YamlError) as info:
        load_file(path, "cases/mine.yaml")
    assert str(info.value) == (
        "cases/mine.yaml:2:1: $.a: duplicate key 'a' (first at line 1): remove one"
    )
    with pytest.raises(YamlError) as info:
        load_file(path)
    assert info.value.location is not None
    assert info.value.location.file == str(path)


def test_missing_file(tmp_path: Path) -> None:
    error = file_error(tmp_path / "nope.yaml")
    assert error.message == "no such file"
    assert str(error) == "case.yaml: no such file"
    assert error.location == at(None, None)


def test_missing_file_below_a_file(tmp_path: Path) -> None:
    parent = write(tmp_path, "a: 1\n")
    assert file_error(parent / "child.yaml").message == "no such file"


def test_directory(tmp_path: Path) -> None:
    error = file_error(tmp_path)
    assert (
        error.message == "is a directory, not a case file: give the case files in it (DIR/*.yaml)"
    )


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "a: 1\n")
    path.chmod(0)
    if os.geteuid() == 0:
        real_open = os.open

        def refuse(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if Path(file) == path:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    try:
        error = file_error(path)
    finally:
        path.chmod(0o600)
    assert error.message == "cannot be read (permission denied)"
    assert error.location == at(None, None)


def test_other_os_errors_give_the_reason(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(tmp_path / "loop2.yaml")
    (tmp_path / "loop2.yaml").symlink_to(loop)
    assert file_error(loop).message == "cannot be read (too many levels of symbolic links)"
    assert file_error(tmp_path / ("x" * 5000)).message == "cannot be read (file name too long)"


def test_read_errors_after_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "a: 1\n")

    def broken(descriptor: int, size: int) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "read", broken)
    assert file_error(path).message == "cannot be read (input/output error)"


def test_null_byte_in_the_file_name(tmp_path: Path) -> None:
    assert file_error(tmp_path / "a\x00b").message == "is not a valid file name"


@pytest.mark.timeout(5)
def test_large_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(9 * 1024 * 1024)
    read_sizes: list[int] = []
    real_read = os.read

    def counting_read(descriptor: int, size: int) -> bytes:
        data = real_read(descriptor, size)
        read_sizes.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting_read)
    error = file_error(path)
    assert error.message == "file is 9.4 MB; case files may be at most 8 MB"
    assert error.location == at(None, None)
    assert read_sizes == []


def test_fifty_megabytes_message(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert file_error(path).message == "file is 52.4 MB; case files may be at most 8 MB"


def test_file_that_hides_its_size_is_read_only_up_to_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("needs a procfs file that reports size 0")
    read_sizes: list[int] = []
    real_read = os.read

    def counting_read(descriptor: int, size: int) -> bytes:
        data = real_read(descriptor, size)
        read_sizes.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting_read)
    error = file_error(status, Limits(max_bytes=100))
    assert error.message == "file is larger than 100 bytes; case files may be at most 100 bytes"
    assert sum(read_sizes) == 101


def test_file_exactly_at_the_limit_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 12345\n")
    assert load_file(path, limits=Limits(max_bytes=9)).data == {"a": 12345}
    assert file_error(path, Limits(max_bytes=8)).message == (
        "file is 9 bytes; case files may be at most 8 bytes"
    )


@pytest.mark.timeout(5)
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    error = file_error(fifo)
    assert error.message == "is a named pipe (FIFO), not a case file"
    assert error.location == at(None, None)


@pytest.mark.timeout(5)
def test_device_is_refused() -> None:
    device = Path("/dev/zero")
    if not device.exists():
        pytest.skip("no /dev/zero on this system")
    assert file_error(device).message == "is a device, not a case file"


@pytest.mark.timeout(5)
def test_fifo_swapped_in_after_stat_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular = write(tmp_path, "a: 1\n")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    real_stat = Path.stat

    def lying_stat(self: Path, **kwargs: Any) -> os.stat_result:
        return real_stat(regular if self == fifo else self, **kwargs)

    monkeypatch.setattr(Path, "stat", lying_stat)
    assert file_error(fifo).message == "is a named pipe (FIFO), not a case file"


def test_yaml_errors_from_files_carry_positions(tmp_path: Path) -> None:
    path = write(tmp_path, b"name: ok\nrun: !!python/object/apply:os.system ['id']\n")
    with pytest.raises(YamlError) as info:
        load_file(path, "case.yaml")
    assert info.value.location == at(2, 6, "$.run")
    path = write(tmp_path, b"a: 1\nb: \xff\n", "bad.yaml")
    assert file_error(path).location == at(2, 4)


def test_a_hashtag_after_unquoted_text_is_noted_where_it_starts() -> None:
    """YAML reads ` #word` after an unquoted value as a comment: the text silently loses it."""
    document = load_text(
        "a: Maria was filmed (https://example.org/m, #FreeMaria, friends).\n"
        "b: plain text  # a comment, as people write them\n"
        'c: "quoted #FreeMaria"\n'
        "d: |\n  block #FreeMaria\n"
        "e: BLR #Belarus\n",
        "t.yaml",
    )
    assert document.data["a"] == "Maria was filmed (https://example.org/m,"
    assert document.swallowed == [(("a",), Position(1, 45), "#FreeMaria, friends).")]
