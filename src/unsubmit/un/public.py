"""Public versions of a communication: people named only as their consent allows.

A communication goes to the UN with every name in it. The version an organisation publishes
(on its site, in a report, to the press) must name each alleged victim only as the victim or
the family agreed: in full, by initials, or not at all. It must also leave out what was never
meant for the public: the submitter's contact details (the contact person's name and
function, phone and e-mail in any spelling), confidential sources and annexes, the consent
record and the confidentiality notes.

This happens in two steps, so that one catches what the other might miss:

1. :func:`public_version` rewrites the validated case model before any context is built:
   every string of the case that is not a code, an identifier or a date (read from the
   models' types) has each hidden name replaced, and what is confidential is dropped. Victim
   identifiers, often the surname, become neutral ones (``victim-1``...).
2. :meth:`PublicVersion.check` reads every XML part of the rendered DOCX (the text, the core
   properties, alt text and every other attribute), and :meth:`PublicVersion.check_name` the
   output's file name, with the wider search of :meth:`unsubmit.un.names.Matcher.suspicious`,
   and refuses the document if a hidden name or a contact detail is still there.

What counts as "the same name" (spelling, script, transliteration, declension, names inside
addresses and hashtags) is :mod:`unsubmit.un.names`' one notion, used by both steps and by the
validation warnings about near misses.

Replacements: initials ("M. K.", or "K." for a surname alone), or for a withheld name the
victim's ``public_alias`` or the translated "[name withheld]" (with a letter when several
victims are withheld), "[redacted]" for the names under ``redact`` and the contact person,
and "[link withheld]" for a web address, e-mail address or file name that carries a name.
"""

from __future__ import annotations

import re
import string
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from io import BytesIO
from typing import Any, Literal, get_args, get_origin

from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo

from unsubmit.errors import Location, PublicationError
from unsubmit.load.source import JsonPath, format_path
from unsubmit.models import Communication
from unsubmit.models.communication import Victim
from unsubmit.models.localize import texts
from unsubmit.models.translatable import N_, Translate
from unsubmit.safexml import parse
from unsubmit.un.names import Hidden, Matcher, Texts, initials, matcher

__all__ = [
    "HiddenNameError",
    "PublicVersion",
    "check_file_name",
    "hides_someone",
    "initials",
    "near_misses",
    "public_name",
    "public_version",
    "redaction",
]

WITHHELD = N_("[name withheld]")
WITHHELD_ONE_OF_SEVERAL = N_("[name withheld %(letter)s]")
REDACTED = N_("[redacted]")
LINK_WITHHELD = N_("[link withheld]")

#: Optional fields that point somewhere (a web address, a file name): dropped, not rewritten,
#: when they hold a name, since a rewritten address would point nowhere.
_LINKS = frozenset({"url", "website", "file"})
#: Fields that hold a victim's identifier, replaced by a neutral one.
_VICTIM_IDS = frozenset({"id", "victims"})
#: Phone numbers are compared by their digits, whatever the formatting, from this many on.
_PHONE_DIGITS = 7
_DIGIT_RUN = re.compile(r"\+?\d[\d\s().\-‐‑–/]{4,}\d")


def public_name(victim: Victim) -> str:
    """How a victim may be named in public: ``full``, ``initials`` or ``withheld``.

    A victim whose consent could not be obtained (``consent.not_obtained``: held
    incommunicado, a family that cannot be reached) is withheld whatever ``public_name`` says:
    nobody agreed to a name in public. So is a victim without consent to the submission and
    knowledge that a summary is published (validation reports that case as an error too).
    """
    consent = victim.consent
    if consent.not_obtained is not None:
        return "withheld"
    if not (consent.submission and consent.informed_publication):
        return "withheld"
    return consent.public_name


def hides_someone(case: Communication) -> bool:
    """Whether a public version of ``case`` hides a victim or a name listed under redact."""
    return bool(case.redact) or any(public_name(v) != "full" for v in case.victims)


def _names(victim: Victim) -> list[str]:
    return [n for n in (victim.name, victim.name_original, *victim.aliases) if n]


