"""Labels in German and English, and numbers, money, shares and dates formatted by locale (Babel).

Every text on a report page comes from `LABELS` (keys are English identifiers, the catalogue is
the data file templates/report/labels.json); a missing key is an error, never a silently English
page.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LOCALES = {"de": "de_DE", "en": "en_GB"}
DASH = "\u2013"  # shown for a missing value
MINUS = "\u2212"

# Every label (keys are English identifiers, one entry per language) and the code lists (coded
# mart values shown in words; a code without an entry, e.g. a segment name from an edited mapping
# seed or a new region, is shown as stored). The lifecycle stages and tasks are not here: their
# words live in seeds/mappings/lifecycle_stages.csv and come through the warehouse (see
# `Formatter.codes`). Kept as data beside the templates: templates/report/labels.json.
_CATALOGUE = json.loads(
    resources.files("kundenstamm").joinpath("templates/report/labels.json").read_text("utf-8")
)
LABELS: dict[str, dict[str, str]] = _CATALOGUE["labels"]
CODES: dict[str, dict[str, dict[str, str]]] = _CATALOGUE["codes"]
# the code list the values of each segment type of the segmented marts are written with; a type
# not listed (e.g. "all") writes its values with the common codes
SEGMENT_VALUE_CODES = {
    "abc_class": "abc_group",
    "rfm_segment": "rfm_segment",
    "lifecycle_stage": "lifecycle_stage",
    "industry": "industry",
    "acquisition_channel": "acquisition_channel",
    "ticket_type": "ticket_type",
    "ticket_category": "ticket_category",
    "severity": "severity",
}


@dataclass(frozen=True)
class Formatter:
    """Formats values for one language; `text` looks labels up. `codes` adds code lists whose
    words live in the warehouse (a mapping seed), e.g. the lifecycle stages."""

    lang: str
    codes: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.lang not in LOCALES:
            raise ValueError(f"language must be one of {', '.join(LOCALES)}, not {self.lang!r}")

    @property
    def locale(self) -> str:
        return LOCALES[self.lang]

    def text(self, key: str, **values) -> str:
        try:
            label = LABELS[key][self.lang]
        except KeyError as error:
            raise KeyError(f"no {self.lang} label for {key!r}") from error
        return label.format(**values) if values else label

    def has_text(self, key: str) -> bool:
        return key in LABELS

    def code(self, group: str, value) -> str:
        """A coded mart value (e.g. a lifecycle stage) in words; unknown codes as stored."""
        if self._missing(value):
            return DASH
        lists = {**CODES, **self.codes}
        if group not in lists:
            raise KeyError(f"no code list {group!r}; known: {', '.join(lists)}")
        text = str(value)
        words = lists[group].get(text) or CODES["any"].get(text)
        return words[self.lang] if words else text

    def segment_value(self, segment_type: str, value) -> str:
        """The value of a segment (segment_type, segment_value of a segmented mart) in words."""
        return self.code(SEGMENT_VALUE_CODES.get(segment_type, "any"), value)

    @staticmethod
    def _missing(value) -> bool:
        return value is None or (isinstance(value, float) and math.isnan(value))

    def money(self, value, decimals: int = 2) -> str:
        if self._missing(value):
            return DASH
        pattern = None if decimals == 2 else ("#,##0\u00a0¤" if self.lang == "de" else "¤#,##0")
        text = format_currency(
            value, "EUR", format=pattern, locale=self.locale, currency_digits=decimals == 2
        )
        return _minus(text)

    def number(self, value, decimals: int = 0) -> str:
        if self._missing(value):
            return DASH
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return _minus(format_decimal(value, format=pattern, locale=self.locale))

    def percent(self, share, decimals: int = 1) -> str:
        """A share 0-1 as a percentage; a share that is not zero but would round to zero is
        shown as '< 0,1 %' (never '0,0 %' for 0.04 %)."""
        if self._missing(share):
            return DASH
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        pattern += "\u00a0%" if self.lang == "de" else "%"
        text = format_percent(share, format=pattern, locale=self.locale)
        if share != 0 and text == format_percent(0, format=pattern, locale=self.locale):
            smallest = format_percent(10.0 ** -(decimals + 2), format=pattern, locale=self.locale)
            return ("< " if share > 0 else "> " + MINUS) + smallest
        return _minus(text)

    def plural(self, key: str, count, **values) -> str:
        """The label `key_one` for a count of exactly 1 and `key_other` otherwise, with the count
        filled in as {n} ("1 offene Beschwerde", "2 offene Beschwerden")."""
        form = "one" if count is not None and float(count) == 1 else "other"
        return self.text(f"{key}_{form}", n=self.number(count), **values)

    def signed(self, value, decimals: int = 1) -> str:
        if self._missing(value):
            return DASH
        text = self.number(abs(value), decimals)
        return ("+" if value > 0 else MINUS if value < 0 else "±") + text

    def signed_percent(self, share, decimals: int = 1) -> str:
        """A change as a share 0-1 with its sign, e.g. '+25,2 %' (a minus sign for a drop)."""
        if self._missing(share):
            return DASH
        text = self.percent(abs(share), decimals)
        return ("+" if share > 0 else MINUS if share < 0 else "±") + text

    def date(self, value) -> str:
        if self._missing(value):
            return DASH
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, str):
            value = date.fromisoformat(value[:10])
        return format_date(value, format="medium", locale=self.locale)

    def month(self, value) -> str:
        if self._missing(value):
            return DASH
        if isinstance(value, str):
            value = date.fromisoformat(value[:10])
        return format_date(value, format="MMM yyyy", locale=self.locale)


def _minus(text: str) -> str:
    """One minus sign on every page: the typographic minus (U+2212) that `signed` writes, also
    where Babel writes a hyphen-minus."""
    return text.replace("-", MINUS)
