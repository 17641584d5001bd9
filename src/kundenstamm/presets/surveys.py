"""NPS survey exports: Typeform and SurveyMonkey.

Typeform (Results > Responses > Download, CSV): one row per response; `#` is the response id,
one column per question titled with the question, hidden fields (e.g. `email`), then
`Start Date (UTC)`, `Submit Date (UTC)` (`2024-03-05 14:22:10`) and `Network ID`.

SurveyMonkey (Analyze results > Save as > Export file > All individual responses, CSV): two
header rows (the question, then `Response` / `Open-Ended Response` under it), `Respondent ID`,
`Start Date` and `End Date` as `03/05/2024 02:22:10 PM`, `Email Address` for e-mail collectors,
and the NPS answer as its label (`10 - Extremely likely`, `0 - Not at all likely`, `7`).

The score column is the question that asks for a recommendation ("recommend", "empfehlen") and
the comment column the one that asks why ("why", "warum", "reason", "Grund"), unless
`--score-column` / `--comment-column` say otherwise. A respondent is matched to a contact of
the output folder by e-mail (trimmed, lower case): import the shop or CRM export first. Each
response gets an invitation (its start time, wave = half-year); a respondent without a matching
contact keeps the e-mail as account key and is quarantined (`unknown_account`), never dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from kundenstamm.presets.exports import (
    ExportRow,
    ImportOptions,
    PresetError,
    RawTables,
    normalize_email,
    parse_time,
    read_export,
)

SCORE_WORDS = ("recommend", "empfehlen", "weiterempfehlen")
COMMENT_WORDS = ("why", "warum", "reason", "grund")
TYPEFORM_TIME = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")
SURVEYMONKEY_TIME = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p")


def pick_column(
    header: list[str], given: str | None, words: tuple[str, ...], what: str, file: str
) -> str:
    if given:
        if given not in header:
            raise PresetError(f"{file}, row 1: no column {given!r} ({what}).")
        return given
    found = [name for name in header if any(word in name.lower() for word in words)]
    if not found:
        raise PresetError(
            f"{file}, row 1: no {what} column (a question with {' / '.join(words)}); name it "
            f"with --{what}-column."
        )
    return found[0]


def parse_score(row: ExportRow, column: str) -> str:
    """0-10 from `9`, or SurveyMonkey's label `10 - Extremely likely`."""
    text = row.get(column)
    match = re.match(r"^\s*(\d{1,2})(\s*-.*)?$", text)
    if not match or int(match.group(1)) > 10:
        raise PresetError(f"{row.where(column)}: {text!r} is not a score from 0 to 10.")
    return match.group(1)


def survey_wave(time: str) -> str:
    return f"{time[:4]}-H{1 if int(time[5:7]) <= 6 else 2}"


class SurveyImport:
    def __init__(self, tables: RawTables, source: str) -> None:
        self.tables = tables
        self.source = source
        self.contacts = {
            normalize_email(values["email"]): values
            for values in tables.known("crm_contacts").values()
            if values.get("email")
        }
        self.unmatched = 0

    def response(
        self, row: ExportRow, response: str, email_column: str, started: str, submitted: str,
        score: str, comment: str,
    ) -> None:  # fmt: skip
        email = normalize_email(row.get(email_column))
        contact = self.contacts.get(email)
        if contact is None:
            self.unmatched += 1
        invitation_id = f"{self.source}-{response}"
        self.tables.add(
            "survey_nps_invitations",
            invitation_id=invitation_id,
            account_id=contact["account_id"] if contact else f"{self.source}-unmatched-{email}",
            contact_id=contact["contact_id"] if contact else "",
            invited_at=started or submitted,
            survey_wave=survey_wave(submitted),
        )
        self.tables.add(
            "survey_nps_responses",
            response_id=invitation_id,
            invitation_id=invitation_id,
            responded_at=submitted,
            score=score,
            comment=comment,
        )

    def finish(self) -> None:
        if self.unmatched:
            self.tables.notes.append(
                f"{self.source}: {self.unmatched} response(s) match no contact's e-mail in the "
                f"output folder; they are kept and will be quarantined (unknown_account). Import "
                f"the shop or CRM export first."
            )


def typeform_nps(files: list[Path], tables: RawTables, options: ImportOptions) -> None:
    survey = SurveyImport(tables, "typeform")
    for path in files:
        rows = list(read_export(path, ["#", "Submit Date (UTC)"]))
        header = list(rows[0].values) if rows else []
        score = pick_column(header, options.score_column, SCORE_WORDS, "score", path.name)
        comment = pick_column(header, options.comment_column, COMMENT_WORDS, "comment", path.name)
        email = next((name for name in header if name.lower() in ("email", "e-mail")), "email")
        for row in rows:
            if not row.get(score):
                continue  # the respondent skipped the question: no answer, nothing to score
            submitted = parse_time(row, "Submit Date (UTC)", TYPEFORM_TIME)
            survey.response(
                row, row.require("#"), email,
                parse_time(row, "Start Date (UTC)", TYPEFORM_TIME, required=False), submitted,
                parse_score(row, score), row.get(comment),
            )  # fmt: skip
    survey.finish()


def surveymonkey_nps(files: list[Path], tables: RawTables, options: ImportOptions) -> None:
    survey = SurveyImport(tables, "surveymonkey")
    for path in files:
        rows = list(read_export(path, ["Respondent ID", "End Date"], header_rows=2))
        header = list(rows[0].values) if rows else []
        score = pick_column(header, options.score_column, SCORE_WORDS, "score", path.name)
        comment = pick_column(header, options.comment_column, COMMENT_WORDS, "comment", path.name)
        for row in rows:
            if not row.get(score):
                continue
            submitted = parse_time(row, "End Date", SURVEYMONKEY_TIME)
            survey.response(
                row, row.require("Respondent ID"), "Email Address",
                parse_time(row, "Start Date", SURVEYMONKEY_TIME, required=False), submitted,
                parse_score(row, score), row.get(comment),
            )  # fmt: skip
    survey.finish()