def _letter(index: int) -> str:
    """A, B, ... Z, AA, AB, ...: tells withheld victims apart."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters


def redaction(case: Communication, gettext: Translate) -> Matcher:
    """Every name a public version of ``case`` must not show, with its replacement."""
    hidden: list[Hidden] = []
    link = gettext(LINK_WITHHELD)
    withheld = [v for v in case.victims if public_name(v) == "withheld"]
    for victim in case.victims:
        mode = public_name(victim)
        names = tuple(_names(victim))
        if mode == "full":
            continue
        if mode == "initials":
            hidden.append(Hidden(names, initials(victim.name), None, link))
            continue
        if victim.public_alias:
            shown = victim.public_alias
        elif len(withheld) == 1:
            shown = gettext(WITHHELD)
        else:
            letter = _letter(withheld.index(victim))
            shown = gettext(WITHHELD_ONE_OF_SEVERAL) % {"letter": letter}
        hidden.append(Hidden(names, shown, shown, link, hide_initials=True))
    redacted = gettext(REDACTED)
    for name in case.redact:
        hidden.append(Hidden((name,), redacted, redacted, link))
    for submitter in case.submitters:
        contact = submitter.contact.name
        if contact:
            # "Tatsiana Ivanova" is a person, hidden word by word; "Head of advocacy" is a
            # function, hidden only as a whole.
            person = all(word[:1].isupper() for word in contact.split())
            hidden.append(Hidden((contact,), redacted, redacted, link, whole_only=not person))
        function = submitter.contact.function
        if function:
            hidden.append(Hidden((function,), redacted, redacted, link, whole_only=True))
    return matcher(tuple(hidden))


def overlaps(case: Communication) -> Iterator[tuple[int, str, str, list[str]]]:
    """Names that may be published in full but share words with names that must be hidden.

    Yields the victim's index, the name, how public versions will show it, and the shared
    words: a sister's full name gives away a withheld victim's surname, so it is hidden too.
    """
    names = redaction(case, gettext=lambda message: message)
    for index, victim in enumerate(case.victims):
        if public_name(victim) != "full":
            continue
        for name in _names(victim):
            found = names.find(name)
            if found:
                yield index, name, names.apply(name), found


def near_misses(case: Communication) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Words of the case's text that look like a hidden name but would be left in public.

    Yields the JSON path of the text, the word and the hidden name it resembles: a spelling
    the rewrite does not know ("Sidarenko" for "Сідарэнка" with no Latin form given) is
    better added to the victim's aliases than published.
    """
    names = redaction(case, gettext=lambda message: message)
    if not names:
        return
    for path, value in texts(case):
        for text in value.values() if isinstance(value, dict) else (value,):
            for _, word, name in names.near_misses(text):
                yield path, word, name


# -- the rewrite, by the models' types ----------------------------------------------------------


@cache
def _code_fields(model: type[BaseModel]) -> dict[str, bool]:
    """Each field of a model, and whether it holds codes rather than words."""
    return {name: _is_code(info) for name, info in model.model_fields.items()}


def _is_code(info: FieldInfo) -> bool:
    """Whether a field holds codes, identifiers or dates rather than words (read from its type)."""
    return _code_type(info.annotation) or any(_code_metadata(m) for m in info.metadata)


def _code_metadata(item: Any) -> bool:
    return isinstance(item, AfterValidator) or getattr(item, "pattern", None) is not None


def _code_type(annotation: Any) -> bool:
    if get_origin(annotation) is Literal:
        return True
    metadata = getattr(annotation, "__metadata__", ())
    if any(_code_metadata(m) or _is_code_info(m) for m in metadata):
        return True
    return any(_code_type(arg) for arg in get_args(annotation))


def _is_code_info(item: Any) -> bool:
    return isinstance(item, FieldInfo) and _is_code(item)


class _Rewrite:
    """Rewrites a case model field by field, and gives victims neutral identifiers."""

    def __init__(self, names: Matcher, contacts: _Contacts, ids: dict[str, str]) -> None:
        self.names = names
        self.contacts = contacts
        self.ids = ids

    def text(self, value: str) -> str:
        return self.names.apply(self.contacts.apply(value))

    def model(self, model: BaseModel) -> dict[str, Any]:
        fields = _code_fields(type(model))
        return {name: self.value(getattr(model, name), name, code) for name, code in fields.items()}

    def value(self, value: Any, name: str, code: bool) -> Any:
        if isinstance(value, BaseModel):
            return self.model(value)
        if isinstance(value, list):
            return [self.value(item, name, code) for item in value]
        if not isinstance(value, str):
            return value
        if name in _VICTIM_IDS and value in self.ids:
            return self.ids[value]
        if name in _LINKS:
            return value if value == self.text(value) else None
        if code:
            return value
        return self.text(value)


