"""A new language is data: ``unsubmit i18n init pl`` and a translated catalog are all it needs.

The catalogs are copied to a temporary folder named by ``UNSUBMIT_CATALOGS``, so the test adds
Polish without touching the package; each command runs in a fresh interpreter, as a user's would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from tests.conftest import REPO
from unsubmit.resources import catalogs_dir

CASE = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"


@pytest.fixture(scope="module")
def polish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the catalogs with a Polish one started and one message translated."""
    catalogs = tmp_path_factory.mktemp("catalogs") / "locale"
    shutil.copytree(catalogs_dir(), catalogs)
    assert unsubmit(catalogs, "i18n", "init", "pl").returncode == 0
    po = catalogs / "pl" / "LC_MESSAGES" / "unsubmit.po"
    with po.open("rb") as stream:
        catalog = read_po(stream)
    catalog["Urgent appeal"].string = "Pilny apel"
    with po.open("wb") as stream:
        write_po(stream, catalog)
    assert unsubmit(catalogs, "i18n", "compile", "pl").returncode == 0
    return catalogs


def unsubmit(catalogs: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "UNSUBMIT_CATALOGS": str(catalogs)}
    return subprocess.run(
        [sys.executable, "-m", "unsubmit", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )


def test_a_document_builds_in_the_new_language(polish: Path, tmp_path: Path) -> None:
    done = unsubmit(polish, "build", str(CASE), "-l", "pl", "-o", str(tmp_path))
    # The case's own text has no Polish translation: refused, as for any language.
    assert done.returncode == 1
    assert "no Polish translation of this text" in done.stdout + done.stderr
    done = unsubmit(
        polish, "build", str(CASE), "-l", "pl", "--allow-untranslated", "-o", str(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    (built,) = tmp_path.glob("*_pl.docx")
    with zipfile.ZipFile(built) as package:
        body = package.read("word/document.xml").decode()
        styles = package.read("word/styles.xml").decode()
    assert "Pilny apel" in body  # the catalog's translation
    assert "1 czerwca 2023" in body  # CLDR's Polish dates
    assert "Białoruś" in body  # and country names
    assert 'w:val="pl-PL"' in styles  # Word spell-checks it as Polish


def test_every_command_accepts_the_new_language(polish: Path, tmp_path: Path) -> None:
    preview = unsubmit(polish, "preview", str(CASE), "-l", "pl")
    assert preview.returncode == 0, preview.stderr
    assert "Pilny apel" in preview.stdout
    exported = unsubmit(
        polish, "i18n", "case-export", str(CASE), "-l", "pl", "-o", str(tmp_path / "k.pl.po")
    )
    assert exported.returncode == 0, exported.stderr
    assert "Language: pl" in (tmp_path / "k.pl.po").read_text("utf-8")
    schema = json.loads(unsubmit(polish, "schema", "communication").stdout)
    language = schema["properties"]["language"]
    assert "pl" in [choice["const"] for choice in language["oneOf"]]


def test_without_the_catalog_the_language_is_refused(tmp_path: Path) -> None:
    done = unsubmit(catalogs_dir(), "build", str(CASE), "-l", "pl", "-o", str(tmp_path))
    assert done.returncode == 2
    assert "'pl' is not one of" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_catalogs_option_brings_its_languages_wherever_it_stands(
    polish: Path, tmp_path: Path
) -> None:
    """``-l pl`` before ``--catalogs DIR`` on the line: the option is read first all the same."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "unsubmit",
            "preview",
            "-l",
            "pl",
            str(CASE),
            "--catalogs",
            str(polish),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        env={key: value for key, value in os.environ.items() if key != "UNSUBMIT_CATALOGS"},
    )
    assert done.returncode == 0, done.stderr
    assert "Pilny apel" in done.stdout
