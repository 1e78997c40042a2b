"""Each closed list of the models is one fact: the codes the model accepts (a ``Literal``) are
exactly the codes its label table documents in the published schema (``documented_choice``),
in the same order. A code added to one and not the other fails here, not in a user's editor."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel, WithJsonSchema

from unsubmit.models import KINDS


def _closed_lists() -> Iterator[tuple[str, tuple[Any, ...], list[Any]]]:
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = list(KINDS.values())
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            yield from _in_annotation(f"{model.__name__}.{name}", field.annotation, field.metadata)
            todo += [
                t
                for t in _types(field.annotation)
                if isinstance(t, type) and issubclass(t, BaseModel)
            ]


def _types(annotation: Any) -> Iterator[Any]:
    yield annotation
    for argument in typing.get_args(annotation):
        yield from _types(argument)


def _in_annotation(
    where: str, annotation: Any, metadata: list[Any]
) -> Iterator[tuple[str, tuple[Any, ...], list[Any]]]:
    for candidate in _types(annotation):
        base, extra = candidate, list(metadata) if candidate is annotation else []
        if typing.get_origin(candidate) is typing.Annotated:
            base, *extra = typing.get_args(candidate)
        if typing.get_origin(base) is not typing.Literal:
            continue
        for item in extra:
            if (
                isinstance(item, WithJsonSchema)
                and item.json_schema
                and "oneOf" in item.json_schema
            ):
                documented = [branch["const"] for branch in item.json_schema["oneOf"]]
                yield where, typing.get_args(base), documented


LISTS = sorted(_closed_lists(), key=lambda found: found[0])


def test_the_models_have_closed_lists_to_check() -> None:
    assert len(LISTS) >= 10


@pytest.mark.parametrize(
    ("where", "accepted", "documented"), LISTS, ids=[found[0] for found in LISTS]
)
def test_a_closed_list_documents_exactly_what_it_accepts(
    where: str, accepted: tuple[Any, ...], documented: list[Any]
) -> None:
    assert list(accepted) == documented, where
