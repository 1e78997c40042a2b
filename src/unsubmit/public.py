"""Public versions of a communication: people named only as their consent allows.

A communication goes to the UN with every name in it. The version an organisation publishes
(on its site, in a report, to the press) must name each alleged victim only as the victim or
the family agreed: in full, by initials, or not at all. It must also leave out what was never
meant for the public: the submitter's contact details, confidential sources and annexes, the
consent record and the confidentiality notes.

This happens in two steps, so that one catches what the other might miss:

1. :func:`public_version` rewrites the validated case model before any context is built:
   every free-text field has each name replaced (the full name, the original-script name, the
   aliases, the names the case lists under ``redact``), and what is confidential is dropped.
   The template leaves out the sections that are never public when its context says
   ``public``.
2. :meth:`PublicVersion.check` reads every XML part of the rendered DOCX (the text, the core
   properties, alt text and every other attribute) and refuses the document if any of those
   names is still there, in whatever form: a custom template may print a field the rewrite
   does not touch.

Names are matched in any letter case as whole words. A name is matched as a whole and, for
each of its capitalised words of three letters or more, word by word, so "Ms. Kalesnikava"
and "Kalesnikava's" are found as well as "Maria Kalesnikava". In Cyrillic and other non-Latin
scripts, where names decline, a word also matches with its final vowel changed and up to three
letters added ("Калеснікава", "Калеснікавай", "Колесниковой"). In scripts written without
spaces (Chinese, Japanese, Thai...) a name is found inside a run of text.

Replacements: initials ("M. K.", or "K." for a surname alone), or for a withheld name the
victim's ``public_alias`` or the translated "[name withheld]" (with a letter when several
victims are withheld), and "[redacted]" for the names under ``redact``.
"""

from __future__ import annotations

import re
import string
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from unsubmit.errors import Location, PublicationError
from unsubmit.models import Communication
from unsubmit.models.communication import Victim
from unsubmit.translatable import N_, Translate

__all__ = ["PublicVersion", "Redaction", "public_name", "public_version"]

WITHHELD = N_("[name withheld]")
WITHHELD_ONE_OF_SEVERAL = N_("[name withheld %(letter)s]")
REDACTED = N_("[redacted]")

#: Fields whose strings are codes, ids or dates, never prose: left as they are.
_CODES = frozenset(
    {
        "schema_version",
        "kind",
        "type",
        "date",
        "language",
        "country",
        "nationality",
        "mandates",
        "id",
        "victims",
        "code",
        "sex",
        "roles",
        "status",
        "date_of_birth",
        "date_of_death",
        "arrest_date",
        "access_to_lawyer",
        "family_contact",
        "article",
        "actor",
        "given_by",
        "public_name",
        "ecosoc_status",
        "email",
        "phone",
        "send_to",
    }
)
#: Optional fields that point somewhere (a web address, a file name): dropped, not rewritten,
#: when they hold a name, since a rewritten address would point nowhere.
_LINKS = frozenset({"url", "website", "file"})

_UNSPACED = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR")
_VOWELS = frozenset("aeiouyаеёиоуыэюяіїєўйь")
_SHORTEST_WORD = 3
_MAX_ENDING = 3


def public_name(victim: Victim) -> str:
    """How a victim may be named in public: ``full``, ``initials`` or ``withheld``.

    Without consent to the submission and knowledge that a summary is published, a victim is
    withheld whatever ``public_name`` says (validation reports that case as an error too).
    """
    consent = victim.consent
    if not (consent.submission and consent.informed_publication):
        return "withheld"
    return consent.public_name


def _latin(word: str) -> bool:
    return all(
        not char.isalpha() or unicodedata.name(char, "").startswith("LATIN") for char in word
    )


