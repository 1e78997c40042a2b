"""Batches: many documents built on every core, identical to one by one, with a progress bar."""

from __future__ import annotations

import multiprocessing
import os
import pty
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, SAMPLES, run
from unsubmit import parallel
from unsubmit.findings import Finding
from unsubmit.pipeline import BuildOptions, BuildOutcome, build


def copies(folder: Path, rounds: int) -> list[Path]:
    """``rounds`` copies of every sample, under names of their own."""
    folder.mkdir()
    paths = []
    for number in range(rounds):
        for sample in SAMPLES:
            paths.append(folder / f"{number}-{sample.name}")
            shutil.copyfile(sample, paths[-1])
    return paths


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.setattr(parallel, "process_count", lambda: 2)
    monkeypatch.setattr(parallel, "POOL_MINIMUM", 4)
    paths = copies(tmp_path / "cases", 3)
    assert len(paths) > 8  # more than a few: a progress bar on a terminal
    return paths


def _outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.glob("[!.]*")}


def test_a_batch_on_every_core_is_identical_to_one_by_one(
    batch: list[Path], tmp_path: Path
) -> None:
    result = run(["build", "-q", "-o", str(tmp_path / "pooled"), *map(str, batch)])
    assert result.exit_code == 0, result.output
    for path in batch:
        alone = run(["build", "-q", "-o", str(tmp_path / "alone"), str(path)])
        assert alone.exit_code == 0, alone.output
    pooled = _outputs(tmp_path / "pooled")
    assert len(pooled) == len(batch)
    assert pooled == _outputs(tmp_path / "alone")


def test_a_template_error_in_a_batch_reads_as_for_one_file_and_writes_nothing(
    batch: list[Path], tmp_path: Path
) -> None:
    import docx

    template = tmp_path / "typo.docx"
    document = docx.Document()
    document.add_paragraph("{{ case.titel }}")
    document.save(str(template))
    letters = [path for path in batch if "communication" in path.read_text("utf-8")]
    one = run(["build", "-o", str(tmp_path / "out"), "--template", str(template), str(letters[0])])
    many = run(
        ["build", "-o", str(tmp_path / "out"), "--template", str(template), *map(str, letters)]
    )
    assert one.exit_code == many.exit_code == 1
    assert one.output == many.output
    assert "'titel'" in many.output
    assert not (tmp_path / "out").exists()


def test_progress_is_told_every_stage_in_order(batch: list[Path], tmp_path: Path) -> None:
    events: list[tuple[str, int, int]] = []
    outcome = build(
        batch,
        BuildOptions(out_dir=tmp_path / "out"),
        progress=lambda stage, done, total: events.append((stage, done, total)),
    )
    assert len(outcome.outputs) == len(batch)
    count = len(batch)
    assert events == [
        *(("validating", done, count) for done in range(count + 1)),
        *(("rendering", done, count) for done in range(count + 1)),
    ]


def test_no_progress_bar_when_output_is_not_a_terminal(batch: list[Path], tmp_path: Path) -> None:
    result = run(["build", "-o", str(tmp_path / "out"), *map(str, batch)])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.count("wrote ") == len(batch)


def _on_a_terminal(args: list[str]) -> str:
    """Run ``unsubmit ARGS`` with stderr on a pseudo-terminal; what the terminal showed."""
    main, secondary = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "unsubmit", *args],
            stdout=subprocess.DEVNULL,
            stderr=secondary,
            stdin=subprocess.DEVNULL,
            check=False,
            timeout=120,
        )
        os.close(secondary)
        shown = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal is closed and read to the end
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main)
    assert process.returncode == 0, shown
    return shown.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_progress_bar_on_a_terminal_and_none_with_quiet(tmp_path: Path) -> None:
    paths = [str(path) for path in copies(tmp_path / "cases", 2)]
    shown = _on_a_terminal(["build", "-o", str(tmp_path / "out"), *paths])
    assert "Validating" in shown and "Rendering" in shown and "100%" in shown
    assert _on_a_terminal(["build", "-q", "-o", str(tmp_path / "quiet"), *paths]) == ""
    assert len(list((tmp_path / "quiet").glob("*.docx"))) == len(paths)


