"""``unsubmit status``: across a folder of cases, what was sent, what is due and what is overdue.

One line per case and document sent, read from each communication's ``submissions``: the
government's reply window (``data/reply_windows.json``, with its sources) running from the day
it was sent, then each follow-up the organisation set itself. A case not yet sent has a line
that says so. Links to the public record are not given: the OHCHR communications database
addresses its documents by an internal number, which cannot be built from the reference.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from unsubmit.check.results import FileResult
from unsubmit.check.validate import check_files, source_document
from unsubmit.errors import InputError
from unsubmit.models.communication import Communication
from unsubmit.models.submissions import Submission
from unsubmit.resources import read_data

__all__ = ["COLUMNS", "StatusLine", "StatusReport", "case_status", "status"]

#: The columns of the table export, in order.
COLUMNS = ("case", "title", "document", "sent", "recipient", "reference", "state", "due", "overdue")


@dataclass(frozen=True)
class StatusLine:
    """One document of one case: where it stands on ``today``."""

    case: str
    title: str
    document: str
    sent: str
    recipient: str
    reference: str
    #: What stands: "not sent", "reply due", "replied 2023-08-01", "follow-up due: ..."...
    state: str
    due: str
    overdue: bool


@dataclass
class StatusReport:
    """Every line, and the case files that could not be read (with their first error)."""

    today: datetime.date
    lines: list[StatusLine] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    def as_json(self) -> str:
        document = {
            "today": self.today.isoformat(),
            "lines": [asdict(line) for line in self.lines],
            "unreadable": self.unreadable,
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    def rows(self) -> list[list[Any]]:
        """The table export: a header row, then one row per line."""
        return [list(COLUMNS)] + [[getattr(line, name) for name in COLUMNS] for line in self.lines]

    def as_csv(self) -> str:
        stream = io.StringIO(newline="")
        csv.writer(stream, lineterminator="\n").writerows(self.rows())
        return stream.getvalue()

    def as_xlsx(self) -> bytes:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = f"Status {self.today.isoformat()}"
        for row in self.rows():
            sheet.append(row)
        stream = io.BytesIO()
        book.save(stream)
        return stream.getvalue()


@cache
def _windows() -> dict[str, Any]:
    data: dict[str, Any] = read_data("reply_windows.json")
    windows: dict[str, Any] = data["windows"]
    return windows


def _window(submission: Submission) -> dict[str, Any]:
    chosen: dict[str, Any]
    for chosen in _windows().values():
        if submission.recipient.strip().lower() in chosen.get("recipients", ()):
            return chosen
    special: dict[str, Any] = _windows()["special-procedures"]
    return special


def _title(case: Communication) -> str:
    title = case.title
    return title if isinstance(title, str) else title.get(case.language, next(iter(title.values())))


def case_status(name: str, case: Communication, today: datetime.date) -> list[StatusLine]:
    """The lines of one case on ``today``."""
    title = _title(case)
    if not case.submissions:
        return [StatusLine(name, title, "communication", "", "", "", "not sent", "", False)]
    lines = []
    for sent in case.submissions:

        def line(state: str, due: datetime.date | None, sent: Submission = sent) -> StatusLine:
            return StatusLine(
                name,
                title,
                sent.document,
                sent.sent.isoformat(),
                sent.recipient,
                sent.reference or "",
                state,
                due.isoformat() if due else "",
                due is not None and due < today,
            )

        window = _window(sent)
        reply = sent.reply
        if reply is None:
            lines.append(line(f"{window['label']} due", sent.sent + _days(window["days"])))
        elif reply.status == "no-reply":
            lines.append(line("no reply", None))
        else:
            word = "replied" if reply.status == "replied" else "reply published as confidential"
            lines.append(line(f"{word} {reply.date.isoformat()}" if reply.date else word, None))
        if sent.wgad_opinion is not None:
            lines.append(line(f"WGAD Opinion No. {sent.wgad_opinion.number}", None))
        for follow_up in sent.follow_ups:
            if follow_up.done is None:
                lines.append(line(f"follow-up due: {follow_up.action}", follow_up.due))
            else:
                lines.append(line(f"follow-up done {follow_up.done}: {follow_up.action}", None))
    return lines


def _days(count: int) -> datetime.timedelta:
    return datetime.timedelta(days=count)


def _first_error(result: FileResult) -> str:
    return str(result.errors[0]) if result.errors else result.file


def status(paths: Sequence[Path] | Iterable[Path], today: datetime.date) -> StatusReport:
    """Where every communication among ``paths`` stands on ``today``; other kinds of case file
    (statements) and mapping files are passed over."""
    report = StatusReport(today)
    for result in check_files(paths).results:
        if isinstance(result.case, Communication):
            report.lines.extend(case_status(result.file, result.case, today))
        elif result.case is None and _is_communication(result):
            report.unreadable.append(_first_error(result))
    return report


def _is_communication(result: FileResult) -> bool:
    """Whether a file that did not validate is meant as a communication (or cannot be told)."""
    try:
        data = source_document(result).data
    except InputError:
        return True
    return not isinstance(data, dict) or data.get("kind") in ("communication", None)
