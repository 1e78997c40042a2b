"""Building again into a folder: what a build may replace, and what it leaves behind.

A build replaces, without ``--force``, the outputs that the folder's record
(:mod:`unsubmit.write.manifest`) says an earlier build wrote and that nobody changed since. A
file that someone edited after the build, or that unsubmit never wrote, is replaced only with
``--force``: without it the build stops before writing anything and says, for each such file,
why and what to do.

A build also looks at what an earlier build of the same documents left: an older PDF beside a
new DOCX, an e-mail that attaches an older DOCX. An output of the same case, locale and variant
that this build does not write, and that was made from another DOCX than the one built now, is
out of date: it is removed when the record shows that a build wrote it and nobody changed it,
and named in a warning otherwise. A PDF or e-mail made from the very DOCX built now stays.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from unsubmit.errors import Location, OutputError
from unsubmit.write import digest, holds
from unsubmit.write.manifest import (
    MANIFEST_NAME,
    Manifest,
    Origin,
    Record,
    build_time,
    read_manifest,
    write_manifest,
)

__all__ = ["PlannedOutput", "Rebuild", "finish_rebuild", "plan_rebuild"]

#: The suffixes of the outputs of one document, and the options that build each.
_AGAIN = {".docx": "--format docx", ".pdf": "--format pdf", ".eml": "--email"}


@dataclass(frozen=True)
class PlannedOutput:
    """A file a build is about to write, and what the record will say of it."""

    path: Path
    data: bytes
    #: Its record; the time in it is set when it is written.
    record: Record
    #: The case file, as the build was given it.
    source: str


@dataclass
class Rebuild:
    """What a build writes, replaces and removes, decided before anything is written."""

    manifest: Manifest
    #: Outputs whose bytes are not on disk yet (new, or replacing older ones).
    writes: list[tuple[Path, bytes]] = field(default_factory=list)
    #: Of those, the files that exist and may be replaced.
    replaceable: set[Path] = field(default_factory=set)
    #: Outputs that already hold exactly the bytes to write.
    unchanged: set[Path] = field(default_factory=set)
    #: Out-of-date outputs of an earlier build that nobody changed: removed once the new ones
    #: are written.
    stale: list[tuple[Path, Record]] = field(default_factory=list)
    #: What to tell the advocate: out-of-date files left in place, a record that cannot be read.
    warnings: list[str] = field(default_factory=list)
    #: The record's entries for this build's outputs.
    records: dict[str, Record] = field(default_factory=dict)


def plan_rebuild(outputs: Sequence[PlannedOutput], folder: Path, *, force: bool) -> Rebuild:
    """Decide, before writing anything, what a build into ``folder`` does with each file.

    Raises :class:`OutputError` naming every file that the build may not replace without
    ``force``, and why.
    """
    manifest = read_manifest(folder)
    rebuild = Rebuild(manifest)
    if manifest.problem:
        rebuild.warnings.append(
            f"{manifest.path}: the record of earlier builds {manifest.problem}: the outputs "
            f"already in {folder} are treated as files unsubmit did not write, and the record "
            "is written again after this build"
        )
    now = build_time()
    refused = []
    for output in outputs:
        origin, record = manifest.origin(output.path)
        if origin is not Origin.ABSENT and holds(output.path, output.data):
            rebuild.unchanged.add(output.path)
            kept = record is not None and record.sha256 == output.record.sha256
            built = record.built if record is not None and kept else now
        else:
            built = now
            rebuild.writes.append((output.path, output.data))
            if origin is Origin.BUILT or (force and origin is not Origin.ABSENT):
                rebuild.replaceable.add(output.path)
            elif origin is not Origin.ABSENT:
                refused.append((output.path, _why_not_replaced(origin, record, manifest)))
        rebuild.records[output.path.name] = replace(output.record, built=built)
    if refused:
        raise _refusal(refused)
    _find_stale(rebuild, outputs)
    return rebuild


def finish_rebuild(rebuild: Rebuild) -> list[Path]:
    """After the outputs are written: remove the out-of-date ones, then write the record.

    Returns the files removed. The record is read again first, so that what a concurrent build
    into the same folder recorded meanwhile is kept.
    """
    removed = []
    for path, record in rebuild.stale:
        # Checked again: a file changed since the build started is no longer ours to remove.
        origin, _ = Manifest(rebuild.manifest.folder, {path.name: record}).origin(path)
        if origin is Origin.BUILT:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            removed.append(path)
    folder = rebuild.manifest.folder
    latest = read_manifest(folder)
    records = dict(latest.records if not latest.problem else rebuild.manifest.records)
    records.update(rebuild.records)
    for name in list(records):
        if not (folder / name).is_file():
            del records[name]  # removed now, or by hand since
    write_manifest(folder, records)
    return removed


def _why_not_replaced(origin: Origin, record: Record | None, manifest: Manifest) -> str:
    if origin is Origin.EDITED and record is not None:
        return (
            f"edited after the build at {record.built_at()}: save your changes under another "
            "name and build again, or build with --force to replace it"
        )
    listed = (
        "the folder's record of its builds cannot be read"
        if manifest.problem
        else f"not listed in {MANIFEST_NAME}, the folder's record of its builds"
    )
    return (
        f"not written by unsubmit ({listed}): move it away and build again, or build with "
        "--force to replace it"
    )


def _refusal(refused: list[tuple[Path, str]]) -> OutputError:
    if len(refused) == 1:
        path, why = refused[0]
        return OutputError(
            f"nothing was written, this file is in the way: {why}", Location(str(path))
        )
    listed = "\n".join(f"  {path}: {why}" for path, why in refused)
    return OutputError(
        f"nothing was written, {len(refused)} files are in the way of this build:\n{listed}"
    )


def _find_stale(rebuild: Rebuild, outputs: Sequence[PlannedOutput]) -> None:
    """The outputs of earlier builds of this build's documents that are now out of date."""
    manifest = rebuild.manifest
    written = {output.path.name for output in outputs}
    # One output per document, which names its case, locale, variant and DOCX.
    documents: dict[tuple[str, str, str], PlannedOutput] = {}
    for output in outputs:
        documents.setdefault(
            (output.record.case, output.record.locale, output.record.variant), output
        )
    for name, record in sorted(manifest.records.items()):
        current = documents.get((record.case, record.locale, record.variant))
        if name in written or current is None or record.docx_sha256 == current.record.docx_sha256:
            continue
        path = manifest.folder / name
        origin, _ = manifest.origin(path)
        if origin is Origin.BUILT:
            rebuild.stale.append((path, record))
        elif origin is Origin.EDITED:
            rebuild.warnings.append(
                f"{path}: made from an older version of {current.path.with_suffix('.docx').name} "
                f"and edited after the build at {record.built_at()}, so it was left: remove it "
                "if it is out of date"
            )
    for output in documents.values():
        for suffix, options in _AGAIN.items():
            path = output.path.with_suffix(suffix)
            if path.name in written or path.name in manifest.records or not path.exists():
                continue
            if suffix == ".docx" and digest(path) == output.record.docx_sha256:
                continue  # the very DOCX built now
            rebuild.warnings.append(
                f"{path}: may be older than what this build wrote, and unsubmit did not "
                f"write it (not listed in {MANIFEST_NAME}), so it was left: remove it, or "
                f"build it again with {options} --force"
            )
