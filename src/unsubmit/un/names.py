"""One notion of "the same name": how a public version finds a person however the text spells them.

A name in a case file and the same name in its free text are rarely the same string. Word puts
a curly apostrophe where the case has a straight one; text pasted from a PDF stores accents
decomposed; a soft hyphen or a zero-width joiner hides inside a surname; a Cyrillic ``а`` slips
into a Latin name when the keyboard layout is wrong; the Belarusian ``Сідарэнка`` is written the
Russian way, ``Сидоренко``, or in Latin, ``Sidarenka``, and declines (``Павла Северинца``).
Everything here compares *keys* of words, never the words themselves, so that all of those
meet:

1. :func:`fold` makes the written form canonical: compatibility normalisation (full-width and
   mathematical letters become plain ones), format and invisible characters and the Arabic
   tatweel removed, letters that only look Latin in a mixed-script word folded to the Latin
   letter (Unicode TR39 confusables, from ``confusable-homoglyphs``), case folded, diacritics,
   ``ё``/``е`` and the Arabic hamza and ta marbuta folded, apostrophes and dashes unified.
2. :func:`key` transliterates Latin, Cyrillic and Greek to ASCII (``anyascii``) and merges the
   spellings that romanisations disagree on (``kh``/``h``, ``ts``/``c``, ``y``/``i``/``j``,
   ``sh``/``š``, doubled letters), so that the BGN/PCGN, ISO 9, national and passport forms of a
   name have one key. Arabic and Chinese keep their script.
3. :func:`loose_key` also lets vowels differ, for words with four consonants or more: the
   Belarusian and Russian spellings of one surname differ mostly in vowels (``Калеснікава`` /
   ``Колесникова``, ``Севярынец`` / ``Северинец``).
4. Russian, Belarusian and Ukrainian names decline. Each Cyrillic word of a name is expanded to
   its whole paradigm by ``pymorphy3`` with its Russian and Ukrainian dictionaries (Belarusian
   words are analysed by the Russian analyser's suffix rules), so ``Северинца`` is found and
   ``марта`` (March) is not taken for ``Мария``.

:class:`Matcher` uses these keys three ways: it rewrites text for a public version, it finds
what a rewrite would hide, and :meth:`Matcher.suspicious` is the deliberately wider search of
the final check, over the folded text with every separator removed, forwards and reversed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any, Final
from urllib.parse import unquote

from unsubmit.load.invisible import INVISIBLE

__all__ = [
    "Hidden",
    "Match",
    "Matcher",
    "Texts",
    "fold",
    "initials",
    "key",
    "loose_key",
    "matcher",
    "name_words",
    "similar",
]

_APOSTROPHES: Final = "'’ʼʻ`´ʹ′‘"
_DASHES: Final = "-‐‑‒–—―−"
_TATWEEL: Final = "\u0640"
#: Characters that reverse what follows them on screen: a name stored reversed inside one of
#: these reads as the name.
_REVERSING: Final = frozenset("\u202e\u202b\u2067")
_CASELESS_SCRIPTS: Final = ("ARABIC", "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "HEBREW", "THAI")
_UNSPACED: Final = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR")
_TRANSLITERATED: Final = ("LATIN", "CYRILLIC", "GREEK")
#: Spellings that romanisations of one name disagree on, merged into one (longest first).
_MERGED: Final = (
    ("shch", "s"),
    ("sch", "s"),
    ("kh", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("cz", "c"),
    ("ch", "c"),
    ("sh", "s"),
    ("sz", "s"),
    ("zh", "z"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
)
_VOWELS: Final = re.compile("[aeiou]+")
#: Endings of patronymics (Russian, Belarusian, Ukrainian, and romanised), as folded.
_PATRONYMIC: Final = re.compile(
    r"(ович|евич|овна|евна|ична|авіч|евіч|ауна|еуна|іуна|івна|ovich|evich|ovna|evna|"
    r"avich|ievich|auna|ivna|ovych|yevna|ichna)$"
)
_NAME_TAGS: Final = frozenset({"Name", "Surn", "Patr"})
_LOOSE_CONSONANTS: Final = 4
#: The shortest key searched for inside other tokens and in the final check's wider search.
SUBSTRING_KEY: Final = 5
WIDE_KEY: Final = 6
#: Arabic proclitics written joined to the next word: and, so, with, for, as, the.
_ARABIC_PREFIXES: Final = tuple(
    sorted(
        ("و", "ف", "ب", "ل", "ك", "ال", "لل", "وال", "فال", "بال", "كال", "ولل", "فلل"),
        key=len,
        reverse=True,
    )
)
_ARABIC_FOLD: Final = str.maketrans({"ة": "ه", "ى": "ي", "ٱ": "ا"})
_POSSESSIVE: Final = re.compile(f"[{_APOSTROPHES}]s$", re.IGNORECASE)
_SUFFIX: Final = re.compile(f"[{_APOSTROPHES}]\\w{{1,3}}$")
_EXTRA_WORD: Final = (
    "\u00ad\u034f\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0640"
    "\u0670\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\ufeff"
)
#: A word: letters, digits, marks, invisible characters and inner apostrophes, no underscore.
_WORD: Final = re.compile(
    rf"(?:[^\W_]|[{_EXTRA_WORD}])(?:[^\W_]|[{_EXTRA_WORD}{re.escape(_APOSTROPHES)}])*"
)
#: Between two words of one name as written: spaces and hyphens.
_NAME_GAP: Final = re.compile(rf"[\s{re.escape(_DASHES)}]{{1,3}}")
_CHUNK: Final = re.compile(r"\S+")
#: Joins texts searched at once: no key or pattern matches across it.
_JOINER: Final = "\x00"
_CHUNK_EDGE: Final = "()[]{}<>\"'«»“”„‹›,;:!?.…" + _APOSTROPHES
_COMPOUND: Final = re.compile(r"[/\\@#_%]|\.\w|://|\w\.\w|[^\W\d_]\d|\d[^\W\d_]|[a-zа-я][A-ZА-Я]")
_LINKLIKE: Final = re.compile(r"[/\\@%]|\w\.\w|://")


def _wide_length(inner: str) -> int:
    """The shortest key the wide search looks for: longer for Latin-like keys."""
    return WIDE_KEY if inner.isascii() else 4


@lru_cache(maxsize=1 << 14)
def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or ord(char) in INVISIBLE or char == _TATWEEL


@cache
def _latin_lookalikes() -> dict[str, str]:
    """Cyrillic and Greek letters that look like one Latin letter (Unicode TR39 data)."""
    from confusable_homoglyphs import confusables

    found: dict[str, str] = {}
    for char, glyphs in confusables.confusables_data.items():
        if len(char) != 1 or _script(char) not in ("CYRILLIC", "GREEK"):
            continue
        for glyph in glyphs:
            latin = str(glyph["c"])
            if len(latin) == 1 and latin.isascii() and latin.isalpha():
                found[char] = latin
                break
    return found


def _unconfuse(word: str) -> str:
    """A word that mixes Latin with Cyrillic or Greek letters, with every letter that looks
    Latin made Latin (the rest is transliterated later); a word of one script as it is."""
    scripts = {_script(c) for c in word}
    if "LATIN" not in scripts or not scripts & {"CYRILLIC", "GREEK"}:
        return word
    table = _latin_lookalikes()
    out = []
    # A short run of Cyrillic or Greek letters, or one of look-alikes only, is a slip or a
    # disguise; a longer one ("#FreeКалеснікава") is a real word glued to a Latin one.
    for run in re.finditer(r"(?:[^\W\d_](?<=[\u0370-\u03ff\u0400-\u052f]))+|.", word):
        text = run.group(0)
        if len(text) > 1 and not (len(text) <= 2 or all(char in table for char in text)):
            out.append(text)
        else:
            out.append("".join(table.get(char, char) for char in text))
    return "".join(out)


_LETTERS: Final = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """``text`` in a canonical written form (see the module docstring, step 1)."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        char
        for char in unicodedata.normalize("NFD", text)
        if not _is_invisible(char) and unicodedata.category(char) not in ("Mn", "Me")
    )
    text = unicodedata.normalize("NFC", text)
    # Look-alike letters are read word by word: a Cyrillic word beside a Latin one in an
    # address is a real word, a Cyrillic letter inside a Latin word is a slip or a disguise.
    text = _LETTERS.sub(lambda word: _unconfuse(word.group(0)), text).casefold()
    text = text.translate(_ARABIC_FOLD)
    for apostrophe in _APOSTROPHES[1:]:
        text = text.replace(apostrophe, "'")
    for dash in _DASHES[1:]:
        text = text.replace(dash, "-")
    return text


