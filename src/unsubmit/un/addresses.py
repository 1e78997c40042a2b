"""E-mail addresses as a communication's draft uses them: checked by the book, and placed.

A confidential letter goes to the address in ``send_to``, and the UN answers the submitters'
addresses. A pattern cannot tell a real address from one a mail program reads otherwise: a
comma makes two recipients, ``OHCHR:spy@evil.example;`` is a group that delivers to
``spy@evil.example``, ``urgent-action@ohchr.org.evil.example`` is not the OHCHR's, and a
Cyrillic ``о`` makes ``ohchr.оrg`` a different domain that looks the same. So every address is
checked with email-validator (syntax only: a draft is written offline), as exactly one address
with no display name, no quoted local part and no domain literal; a recipient is also checked
for letters of several scripts in one part, and its domain against the UN's.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Final

from email_validator import EmailNotValidError, validate_email

__all__ = [
    "OHCHR_ADDRESS",
    "UN_DOMAINS",
    "AddressError",
    "CheckedAddress",
    "at_the_un",
    "check_address",
    "mixed_scripts",
]

#: The OHCHR's general address for individual cases (ISHR Academy, "Requesting a
#: communication").
OHCHR_ADDRESS: Final = "urgent-action@ohchr.org"

#: The domains of the United Nations and of the OHCHR; their subdomains are the UN's too.
UN_DOMAINS: Final = ("un.org", "ohchr.org")

#: Scripts written together in one language, which a single word may mix.
_SCRIPT_FAMILIES: Final = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK"}


class AddressError(ValueError):
    """An address that is not exactly one valid address; the message says what is wrong."""


@dataclass(frozen=True)
class CheckedAddress:
    """A valid address: as email-validator normalises it, and in the form a header takes."""

    normalized: str
    #: The address with its domain in ASCII (IDNA); the normalised one when its local part
    #: is not ASCII (such an address needs mail systems that accept UTF-8, RFC 6531).
    header: str
    #: The domain in ASCII (IDNA), lower case.
    ascii_domain: str
    #: The domain as people read it (Unicode).
    domain: str


def check_address(text: str) -> CheckedAddress:
    """``text`` as one valid e-mail address, or :class:`AddressError` saying why it is not."""
    try:
        valid = validate_email(
            text,
            check_deliverability=False,
            allow_display_name=False,
            allow_quoted_local=False,
            allow_domain_literal=False,
        )
    except EmailNotValidError as exc:
        raise AddressError(str(exc).rstrip(".")) from exc
    return CheckedAddress(
        normalized=valid.normalized,
        header=valid.ascii_email or valid.normalized,
        ascii_domain=valid.ascii_domain.lower(),
        domain=valid.domain,
    )


def at_the_un(address: CheckedAddress) -> bool:
    """True when the address's domain is one of :data:`UN_DOMAINS` or a subdomain of one
    (``ohchr.org.evil.example`` is not)."""
    domain = address.ascii_domain.rstrip(".")
    return any(domain == un or domain.endswith(f".{un}") for un in UN_DOMAINS)


def _script(char: str) -> str | None:
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(char, "")
    script = name.split(" ", 1)[0] if name else "UNKNOWN"
    return _SCRIPT_FAMILIES.get(script, script)


def mixed_scripts(address: CheckedAddress) -> list[str]:
    """Each part of the address (the local part, each label of the domain) whose letters come
    from more than one script, as ``'оrg' mixes CYRILLIC and LATIN letters``."""
    local = address.normalized.rsplit("@", 1)[0]
    found = []
    for part in (local, *address.domain.split(".")):
        scripts = sorted({s for s in map(_script, part) if s is not None})
        if len(scripts) > 1:
            found.append(f"{part!r} mixes {' and '.join(scripts)} letters")
    return found
