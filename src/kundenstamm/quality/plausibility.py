"""Plausibility checks: data that passes every key and range rule but cannot be right.

- **duplicate identities**: contacts of one account whose e-mail addresses differ only in case
  or spaces; accounts that look like the same customer under two ids (same normalised name,
  postal code and country; optionally the same name and company e-mail domain);
- **extreme values**: order-line quantities and unit prices and order revenues above a bound,
  and the share of orders whose revenue is a large multiple of a high percentile;
- **negative totals**: orders and customers with a revenue below zero;
- **NPS cadence**: the last NPS survey wave is older than the dbt var
  nps_max_months_between_waves allows (`rpt_nps_cadence.is_cadence_exceeded`; DOMAIN: NPS at
  least yearly).

Each check is one DuckDB query that counts what breaks the rule and names a few example keys;
a GX expectation holds the count (or share) against its threshold from the settings, so the
result lands in the Data Docs with the other suites.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kundenstamm.quality.expectations import TableSuite
from kundenstamm.quality.failures import Failure

EXAMPLES = 3


@dataclass
class Check:
    """One plausibility rule: the query yields `violations`, `measure` and `examples`."""

    table: str
    column: str
    rule: str
    sql: str
    allowed: float
    what: str
    share: str | None = None

    @property
    def suite_name(self) -> str:
        return f"{self.table.split('.')[1]}__{self.rule}__{self.column.replace(', ', '_')}"


def _number(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError(f"quality setting {name} must be a number of 0 or more, not {value!r}")
    return float(value)


def _text_list(values) -> str:
    return ", ".join("'" + str(v).strip().lower().replace("'", "''") + "'" for v in values)


_NAME = "lower(regexp_replace(trim({0}), '\\s+', ' ', 'g'))"
_EMAIL = "lower(trim({0}))"


def _groups(keys_sql: str, ids_sql: str, where: str, source: str, label: str) -> str:
    """Groups of rows sharing `keys_sql` with more than one id: their count and examples."""
    return f"""
        with keyed as (
            select {keys_sql}, {ids_sql} as id from {source} where {where}
        ),
        groups as (
            select {label} as label, list(distinct id order by id) as ids
            from keyed group by all having count(distinct id) > 1
        )
        select
            count(*) as violations,
            coalesce(sum(len(ids) - 1), 0) / nullif((select count(distinct id) from keyed), 0)
                as measure,
            list(label || ': ' || array_to_string(ids, ' = ') order by ids[1])[1:{EXAMPLES}]
                as examples
        from groups
    """


def _above(table: str, key: str, column: str, bound: float) -> str:
    return f"""
        select
            count(*) as violations,
            count(*) as measure,
            list({key} || ' (' || cast({column} as varchar) || ')' order by {column} desc, {key})
                [1:{EXAMPLES}] as examples
        from {table} where {column} > {bound!r}
    """


def _below_zero(table: str, key: str, column: str) -> str:
    return f"""
        select
            count(*) as violations,
            count(*) as measure,
            list({key} || ' (' || cast({column} as varchar) || ')' order by {column}, {key})
                [1:{EXAMPLES}] as examples
        from {table} where {column} < 0
    """


def _outlier_share(percentile: float, multiple: float) -> str:
    return f"""
        with orders as (
            select order_id, cast(revenue_eur as double) as revenue_eur from marts.fct_orders
            where revenue_eur is not null
        ),
        cut as (select quantile_cont(revenue_eur, {percentile!r}) * {multiple!r} as bound
                from orders where revenue_eur > 0)
        select
            count(*) filter (where revenue_eur > bound) as violations,
            coalesce(count(*) filter (where revenue_eur > bound) / nullif(count(*), 0), 0)
                as measure,
            coalesce(list(order_id || ' (' || cast(round(revenue_eur, 2) as varchar) || ')'
                order by revenue_eur desc, order_id) filter (where revenue_eur > bound), [])
                [1:{EXAMPLES}] as examples
        from orders, cut
    """


_CADENCE = f"""
    select
        count(*) filter (where is_cadence_exceeded) as violations,
        count(*) filter (where is_cadence_exceeded) as measure,
        list('last wave ' || coalesce(last_survey_wave, 'none') || ' on '
            || coalesce(cast(last_invited_date as varchar), 'no date') || ', '
            || coalesce(cast(months_since_last_wave as varchar), '?') || ' months before '
            || cast(as_of_date as varchar) || ', allowed '
            || cast(max_months_between_waves as varchar))
            filter (where is_cadence_exceeded)[1:{EXAMPLES}] as examples
    from marts.rpt_nps_cadence