def test_the_command_line_starts_without_the_heavy_libraries() -> None:
    heavy = ("docxtpl", "docx", "lxml", "jsonschema", "babel", "pydantic", "jinja2", "yaml")
    code = (
        "import sys, unsubmit.cli; "
        f"print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r}))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == ""


LOCALES = ("en", "fr", "es", "ru", "ar", "zh", "be", "uk")


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Two processes, and the start method of every pool a build opens (none: no pool)."""
    monkeypatch.setattr(parallel, "process_count", lambda: 2)
    opened: list[str] = []
    get_context = multiprocessing.get_context

    def recording(method: str | None = None) -> Any:
        opened.append(str(method))
        return get_context(method)

    monkeypatch.setattr(multiprocessing, "get_context", recording)
    return opened


def _build_both_ways(
    paths: list[Path], options: BuildOptions, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[BuildOutcome, BuildOutcome]:
    """The same build on two processes (through the pool) and in this process alone."""
    pooled = build(paths, replace(options, out_dir=options.out_dir / "pooled"))
    assert opened, "the batch was built without a pool"
    monkeypatch.setattr(parallel, "process_count", lambda: 1)
    alone = build(paths, replace(options, out_dir=options.out_dir / "alone"))
    return pooled, alone


@pytest.mark.parametrize("variant", ["plain", "public", "email"])
def test_every_sample_in_every_locale_is_the_same_through_the_pool_and_alone(
    variant: str, tmp_path: Path, pools: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "POOL_MINIMUM", 4)
    paths = copies(tmp_path / "cases", 1)
    options = BuildOptions(
        out_dir=tmp_path / "out",
        locales=LOCALES,
        allow_untranslated=True,
        public=variant == "public",
        email=variant == "email",
    )
    pooled, alone = _build_both_ways(paths, options, pools, monkeypatch)
    written = _outputs(tmp_path / "out" / "pooled")
    assert written == _outputs(tmp_path / "out" / "alone")
    suffixes = {".docx", ".eml"} if variant == "email" else {".docx"}
    assert {Path(name).suffix for name in written} == suffixes
    assert {name.rsplit("_", 1)[1].split(".")[0] for name in written} == set(LOCALES)
    assert [str(f) for f in pooled.report.findings] == [str(f) for f in alone.report.findings]
    # What the workers noted comes back: no catalog lacks a message or a mandate's title.
    assert not any(f.code.startswith("missing-") for f in pooled.report.findings)
    assert any(f.code == "translation" for f in pooled.report.findings)
    assert pooled.notes == alone.notes
    assert bool(pooled.notes) == (variant != "plain")


def test_a_fallback_warning_in_a_large_batch_points_into_its_own_file(
    tmp_path: Path, pools: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    statement = REPO / "samples" / "hrc53-judges-lawyers-oral-statement.yaml"
    folder = tmp_path / "cases"
    folder.mkdir()
    paths = []
    for number in range(parallel.POOL_MINIMUM):
        paths.append(folder / f"{number:02d}-{statement.name}")
        shutil.copyfile(statement, paths[-1])
    options = BuildOptions(out_dir=tmp_path / "one", locales=("ru",), allow_untranslated=True)
    one = build([statement], options)

    def where(finding: Finding, path: Path) -> tuple[Any, ...]:
        """Where a finding is and what it says, with its file's name (in the message too) out."""
        message = finding.message.replace(str(path.with_suffix("")), "*")
        return (finding.location.line, finding.location.column, finding.location.path, message)

    expected = [where(f, statement) for f in one.report.findings if f.code == "translation"]
    assert expected and all(line is not None for line, *_ in expected)
    assert len({line for line, *_ in expected}) > 1  # each untranslated text at its own line
    pooled, alone = _build_both_ways(
        paths, replace(options, out_dir=tmp_path / "out"), pools, monkeypatch
    )
    for outcome in (pooled, alone):
        for path, result in zip(paths, outcome.report.results, strict=True):
            assert result.file == str(path)
            found = [where(f, path) for f in result.findings if f.code == "translation"]
            assert found == expected
            assert all(f.location.file == str(path) for f in result.findings)
