"""Case text made safe and shaped for documents: control characters out, paragraphs split.

Every string from a case reaches the document literally, so the only changes made here are the
ones a document format forces: characters XML 1.0 cannot hold (most C0 controls, lone
surrogates, U+FFFE/U+FFFF) are dropped, Windows line ends become ``\\n``, and text with blank
lines becomes separate paragraphs.
"""

from __future__ import annotations

import re

# Characters XML 1.0 cannot carry, plus C1 controls, which no document should hold.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def clean(text: str) -> str:
    """The text without characters a DOCX cannot hold; line ends normalised to ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNWRITABLE.sub("", text)


def paragraphs(text: str) -> list[str]:
    """Split text into paragraphs at blank lines; single line breaks inside one are spaces.

    YAML block scalars (``|``) keep the author's line wrapping, which is not meant as a break.
    """
    parts = (_LINE_BREAK.sub(" ", part.strip()) for part in _BLANK_LINE.split(clean(text)))
    return [part for part in parts if part]


def slug(text: str, limit: int = 60) -> str:
    """A file-name-safe form of ``text``: lower case, words joined by hyphens, letters kept."""
    words = re.findall(r"\w+", clean(text).casefold())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out.replace("_", "-") or "case"
