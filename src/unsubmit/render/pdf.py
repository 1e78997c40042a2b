"""PDF through LibreOffice, run headless with a private profile.

LibreOffice is the only freely available converter that lays out a DOCX close to the way Word
does. Each conversion gets a fresh profile in a temporary directory: LibreOffice hands work to an
instance already running on the same profile (or waits on its lock), and a user's own profile may
carry macros or settings that change the output. A private profile keeps runs independent and lets
two conversions run at once.

The profile is also where LibreOffice is told to reach nothing outside the document
(:data:`PROFILE_SETTINGS`): left to itself, it fetches an image a document links to from a
server, which tells that server who converts a letter and when, and reads a ``file://`` image
from the disk into the PDF. Builds remove such links before conversion
(:mod:`unsubmit.render.letterhead`); the profile makes sure that LibreOffice would not follow one
anyway. Where the system allows it (Linux with user namespaces), LibreOffice also runs without
any network at all, in a network namespace of its own (``unshare --net``); elsewhere, or where
that is not permitted, the conversion runs as before with the profile alone.

The PDF is not reproducible: LibreOffice (checked with 7.4) writes the conversion time into
``/CreationDate`` and a time-derived ``/ID``, and ignores ``SOURCE_DATE_EPOCH``. Only the DOCX is
byte-identical from one build to the next.

Where LibreOffice finds its fonts through fontconfig (Linux and the BSDs), a conversion adds
``fonts.conf`` beside this module to the system's configuration: the free faces that stand in
for the fonts the templates name (Times New Roman, Arial, SimSun, SimHei), metric-compatible
where one exists, so that a PDF breaks its lines and pages where Word would.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
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

#: The settings of every conversion's profile, (path, property, value), from LibreOffice's own
#: schema (``officecfg/registry/schema``): no remote or local resource a document links to is
#: loaded for a document outside LibreOffice's trusted locations (there are none in a fresh
#: profile), links are never updated (``Writer/Content/Update/Link``: 0, never), no macro runs,
#: and no lock file is written beside the document.
PROFILE_SETTINGS: tuple[tuple[str, str, str], ...] = (
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),
    ("/org.openoffice.Office.Common/Misc", "UseLocking", "false"),
)


def find_soffice() -> str | None:
    """Return the LibreOffice program to run, or ``None`` if there is none.

    ``UNSUBMIT_SOFFICE`` (a path or a command name) wins over the search, so that a user with
    several versions, or a test, can choose one; if it names nothing runnable, the answer is
    ``None`` rather than a silent fallback to another LibreOffice.
    """
    override = os.environ.get(_ENV_OVERRIDE)
    if override:
        return _which(override)
    for name in _NAMES:
        found = _which(name)
        if found:
            return found
    for candidate in _known_locations():
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _on_windows() -> bool:
    return os.name == "nt"


def _which(name: str) -> str | None:
    """The program ``name`` names, by absolute path.

    ``shutil.which`` on Windows looks in the current directory before ``PATH`` (the shell's
    old habit), so a ``soffice.bat`` left in a folder of case files would run instead of
    LibreOffice. There, a name is looked up only in the directories of ``PATH`` that are
    absolute and are not the current directory; a path (``C:\\LibreOffice\\soffice.exe``)
    is taken as given.
    """
    if not _on_windows():
        return shutil.which(name)
    given = Path(name)
    if len(given.parts) > 1:
        return str(given.absolute()) if given.is_file() else None
    here = os.path.normcase(str(Path.cwd().absolute()))
    directories = [
        Path(entry)
        for entry in os.environ.get("PATH", "").split(os.pathsep)
        if entry
        and Path(entry).is_absolute()
        and os.path.normcase(str(Path(entry).absolute())) != here
    ]
    extensions = [ext for ext in os.environ.get("PATHEXT", ".COM;.EXE;.BAT;.CMD").split(";") if ext]
    names = (
        [name]
        if given.suffix.upper() in {ext.upper() for ext in extensions}
        else [name + ext for ext in extensions]
    )
    for directory in directories:
        for candidate in names:
            if (directory / candidate).is_file():
                return str(directory / candidate)
    return None


def _known_locations() -> list[str]:
    """Where installers put LibreOffice without adding it to ``PATH``; on Windows, under each
    Program Files folder the system names, then the usual ones."""
    found = list(_KNOWN_LOCATIONS.get(sys.platform, ()))
    if _on_windows():
        folders = [
            Path(os.environ.get(variable, ""))
            for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
        ]
        found = [
            str(folder / "LibreOffice" / "program" / "soffice.exe")
            for folder in folders
            if folder.is_absolute()
        ] + found
    return list(dict.fromkeys(found))


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

    The letter and its PDF exist on disk only in a private temporary directory (mode 0700),
    removed when the conversion ends, fails, or is stopped by SIGTERM or SIGINT: for the
    conversion's duration those signals stop LibreOffice and remove the directory first, then
    do what they would have done (see :func:`_signals_clean_up`).
    """
    soffice = require_soffice()
    try:
        with _signals_clean_up():
            return _convert(soffice, docx, timeout)
    except _Stopped as stopped:
        # LibreOffice is stopped and the directory removed: now the signal may end the process.
        signal.raise_signal(stopped.signum)
        raise ConversionError(  # a handler of the program's own chose to carry on
            f"the conversion was stopped by {_signal_name(stopped.signum)}"
        ) from None


