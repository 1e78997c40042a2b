"""PDF conversion through LibreOffice: real conversions, and fake ones for every failure.

The real conversions do not skip when LibreOffice is missing: CI installs it, and a skipped test
would let a release ship with PDF output nobody checked.
"""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

import docx
import pytest
from lxml import etree

from tests.unit.test_output import SRC
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


# --- A conversion stopped by a signal ------------------------------------------------------

#: Converts in a child process, as a build would; SIGINT ends it as Ctrl-C ends unsubmit.
CONVERTING = """
import sys
from unsubmit.render.pdf import docx_to_pdf
try:
    docx_to_pdf(b"the whole confidential letter")
except KeyboardInterrupt:
    sys.exit(130)
"""


@posix_only
@pytest.mark.parametrize(
    ("number", "status"), [(signal.SIGTERM, -signal.SIGTERM), (signal.SIGINT, 130)]
)
def test_a_signal_during_a_conversion_removes_the_letter_from_the_disk(
    fake_soffice: Path, tmp_path: Path, number: int, status: int
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    started, sleeper = tmp_path / "started", tmp_path / "sleeper.pid"
    _install(fake_soffice, f'sleep 300 &\necho $! > "{sleeper}"\ntouch "{started}"\nwait\n')
    env = {**os.environ, "TMPDIR": str(temporary), "PYTHONPATH": str(SRC)}
    child = subprocess.Popen([sys.executable, "-c", CONVERTING], env=env)
    try:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert child.poll() is None, "the conversion ended before it was stopped"
            assert time.monotonic() < deadline, "the conversion never started"
            time.sleep(0.02)
        (work,) = temporary.iterdir()
        assert stat.S_IMODE(work.stat().st_mode) == 0o700
        assert (work / "in.docx").read_bytes() == b"the whole confidential letter"
        child.send_signal(number)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == status
    assert list(temporary.iterdir()) == []
    deadline = time.monotonic() + 10
    while not _dead(int(sleeper.read_text())):
        assert time.monotonic() < deadline, "LibreOffice's child outlived the conversion"
        time.sleep(0.05)


@posix_only
def test_the_signal_handlers_are_given_back_after_a_conversion(fake_soffice: Path) -> None:
    _install(fake_soffice, OUTDIR + 'printf "%%PDF-1.6 fake" > "$out/in.pdf"\n')
    before = (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT))
    docx_to_pdf(b"x")
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before


# --- Finding LibreOffice on Windows ----------------------------------------------------------


@pytest.fixture
def windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Lookups as on Windows, from a folder of case files with a ``soffice.bat`` planted in it
    (and on PATH as ".", as "" and by its own absolute name); returns that folder."""
    monkeypatch.setattr(pdf_module, "_on_windows", lambda: True)
    monkeypatch.setattr(pdf_module, "_KNOWN_LOCATIONS", {})
    monkeypatch.delenv("UNSUBMIT_SOFFICE", raising=False)
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        monkeypatch.delenv(variable, raising=False)
    cases = tmp_path / "cases"
    (cases / "tools").mkdir(parents=True)
    for planted in ("soffice.bat", "libreoffice.cmd", "tools/soffice.exe"):
        (cases / planted).write_text("@echo this must never run\n")
    monkeypatch.chdir(cases)
    monkeypatch.setenv("PATHEXT", ".com;.exe;.bat;.cmd")
    monkeypatch.setenv("PATH", os.pathsep.join([".", "", "tools", str(cases)]))
    return cases


def test_on_windows_the_current_directory_is_never_searched(windows: Path) -> None:
    assert find_soffice() is None


def test_on_windows_an_absolute_path_entry_is_searched(
    windows: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "LibreOffice" / "program"
    program.mkdir(parents=True)
    (program / "soffice.exe").write_bytes(b"MZ")
    monkeypatch.setenv("PATH", os.pathsep.join([".", str(windows), str(program)]))
    assert find_soffice() == str(program / "soffice.exe")


def test_on_windows_program_files_is_searched(
    windows: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "Program Files" / "LibreOffice" / "program"
    program.mkdir(parents=True)
    (program / "soffice.exe").write_bytes(b"MZ")
    (program / "soffice.exe").chmod(0o755)  # executable, as every file is on Windows
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    assert find_soffice() == str(program / "soffice.exe")


def test_on_windows_an_override_by_name_is_not_looked_for_in_the_current_directory(
    windows: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UNSUBMIT_SOFFICE", "soffice")
    assert find_soffice() is None
    monkeypatch.setenv("UNSUBMIT_SOFFICE", str(windows / "tools" / "soffice.exe"))
    assert find_soffice() == str(windows / "tools" / "soffice.exe")  # a path is taken as given
