"""Write outputs so that a file with its final name is always complete.

A build can be interrupted (Ctrl-C, a killed CI job, a full disk, a laptop lid). A half-written
DOCX with the final name would be sent to the UN as if it were good, so every output is written to
a hidden ``.part`` file in the same directory, flushed to disk, and only then given its final name
in one atomic step. Whatever happens, the final name holds either nothing, the previous file, or
the complete new one. A build that is killed outright leaves its hidden ``.part`` files, which
may hold a document; each carries the number of the process that made it, and the next write
into the same directory removes those whose process has ended.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from unsubmit.errors import Location, OutputError

__all__ = ["ensure_output_dir", "holds", "write_all", "write_atomic"]

# Errors of os.link that mean "this file system cannot make hard links", not "it exists".
_NO_HARD_LINKS = frozenset(
    {
        errno.EPERM,
        errno.EXDEV,
        errno.EMLINK,
        getattr(errno, "ENOTSUP", errno.EPERM),
        getattr(errno, "EOPNOTSUPP", errno.EPERM),
    }
)
_FLUSHES_AT_ONCE = 16
_MAX_PREFIX = 200  # keeps ".<name>.<pid>-<random>.part" under the usual 255-byte name limit
_TEMPORARY = re.compile(r"^\..+\.(\d+)-[0-9a-f]{12}\.part$")


def write_atomic(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write ``data`` to ``path`` completely or not at all.

    Without ``overwrite`` an existing file is never replaced, even one that a concurrent build
    creates between our check and our rename: the final name is made with ``os.link``, which fails
    if the name exists. File systems without hard links fall back to a check and a rename. An
    existing file that already holds exactly ``data`` is not an error: two builds of the same
    case into the same directory at once both succeed, since builds are deterministic.
    """
    write_all([(Path(path), data)], overwrite=overwrite)


def write_all(
    outputs: Sequence[tuple[Path, bytes]], *, overwrite: bool, replace: Collection[Path] = ()
) -> None:
    """:func:`write_atomic` for many files, in stages, so that the disk is waited for once.

    Every temporary file is written and flushed to disk, several at once (the file system then
    commits them together, where one by one it would wait for the disk two times per file); then
    each gets its final name, and each directory is flushed once at the end. A file still
    carries its final name only once its content is on disk; when a write or a flush fails, no
    final name has been given yet, and whatever fails, no ``.part`` file stays behind.
    Without ``overwrite``, only the files named in ``replace`` may be replaced.
    """
    for directory in dict.fromkeys(Path(path).parent for path, _ in outputs):
        remove_abandoned(directory)
    temporaries: list[tuple[Path, Path, bytes]] = []
    try:
        for path, data in outputs:
            if not (overwrite or path in replace) and os.path.lexists(path):
                if holds(path, data):
                    continue  # builds are deterministic: the same bytes are already there
                raise _exists(path)
            temporaries.append((_create_temporary(path), path, data))
        with ThreadPoolExecutor(min(_FLUSHES_AT_ONCE, len(temporaries) or 1)) as flushing:
            for _ in flushing.map(_write_and_sync, temporaries):
                pass
        for tmp, path, data in temporaries:
            if overwrite or path in replace:
                with _as_output_error(path):
                    tmp.replace(path)
                continue
            try:
                _link_without_overwrite(tmp, path)
            except FileExistsError as exc:
                if not holds(path, data):  # else a concurrent build wrote the same bytes first
                    raise _exists(path) from exc
            except OSError as exc:
                raise _error(path, exc) from exc
        for directory in dict.fromkeys(path.parent for _, path, _ in temporaries):
            _sync_directory(directory)
    finally:
        # After a successful os.replace the temporary name is gone; after os.link it is a
        # second name for the final file. Either way, nothing named .part may stay behind.
        for tmp, _, _ in temporaries:
            with contextlib.suppress(OSError):
                tmp.unlink()


def _write_and_sync(temporary: tuple[Path, Path, bytes]) -> None:
    tmp, path, data = temporary
    with _as_output_error(path), tmp.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


@contextlib.contextmanager
def _as_output_error(path: Path) -> Iterator[None]:
    try:
        yield
    except FileExistsError as exc:
        raise _exists(path) from exc
    except OSError as exc:
        raise _error(path, exc) from exc


