"""The case models: one module per kind of document, told apart by ``kind``.

``Case`` is the discriminated union every loader and renderer works with.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, TypeAdapter

from unsubmit.models.common import LANGUAGES, SCHEMA_VERSION
from unsubmit.models.communication import Communication
from unsubmit.models.joint_statement import JointStatement
from unsubmit.models.oral_statement import OralStatement

#: A validated case of any kind: what rules, localisation and rendering take.
CaseModel = Communication | OralStatement | JointStatement

Case = Annotated[CaseModel, Field(discriminator="kind")]

#: kind → model, in the order the documentation presents them.
KINDS: dict[str, type[Communication] | type[OralStatement] | type[JointStatement]] = {
    "communication": Communication,
    "oral-statement": OralStatement,
    "joint-statement": JointStatement,
}

CASE_ADAPTER: TypeAdapter[CaseModel] = TypeAdapter(Case)

__all__ = [
    "CASE_ADAPTER",
    "KINDS",
    "LANGUAGES",
    "SCHEMA_VERSION",
    "Case",
    "CaseModel",
    "Communication",
    "JointStatement",
    "OralStatement",
]
