"""A table shaped like the Uwazi export in ``samples/import``, of clearly fictitious rows
(numbered test people), and the filling a reviewer gives what the table lacks; the import tests
and ``benchmarks/caseload.py`` share them."""

from __future__ import annotations

import csv
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "import"
TABLE = SAMPLE / "uwazi-export.csv"
MAPPING = SAMPLE / "uwazi-mapping.yaml"
HEADERS = next(csv.reader(TABLE.read_text("utf-8").splitlines()))

#: What a reviewer writes where the table holds nothing, by the placeholder's key.
FILLING = {
    "given_by": "family",
    "submission": "true",
    "informed_government_letter": "true",
    "informed_publication": "true",
    "public_name": "initials",
    "date": '"2023"',
    "description": "The person was detained.",
}
_KEYED = re.compile(r'^(\s*(?:- )?)(\w+): "<[^"]*>"$', re.MULTILINE)
_ITEM = re.compile(r'^(\s*)- "<[^"]*>"$', re.MULTILINE)


def fill(text: str) -> str:
    """The file as a reviewer leaves it: every placeholder replaced, nothing else touched."""
    text = _KEYED.sub(lambda m: f"{m[1]}{m[2]}: {FILLING[m[2]]}", text)
    return _ITEM.sub(lambda m: f"{m[1]}- Ask for the person's release.", text)


def uwazi_rows(count: int) -> list[list[str]]:
    """``count`` rows in the columns of the sample export, every form of date among them."""
    statuses = ["Detained", "Imprisoned", "Released", "Deceased"]
    affiliations = ["Political prisoner", "Journalist|Political prisoner", "Student", "Lawyer"]
    violations = ["Arbitrary detention", "Torture|Unfair trial", "Forced labour|Torture"]
    return [
        [
            f"Test Person {n:04d}",
            f"{n % 28 + 1:02d}.0{n % 9 + 1}.2023",
            "Political prisoner",
            f"Тэставая асоба {n:04d}",
            "Female" if n % 2 else "Male",
            str(20 + n % 50),
            statuses[n % 4],
            affiliations[n % 4],
            ["07.09.2020", "September 2020", "2021-03-15", "2022"][n % 4],
            "",
            "",
            f"{n % 10 + 1} years' imprisonment",
            "",
            violations[n % 3],
        ]
        for n in range(count)
    ]


def write_csv(path: Path, rows: list[list[str]], headers: list[str] = HEADERS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([headers, *rows])
    return path
