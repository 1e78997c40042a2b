"""Write the JSON Schemas of what templates receive: ``schemas/context/<kind>.schema.json``.

A template of one's own (``build --template``) can use every value of its kind's context. The
contexts are made for every sample, in every language, in each version a build makes (the
confidential one, the public version of a communication, the copy of an oral statement to upload),
and their shape is read off them (genson); every key below is there in every context of its kind.

    python scripts/make_context_schemas.py    # after changing a context or adding a sample

A test fails when the committed schemas are not what this script makes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from genson import SchemaBuilder

from unsubmit.languages import codes
from unsubmit.load.source import load_file
from unsubmit.pipeline import preview_context

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "schemas" / "context"

#: What the top of every context holds, for the schemas' readers.
ABOUT = {
    "kind": "The kind of case file: communication, oral-statement or joint-statement.",
    "language": "The language the document is written in (a code, such as en or ru).",
    "public": "Whether this is the public version of a communication.",
    "upload": "Whether this is the copy of an oral statement uploaded for the interpreters.",
    "punctuation": "The separators of the document's language, for text a template joins.",
    "case": "The case as the document shows it: texts in the document's language, dates and "
    "names formatted, labels translated, a public version's names withheld.",
}


def _variants(kind: str) -> list[dict[str, bool]]:
    variants = [{"public": False, "upload": False}]
    if kind == "communication":
        variants.append({"public": True, "upload": False})
    if kind == "oral-statement":
        variants.append({"public": False, "upload": True})
    return variants


def _documents(sample: Path, kind: str) -> list[str]:
    """The documents a sample yields: its kind's, and a communication file's petitions."""
    if kind != "communication":
        return [kind]
    listed = load_file(sample).data.get("documents") or [kind]
    return [str(document) for document in listed]


def contexts() -> dict[str, list[dict[str, Any]]]:
    """Every context of every sample, by kind of document."""
    found: dict[str, list[dict[str, Any]]] = {}
    for sample in sorted((REPO / "samples").glob("*.yaml")):
        first, _ = preview_context(sample)
        if first is None:
            raise SystemExit(f"{sample}: not valid: run unsubmit validate {sample}")
        kind = str(first["kind"])
        for document in _documents(sample, kind):
            for language in codes():
                for variant in _variants(kind):
                    context, _ = preview_context(
                        sample,
                        language,
                        public=variant["public"],
                        upload=variant["upload"],
                        document=document if kind == "communication" else "communication",
                    )
                    if context is not None:
                        found.setdefault(document, []).append(context)
    return found


def schema(kind: str, found: list[dict[str, Any]]) -> dict[str, Any]:
    builder = SchemaBuilder(schema_uri=False)
    for context in found:
        builder.add_object(context)
    made = builder.to_schema()
    for key, about in ABOUT.items():
        made["properties"][key]["description"] = about
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:unsubmit:context:1:{kind}",
        "title": f"What a {kind} template receives",
        "description": (
            "The context of a DOCX template for this kind of document, as "
            "'unsubmit preview --context CASE' prints it for one case. Read off the contexts of "
            "every sample in every language and version: every key listed in 'required' is in "
            "every context."
        ),
        **made,
    }


def dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def made() -> dict[str, str]:
    """File name → text of every context schema."""
    return {
        f"{kind}.schema.json": dumps(schema(kind, found))
        for kind, found in sorted(contexts().items())
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in made().items():
        (OUT / name).write_text(text, "utf-8")
        print(OUT / name, file=sys.stderr)


if __name__ == "__main__":
    main()