def _word_pattern(word: str) -> str:
    """A regular expression for one word of a name, with declined endings outside Latin."""
    if _latin(word) or len(word) <= _SHORTEST_WORD or _unspaced(word[0]):
        return re.escape(word)
    stem = word
    while len(stem) > _SHORTEST_WORD and stem[-1].casefold() in _VOWELS:
        stem = stem[:-1]
    return re.escape(stem) + rf"\w{{0,{_MAX_ENDING}}}"


def _unspaced(char: str) -> bool:
    """Whether ``char`` is of a script written without spaces between words (Chinese...)."""
    return unicodedata.name(char, "").startswith(_UNSPACED)


def _whole(words: list[str]) -> str:
    """A name as whole words: not part of a longer word, except in scripts without spaces."""
    pattern = r"\s+".join(_word_pattern(w) for w in words)
    before = "" if _unspaced(words[0][0]) else r"(?<!\w)"
    after = "" if _unspaced(words[-1][-1]) else r"(?!\w)"
    return before + pattern + after


def _words(name: str) -> list[str]:
    return [word.strip(string.punctuation) for word in name.split()]


def _alone(word: str) -> bool:
    """Whether a word of a name is matched by itself: long enough, and not a lower-case word."""
    return len(word) >= _SHORTEST_WORD and not word[0].islower()


def initials(name: str) -> str:
    """Initials of a name: "Maria Kalesnikava" gives "M. K.", "Anna-Maria" gives "A.-M."."""
    return " ".join(
        "-".join(f"{part[0]}." for part in word.split("-") if part) for word in _words(name) if word
    )


@dataclass(frozen=True)
class _Rule:
    pattern: str
    replacement: str
    words: int


@dataclass
class Redaction:
    """Names and what a public version shows instead, as one regular expression."""

    rules: list[_Rule] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    _cache: tuple[re.Pattern[str], list[_Rule]] | None = field(default=None, repr=False)

    def add(self, name: str, whole: str, word: str | None) -> None:
        """Hide ``name``: as a whole by ``whole``; its words alone by ``word`` (or initials)."""
        words = [w for w in _words(name) if w]
        if not words:
            return
        self._cache = None
        self.names.append(name)
        self.rules.append(_Rule(_whole(words), whole, len(words)))
        for single in words:
            if _alone(single) and len(words) > 1:
                self.rules.append(_Rule(_whole([single]), word or initials(single), 1))

    def _compiled(self) -> tuple[re.Pattern[str], list[_Rule]] | None:
        if not self.rules or self._cache is not None:
            return self._cache
        # Longer names first, so that "Maria Kalesnikava" wins over "Maria" at one position.
        ordered = sorted(self.rules, key=lambda r: (-r.words, -len(r.pattern)))
        alternatives = "|".join(f"(?P<n{i}>{rule.pattern})" for i, rule in enumerate(ordered))
        self._cache = re.compile(alternatives, re.IGNORECASE), ordered
        return self._cache

    def apply(self, text: str) -> str:
        """``text`` with every name replaced."""
        compiled = self._compiled()
        if compiled is None:
            return text
        regex, ordered = compiled
        return regex.sub(lambda m: ordered[int(str(m.lastgroup)[1:])].replacement, text)

    def find(self, text: str) -> list[str]:
        """Every name in ``text``, as written there."""
        compiled = self._compiled()
        return [] if compiled is None else [m.group(0) for m in compiled[0].finditer(text)]


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


def redaction(case: Communication, gettext: Translate) -> Redaction:
    """Every name a public version of ``case`` must not show, with its replacement."""
    found = Redaction()
    withheld = [v for v in case.victims if public_name(v) == "withheld"]
    for victim in case.victims:
        mode = public_name(victim)
        if mode == "full":
            continue
        if mode == "initials":
            for name in _names(victim):
                found.add(name, initials(name), None)
            continue
        if victim.public_alias:
            shown = victim.public_alias
        elif len(withheld) == 1:
            shown = gettext(WITHHELD)
        else:
            letter = _letter(withheld.index(victim))
            shown = gettext(WITHHELD_ONE_OF_SEVERAL) % {"letter": letter}
        for name in _names(victim):
            found.add(name, shown, shown)
    redacted = gettext(REDACTED)
    for name in case.redact:
        found.add(name, redacted, redacted)
    return found


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