def ensure_output_dir(path: Path) -> None:
    """Create the output directory if needed and check that outputs can be written there."""
    path = Path(path)
    location = Location(file=str(path))
    if path.exists() and not path.is_dir():
        raise OutputError("is not a directory: choose another output directory with -o", location)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a dangling symbolic link, or a file created meanwhile
        raise OutputError(
            "is not a directory: choose another output directory with -o", location
        ) from exc
    except OSError as exc:
        raise _error(path, exc, directory=True) from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputError("permission denied: choose another output directory with -o", location)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # os.access says yes to root everywhere; only an actual file tells the truth (a
        # read-only mount, a root-squashed network share).
        try:
            probe = _create_temporary(path / "probe")
        except OutputError as exc:
            raise OutputError(exc.message, location) from exc
        with contextlib.suppress(OSError):
            probe.unlink()


# --- Helpers -----------------------------------------------------------------------------------


def remove_abandoned(directory: Path) -> list[Path]:
    """Remove the ``.part`` files that killed writers left in ``directory``; return them.

    A temporary file names the process that made it. One whose process no longer exists was
    abandoned (the build was killed before it could clean up) and may hold a whole document, so
    it goes. Files of running processes, ours or a concurrent build's, are left alone.
    """
    if os.name != "posix":
        return []
    removed = []
    try:
        entries = list(Path(directory).iterdir())
    except OSError:
        return []
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match is None or _running(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            entry.unlink()
            removed.append(entry)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but is not ours (EPERM), or we cannot tell: leave it
        return True
    return True


def _create_temporary(path: Path) -> Path:
    """Create an empty, exclusive ``.<name>.<pid>-<random>.part`` next to ``path``.

    The mode is 0o666 minus the umask, like any file the user creates, so the final file gets
    the permissions the user expects rather than ``mkstemp``'s 0o600.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    for _attempt in range(100):
        tmp = path.parent / f".{path.name[:_MAX_PREFIX]}.{os.getpid()}-{secrets.token_hex(6)}.part"
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _error(path, exc) from exc
        os.close(fd)
        return tmp
    raise OutputError(  # pragma: no cover - a hundred random collisions in a row
        "cannot create a temporary file next to it", Location(file=str(path))
    )


def _link_without_overwrite(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # No hard links here (some network, FAT and FUSE file systems): a check and a rename
        # leave a tiny window in which a concurrent build could be overwritten.
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from exc
        tmp.replace(path)


def holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file with exactly ``data`` in it."""
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def digest(path: Path) -> str | None:
    """The SHA-256 of what the regular file ``path`` holds, or None when there is no such file
    or it cannot be read: how a build recognises an output it wrote (:mod:`.manifest`)."""
    try:
        if not path.is_file() or path.is_symlink():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _sync_directory(directory: Path) -> None:
    """Make the new name itself durable; best effort, some systems cannot open directories."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _exists(path: Path) -> OutputError:
    return OutputError("already exists: pass --force to overwrite it", Location(file=str(path)))


def _error(path: Path, exc: OSError, *, directory: bool = False) -> OutputError:
    """Turn an OS error into a message that says what to do about it."""
    location = Location(file=str(path))
    code = exc.errno
    parent = path if directory else path.parent
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        message = "no space left on the device: free some space and build again"
    elif code in (errno.EACCES, errno.EPERM):
        message = "permission denied: choose another output directory with -o"
    elif code == errno.ENOTDIR:
        message = (
            f"{_first_non_directory(parent)} is not a directory: "
            "choose another output directory with -o"
        )
    elif code == errno.EROFS:
        message = "read-only file system: choose another output directory with -o"
    elif code == errno.EISDIR:
        message = "is a directory: remove it or choose another output name"
    elif code == errno.ENOENT:
        message = f"{parent} does not exist: create it or choose another output directory with -o"
    elif code == errno.ENAMETOOLONG:
        message = "the file name is too long: choose a shorter output directory or name"
    else:
        message = f"cannot write: {exc.strerror or exc}"
    return OutputError(message, location)


def _first_non_directory(directory: Path) -> Path:
    """The ancestor that is in the way: ``report.docx/out`` names the file ``report.docx``."""
    for candidate in (directory, *directory.parents):
        if os.path.lexists(candidate):
            return directory if candidate.is_dir() else candidate
    return directory
