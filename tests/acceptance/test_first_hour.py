"""The first hour of an advocate, played through: each message a person sees on the way.

A new case file, the mistakes of a first case (placeholders left, a country written as two
letters), a fix, a build, a public version, an e-mail draft, a translation into Russian and a
build again after an edit:
every step through the commands as the README prints them, from a folder of one's own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run

SAMPLE = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line]


def test_the_first_hour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    # 1. A new case file, in a folder that does not exist yet.
    new = run(["new", "communication", "--type", "urgent-appeal", "cases/first.yaml"])
    assert new.exit_code == 0, new.output
    assert _lines(new.output) == [
        "wrote cases/first.yaml: replace its <placeholders>, then run "
        "unsubmit validate cases/first.yaml"
    ]
    first = Path("cases/first.yaml")
    # No schemas/ folder above it: no absolute path, but how to get editor checks.
    assert first.read_text("utf-8").startswith("# To have your editor check this file as you type")

    # 2. Validated as it is: every placeholder is named at its place.
    untouched = run(["validate", "cases/first.yaml"])
    assert untouched.exit_code == 1
    assert _lines(untouched.output)[0] == (
        "cases/first.yaml:18:8: $.title: placeholder '<title, e.g. Death in custody of "
        "Mikalai Klimovich>' is still here: replace it"
    )

    # 3. A case written with a two-letter country code gets the three-letter one.
    text = SAMPLE.read_text("utf-8")
    first.write_text(text.replace("\ncountry: BLR\n", "\ncountry: BY\n"), "utf-8")
    wrong = run(["validate", "cases/first.yaml"])
    assert wrong.exit_code == 1
    assert _lines(wrong.output) == [
        "cases/first.yaml:16:10: $.country: 'BY' is not a country code: countries are written "
        "as three-letter ISO codes; did you mean 'BLR' (Belarus)?",
        "1 error, 0 warnings; 1 of 1 file failed",
    ]

    # 4. Fixed, validated, built.
    first.write_text(text, "utf-8")
    assert _lines(run(["validate", "cases/first.yaml"]).output) == ["1 file valid"]
    built = run(["build", "cases/first.yaml"])
    assert built.exit_code == 0, built.output
    assert _lines(built.output) == ["wrote out/2023-06-01_communication_first_en.docx"]

    # 5. The public version, and the e-mail draft with where it goes.
    public = run(["build", "--public", "cases/first.yaml"])
    assert _lines(public.output) == ["wrote out/2023-06-01_communication_first_public_en.docx"]
    email = run(["build", "--email", "cases/first.yaml"])
    assert email.exit_code == 0, email.output
    assert _lines(email.output) == [
        "unchanged out/2023-06-01_communication_first_en.docx",
        "wrote out/2023-06-01_communication_first_en.eml (to urgent-action@ohchr.org)",
    ]

    # 6. A Ukrainian build (the case is in English and Russian) is refused until the text is
    # translated, and says how.
    ukrainian = run(["build", "-l", "uk", "cases/first.yaml"])
    assert ukrainian.exit_code == 1
    summary = next(line for line in _lines(ukrainian.output) if "$.language:" in line)
    assert summary == (
        "cases/first.yaml:15:11: $.language: no text of this case is translated into "
        "Ukrainian, so the Ukrainian document would show its 43 texts in English under "
        "Ukrainian headings: export them for translation with `unsubmit i18n case-export "
        "cases/first.yaml -l uk --include-confidential -o cases/first.uk.po`, translate them, "
        "then `unsubmit i18n case-import cases/first.yaml cases/first.uk.po`; or build an "
        "untranslated draft with --allow-untranslated"
    )
    assert "44 errors, 0 warnings; 1 of 1 file failed" in _lines(ukrainian.output)
    assert "nothing was written: fix the errors above and build again" in ukrainian.stderr
    assert not list(Path("out").glob("*_uk.*"))

    # 7. The export the message gives holds every text, the confidential notes included.
    confidential = ["--include-confidential", "-o", "cases/first.uk.po"]
    export = run(["i18n", "case-export", "cases/first.yaml", "-l", "uk", *confidential])
    assert export.exit_code == 0, export.output
    assert "wrote cases/first.uk.po: translate it, then run unsubmit i18n case-import" in (
        export.output
    )
    po = Path("cases/first.uk.po").read_text("utf-8")
    assert po.count('msgctxt "$.') == 43
    assert 'msgid "Do not disclose which relative gave consent."' in po

    # 8. The case edited after the build: built again without --force, and the e-mail that
    # attached the older letter goes.
    first.write_text(
        text.replace("Ask for her release.", "Ask for her immediate release."), "utf-8"
    )
    rebuilt = run(["build", "cases/first.yaml"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert _lines(rebuilt.output) == [
        "wrote out/2023-06-01_communication_first_en.docx",
        "removed out/2023-06-01_communication_first_en.eml (made from an older version of the "
        "document)",
    ]
    shutil.rmtree("out")