@dataclass(frozen=True)
class _Contacts:
    """A submitter's contact details, found however the text writes them."""

    patterns: tuple[re.Pattern[str], ...]
    phones: tuple[str, ...]
    replacement: str

    def matches(self, text: str) -> Iterator[tuple[int, int]]:
        for pattern in self.patterns:
            for hit in pattern.finditer(text):
                yield hit.span()
        for run in _DIGIT_RUN.finditer(text):
            digits = re.sub(r"\D", "", run.group(0))
            if any(_same_number(digits, phone) for phone in self.phones):
                yield run.span()

    def apply(self, text: str) -> str:
        for start, end in sorted(set(self.matches(text)), reverse=True):
            text = text[:start] + self.replacement + text[end:]
        return text

    def find(self, text: str) -> list[str]:
        return [text[start:end] for start, end in sorted(set(self.matches(text)))]


def _same_number(written: str, phone: str) -> bool:
    """Whether digits in a text are the phone number, with or without its country code."""
    if len(written) < _PHONE_DIGITS:
        return False
    if written == phone or (min(len(written), len(phone)) >= 9 and written[-9:] == phone[-9:]):
        return True
    return phone.endswith(written) and len(phone) - len(written) <= 4


_DOT = r"\s*(?:\.|[\[(]\s*dot\s*[\])]|\s+dot\s+|\s+точка\s+)\s*"
_AT = r"\s*(?:@|＠|[\[({]\s*(?:at|собака)\s*[\])}]|\s+at\s+)\s*"


def _email_pattern(address: str) -> re.Pattern[str]:
    """``address``, and its forms written to fool harvesters (``t.ivanova [at] example.org``)."""
    local, _, domain = address.partition("@")

    def dotted(part: str) -> str:
        return _DOT.join(re.escape(piece) for piece in part.split("."))

    return re.compile(dotted(local) + _AT + dotted(domain), re.IGNORECASE)


def _contacts(case: Communication, gettext: Translate) -> _Contacts:
    patterns: list[re.Pattern[str]] = []
    phones: list[str] = []
    for submitter in case.submitters:
        contact = submitter.contact
        if contact.email and "@" in contact.email:
            patterns.append(_email_pattern(contact.email))
        if contact.address:
            words = [re.escape(word) for word in contact.address.split()]
            patterns.append(re.compile(r"\s+".join(words), re.IGNORECASE))
        if contact.phone:
            digits = re.sub(r"\D", "", contact.phone)
            if len(digits) >= _PHONE_DIGITS:
                phones.append(digits)
    return _Contacts(tuple(patterns), tuple(phones), gettext(REDACTED))


# -- the final check ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Leak:
    """A hidden name found in a public document: which part of the package, and the text."""

    part: str
    text: str


@dataclass(frozen=True)
class PublicVersion:
    """A case rewritten for the public, and what its rendered document must not contain."""

    case: Communication
    names: Matcher
    contacts: _Contacts

    def leaks_in(self, text: str) -> list[str]:
        """Every hidden name or contact detail that ``text`` may carry."""
        return [*self.names.suspicious(text), *self.contacts.find(text)]

    def leaks(self, docx: bytes) -> list[Leak]:
        """Every hidden name or contact detail left in any XML part of ``docx``."""
        with zipfile.ZipFile(BytesIO(docx)) as package:
            parts = [
                (part, _texts(package.read(part)))
                for part in sorted(package.namelist())
                if part.endswith((".xml", ".rels"))
            ]
        everything = sum((strings for _, strings in parts), Texts.empty())
        if not self.names.may_hold(everything) and not self.contacts.find(everything.joined):
            return []
        found: dict[tuple[str, str], None] = {}
        for part, strings in parts:
            for text in strings.texts:
                for hit in self.leaks_in(text):
                    found[(part, hit)] = None
        return [Leak(part, text) for part, text in found]

    def check(self, docx: bytes, source: str) -> None:
        """Refuse a public document that names someone it must not (or a contact detail)."""
        leaks = self.leaks(docx)
        if leaks:
            _refuse(leaks, source, self.unresolved())

    def unresolved(self) -> tuple[tuple[JsonPath, str], ...]:
        """The case's texts that still carry a hidden name after the rewrite, as far as the
        wider search can tell (JSON path, what it found): where a refusal points the user."""
        return tuple(
            (path, hit)
            for path, value in texts(self.case)
            for hit in (self.names.suspicious(value) if isinstance(value, str) else ())
        )