def _transliterated(text: str) -> bool:
    return any(_script(char) in _TRANSLITERATED for char in text if char.isalpha())


@lru_cache(maxsize=1 << 16)
def key(word: str) -> str:
    """The key of one word (see the module docstring, step 2): equal keys, the same name."""
    folded = fold(word)
    if not _transliterated(folded):
        return "".join(char for char in folded if char.isalnum())
    from anyascii import anyascii

    text = "".join(char for char in anyascii(folded).lower() if char.isalnum())
    for spelling, merged in _MERGED:
        text = text.replace(spelling, merged)
    return re.sub(r"(.)\1+", r"\1", text)


def loose_key(word: str) -> str | None:
    """The key with vowels let free, for long enough words of Latin-like keys, else None."""
    exact = key(word)
    if not exact.isascii() or not exact.isalpha():
        return None
    consonants = len(_VOWELS.sub("", exact))
    if consonants < _LOOSE_CONSONANTS:
        return None
    return _VOWELS.sub("*", exact)


def _skeleton(word: str) -> str:
    """The consonants of a Latin-like key, if there are two or more, else ''."""
    exact = key(word)
    if not exact.isascii() or not exact.isalpha():
        return ""
    consonants = _VOWELS.sub("", exact)
    return consonants if len(consonants) >= 2 else ""