class _Stopped(BaseException):
    """SIGTERM or SIGINT during a conversion: unwinds it so that its clean-up runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_clean_up() -> Iterator[None]:
    """Turn SIGTERM and SIGINT into :class:`_Stopped` while the block runs, then restore the
    handlers they had.

    By default SIGTERM ends Python at once, and the temporary directory, which holds the whole
    confidential letter, would stay behind. Signals that are ignored stay ignored (a pool's
    workers ignore SIGINT). Python lets only the main thread set handlers; a conversion in
    another thread relies on its program's own handling.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}

    def stop(signum: int, frame: object) -> None:
        raise _Stopped(signum)

    for number in (signal.SIGTERM, signal.SIGINT):
        handler = signal.getsignal(number)
        if handler is not signal.SIG_IGN:
            previous[number] = handler
            signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _convert(soffice: str, docx: bytes, timeout: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="unsubmit-pdf-") as tmp:
        work = Path(tmp)
        work.chmod(0o700)  # mkdtemp makes it so; said again, since the letter goes in it
        source = work / "in.docx"
        source.write_bytes(docx)
        _write_profile(work / "profile")
        command = [
            *network_isolation(),
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


def _write_profile(profile: Path) -> None:
    """A new LibreOffice profile that holds only :data:`PROFILE_SETTINGS`."""
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>\n"
        for path, name, value in PROFILE_SETTINGS
    )
    user = profile / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}</oor:items>\n",
        encoding="utf-8",
    )


@functools.lru_cache(maxsize=1)
def network_isolation() -> tuple[str, ...]:
    """The command that runs a program without network access, or ``()`` where there is none.

    On Linux, ``unshare --map-root-user --net`` gives the program a network namespace of its
    own, with no interface but a loopback that is down: it can reach no server, not even one on
    this machine. Unprivileged user namespaces may be disabled (some distributions, containers),
    so the command is tried once before it is used.
    """
    if not sys.platform.startswith("linux"):
        return ()
    unshare = next(
        (path for path in ("/usr/bin/unshare", "/bin/unshare") if os.access(path, os.X_OK)), None
    )
    if unshare is None:
        return ()
    command = (unshare, "--map-root-user", "--net")
    try:
        probe = subprocess.run(
            [*command, "/bin/true"], capture_output=True, timeout=_REAP_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return command if probe.returncode == 0 else ()


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