def check_file_name(case: Communication, name: str, source: str, gettext: Translate) -> None:
    """Refuse a public output file name that carries a hidden name or a contact detail."""
    names, contacts = redaction(case, gettext), _contacts(case, gettext)
    hits = [*names.suspicious(name), *contacts.find(name)]
    _refuse([Leak("the file name", hit) for hit in hits], source)


class HiddenNameError(PublicationError):
    """A public document would show a hidden name; ``json_path`` is the case text it comes
    from, when the rewrite can tell, so that the build can point at its line."""

    def __init__(self, message: str, location: Location, json_path: JsonPath | None) -> None:
        super().__init__(message, location)
        self.json_path = json_path


def _refuse(
    leaks: list[Leak], source: str, unresolved: tuple[tuple[JsonPath, str], ...] = ()
) -> None:
    if not leaks:
        return
    shown = "; ".join(f"{leak.text!r} in {leak.part}" for leak in leaks[:5])
    more = f" and {len(leaks) - 5} more" if len(leaks) > 5 else ""
    origin = ""
    path: JsonPath | None = None
    if unresolved:
        path = unresolved[0][0]
        origin = (
            "The case text here spells a hidden name in a way the public version cannot "
            "hide (spaced out, split by other characters, or a spelling of its own): write "
            "it as the case's names do, or add that spelling to the victim's aliases or list "
            "it under redact. "
        )
    raise HiddenNameError(
        f"the public version would show what consent does not allow: {shown}{more}. "
        f"Nothing was written. {origin}If your template prints these fields, leave them out "
        "when `public` is true ({% if not public %}...{% endif %}); if the case text spells a "
        "hidden name in a way the public version does not recognise, add that spelling to "
        "the victim's aliases or list it under redact",
        Location(source, path=format_path(path) if path else "$"),
        path,
    )


@lru_cache(maxsize=64)
def _texts(xml: bytes) -> Texts:
    """The attribute values, whole paragraphs (runs joined) and other text nodes of an XML
    part, each distinct string once: a text node inside a paragraph is read with it.

    Remembered for the parts every document of a template shares (styles, fonts, numbering),
    which a batch would otherwise parse for each document."""
    return Texts.of(_each_text(xml))


def _each_text(xml: bytes) -> Iterator[str]:

    from unsubmit.i18n.typography import folded, unembedded

    root = parse(xml)
    paragraphs = ["".join(p.itertext()) for p in root.xpath("//*[local-name()='p']")]
    found = [
        *map(str, root.xpath("//@*")),
        *paragraphs,
        # As a case would type it: the document's typography (curly quotes, Arabic embedding
        # marks) taken out again.
        *(folded(unembedded(paragraph)) for paragraph in paragraphs),
        *map(str, root.xpath("//text()[not(ancestor::*[local-name()='p'])]")),
    ]
    yield from dict.fromkeys(found)


def public_title_words(case: Communication, gettext: Translate) -> str:
    """The words of the case's title that are no one's name, for a public file name."""
    from unsubmit.models.localize import by_language

    title = by_language(case.title, case.language)
    text = title.get(case.language) or next(iter(title.values()))
    for match in reversed(redaction(case, gettext).matches(text)):
        text = text[: match.start] + " " + text[match.end :]
    return text


def public_version(case: Communication, gettext: Translate) -> PublicVersion:
    """The case as it may be published; see the module docstring."""
    names = redaction(case, gettext)
    contacts = _contacts(case, gettext)
    ids = {victim.id: f"victim-{number}" for number, victim in enumerate(case.victims, 1)}
    data = _Rewrite(names, contacts, ids).model(case)
    for victim, original in zip(data["victims"], case.victims, strict=True):
        if public_name(original) != "full":
            victim["aliases"] = []
        if public_name(original) == "withheld":
            victim["name_original"] = None
    data["confidentiality"] = None
    data["sources"] = [s for s in data["sources"] if not s["confidential"]]
    data["annexes"] = [a for a in data["annexes"] if not a["confidential"]]
    data["redact"] = []
    return PublicVersion(Communication.model_validate(data), names, contacts)