def _rewrite(value: Any, key: str, names: Redaction) -> Any:
    if isinstance(value, str):
        if key in _CODES:
            return value
        if key in _LINKS:
            return None if names.find(value) else value
        return names.apply(value)
    if isinstance(value, dict):
        return {k: _rewrite(v, k, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_rewrite(item, key, names) for item in value]
    return value


@dataclass(frozen=True)
class Leak:
    """A hidden name found in a public document: which part of the package, and the text."""

    part: str
    text: str


@dataclass(frozen=True)
class PublicVersion:
    """A case rewritten for the public, and what its rendered document must not contain."""

    case: Communication
    names: Redaction
    #: The submitters' contact details: never in a public version, whatever the template.
    contacts: tuple[str, ...]

    def leaks(self, docx: bytes) -> list[Leak]:
        """Every hidden name or contact detail left in any XML part of ``docx``."""
        found: dict[tuple[str, str], None] = {}
        with zipfile.ZipFile(BytesIO(docx)) as package:
            for part in sorted(package.namelist()):
                if not part.endswith((".xml", ".rels")):
                    continue
                for text in _texts(package.read(part)):
                    for hit in self.names.find(text):
                        found[(part, hit)] = None
                    folded = text.casefold()
                    for contact in self.contacts:
                        if contact.casefold() in folded:
                            found[(part, contact)] = None
        return [Leak(part, text) for part, text in found]

    def check(self, docx: bytes, source: str) -> None:
        """Refuse a public document that names someone it must not (or a contact detail)."""
        leaks = self.leaks(docx)
        if not leaks:
            return
        shown = "; ".join(f"{leak.text!r} in {leak.part}" for leak in leaks[:5])
        more = f" and {len(leaks) - 5} more" if len(leaks) > 5 else ""
        raise PublicationError(
            f"the public version would show what consent does not allow: {shown}{more}. "
            "Nothing was written. If your template prints these fields, leave them out when "
            "`public` is true ({% if not public %}...{% endif %}); if the name is in the case "
            "text, check its spelling under the victim's name, name_original and aliases, "
            "or list it under redact",
            Location(source),
        )


def _texts(xml: bytes) -> Iterator[str]:
    """The text nodes, attribute values and whole paragraphs (runs joined) of an XML part."""
    from lxml import etree

    from unsubmit.render.typography import folded, unembedded

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(xml, parser)
    for element in root.iter():
        yield from element.attrib.values()
        if element.text:
            yield element.text
        if element.tail:
            yield element.tail
        if isinstance(element.tag, str) and element.tag.endswith("}p"):
            paragraph = "".join(element.itertext())
            yield paragraph
            # As a case would type it: a name set with a curly apostrophe, or embedded left to
            # right in an Arabic paragraph, is still found.
            yield folded(unembedded(paragraph))


def _contacts(case: Communication) -> Iterable[str]:
    for submitter in case.submitters:
        contact = submitter.contact
        yield from (
            value
            for value in (contact.name, contact.email, contact.phone, contact.address)
            if value
        )


def public_version(case: Communication, gettext: Translate) -> PublicVersion:
    """The case as it may be published; see the module docstring."""
    names = redaction(case, gettext)
    data = _rewrite(case.model_dump(), "", names)
    for victim, original in zip(data["victims"], case.victims, strict=True):
        if public_name(original) != "full":
            victim["aliases"] = []
        if public_name(original) == "withheld":
            victim["name_original"] = None
    data["confidentiality"] = None
    data["sources"] = [s for s in data["sources"] if not s["confidential"]]
    data["annexes"] = [a for a in data["annexes"] if not a["confidential"]]
    data["redact"] = []
    return PublicVersion(Communication.model_validate(data), names, tuple(_contacts(case)))
