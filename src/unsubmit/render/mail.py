"""A communication as an email ready to send: RFC 5322, with the documents attached.

The OHCHR takes individual cases by email at its general address, ``urgent-action@ohchr.org``,
and asks that the subject say whether the case is urgent and which mandates it is for (ISHR
Academy, "Requesting a communication"; no other address could be confirmed, so none is
invented). The message is written as an ``.eml`` file that any mail client opens as a draft or
a message to forward, with the DOCX (and the PDF, when built) attached.

The file is deterministic like the documents: the Date is the case's date, and the Message-ID
and the MIME boundary are derived from a hash of everything else, so two builds of the same
case give the same bytes.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import re
from collections.abc import Sequence
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

from unsubmit.errors import InputError
from unsubmit.i18n.translations import Translator
from unsubmit.models import Communication
from unsubmit.models.petition import DOCUMENTS
from unsubmit.models.translatable import N_, Translate
from unsubmit.render.context import DASH, UNOFFICIAL_TITLES, Formatter, clean
from unsubmit.un.addresses import OHCHR_ADDRESS, AddressError, CheckedAddress, check_address
from unsubmit.un.working_groups import working_groups

__all__ = ["OHCHR_ADDRESS", "email_message", "one_line", "recipient"]

#: What a subject calls each type of communication: urgent appeals say so in capitals.
SUBJECT_TYPES = {
    "urgent-appeal": N_("URGENT APPEAL"),
    "allegation-letter": N_("Allegation letter"),
    "other-letter": N_("Other letter"),
    "follow-up": N_("Follow-up"),
}
GREETING = N_("To the Special Procedures of the Human Rights Council,")
ATTACHED = {
    "urgent-appeal": N_(
        "Please find attached an urgent appeal concerning %(country)s: %(title)s, dated %(date)s."
    ),
    "allegation-letter": N_(
        "Please find attached an allegation letter concerning %(country)s: %(title)s, "
        "dated %(date)s."
    ),
    "other-letter": N_(
        "Please find attached a letter concerning %(country)s: %(title)s, dated %(date)s."
    ),
    "follow-up": N_(
        "Please find attached a follow-up to an earlier communication concerning "
        "%(country)s: %(title)s, dated %(date)s."
    ),
}
ADDRESSED = N_("It is addressed to:")
URGENT = N_(
    "The violations it describes are ongoing or imminent and risk causing irreparable harm. "
    "We ask the mandate holders to act without delay."
)
CLOSING = N_("We remain at your disposal for any further information.")
#: A petition under the WGAD's regular procedure: its own greeting and covering sentence.
PETITION_GREETING = N_("To the Working Group on Arbitrary Detention,")
PETITION_ATTACHED = N_(
    "Please find attached a petition under the regular procedure of the Working Group, "
    "concerning: %(title)s (%(country)s), dated %(date)s."
)

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
MIME_TYPES = {".docx": DOCX_TYPE, ".pdf": ("application", "pdf")}


def short_name(mandate: str) -> str:
    """A mandate in a subject line: its registry id in capitals (WGAD, SR-TORTURE)."""
    return mandate.upper()


def subject(
    case: Communication, gettext: Translate, fmt: Formatter, document: str = "communication"
) -> str:
    """``URGENT APPEAL – Belarus – SR-BELARUS, WGAD – <title>``: type, country, mandates; for a
    petition, ``Petition to the Working Group on Arbitrary Detention – Belarus – <title>``."""
    if document != "communication":
        return DASH.join(
            (fmt.label(DOCUMENTS, document), fmt.country(case.country), clean(case.title))
        )
    mandates = ", ".join(short_name(m) for m in case.mandates)
    parts = (gettext(SUBJECT_TYPES[case.type]), fmt.country(case.country), mandates)
    return DASH.join((*parts, clean(case.title)))


def body(
    case: Communication, gettext: Translate, fmt: Formatter, document: str = "communication"
) -> str:
    """A short covering note; the documents attached say everything else."""
    petition = document != "communication"
    named = [fmt.mandate(m) for m in case.mandates]
    mandates = [f"- {m['title']}" for m in named]
    if not all(m["official"] for m in named):
        mandates.append(gettext(UNOFFICIAL_TITLES))
    lead = case.submitters[0]
    signature = [clean(lead.name)]
    signature += [
        clean(v) for v in (lead.contact.name, lead.contact.email, lead.contact.phone) if v
    ]
    values = {
        "country": fmt.country(case.country),
        "title": clean(case.title),
        "date": fmt.date(case.date),
    }
    paragraphs = (
        [gettext(PETITION_GREETING), gettext(PETITION_ATTACHED) % values]
        if petition
        else [
            gettext(GREETING),
            gettext(ATTACHED[case.type]) % values,
            "\n".join([gettext(ADDRESSED), *mandates]),
        ]
    )
    if case.type == "urgent-appeal" and not petition:
        paragraphs.append(gettext(URGENT))
    paragraphs += [gettext(CLOSING), "\n".join(signature)]
    return "\n\n".join(paragraphs) + "\n"


class _Headers:
    """The message's own headers, written here rather than by the email package.

    Python's email package decodes the RFC 2047 encoded words it is given and folds the result
    again, and releases without the fix for CVE-2024-6923 (3.11.7, for one) write a line break
    decoded from ``=?utf-8?q?=0A...?=`` as it is, so a title or a name could add ``Bcc:`` or
    any other header. Untrusted text never reaches it: each value is made one line (any line
    break, control character or run of spaces becomes one space), and written as it is only
    when it is printable ASCII holding no ``=?``; otherwise it is written as base64 encoded
    words made here, which show any ``=?...?=`` in it literally. Addresses are written as
    email-validator normalised them (:mod:`unsubmit.un.addresses`).
    """

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, name: str, value: str) -> None:
        line = f"{name}: {value}"
        if _UNSAFE.search(line.replace(_FOLD, " ")):  # the last guard: never reached
            raise InputError(f"the {name} header would hold a line break or a control character")
        self.lines.append(line)

    def text(self, name: str, value: str) -> None:
        """An unstructured header (Subject)."""
        shown = one_line(value)
        if _plain(shown) and len(name) + 2 + len(shown) <= MAX_LINE:
            self.add(name, shown)
        else:
            self.add(name, _FOLD.join(_encoded_words(shown)))

    def mailboxes(self, name: str, mailboxes: Sequence[tuple[str, CheckedAddress]]) -> None:
        """An address header: ``"Display name" <address>`` for each, separated by commas."""
        shown = []
        for display, address in mailboxes:
            phrase = one_line(display)
            if not phrase:
                shown.append(address.header)
            elif _plain(phrase) and len(phrase) <= _PLAIN_PHRASE:
                quoted = phrase.replace("\\", "\\\\").replace('"', '\\"')
                shown.append(f'"{quoted}" <{address.header}>')
            else:
                shown.append(f"{_FOLD.join(_encoded_words(phrase))}{_FOLD}<{address.header}>")
        self.add(name, f",{_FOLD}".join(shown))

    def as_bytes(self) -> bytes:
        return "".join(f"{line}\r\n" for line in self.lines).encode("utf-8")


#: Line breaks and controls that may not reach a header: every Unicode line break (CR, LF,
#: NEL, U+2028, U+2029 among them), every other white space and every C0 and C1 control.
_BREAKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")
_UNSAFE = re.compile(r"[^\S ]|[\x00-\x1f\x7f-\x9f]")
_PRINTABLE_ASCII = re.compile(r"[ -~]*")
#: Folding between encoded words, which readers drop (RFC 2047, section 6.2).
_FOLD = "\r\n "
#: RFC 5322's bound on a line, and the longest display name written without encoding.
MAX_LINE = 998
_PLAIN_PHRASE = 64
#: UTF-8 bytes in one encoded word: 45 make 60 characters of base64, 72 with the markers,
#: within RFC 2047's 75.
_WORD_BYTES = 45


def one_line(text: str) -> str:
    """``text`` on one line: each run of line breaks, controls or spaces becomes one space."""
    return _BREAKS.sub(" ", text).strip()


def _plain(text: str) -> bool:
    return _PRINTABLE_ASCII.fullmatch(text) is not None and "=?" not in text


def _encoded_words(text: str) -> list[str]:
    """``text`` as RFC 2047 base64 encoded words, each whole characters of UTF-8.

    A word ends after a space of the text where it can: readers should drop the white space
    between two encoded words, but some (Python's, in display names) show it as a space, which
    then falls beside one the text has rather than inside a word.
    """
    chunks: list[bytes] = []
    chunk = b""
    for char in text:
        data = char.encode("utf-8", "replace")
        if len(chunk) + len(data) > _WORD_BYTES:
            end = chunk.rfind(b" ") + 1 or len(chunk)
            chunks.append(chunk[:end])
            chunk = chunk[end:]
        chunk += data
    chunks.append(chunk)
    return [f"=?utf-8?b?{base64.b64encode(c).decode('ascii')}?=" for c in chunks]


def _address(text: str, field: str) -> CheckedAddress:
    try:
        return check_address(text)
    except AddressError as exc:  # validation refuses it first: see rules.email_addresses
        raise InputError(f"{field}: {text!r} is not one valid e-mail address ({exc})") from exc


def recipient(case: Communication, document: str = "communication") -> str:
    """Where the draft of ``case`` goes: its ``send_to`` or the OHCHR's general address; a WGAD
    petition, to the Working Group's own address (``data/petitions.json``)."""
    if document == "wgad-petition":
        return _address(str(working_groups()["wgad"].address), "wgad address").normalized
    return _address(case.send_to or OHCHR_ADDRESS, "send_to").normalized


def email_message(
    case: Communication,
    attachments: Sequence[tuple[str, bytes]],
    translator: Translator,
    document: str = "communication",
) -> bytes:
    """The ``.eml`` bytes for ``case`` in the translator's language, with ``attachments``
    (file name, bytes) attached.

    Addressed to ``case.send_to`` or the OHCHR's general address, from the first submitter,
    with every submitter's address as Reply-To. The headers are written by :class:`_Headers`;
    the email package writes only the MIME structure, from values the code chose.
    """
    fmt = Formatter(translator.language, translator)
    gettext = translator.gettext
    lead = case.submitters[0]
    sender = _address(lead.contact.email, "submitters[0].contact.email")
    headers = _Headers()
    headers.mailboxes("From", [(clean(lead.name), sender)])
    headers.mailboxes(
        "Reply-To",
        [
            (clean(s.contact.name or s.name), _address(s.contact.email, "contact.email"))
            for s in case.submitters
        ],
    )
    headers.mailboxes("To", [("", check_address(recipient(case, document)))])
    headers.text("Subject", subject(case, gettext, fmt, document))
    day = case.date
    headers.add(
        "Date",
        format_datetime(
            datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)
        ),
    )
    headers.add("Content-Language", fmt.locale.language)
    content = EmailMessage(policy=policy.SMTP)
    text = body(case, gettext, fmt, document)
    content.set_content(text, cte="quoted-printable")
    digest = hashlib.sha256()
    for value in (*headers.lines, text):
        digest.update(value.encode("utf-8") + b"\0")
    for name, data in attachments:
        maintype, subtype = MIME_TYPES[name[name.rfind(".") :]]
        content.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    hexdigest = digest.hexdigest()
    headers.add("Message-ID", f"<{hexdigest[:32]}@{sender.ascii_domain}>")
    if content.is_multipart():
        content.set_boundary(f"=_{hexdigest[32:]}")
    return headers.as_bytes() + content.as_bytes(policy=policy.SMTP)