"""


def checks(settings: dict) -> list[Check]:
    """The plausibility checks with the thresholds of `settings`."""
    result = []
    emails = settings["duplicate_contact_emails"]
    result.append(
        Check(
            "staging.stg_crm__contacts",
            "email",
            "duplicate_email",
            _groups(
                f"account_id, {_EMAIL.format('email')} as email_key",
                "contact_id",
                "email is not null and trim(email) <> ''",
                "staging.stg_crm__contacts",
                "account_id || ' ' || email_key",
            ),
            _number(emails["max_share"], "duplicate_contact_emails.max_share"),
            "accounts have contacts whose e-mail addresses differ only in case or spaces",
            share="of the contacts with an e-mail address are a second contact",
        )
    )
    accounts = settings["duplicate_accounts"]
    allowed = _number(accounts["max_share"], "duplicate_accounts.max_share")
    keys = accounts["keys"]
    unknown = set(keys) - {"name_postal_code", "name_email_domain"}
    if unknown:
        raise ValueError(
            f"quality setting duplicate_accounts.keys: unknown {', '.join(sorted(unknown))}; "
            "use name_postal_code and/or name_email_domain"
        )
    if "name_postal_code" in keys:
        result.append(
            Check(
                "staging.stg_crm__accounts",
                "account_name, postal_code",
                "duplicate_account",
                _groups(
                    f"{_NAME.format('account_name')} as name_key, "
                    "upper(replace(postal_code, ' ', '')) as postal_key, country_code",
                    "account_id",
                    "account_name is not null and postal_code is not null",
                    "staging.stg_crm__accounts",
                    "name_key || ' ' || coalesce(country_code, '') || '-' || postal_key",
                ),
                allowed,
                "groups of accounts share the same name, postal code and country "
                "(one customer under two ids?)",
                share="of the accounts are a second id",
            )
        )
    if "name_email_domain" in keys:
        public = _text_list(settings["public_email_domains"]) or "''"
        result.append(
            Check(
                "staging.stg_crm__accounts",
                "account_name, email",
                "duplicate_account",
                _groups(
                    f"{_NAME.format('a.account_name')} as name_key, "
                    f"split_part({_EMAIL.format('c.email')}, '@', 2) as domain_key",
                    "a.account_id",
                    f"a.account_name is not null and c.email like '%@%' "
                    f"and split_part({_EMAIL.format('c.email')}, '@', 2) not in ({public})",
                    "staging.stg_crm__accounts as a "
                    "join staging.stg_crm__contacts as c on c.account_id = a.account_id",
                    "name_key || ' @' || domain_key",
                ),
                allowed,
                "groups of accounts share the same name and company e-mail domain "
                "(one customer under two ids?)",
                share="of the accounts with a contact e-mail are a second id",
            )
        )
    for table, columns in settings["max_values"].items():
        schema = "staging" if table.startswith("stg_") else "marts"
        key = _KEYS.get(table)
        if key is None:
            raise ValueError(
                f"quality setting max_values: no bound can be set on {table}; "
                f"use {', '.join(sorted(_KEYS))}"
            )
        for column, bound in columns.items():
            if not column.isidentifier():
                raise ValueError(f"quality setting max_values.{table}: bad column {column!r}")
            result.append(
                Check(
                    f"{schema}.{table}",
                    column,
                    "extreme_value",
                    _above(f"{schema}.{table}", key, column, _number(bound, f"max_values.{table}")),
                    0,
                    f"values above {bound:g}",
                )
            )
    outliers = settings["order_revenue_outliers"]
    percentile = _number(outliers["percentile"], "order_revenue_outliers.percentile")
    multiple = _number(outliers["multiple"], "order_revenue_outliers.multiple")
    if not 0 < percentile < 1:
        raise ValueError(
            "quality setting order_revenue_outliers.percentile must be between 0 and 1"
        )
    result.append(
        Check(
            "marts.fct_orders",
            "revenue_eur",
            "revenue_outliers",
            _outlier_share(percentile, multiple),
            _number(outliers["max_share"], "order_revenue_outliers.max_share"),
            f"orders have a revenue above {multiple:g} times the {percentile:.0%} percentile",
            share="of the orders",
        )
    )
    allowed = _number(settings["max_negative_totals"], "max_negative_totals")
    for table, key, column, what in (
        ("marts.fct_orders", "order_id", "revenue_eur", "orders"),
        ("marts.dim_customers", "account_id", "lifetime_revenue_eur", "customers"),
    ):
        result.append(
            Check(
                table,
                column,
                "negative_total",
                _below_zero(table, key, column),
                allowed,
                f"{what} have a revenue below zero",
            )
        )
    cadence = settings["nps_cadence"]
    if not isinstance(cadence, bool):
        raise ValueError(f"quality setting nps_cadence must be true or false, not {cadence!r}")
    if cadence:
        result.append(
            Check(
                "marts.rpt_nps_cadence",
                "is_cadence_exceeded",
                "nps_cadence_exceeded",
                _CADENCE,
                0,
                "NPS survey cadence exceeded: the last wave is older than the dbt var "
                "nps_max_months_between_waves allows; send a survey wave",
            )
        )
    return result


# the key that names an example row of each table a `max_values` bound may be set on
_KEYS = {
    "stg_orders__order_lines": "order_line_id",
    "fct_order_lines": "order_line_id",
    "stg_orders__orders": "order_id",
    "fct_orders": "order_id",
    "dim_customers": "account_id",
}


def explain(check: Check, row: dict) -> Failure:
    """A failed plausibility check in words: what, how many against what is allowed, examples."""
    count = row["violations"]
    if check.share:
        found = (
            f"{count} {check.what} ({row['measure']:.2%} {check.share}, "
            f"allowed {check.allowed:.2%})"
        )
    else:
        found = f"{count} {check.what} (allowed {check.allowed:g})"
    examples = row.get("examples") or []
    shown = f" (e.g. {'; '.join(str(e) for e in examples)})" if len(examples) else ""
    return Failure(check.table, check.column, check.rule, found + shown)


def plausibility_checks(connection, validate, settings, only=None) -> Iterator:
    """For each check (of the tables in `only`, if given): its failures and its number of
    expectations; `validate(suite, frame)` gives the outcomes of a suite on a pandas frame."""
    import great_expectations as gx
    import pandas as pd

    for check in checks(settings):
        if only is not None and check.table not in only:
            continue
        schema = check.table.split(".")[0]
        suite = TableSuite(schema, check.suite_name)
        suite.expectations.append(
            gx.expectations.ExpectColumnValuesToBeBetween(
                column="measure", min_value=0, max_value=check.allowed
            )
        )
        cursor = connection.execute(check.sql)
        names = [d[0] for d in cursor.description]
        row = dict(zip(names, cursor.fetchone(), strict=True))
        frame = pd.DataFrame([{"measure": float(row["measure"] or 0)}])
        failures = [
            explain(check, row) for outcome in validate(suite, frame) if not outcome.success
        ]
        yield failures, len(suite.expectations)
