"""Controlled vocabularies that live in data files beside the code: countries and violations.

Facts belong in data with their sources (``data/*.json`` carry them), not in Python literals;
this module only reads them, once, when first asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from unsubmit.resources import read_data


@dataclass(frozen=True)
class Violation:
    """One entry of the violations vocabulary: a stable code and the rights it concerns."""

    code: str
    label: str
    description: str
    rights: tuple[str, ...]


@cache
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code → English short name (from CLDR)."""
    data: dict[str, dict[str, str]] = read_data("countries.json")["countries"]
    return {code: entry["name"] for code, entry in data.items()}


@cache
def violations() -> dict[str, Violation]:
    data: dict[str, dict[str, Any]] = read_data("violations.json")["violations"]
    return {
        code: Violation(code, entry["label"], entry["description"], tuple(entry["rights"]))
        for code, entry in data.items()
    }


@cache
def country_alpha2() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code → alpha-2 code (what CLDR names territories by)."""
    data: dict[str, dict[str, str]] = read_data("countries.json")["countries"]
    return {code: entry["alpha2"] for code, entry in data.items()}


@cache
def un_country_names() -> dict[str, dict[str, str]]:
    """The UN's short name of a country by language, where it differs from CLDR's (with
    sources in ``data/un_country_names.json``)."""
    names = read_data("un_country_names.json")["names"]
    return {
        code: {language: entry["name"] for language, entry in by_language.items()}
        for code, by_language in names.items()
    }
