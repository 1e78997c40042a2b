"""PDF through LibreOffice, run headless with a private profile.

LibreOffice is the only freely available converter that lays out a DOCX close to the way Word
does. Each conversion gets a fresh profile in a temporary directory: LibreOffice hands work to an
instance already running on the same profile (or waits on its lock), and a user's own profile may
carry macros or settings that change the output. A private profile keeps runs independent and lets
two conversions run at once.

The PDF is not reproducible: LibreOffice (checked with 7.4) writes the conversion time into
``/CreationDate`` and a time-derived ``/ID``, and ignores ``SOURCE_DATE_EPOCH``. Only the DOCX is
byte-identical from one build to the next.

Where LibreOffice finds its fonts through fontconfig (Linux and the BSDs), a conversion adds
``fonts.conf`` beside this module to the system's configuration: the free faces that stand in
for the fonts the templates name (Times New Roman, Arial, SimSun, SimHei), metric-compatible
where one exists, so that a PDF breaks its lines and pages where Word would.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from unsubmit.errors import ConversionError

__all__ = ["docx_to_pdf", "find_soffice"]

_ENV_OVERRIDE = "UNSUBMIT_SOFFICE"
_NAMES = ("soffice", "libreoffice")
# Where installers put LibreOffice without adding it to PATH.
_KNOWN_LOCATIONS = {
    "darwin": ("/Applications/LibreOffice.app/Contents/MacOS/soffice",),
    "win32": (
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ),
}
_INSTALL_HINT = (
    "install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; "
    "macOS: brew install --cask libreoffice) or build DOCX only"
)
_TAIL_LINES = 8
_REAP_SECONDS = 10.0
#: The fontconfig configuration LibreOffice reads when nothing else is asked for.
_SYSTEM_FONTCONFIG = Path("/etc/fonts/fonts.conf")
_FONT_SUBSTITUTES = Path(__file__).with_name("fonts.conf")


def find_soffice() -> str | None:
    """Return the LibreOffice program to run, or ``None`` if there is none.

    ``UNSUBMIT_SOFFICE`` (a path or a command name) wins over the search, so that a user with
    several versions, or a test, can choose one; if it names nothing runnable, the answer is
    ``None`` rather than a silent fallback to another LibreOffice.
    """
    override = os.environ.get(_ENV_OVERRIDE)
    if override:
        return shutil.which(override)
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    for candidate in _KNOWN_LOCATIONS.get(sys.platform, ()):
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def require_soffice() -> str:
    """The LibreOffice program, or a :class:`ConversionError` that says what to install."""
    soffice = find_soffice()
    if soffice is not None:
        return soffice
    override = os.environ.get(_ENV_OVERRIDE)
    if override:
        raise ConversionError(
            f"LibreOffice not found: {_ENV_OVERRIDE}={override!r} is not a program that can "
            f"be run; point it at soffice, or unset it and {_INSTALL_HINT}"
        )
    raise ConversionError(f"LibreOffice is not installed: {_INSTALL_HINT}")


def docx_to_pdf(docx: bytes, *, timeout: float = 120.0) -> bytes:
    """Convert a DOCX to PDF with LibreOffice and return the PDF's bytes.

    Raises :class:`ConversionError` when LibreOffice is missing, fails, crashes, produces no PDF,
    or runs longer than ``timeout`` seconds (then it is killed with everything it started).
    """
    soffice = require_soffice()

    with tempfile.TemporaryDirectory(prefix="unsubmit-pdf-") as tmp:
        work = Path(tmp)
        source = work / "in.docx"
        source.write_bytes(docx)
        command = [
            soffice,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        returncode, stdout, stderr = _run(command, timeout, work, _font_environment(work))
        details = _tail(stderr) or _tail(stdout)
        suffix = f":\n{details}" if details else ""
        if returncode < 0:
            raise ConversionError(f"LibreOffice crashed ({_signal_name(-returncode)}){suffix}")
        if returncode > 0:
            raise ConversionError(f"LibreOffice failed with exit status {returncode}{suffix}")
        output = work / "in.pdf"
        if not output.is_file():
            raise ConversionError(f"LibreOffice finished but wrote no PDF{suffix}")
        pdf = output.read_bytes()
        if not pdf.startswith(b"%PDF"):
            raise ConversionError(f"LibreOffice wrote a file that is not a PDF{suffix}")
        return pdf


def _font_environment(work: Path) -> dict[str, str] | None:
    """LibreOffice's environment with the font substitutes added to fontconfig's configuration
    (the user's own, named by ``FONTCONFIG_FILE``, or the system's); None where there is none."""
    system = os.environ.get("FONTCONFIG_FILE") or str(_SYSTEM_FONTCONFIG)
    if sys.platform in ("win32", "darwin") or not Path(system).is_file():
        return None
    config = work / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<fontconfig>\n'
        f"  <include>{escape(system)}</include>\n"
        f'  <include ignore_missing="yes">{escape(str(_FONT_SUBSTITUTES))}</include>\n'
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def _run(
    command: list[str], timeout: float, cwd: Path, env: dict[str, str] | None = None
) -> tuple[int, bytes, bytes]:
    """Run LibreOffice in its own process group so that a timeout can stop all of it.

    ``soffice`` is a launcher that starts ``soffice.bin``; killing only the launcher would leave
    the real converter running and holding the temporary directory.
    """
    posix = os.name == "posix"
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
            start_new_session=posix,
        )
    except OSError as exc:
        raise ConversionError(
            f"cannot start LibreOffice ({command[0]}): {exc.strerror or exc}"
        ) from exc
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill(process)
        raise ConversionError(
            f"LibreOffice did not finish within {timeout:g} seconds and was stopped: "
            "try again, or build DOCX only"
        ) from exc
    except BaseException:  # KeyboardInterrupt included: never leave LibreOffice running
        _kill(process)
        raise
    return process.returncode, stdout, stderr


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the process group before reaping the leader, while its id cannot be reused."""
    if os.name == "posix":
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            process.kill()
    else:  # pragma: no cover - Windows has no process groups to kill this way
        process.kill()
    try:
        process.communicate(timeout=_REAP_SECONDS)
    except subprocess.TimeoutExpired:  # pragma: no cover - a grandchild left the group
        # It still holds our pipes open; stop waiting for it, but reap our own child.
        process.kill()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
        process.wait()


def _tail(output: bytes) -> str:
    """The last lines LibreOffice printed: usually the one that says what went wrong."""
    lines = [line.rstrip() for line in output.decode("utf-8", "replace").splitlines()]
    return "\n".join([line for line in lines if line.strip()][-_TAIL_LINES:])


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
