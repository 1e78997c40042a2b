"""The ZIP writer: what zipfile writes for the same members, with each member compressed once."""

from __future__ import annotations

import zipfile
from io import BytesIO

from hypothesis import given
from hypothesis import strategies as st

from unsubmit.render.zipwrite import deflate, write_zip

NAMES = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"),
    min_size=1,
    max_size=12,
)
MEMBERS = st.dictionaries(NAMES, st.binary(max_size=3000) | st.text(max_size=3000).map(str.encode))


def _zipfile_bytes(members: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 0
            info.external_attr = 0o600 << 16
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buffer.getvalue()


@given(MEMBERS)
def test_the_archive_is_byte_for_byte_what_zipfile_writes(members: dict[str, bytes]) -> None:
    ours = write_zip((name, deflate(data)) for name, data in members.items())
    assert ours == _zipfile_bytes(members)
    with zipfile.ZipFile(BytesIO(ours)) as archive:
        assert archive.testzip() is None
        assert {info.filename: archive.read(info) for info in archive.infolist()} == members


def test_a_member_compressed_once_serves_many_archives() -> None:
    styles = deflate(b"<w:styles/>" * 100)
    first = write_zip([("word/styles.xml", styles), ("word/document.xml", deflate(b"<a/>"))])
    second = write_zip([("word/styles.xml", styles), ("word/document.xml", deflate(b"<b/>"))])
    for data, body in ((first, b"<a/>"), (second, b"<b/>")):
        with zipfile.ZipFile(BytesIO(data)) as archive:
            assert archive.read("word/styles.xml") == b"<w:styles/>" * 100
            assert archive.read("word/document.xml") == body
