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

import datetime
import hashlib
from collections.abc import Sequence
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from unsubmit.i18n.translations import Translator
from unsubmit.models import Communication
from unsubmit.render.context import DASH, UNOFFICIAL_TITLES, Formatter, clean
from unsubmit.translatable import N_, Translate

__all__ = ["OHCHR_ADDRESS", "email_message"]

UNFOLDED = policy.SMTP.clone(max_line_length=998)

#: The OHCHR's general address for individual cases (ISHR Academy).
OHCHR_ADDRESS = "urgent-action@ohchr.org"

#: What a subject calls each type of communication: urgent appeals say so in capitals.
SUBJECT_TYPES = {
    "urgent-appeal": N_("URGENT APPEAL"),
    "allegation-letter": N_("Allegation letter"),
    "other-letter": N_("Other letter"),
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
}
ADDRESSED = N_("It is addressed to:")
URGENT = N_(
    "The violations it describes are ongoing or imminent and risk causing irreparable harm. "
    "We ask the mandate holders to act without delay."
)
CLOSING = N_("We remain at your disposal for any further information.")

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
MIME_TYPES = {".docx": DOCX_TYPE, ".pdf": ("application", "pdf")}


def short_name(mandate: str) -> str:
    """A mandate in a subject line: its registry id in capitals (WGAD, SR-TORTURE)."""
    return mandate.upper()


def subject(case: Communication, gettext: Translate, fmt: Formatter) -> str:
    """``URGENT APPEAL – Belarus – SR-BELARUS, WGAD – <title>``: type, country, mandates."""
    mandates = ", ".join(short_name(m) for m in case.mandates)
    parts = (gettext(SUBJECT_TYPES[case.type]), fmt.country(case.country), mandates)
    return DASH.join((*parts, clean(case.title)))


def body(case: Communication, gettext: Translate, fmt: Formatter) -> str:
    """A short covering note; the documents attached say everything else."""
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
    paragraphs = [
        gettext(GREETING),
        gettext(ATTACHED[case.type]) % values,
        "\n".join([gettext(ADDRESSED), *mandates]),
    ]
    if case.type == "urgent-appeal":
        paragraphs.append(gettext(URGENT))
    paragraphs += [gettext(CLOSING), "\n".join(signature)]
    return "\n\n".join(paragraphs) + "\n"


def email_message(
    case: Communication,
    attachments: Sequence[tuple[str, bytes]],
    translator: Translator,
) -> bytes:
    """The ``.eml`` bytes for ``case`` in the translator's language, with ``attachments``
    (file name, bytes) attached.

    Addressed to ``case.send_to`` or the OHCHR's general address, from the first submitter,
    with every submitter's address as Reply-To.
    """
    fmt = Formatter(translator.language, translator)
    gettext = translator.gettext
    lead = case.submitters[0]
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = Address(clean(lead.name), addr_spec=lead.contact.email)
    message["Reply-To"] = [
        Address(clean(s.contact.name or s.name), addr_spec=s.contact.email) for s in case.submitters
    ]
    message["To"] = case.send_to or OHCHR_ADDRESS
    message["Subject"] = subject(case, gettext, fmt)
    day = case.date
    message["Date"] = format_datetime(
        datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)
    )
    message["Content-Language"] = fmt.locale.language
    text = body(case, gettext, fmt)
    message.set_content(text, cte="quoted-printable")
    digest = hashlib.sha256()
    for value in (*(str(v) for _, v in message.items()), text):
        digest.update(value.encode("utf-8") + b"\0")
    for name, data in attachments:
        maintype, subtype = MIME_TYPES[name[name.rfind(".") :]]
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    hexdigest = digest.hexdigest()
    domain = lead.contact.email.rsplit("@", 1)[1]
    message["Message-ID"] = f"<{hexdigest[:32]}@{domain}>"
    if message.is_multipart():
        message.set_boundary(f"=_{hexdigest[32:]}")
    # Headers are written unfolded (up to RFC 5322's 998 characters): folding a subject that
    # mixes encoded words and plain text makes some readers (Python's own) add a space.
    return message.as_bytes(policy=UNFOLDED)
