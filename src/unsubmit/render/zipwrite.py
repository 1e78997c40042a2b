"""A deterministic ZIP writer whose members can be compressed once and written many times.

Every DOCX a template renders shares most of its parts with the template (styles, theme, fonts,
numbering, settings): only the document, its headers and footers and the core properties change.
``zipfile`` compresses every member again for every document; here a part is deflated once into
a :class:`Deflated` and its bytes are copied into each archive.

The archive is exactly what ``zipfile`` writes for the same members with a fixed date
(1980-01-01), ``create_system`` 0, permissions 0600 and deflate level 6, so documents are
byte-identical to those of earlier versions (a test compares the two writers). Each archive
depends only on its members and their order: not on the clock, the machine or the Python version.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Deflated", "deflate", "write_zip"]

#: The level ``zipfile`` uses when asked for 6, and the one documents were always written with.
COMPRESS_LEVEL = 6

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # what a reader needs for deflate (APPNOTE 4.4.3)
_DEFLATE = 8
_UTF8_NAME = 0x800
_DOS_DATE = 1 << 5 | 1  # 1980-01-01
_DOS_TIME = 0
_EXTERNAL_ATTR = 0o600 << 16
_LIMIT = 0xFFFFFFFF  # beyond this a member needs ZIP64, which no document comes near


@dataclass(frozen=True)
class Deflated:
    """One member's content, compressed: what a ZIP archive stores, ready to copy."""

    crc: int
    size: int
    data: bytes


def deflate(content: bytes) -> Deflated:
    """Compress ``content`` once, as ``zipfile`` would at :data:`COMPRESS_LEVEL`."""
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    data = compressor.compress(content) + compressor.flush()
    return Deflated(zlib.crc32(content), len(content), data)


def _encoded_name(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME


def write_zip(members: Iterable[tuple[str, Deflated]]) -> bytes:
    """An archive of ``members``, in the given order.

    Raises ``ValueError`` for an archive too large to write without ZIP64 extensions.
    """
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, member in members:
        encoded, flags = _encoded_name(name)
        if max(len(member.data), member.size, offset) >= _LIMIT:
            raise ValueError(f"{name} makes the document too large for a ZIP archive")
        # What both records say: flags, method, time, date, CRC and compressed size.
        common = (flags, _DEFLATE, _DOS_TIME, _DOS_DATE, member.crc, len(member.data))
        header = _LOCAL.pack(b"PK\003\004", _VERSION, 0, *common, member.size, len(encoded), 0)
        record = _CENTRAL.pack(
            b"PK\001\002", _VERSION, 0, _VERSION, 0, *common, member.size, len(encoded), 0, 0, 0,
            0, _EXTERNAL_ATTR, offset,
        )  # fmt: skip
        central.append(record + encoded)
        chunks += (header, encoded, member.data)
        offset += len(header) + len(encoded) + len(member.data)
    directory = b"".join(central)
    if offset + len(directory) >= _LIMIT or len(central) >= 0xFFFF:
        raise ValueError("the document is too large for a ZIP archive")
    end = _END.pack(b"PK\005\006", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join((*chunks, directory, end))
