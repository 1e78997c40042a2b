"""``unsubmit sent``: once an e-mail draft has gone out, its entry in the case's history.

``unsubmit build --email`` writes a draft; only the advocate knows whether and when it was sent.
Confirming it records a ``submissions`` entry from the draft itself (the recipient and the
Message-ID that will tie the OHCHR's answer to it) at the end of the case file, leaving every
other line as it was. The new file is checked before it replaces the old one: an entry that
would make the case invalid is refused, and nothing is written.
"""

from __future__ import annotations

import datetime
import json
from email import message_from_bytes, policy
from email.utils import getaddresses
from pathlib import Path

from unsubmit.check.validate import check_document
from unsubmit.errors import InputError, InvalidCaseError, Location, ReadError
from unsubmit.load.source import load_file, load_text
from unsubmit.models.communication import Communication
from unsubmit.write import write_atomic

__all__ = ["SentEntry", "draft_entry", "record_sent"]

SentEntry = dict[str, str]


def draft_entry(eml: Path, sent: datetime.date) -> SentEntry:
    """The ``submissions`` entry of the e-mail draft ``eml``, sent on ``sent``."""
    try:
        message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    except OSError as exc:
        raise ReadError(f"cannot read it: {exc.strerror or exc}", Location(str(eml))) from exc
    recipients = [address for _, address in getaddresses([str(message.get("To", ""))]) if address]
    message_id = str(message.get("Message-ID", "")).strip().strip("<>")
    if not recipients or not message_id:
        raise InputError(
            "is not an e-mail draft written by unsubmit build --email (it lacks To or "
            "Message-ID): give the .eml file that was sent",
            Location(str(eml)),
        )
    return {
        "document": "communication",
        "sent": sent.isoformat(),
        "recipient": recipients[0],
        "message_id": message_id,
    }


def _entry_lines(entry: SentEntry, indent: str) -> list[str]:
    first, *rest = entry.items()
    lines = [f"{indent}- {first[0]}: {json.dumps(first[1], ensure_ascii=False)}"]
    lines += [f"{indent}  {key}: {json.dumps(value, ensure_ascii=False)}" for key, value in rest]
    return lines


def _appended(text: str, has_history: bool, name: str) -> str:
    """``text`` with a place for a new entry at its end, or an error saying why there is none."""
    lines = text.rstrip("\n").split("\n")
    if not has_history:
        return "\n".join([*lines, "submissions:"])
    last_top = max(i for i, line in enumerate(lines) if line[:1] not in ("", " ", "#", "-"))
    if not lines[last_top].startswith("submissions:") or lines[last_top].strip() not in (
        "submissions:",
        "submissions: []",
    ):
        raise InputError(
            "its submissions are not the last field of the file: move them to the end, or add "
            "the entry by hand",
            Location(name),
        )
    lines[last_top] = "submissions:"
    return "\n".join(lines)


def record_sent(case_path: Path, entry: SentEntry) -> str:
    """Add ``entry`` to the submissions of the communication at ``case_path``; the new text."""
    name = str(case_path)
    document = load_file(case_path)
    result = check_document(document)
    if not isinstance(result.case, Communication):
        if result.errors:
            raise InvalidCaseError(name, result.findings)
        raise InputError("is not a communication: only communications are sent", Location(name))
    known = {sent.message_id for sent in result.case.submissions}
    if entry["message_id"] in known:
        raise InputError(
            f"already records the e-mail {entry['message_id']}: nothing to add", Location(name)
        )
    text = case_path.read_text("utf-8")
    body = _appended(text, bool(result.case.submissions) or "submissions" in document.data, name)
    indent = "  "
    for line in body.split("\n"):
        if line.startswith(" ") and line.lstrip().startswith("- "):
            indent = line[: len(line) - len(line.lstrip())]
            break
    new = "\n".join([body, *_entry_lines(entry, indent)]) + "\n"
    checked = check_document(load_text(new, name))
    if checked.errors:
        raise InvalidCaseError(name, checked.findings)
    write_atomic(case_path, new.encode("utf-8"), overwrite=True)
    return new
