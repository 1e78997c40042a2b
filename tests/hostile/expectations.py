"""What unsubmit must do with each hostile input: refuse it with findings, or build it literally.

``EXPECTED`` covers the committed files in ``corpus/``; ``generate.py`` covers the inputs made at
test time (too big, binary, in another encoding, or not a regular readable file). A file is
either :class:`Refused` (exit 1, with exactly these errors: where, the JSON path, a fragment of
the message) or :class:`Valid` (exit 0, and the DOCX shows the hostile text literally).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """``where`` is ``line:col``, or empty for a finding about the whole file."""

    where: str
    path: str
    fragment: str


@dataclass(frozen=True)
class Refused:
    """Exit 1 from validate and build, with exactly these errors, and nothing written."""

    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Valid:
    """Exit 0; the document shows ``shown`` literally, and with ``every_text`` also every
    free-text value of the file (each with a space in it) except those at ``not_shown``."""

    shown: tuple[str, ...] = ()
    every_text: bool = False
    not_shown: tuple[str, ...] = ()
    warnings: tuple[Finding, ...] = ()
    #: The documents to build of the file (``build --as``); every text is then looked for in
    #: all of them together.
    documents: tuple[str, ...] = ()


Expectation = Refused | Valid


def refused(where: str, path: str, fragment: str) -> Refused:
    return Refused((Finding(where, path, fragment),))


def invisible(where: str, path: str, what: str) -> Finding:
    return Finding(where, path, f"the name holds invisible characters that can make it {what}")


_LOOK_ALIKE = "look like another name or hide part of it"
_TAG = "is not allowed: case files hold plain data only"
_ALIAS = "are not allowed in case files: write the value out in full"

_ALL_DOCUMENTS = ("communication", "wgad-petition", "wgeid-form")

EXPECTED: dict[str, Expectation] = {
    # --- Malformed YAML
    "syntax-unclosed-quote.yaml": refused(
        "5:8", "$", 'the text that starts here with " has no closing "'
    ),
    "syntax-bad-indentation.yaml": refused(
        "15:4", "$", "this line is indented differently from the fields above it"
    ),
    "syntax-tab-indentation.yaml": refused("16:1", "$", "this line is indented with a tab"),
    "syntax-unclosed-flow-sequence.yaml": refused("10:11", "$", "did not find expected ','"),
    "syntax-colon-in-plain-value.yaml": refused(
        "5:15", "$", "the text of title holds a colon and a space"
    ),
    "syntax-second-document.yaml": refused(
        "31:1", "$", "a case file holds one document; found a second at line 31"
    ),
    "syntax-stray-bracket.yaml": refused(
        "8:10", "$.country", "'BLR]' is not one of the 249 codes allowed here"
    ),
    "syntax-invalid-escape.yaml": refused("5:21", "$", "invalid Unicode character escape"),
    "control-character.yaml": refused(
        "5:17", "$", "unacceptable character U+0007: control characters are not allowed"
    ),
    "yaml-python-object-tag.yaml": refused(
        "5:8", "$.title", f"tag !!python/object/apply:os.system {_TAG}"
    ),
    "yaml-custom-include-tag.yaml": refused("5:8", "$.title", f"tag !include {_TAG}"),
    "yaml-binary-tag.yaml": refused("5:8", "$.title", f"tag !!binary {_TAG}"),
    "yaml-merge-key.yaml": refused("16:5", "$.victims[0]", "merge keys (<<) are not allowed"),
    "yaml-complex-key.yaml": refused("9:3", "$", "a sequence cannot be a key"),
    # --- Aliases and nesting
    "alias-bomb.yaml": refused("5:8", "$.b[0]", f"aliases (*a) {_ALIAS}"),
    "alias-reused-value.yaml": refused("15:11", "$.victims[0].name", f"aliases (*org) {_ALIAS}"),
    "alias-undefined.yaml": refused("15:11", "$.victims[0].name", f"aliases (*nobody) {_ALIAS}"),
    "deep-nesting-flow.yaml": refused("9:1010", "$", "nesting deeper than 64 levels"),
    "deep-nesting-block.yaml": refused(
        "79:129",
        "$.victims[0]." + ".".join(f"l{level}" for level in range(62)),
        "nesting deeper than 64 levels",
    ),
    # --- Duplicate keys
    "duplicate-key-top.yaml": refused("31:1", "$.title", "duplicate key 'title' (first at line 5)"),
    "duplicate-key-nested.yaml": refused(
        "21:7", "$.victims[0].consent.submission", "duplicate key 'submission' (first at line 20)"
    ),
    "duplicate-key-flow.yaml": refused(
        "12:44", "$.submitters[0].contact.email", "duplicate key 'email' (first at line 12)"
    ),
    "duplicate-key-quoted.yaml": refused(
        "9:1", "$.country", "duplicate key 'country' (first at line 8)"
    ),
    # --- Empty files and roots that are not a mapping
    "empty-comments-only.yaml": refused("", "$", "the file is empty: start from `unsubmit new"),
    "empty-document-marker.yaml": refused("3:1", "$", "a mapping of fields (key: value), not null"),
    "whitespace-only.yaml": refused("", "$", "the file is empty"),
    "root-list.yaml": refused("2:1", "$", "a mapping of fields (key: value), not a list"),
    "root-scalar.yaml": refused("2:1", "$", "not 'This is a case about A. B.'"),
    # --- Wrong types at every level
    "type-schema-version-text.yaml": Refused(
        (
            Finding("2:17", "$.schema_version", "schema_version must be 1, not '1'"),
            Finding("2:17", "$.schema_version", "expected a whole number, found the text '1'"),
        )
    ),
    "type-kind-list.yaml": refused("3:7", "$.kind", 'unknown kind ["communication"]: use one of'),
    "type-date-number.yaml": refused("6:7", "$.date", "expected text, found the number 20230515"),
    "type-mandates-text.yaml": refused(
        "9:11", "$.mandates", "expected a list, found the text 'sr-belarus'"
    ),
    "type-submitters-mapping.yaml": refused(
        "11:3", "$.submitters", "expected a list, found a mapping of fields"
    ),
    "type-victim-text.yaml": refused(
        "14:5", "$.victims[0]", "expected a mapping of fields, found the text 'A. B.'"
    ),
    "type-age-text.yaml": refused(
        "17:10", "$.victims[0].age", "expected a whole number, found the text 'forty-one'"
    ),
    "type-age-huge-integer.yaml": refused(
        "17:10", "$.victims[0].age", "integer too long to read (5000 digits)"
    ),
    "type-age-nan.yaml": refused(
        "17:10", "$.victims[0].age", "expected a whole number, found the number nan"
    ),
    "type-consent-boolean.yaml": refused(
        "18:14", "$.victims[0].consent", "expected a mapping of fields, found true"
    ),
    "type-charges-mapping.yaml": refused(
        "19:16", "$.victims[0].detention.charges", "expected a list, found a mapping of fields"
    ),
    "type-description-list.yaml": refused(
        "26:18",
        "$.incidents[0].description",
        "expected text or a mapping from language code to text, found a list",
    ),
    "type-action-null.yaml": refused(
        "31:4",
        "$.action_requested[1]",
        "expected text or a mapping from language code to text, found nothing (null)",
    ),
    "type-oral-session-float.yaml": refused(
        "4:10", "$.session", "expected a whole number, found the number 53.5"
    ),
    "type-oral-time-limit-bool.yaml": refused(
        "16:21", "$.time_limit_seconds", "expected a whole number, found true"
    ),
    "type-oral-speaker-text.yaml": refused(
        "14:10", "$.speaker", "expected a mapping of fields, found the text 'Alesia Example'"
    ),
    "type-joint-signatories-null.yaml": refused(
        "9:13", "$.signatories", "expected a list, found nothing (null)"
    ),
    "type-joint-paragraph-numbers.yaml": Refused(
        (
            Finding(
                "10:5",
                "$.paragraphs[0]",
                "expected text or a mapping from language code to text, found the number 1",
            ),
            Finding(
                "11:5",
                "$.paragraphs[1]",
                "expected text or a mapping from language code to text, found the number 2.5",
            ),
        )
    ),
    "type-joint-lead-list.yaml": refused(
        "8:3", "$.lead", "expected a mapping of fields, found a list"
    ),
    # --- Kinds and versions
    "kind-unknown.yaml": refused("3:7", "$.kind", "unknown kind 'petition': use one of"),
    "kind-missing.yaml": refused("2:1", "$", "missing 'kind': one of communication"),
    "schema-version-future.yaml": refused(
        "2:17", "$.schema_version", "schema_version 2 is newer than this unsubmit understands"
    ),
    "schema-version-zero.yaml": refused(
        "2:17", "$.schema_version", "schema_version must be 1, not 0"
    ),
    # --- Dates
    "date-2023-02-30.yaml": refused("6:7", "$.date", "'2023-02-30' is not a valid date"),
    "date-partial-2023-02-30.yaml": refused(
        "25:11", "$.incidents[0].date", "2023-02-30 is not a real date (day is out of range"
    ),
    "date-month-13.yaml": refused(
        "17:20", "$.victims[0].date_of_birth", "1990-13 is not a real date (month must be in"
    ),
    "date-with-time.yaml": refused("6:7", "$.date", "'2023-05-15T10:00:00Z' is not a valid date"),
    "date-in-words.yaml": refused("5:7", "$.date", "'2 October 2023' is not a valid date"),
    "date-after-submission.yaml": refused(
        "25:11", "$.incidents[0].date", "the incident (2024-01-01) is dated after the submission"
    ),
    # --- Jinja syntax and XML specials in every text field: shown literally, never evaluated
    "jinja-in-every-field-communication.yaml": Valid(every_text=True),
    "jinja-in-every-field-oral-statement.yaml": Valid(
        every_text=True, not_shown=("$.organisation.acronym",)
    ),
    "jinja-in-every-field-joint-statement.yaml": Valid(every_text=True),
    "jinja-in-every-field-petition.yaml": Valid(every_text=True, documents=_ALL_DOCUMENTS),
    "xml-in-every-field-petition.yaml": Valid(every_text=True, documents=_ALL_DOCUMENTS),
    "xml-in-every-field-communication.yaml": Valid(every_text=True),
    "xml-in-every-field-oral-statement.yaml": Valid(
        every_text=True, not_shown=("$.organisation.acronym",)
    ),
    "xml-in-every-field-joint-statement.yaml": Valid(every_text=True),
    "valid-json-syntax.yaml": Valid(
        shown=("A statement in JSON {{ 7*7 }}", "We are alarmed & <concerned>.")
    ),
    "valid-crlf-line-endings.yaml": Valid(shown=("A statement with CRLF line ends",)),
    # --- Invisible characters in names: built as written, with a warning
    "rtl-override-in-victim-name.yaml": Valid(
        shown=("A. B. \u202eKlimovich",),
        warnings=(
            invisible(
                "15:11", "$.victims[0].name", f"{_LOOK_ALIKE} (U+202E RIGHT-TO-LEFT OVERRIDE"
            ),
        ),
    ),
    "zero-width-space-in-submitter-name.yaml": Valid(
        shown=("Example\u200b Human Rights Group",),
        warnings=(
            invisible("11:11", "$.submitters[0].name", f"{_LOOK_ALIKE} (U+200B ZERO WIDTH SPACE"),
        ),
    ),
    "rtl-isolate-in-speaker-name.yaml": Valid(
        shown=("\u2067Alesia Example\u2069",),
        warnings=(
            invisible("15:9", "$.speaker.name", f"{_LOOK_ALIKE} (U+2067 RIGHT-TO-LEFT ISOLATE"),
        ),
    ),
    "zero-width-joiner-in-signatory-name.yaml": Valid(
        shown=("Example Hu\u200dman Rights Network",),
        warnings=(
            invisible("10:11", "$.signatories[0].name", f"{_LOOK_ALIKE} (U+200D ZERO WIDTH JOINER"),
        ),
    ),
    "invisible-in-alias-and-original-name.yaml": Valid(
        shown=("А.\u2060 Б.", "A. Be\u00adlski"),
        warnings=(
            invisible("16:20", "$.victims[0].name_original", "look like another name"),
            invisible("17:15", "$.victims[0].aliases[0]", "look like another name"),
        ),
    ),
    "persian-name-with-non-joiner.yaml": Valid(shown=("مهدی\u200cزاده",)),
    "rtl-override-in-victim-id.yaml": refused(
        "14:9", "$.victims[0].id", "'a\\u202eb' is not in the expected form"
    ),
}
