"""PDF conversion through LibreOffice: real conversions, and fake ones for every failure.

The real conversions do not skip when LibreOffice is missing: CI installs it, and a skipped test
would let a release ship with PDF output nobody checked.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

import docx
import pytest
from lxml import etree

from unsubmit.errors import ConversionError
from unsubmit.render import pdf as pdf_module
from unsubmit.render.package import DocumentProperties, finalize_docx
from unsubmit.render.pdf import docx_to_pdf, find_soffice

INSTALL = "apt-get install libreoffice-writer-nogui"
posix_only = pytest.mark.skipif(os.name != "posix", reason="fake soffice is a shell script")


def _docx(text: str, *, author: str = "") -> bytes:
    document = docx.Document()
    document.core_properties.author = author
    document.add_paragraph(text)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_text(pdf: bytes) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    result = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    )
    return result.stdout.decode("utf-8", "replace")


@pytest.fixture
def soffice() -> str:
    found = find_soffice()
    if found is None:
        pytest.fail(
            "LibreOffice is not installed, and the PDF tests need it. Install it "
            "(Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; "
            "macOS: brew install --cask libreoffice), or set UNSUBMIT_SOFFICE to soffice.",
            pytrace=False,
        )
    return found


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where a test writes a shell script that UNSUBMIT_SOFFICE then points at."""
    script = tmp_path / "fake-soffice"
    monkeypatch.setenv("UNSUBMIT_SOFFICE", str(script))
    return script


def _install(script: Path, body: str) -> None:
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(0o755)


OUTDIR = 'while [ $# -gt 0 ]; do [ "$1" = --outdir ] && out="$2"; shift; done\n'


# --- Real LibreOffice ----------------------------------------------------------------------


@pytest.mark.slow
def test_converts_a_document(soffice: str) -> None:
    started = time.monotonic()
    pdf = docx_to_pdf(_docx("Arbitrary detention of A. B."))
    elapsed = time.monotonic() - started
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf)
    if text is not None:
        assert "Arbitrary detention of A. B." in text
    assert elapsed < 120


@pytest.mark.slow
def test_two_conversions_run_at_once(soffice: str) -> None:
    """Each run has its own profile, so neither waits for nor hands work to the other."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(docx_to_pdf, [_docx("First letter"), _docx("Second letter")]))
    assert all(result.startswith(b"%PDF") for result in results)
    texts = [_pdf_text(result) for result in results]
    if texts[0] is not None and texts[1] is not None:
        assert "First letter" in texts[0]
        assert "Second letter" in texts[1]


@pytest.mark.slow
def test_author_of_a_finalized_document_does_not_reach_the_pdf(soffice: str) -> None:
    """LibreOffice copies dc:creator into the PDF's /Author; finalize_docx must come first."""
    props = DocumentProperties(title="Letter", language="en", date=datetime.date(2023, 5, 7))
    clean = finalize_docx(_docx("Text", author="Jane Secret"), props)
    pdf = docx_to_pdf(clean)
    assert b"/Author" not in pdf
    assert b"Jane" not in pdf


# --- Finding LibreOffice -------------------------------------------------------------------


def test_missing_override_means_not_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNSUBMIT_SOFFICE", str(tmp_path / "no-such-soffice"))
    monkeypatch.setenv("PATH", "")
    assert find_soffice() is None
    with pytest.raises(ConversionError, match=INSTALL) as info:
        docx_to_pdf(b"irrelevant")
    assert "UNSUBMIT_SOFFICE" in info.value.message


def test_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UNSUBMIT_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(pdf_module, "_KNOWN_LOCATIONS", {})
    assert find_soffice() is None
    with pytest.raises(ConversionError, match="LibreOffice is not installed") as info:
        docx_to_pdf(b"irrelevant")
    assert INSTALL in info.value.message
    assert "brew install --cask libreoffice" in info.value.message


@posix_only
def test_override_wins_over_path(fake_soffice: Path) -> None:
    _install(fake_soffice, "exit 0\n")
    assert find_soffice() == str(fake_soffice)


# --- Fake LibreOffice: every way it can fail -----------------------------------------------


