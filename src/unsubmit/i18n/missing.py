"""What a document shows in English for want of a translation, as warnings for the case's file.

A build never leaves a hole where a translation is missing: the English text stands in. It
does not do so silently either: each document's :class:`Translator` notes every catalog
message it could not translate and every mandate it could name only in English (the registry
has no official title in that language and the catalog no translation of the English one),
and these warnings list them (``--strict`` makes them stop the build). A mandate shown in the
catalog's translation, followed by its official English title, is not missing: the document
says such titles are the organisation's own translations.
"""

from __future__ import annotations

from babel import Locale

from unsubmit.errors import Location
from unsubmit.findings import Finding, Severity
from unsubmit.i18n.translations import Translator


def missing_translations(
    translator: Translator, file: str, mandates_path: str = "$.mandates"
) -> list[Finding]:
    """Warnings for the texts a document shows in English for want of a translation."""
    name = Locale.parse("en").languages.get(translator.language, translator.language)
    findings = []
    messages = translator.missing_messages
    if messages:
        count = f"{len(messages)} text{'s' if len(messages) != 1 else ''}"
        listed = "; ".join(f'"{message}"' for message in messages)
        findings.append(
            Finding(
                Location(file),
                f"the {name} document shows {count} in English, for want of a {name} "
                f"translation: {listed}; translate {'them' if len(messages) != 1 else 'it'} in "
                f"the {translator.language} catalog (unsubmit i18n update, then compile)",
                Severity.WARNING,
                "missing-translation",
            )
        )
    titles = translator.missing_titles
    if titles:
        listed = ", ".join(titles)
        findings.append(
            Finding(
                Location(file, path=mandates_path),
                f"the {name} document gives the title of {listed} in English: neither the "
                f"mandate registry (official titles) nor the {translator.language} catalog "
                f'(translations, msgctxt "mandate title") gives a {name} title for '
                f"{'them' if len(titles) != 1 else 'it'}",
                Severity.WARNING,
                "missing-mandate-title",
            )
        )
    return findings