def similar(a: str, b: str) -> bool:
    """Whether two words are close enough that one may be a misspelling of the other."""
    first, second = key(a), key(b)
    if first == second or min(len(first), len(second)) < WIDE_KEY:
        return False
    return difflib.SequenceMatcher(None, first, second).ratio() >= 0.8


def name_words(name: str) -> list[str]:
    """The words of a name, hyphenated parts apart: "Kowalska-Nowak" gives two words."""
    words = (match.group(0).strip(_APOSTROPHES) for match in _WORD.finditer(name))
    return [word for word in words if word]


def initials(name: str) -> str:
    """Initials of a name: "Maria Kalesnikava" gives "M. K.", "Anna-Maria" gives "A.-M."."""
    words = []
    for chunk in name.split():
        parts = [part for part in name_words(chunk) if part]
        if parts:
            words.append("-".join(f"{part[0]}." for part in parts))
    return " ".join(words)


@cache
def _analyser(lang: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def _analysers(word: str) -> list[Any]:
    """The analysers for a Cyrillic word: Ukrainian for Ukrainian letters, else Russian.

    Belarusian has no dictionary of its own; its words decline like Russian ones closely
    enough for the Russian analyser's suffix rules, and the Ukrainian analyser, which knows
    the letter і, reads them as Ukrainian neuter nouns.
    """
    letters = set(word)
    if letters & set("ыэўё"):
        return [_analyser("ru")]
    if letters & set("їєґ"):
        return [_analyser("uk")]
    if "і" in letters:
        return [_analyser("ru"), _analyser("uk")]
    return [_analyser("ru")]


@cache
def word_forms(word: str) -> frozenset[str]:
    """Every inflected form of a Cyrillic word of a name, and the word itself."""
    forms = {word}
    if not any(_script(char) == "CYRILLIC" for char in word):
        return frozenset(forms)
    lowered = fold(word)
    for analyser in _analysers(lowered):
        parses = analyser.parse(lowered)
        # The analyses as a name if there are any, else as a noun: a Belarusian word is
        # analysed by suffix and would otherwise also decline as a verb or an adjective.
        chosen = [p for p in parses if _NAME_TAGS & p.tag.grammemes] or [
            p for p in parses if p.tag.POS == "NOUN"
        ]
        for parse in chosen:
            # Singular forms only, but for surnames ("the Kalesnikavs"): the plural of
            # "Мария" is "Мариям", which is also the name Mariam.
            family = "Surn" in parse.tag.grammemes
            forms.update(
                form.word for form in parse.lexeme if family or "plur" not in form.tag.grammemes
            )
    return frozenset(forms)


@dataclass(frozen=True)
class Hidden:
    """A person (or a text) that a public version must not show, and what it shows instead."""

    names: tuple[str, ...]
    #: Shown for several words of a name together, or a name as a whole.
    whole: str
    #: Shown for one word of a name alone; None shows that word's initial.
    word: str | None
    #: Shown instead of a web address, e-mail address or file name that carries the name.
    link: str
    #: Whether the initials of the name ("M. K.") are hidden too.
    hide_initials: bool = False
    #: Whether only the whole name is hidden, not its words alone (a function such as
    #: "Head of advocacy" given as a contact, rather than a person's name).
    whole_only: bool = False


@dataclass(frozen=True)
class Match:
    """Where a hidden name is in a text, and what the text shows instead."""

    start: int
    end: int
    text: str
    replacement: str


@dataclass
class _Index:
    exact: dict[str, set[int]] = field(default_factory=dict)
    loose: dict[str, set[int]] = field(default_factory=dict)
    #: Keys long enough to be searched inside other tokens, with whom they belong to.
    inner: dict[str, set[int]] = field(default_factory=dict)
    #: Consonants only: a capitalised word beside a name found is part of it if they agree
    #: ("Игоря Сидоренко" for "Ігар Сідарэнка").
    skeletons: dict[str, set[int]] = field(default_factory=dict)


@lru_cache(maxsize=1 << 14)
def _caseless(word: str) -> bool:
    return any(c.isalpha() and _script(c).startswith(_CASELESS_SCRIPTS) for c in word)


@lru_cache(maxsize=1 << 14)
def _unspaced(word: str) -> bool:
    return any(c.isalpha() and _script(c).startswith(_UNSPACED) for c in word)


def _arabic_variants(folded: str) -> Iterator[str]:
    yield folded
    for prefix in _ARABIC_PREFIXES:
        if folded.startswith(prefix) and len(folded) - len(prefix) >= 3:
            yield folded[len(prefix) :]


class Matcher:
    """Every hidden name of a case, as keys, and what to show instead of each."""

    def __init__(self, hidden: Sequence[Hidden]) -> None:
        self.hidden = list(hidden)
        self._index = _Index()
        self._unspaced: list[tuple[str, int]] = []
        self._initials: list[tuple[re.Pattern[str], int]] = []
        #: The final check reads the same strings (attribute values, boilerplate) many times.
        self._suspicious: dict[str, list[str]] = {}
        self._owners: dict[str, tuple[set[int], bool]] = {}
        #: Names hidden only as a whole ("Head of advocacy"): a phrase, not words.
        self._phrases: list[tuple[re.Pattern[str], int]] = []
        for number, person in enumerate(self.hidden):
            for name in person.names:
                if person.whole_only:
                    words = r"[\s\u00a0]+".join(map(re.escape, name.split()))
                    phrase = re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
                    self._phrases.append((phrase, number))
                else:
                    self._add(name, number, person.hide_initials)

    def __bool__(self) -> bool:
        return bool(self.hidden)

    def _add(self, name: str, number: int, hide_initials: bool) -> None:
        words = name_words(name)
        for word in words:
            if _unspaced(word):
                self._unspaced.append((word, number))
                continue
            for form in word_forms(word):
                for variant in self._variants(form):
                    self._index.exact.setdefault(variant, set()).add(number)
                    if len(variant) >= SUBSTRING_KEY or (_caseless(form) and len(variant) >= 3):
                        self._index.inner.setdefault(variant, set()).add(number)
                loose = loose_key(form)
                if loose:
                    self._index.loose.setdefault(loose, set()).add(number)
                skeleton = _skeleton(form)
                if skeleton:
                    self._index.skeletons.setdefault(skeleton, set()).add(number)
        if hide_initials and len(words) > 1 and not _caseless(name):
            letters = [word[0] for word in words if word[0].isupper()]
            if len(letters) > 1:
                dots = r"\.\s*[-‐‑]?\s*".join(map(re.escape, letters))
                pattern = re.compile(rf"(?<!\w){dots}\.?(?!\w)")
                self._initials.append((pattern, number))

    @staticmethod
    def _variants(word: str) -> set[str]:
        exact = key(word)
        if _caseless(word):
            return {v for v in _arabic_variants(exact) if v}
        return {exact} if exact else set()

    # -- words ---------------------------------------------------------------------------------

    def _word_owners(self, word: str) -> tuple[set[int], bool]:
        """:meth:`_owners_of`, remembered: a document repeats its words."""
        if word not in self._owners:
            self._owners[word] = self._owners_of(word)
        return self._owners[word]

    def _owners_of(self, word: str) -> tuple[set[int], bool]:
        """Whose name ``word`` (as written in a text) is, and whether it is a strong match.

        A strong match is hidden by itself; a weak one (a short or lower-case word, such as the
        particle "el" or "bin") only beside a strong one of the same name.
        """
        core = _POSSESSIVE.sub("", word) if len(word) > 3 else word
        exact, loose = _word_keys(word)
        owners: set[int] = set()
        for variant in exact:
            owners |= self._index.exact.get(variant, set())
        for variant in loose:
            owners |= self._index.loose.get(variant, set())
        if not owners:
            return owners, False
        letters = [char for char in fold(core) if char.isalpha()]
        visible = "".join(char for char in core if not _is_invisible(char))
        capital = bool(visible) and visible[0].isupper()
        # Lower-case words of four letters or more are hidden too: a name written in lower
        # case is still the name, and hiding a word that happens to be one is the safe side.
        strong = _caseless(core) or (capital and len(letters) >= 2) or len(letters) >= 4
        return owners, strong

    def _compound_owners(self, chunk: str) -> set[int]:
        chunk = unquote(chunk) if "%" in chunk else chunk
        text = _squeeze(chunk)
        if any(char in _REVERSING for char in chunk):
            text += " " + _squeeze(chunk[::-1])
        return self._inside(text, wide=False)

    @cached_property
    def _searches(self) -> dict[bool, re.Pattern[str] | None]:
        """One expression for the keys searched inside tokens, and one for the wide search."""
        found: dict[bool, re.Pattern[str] | None] = {}
        for wide in (False, True):
            keys = [k for k in self._index.inner if not wide or len(k) >= _wide_length(k)]
            keys.sort(key=len, reverse=True)
            found[wide] = re.compile("|".join(map(re.escape, keys))) if keys else None
        return found

    def _inside(self, squeezed: str, *, wide: bool) -> set[int]:
        """Whose keys ``squeezed`` (keys run together) holds."""
        search = self._searches[wide]
        owners: set[int] = set()
        if search is None or not search.search(squeezed):
            return owners
        for start in range(len(squeezed)):
            hit = search.match(squeezed, start)
            if hit:
                owners |= self._index.inner[hit.group(0)]
        return owners

    def _may_name(self, probe: _Probe) -> bool:
        """Whether a text with this probe may hold a word or token of a hidden name."""
        if not (
            self._index.exact.keys().isdisjoint(probe.words)
            and self._index.loose.keys().isdisjoint(probe.words)
        ):
            return True
        return any(inner in probe.compounds for inner in self._index.inner)

    def matches(self, text: str) -> list[Match]:
        """Every hidden name in ``text``, in order, none overlapping."""
        if not self.hidden or not text:
            return []
        found: list[Match] = []
        taken: list[tuple[int, int]] = []
        if self._may_name(_probe(text)):
            self._words_and_tokens(text, found, taken)
        self._initials_and_unspaced(text, found, taken)
        return sorted(found, key=lambda match: match.start)

    def _words_and_tokens(
        self, text: str, found: list[Match], taken: list[tuple[int, int]]
    ) -> None:
        """Names in addresses, hashtags and other compound tokens, then as words."""
        for chunk in _CHUNK.finditer(text):
            start, end = chunk.span()
            while start < end and text[start] in _CHUNK_EDGE:
                start += 1
            while end > start and text[end - 1] in _CHUNK_EDGE:
                end -= 1
            core = text[start:end]
            if not core or not (_COMPOUND.search(core) or _COMPOUND.search(fold(core))):
                continue
            owners = self._compound_owners(core)
            if owners:
                person = self.hidden[min(owners)]
                shown = person.link if _LINKLIKE.search(core) else person.whole
                found.append(Match(start, end, core, shown))
                taken.append(chunk.span())
        found.extend(self._word_matches(text, taken))

    def _initials_and_unspaced(
        self, text: str, found: list[Match], taken: list[tuple[int, int]]
    ) -> None:
        for pattern, number in [*self._initials, *self._phrases]:
            for hit in pattern.finditer(text):
                if not _inside(hit.span(), taken):
                    found.append(Match(*hit.span(), hit.group(0), self.hidden[number].whole))
                    taken.append(hit.span())
        for word, number in self._unspaced:
            for hit in re.finditer(re.escape(word), text):
                if not _inside(hit.span(), taken):
                    found.append(Match(*hit.span(), hit.group(0), self.hidden[number].whole))
                    taken.append(hit.span())

    def _word_matches(self, text: str, taken: list[tuple[int, int]]) -> list[Match]:
        words = [
            (hit, *self._word_owners(hit.group(0).strip(_APOSTROPHES)))
            for hit in _WORD.finditer(text)
            if not _inside(hit.span(), taken)
        ]
        for position, (hit, owners, _) in enumerate(words):
            if not owners and hit.group(0)[:1].isupper():
                # Weak: hidden only in a run with a word that is found by itself.
                beside = self._index.skeletons.get(_skeleton(hit.group(0)), set())
                words[position] = (hit, beside, False)
        found: list[Match] = []
        index = 0
        while index < len(words):
            _, owners, _ = words[index]
            if not owners:
                index += 1
                continue
            # A run: the words after this one that belong to the same person, with only
            # spaces or hyphens between them.
            run = [words[index]]
            common = set(owners)
            following = index + 1
            while following < len(words):
                after, more, _ = words[following]
                gap = text[run[-1][0].end() : after.start()]
                if not (more & common) or not _NAME_GAP.fullmatch(gap):
                    break
                common &= more
                run.append(words[following])
                following += 1
            person = self.hidden[min(common)]
            if any(strong for _, _, strong in run):
                start, end = run[0][0].start(), run[-1][0].end()
                last = run[-1][0].group(0)
                possessive = _POSSESSIVE.search(last) if len(last) > 3 else None
                if possessive:
                    end -= len(possessive.group(0))
                written = text[start:end].strip(_APOSTROPHES)
                if person.word is None:
                    shown = initials(written)
                elif len(run) > 1:
                    shown = person.whole
                else:
                    shown = person.word
                found.append(Match(start, start + len(written), written, shown))
            index = following
        return found

    def apply(self, text: str) -> str:
        """``text`` with each hidden name replaced by what a public version shows."""
        out, last = [], 0
        for match in self.matches(text):
            if match.start < last:
                continue
            out.append(text[last : match.start])
            out.append(match.replacement)
            last = match.end
        out.append(text[last:])
        return "".join(out)

    def find(self, text: str) -> list[str]:
        """Every hidden name in ``text``, as written there."""
        return [match.text for match in self.matches(text)]

    # -- the final check ----------------------------------------------------------------------

    def suspicious(self, text: str) -> list[str]:
        """The hidden names that ``text`` may carry, by a search wider than :meth:`matches`.

        The text is folded and stripped of everything but letters and digits, so that names
        spelt with separators, invisible characters, look-alike or decorated letters, or
        stored reversed, are still found; the names are searched by their longer keys only,
        so that ordinary words do not stop a build.
        """
        if not self.hidden or not any(char.isalpha() for char in text):
            return []
        if text in self._suspicious:
            return self._suspicious[text]
        found = self.find(text)
        text = unquote(text) if "%" in text else text
        squeezed = _squeeze(text) + " " + _squeeze(text[::-1])
        for number in sorted(self._inside(squeezed, wide=True)):
            found.append(self.hidden[number].names[0])
        result = self._suspicious[text] = list(dict.fromkeys(found))
        return result

    def may_hold(self, texts: Texts) -> bool:
        """Whether any of ``texts`` may hold a hidden name: False means :meth:`suspicious`
        finds nothing in any of them. One search over all the texts at once, so that a
        document's thousand short strings cost one pass."""
        if not self.hidden:
            return False
        for pattern, _ in [*self._initials, *self._phrases]:
            if pattern.search(texts.joined):
                return True
        if any(word in texts.joined for word, _ in self._unspaced):
            return True
        if self._may_name(texts.probe):
            return True
        return any(inner in texts.squeezed for inner in self._wide)

    @cached_property
    def _wide(self) -> list[str]:
        """The keys the final check's wider search looks for."""
        return [inner for inner in self._index.inner if len(inner) >= _wide_length(inner)]

    def near_misses(self, text: str) -> Iterator[tuple[int, str, str]]:
        """Words of ``text`` that a rewrite leaves but that look like a hidden name.

        Yields the word's offset, the word, and the hidden name it resembles.
        """
        if not self.hidden:
            return
        hidden_words = {
            word: person.names[0]
            for person in self.hidden
            for name in person.names
            for word in name_words(name)
        }
        matches = self.matches(text)
        taken = [(match.start, match.end) for match in matches]
        for hit in _WORD.finditer(text):
            if _inside(hit.span(), taken) or not hit.group(0)[:1].isupper():
                continue
            for word, name in hidden_words.items():
                if similar(hit.group(0), word):
                    yield hit.start(), hit.group(0), name
                    break
            else:
                beside = self._beside(text, hit, matches)
                if beside is not None:
                    yield hit.start(), hit.group(0), beside

    def _beside(self, text: str, hit: re.Match[str], matches: list[Match]) -> str | None:
        """The hidden name a word stands inside or right after, if it looks like part of it:
        a middle name between two hidden words, or a patronymic after one."""
        before = [m for m in matches if _NAME_GAP.fullmatch(text[m.end : hit.start()] or "x")]
        after = [m for m in matches if _NAME_GAP.fullmatch(text[hit.end() : m.start] or "x")]
        if before and (after or _PATRONYMIC.search(fold(hit.group(0)))):
            return before[0].text
        return None


@dataclass(frozen=True)
class Texts:
    """Many texts (the strings of a document part), prepared for :meth:`Matcher.may_hold`."""

    texts: tuple[str, ...]
    joined: str
    probe: _Probe
    squeezed: str

    @classmethod
    def of(cls, texts: Iterable[str]) -> Texts:
        texts = tuple(texts)
        decoded = [unquote(text) if "%" in text else text for text in texts]
        squeezed = [_squeeze(text) for text in decoded]
        squeezed += [_squeeze(text[::-1]) for text in decoded]
        probes = [_probe(text) for text in texts]
        probe = _Probe(
            frozenset().union(*(p.words for p in probes)),
            _JOINER.join(p.compounds for p in probes if p.compounds),
        )
        return cls(texts, _JOINER.join(texts), probe, _JOINER.join(squeezed))

    def __add__(self, other: Texts) -> Texts:
        def join(a: str, b: str) -> str:
            return f"{a}{_JOINER}{b}" if a and b else a or b

        return Texts(
            self.texts + other.texts,
            join(self.joined, other.joined),
            _Probe(
                self.probe.words | other.probe.words,
                join(self.probe.compounds, other.probe.compounds),
            ),
            join(self.squeezed, other.squeezed),
        )

    @classmethod
    def empty(cls) -> Texts:
        return cls((), "", _Probe(frozenset(), ""), "")


def _inside(span: tuple[int, int], taken: Iterable[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in taken)


@lru_cache(maxsize=1 << 16)
def _word_keys(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """The exact and loose keys under which a word of a text may be a word of a name: as
    written, without a possessive or an ending joined by an apostrophe, reversed if it holds
    a reversing character, and without Arabic proclitics."""
    word = word.strip(_APOSTROPHES)
    core = _POSSESSIVE.sub("", word) if len(word) > 3 else word
    candidates = [core]
    suffix = _SUFFIX.search(core)
    if suffix and suffix.start() > 1:
        # Turkish and other languages join a case ending with an apostrophe: Yılmaz'ın.
        candidates.append(core[: suffix.start()])
    if any(char in _REVERSING for char in core):
        candidates.append(core[::-1])
    exact: set[str] = set()
    loose: set[str] = set()
    for candidate in candidates:
        exact |= Matcher._variants(candidate)
        free = loose_key(candidate)
        if free:
            loose.add(free)
    return frozenset(exact), frozenset(loose)


@dataclass(frozen=True)
class _Probe:
    """What :meth:`Matcher.matches` could look up in a text: if none of a matcher's keys is
    among the words and none inside the compound tokens, the text holds none of its names."""

    words: frozenset[str]
    compounds: str


@lru_cache(maxsize=1 << 16)
def _probe(text: str) -> _Probe:
    words: set[str] = set()
    for word in _WORD.findall(text):
        exact, loose = _word_keys(word)
        words |= exact | loose
    chunks = _CHUNK.findall(unquote(text) if "%" in text else text)
    squeezed = [_squeeze(chunk) for chunk in chunks]
    if any(char in _REVERSING for char in text):
        squeezed += [_squeeze(chunk[::-1]) for chunk in chunks]
    return _Probe(frozenset(words), _JOINER.join(squeezed))


@lru_cache(maxsize=1 << 16)
def _squeeze(text: str) -> str:
    """The keys of the words of ``text`` run together, without separators.

    Each run of one script is keyed alone, so that a Cyrillic word inside a Latin address is
    transliterated rather than folded as look-alike letters.
    """
    folded = "".join(fold(chunk) for chunk in text.split())
    letters = "".join(re.split(r"[\W_]+", folded))
    keyed, run, script = [], "", ""
    for char in letters:
        kind = _script(char) if char.isalpha() else "DIGIT"
        if run and kind != script:
            keyed.append(key(run))
            run = ""
        run, script = run + char, kind
    keyed.append(key(run) if run else "")
    return "".join(keyed)


@lru_cache(maxsize=64)
def matcher(hidden: tuple[Hidden, ...]) -> Matcher:
    """The matcher of ``hidden``, made once: every locale of a case, and its final check,
    share what it has learnt of the words it has read."""
    return Matcher(hidden)
