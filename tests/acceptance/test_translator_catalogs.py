"""A translator's round in a checkout that is not the installed copy: --catalogs DIR (or
UNSUBMIT_CATALOGS) makes the commands read and write the catalogs they edit, and a command run
in a checkout whose catalogs it does not read says so."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, run
from unsubmit.resources import installed_catalogs

SAMPLE = REPO / "samples" / "klimovich-allegation-letter.yaml"
RU = Path("ru", "LC_MESSAGES", "unsubmit.po")
HEADING = 'msgid "Facts"\nmsgstr "Факты"\n'
EDITED = 'msgid "Facts"\nmsgstr "Обстоятельства дела"\n'


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line]


def _edit_heading(catalogs: Path) -> None:
    po = catalogs / RU
    text = po.read_text("utf-8")
    assert text.count(HEADING) == 1
    po.write_text(text.replace(HEADING, EDITED), "utf-8")


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout of unsubmit, as cloned (its catalogs those installed), worked in."""
    top = tmp_path / "unsubmit"
    (top / "src" / "unsubmit").mkdir(parents=True)
    shutil.copytree(installed_catalogs(), top / "src" / "unsubmit" / "locale")
    (top / "pyproject.toml").write_text('[project]\nname = "unsubmit"\n', "utf-8")
    monkeypatch.chdir(top)
    return top


def test_catalogs_edited_in_a_checkout_reach_the_documents_with_catalogs(
    checkout: Path, tmp_path: Path
) -> None:
    installed = (installed_catalogs() / RU.with_suffix(".mo")).read_bytes()
    _edit_heading(checkout / "src" / "unsubmit" / "locale")
    compiled = run(["i18n", "compile", "--catalogs", ".", "ru"])
    assert compiled.exit_code == 0, compiled.output
    mo = checkout / "src" / "unsubmit" / "locale" / RU.with_suffix(".mo")
    assert compiled.stdout.startswith(f"wrote {mo} (")
    assert compiled.stderr == ""  # the catalogs read are the checkout's: nothing to warn of
    assert (installed_catalogs() / RU.with_suffix(".mo")).read_bytes() == installed
    assert "UNSUBMIT_CATALOGS" not in os.environ

    shown = run(["preview", "-l", "ru", "--catalogs", "src/unsubmit/locale", str(SAMPLE)])
    assert shown.exit_code == 0, shown.output
    assert "Обстоятельства дела" in _lines(shown.stdout)
    out = tmp_path / "out"
    built = run(["build", "-q", "-l", "ru", "--catalogs", ".", "-o", str(out), str(SAMPLE)])
    assert built.exit_code == 0, built.output
    [docx] = out.glob("*_ru.docx")
    with zipfile.ZipFile(docx) as package:
        assert "Обстоятельства дела" in package.read("word/document.xml").decode("utf-8")


def test_the_environment_variable_chooses_the_catalogs_too(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit_heading(checkout / "src" / "unsubmit" / "locale")
    monkeypatch.setenv("UNSUBMIT_CATALOGS", str(checkout))
    assert run(["i18n", "compile", "ru"]).exit_code == 0
    shown = run(["preview", "-l", "ru", str(SAMPLE)])
    assert "Обстоятельства дела" in _lines(shown.stdout)
    monkeypatch.delenv("UNSUBMIT_CATALOGS")
    assert "Факты" in _lines(run(["preview", "-l", "ru", str(SAMPLE)]).stdout)


def test_a_checkout_whose_catalogs_are_not_read_is_named_with_the_fix(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As cloned, the checkout's catalogs are those installed: nothing to say.
    assert run(["i18n", "stats", "ru"]).stderr == ""
    _edit_heading(checkout / "src" / "unsubmit" / "locale")
    (checkout / "src" / "docs").mkdir()
    monkeypatch.chdir(checkout / "src" / "docs")
    stats = run(["i18n", "stats", "ru"])
    assert stats.exit_code == 0, stats.output
    assert _lines(stats.stderr) == [
        "warning: the catalogs in this checkout (../unsubmit/locale) are not the ones unsubmit "
        f"reads and writes ({installed_catalogs().resolve()}), and they differ: what you change "
        "in ../unsubmit/locale does not reach the documents. Install the checkout so that "
        "unsubmit reads it (pip install -e . in the checkout), or give the checkout's catalogs "
        "to each command (--catalogs ../unsubmit/locale, or "
        "UNSUBMIT_CATALOGS=../unsubmit/locale)"
    ]
    previewed = run(["preview", "-l", "ru", str(SAMPLE)])
    assert _lines(previewed.stderr)[0].startswith("warning: the catalogs in this checkout")
    # Given the checkout's catalogs, the command reads what is edited: no warning.
    assert run(["i18n", "stats", "--catalogs", "../..", "ru"]).stderr == ""


def test_an_editable_install_reads_the_checkout_it_runs_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if installed_catalogs().resolve() != (REPO / "src" / "unsubmit" / "locale").resolve():
        pytest.skip("unsubmit is not installed from this checkout in editable mode")
    monkeypatch.chdir(REPO)
    assert run(["i18n", "stats", "ru"]).stderr == ""


def test_a_folder_without_compiled_catalogs_is_refused_before_any_work(tmp_path: Path) -> None:
    empty = tmp_path / "catalogs"
    empty.mkdir()
    out = tmp_path / "out"
    result = run(["build", "--catalogs", str(empty), "-o", str(out), str(SAMPLE)])
    assert result.exit_code == 2
    assert _lines(result.stderr) == [
        f"error: {empty}: holds no compiled catalogs (<language>/LC_MESSAGES/unsubmit.mo): give "
        "the folder of the catalogs (in a checkout, src/unsubmit/locale, or the checkout "
        f"itself), and compile them first with unsubmit i18n compile --catalogs {empty}"
    ]
    assert not out.exists()