@posix_only
def test_the_profile_forbids_links_updates_and_macros(fake_soffice: Path, tmp_path: Path) -> None:
    settings = tmp_path / "registrymodifications.xcu"
    _install(
        fake_soffice,
        'for a in "$@"; do case "$a" in -env:UserInstallation=file://*) '
        'profile="${a#-env:UserInstallation=file://}";; esac; done\n'
        f'cp "$profile/user/registrymodifications.xcu" "{settings}"\n'
        + OUTDIR
        + 'printf "%%PDF-1.6 fake" > "$out/in.pdf"\n',
    )
    docx_to_pdf(b"docx bytes")
    root = etree.fromstring(settings.read_bytes())
    found = {
        (
            item.get("{http://openoffice.org/2001/registry}path"),
            prop.get("{http://openoffice.org/2001/registry}name"),
        ): prop.findtext("value")
        for item in root
        for prop in item
    }
    security = "/org.openoffice.Office.Common/Security/Scripting"
    assert found == {
        (security, "BlockUntrustedRefererLinks"): "true",
        (security, "MacroSecurityLevel"): "3",
        (security, "DisableMacrosExecution"): "true",
        ("/org.openoffice.Office.Writer/Content/Update", "Link"): "0",
        ("/org.openoffice.Office.Common/Misc", "UseLocking"): "false",
    }


@posix_only
def test_passes_the_expected_arguments(fake_soffice: Path, tmp_path: Path) -> None:
    record = tmp_path / "args"
    _install(
        fake_soffice,
        f'printf "%s\\n" "$@" > "{record}"\n'
        + OUTDIR
        + 'printf "%%PDF-1.6 fake" > "$out/in.pdf"\n',
    )
    assert docx_to_pdf(b"docx bytes") == b"%PDF-1.6 fake"
    args = record.read_text().splitlines()
    assert args[:3] == ["--headless", "--norestore", "--nolockcheck"]
    assert args[3].startswith("-env:UserInstallation=file://")
    assert args[4:7] == ["--convert-to", "pdf", "--outdir"]
    assert args[8] == str(Path(args[7]) / "in.docx")
    assert not Path(args[7]).exists()  # the temporary directory is gone


@posix_only
def test_nonzero_exit(fake_soffice: Path) -> None:
    _install(
        fake_soffice,
        "echo 'starting' >&2\necho 'Error: source file could not be loaded' >&2\nexit 1\n",
    )
    with pytest.raises(ConversionError, match="exit status 1") as info:
        docx_to_pdf(b"x")
    assert "Error: source file could not be loaded" in info.value.message


@posix_only
def test_crash(fake_soffice: Path) -> None:
    _install(fake_soffice, "echo 'about to crash' >&2\nkill -SEGV $$\n")
    with pytest.raises(ConversionError, match=r"crashed \(SIGSEGV\)") as info:
        docx_to_pdf(b"x")
    assert "about to crash" in info.value.message


@posix_only
def test_no_output_file(fake_soffice: Path) -> None:
    _install(fake_soffice, "echo 'nothing done'\nexit 0\n")
    with pytest.raises(ConversionError, match="wrote no PDF") as info:
        docx_to_pdf(b"x")
    assert "nothing done" in info.value.message


@posix_only
def test_output_that_is_not_a_pdf(fake_soffice: Path) -> None:
    _install(fake_soffice, OUTDIR + 'echo "<html>" > "$out/in.pdf"\n')
    with pytest.raises(ConversionError, match="not a PDF"):
        docx_to_pdf(b"x")


def _dead(pid: int) -> bool:
    """Gone, or a zombie waiting for an init that may not reap it in a container."""
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"
        except FileNotFoundError:
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@posix_only
def test_timeout_kills_the_whole_process_group(fake_soffice: Path, tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    _install(fake_soffice, f'sleep 300 &\necho $! > "{pid_file}"\nwait\n')
    started = time.monotonic()
    with pytest.raises(ConversionError, match="did not finish within 1 seconds"):
        docx_to_pdf(b"x", timeout=1)
    assert time.monotonic() - started < 30
    grandchild = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while not _dead(grandchild):
        assert time.monotonic() < deadline, "the converter's child outlived the timeout"
        time.sleep(0.05)
