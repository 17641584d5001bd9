"""The synthetic data generator: deterministic, true to the raw contract, realistic enough that
every metric has something true to find."""

from __future__ import annotations

import hashlib
import json

import duckdb
import pytest

from kundenstamm.generate import generate_dataset
from kundenstamm.validate import validate_raw_dir


def _digest(folder):
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    metadata = generate_dataset(folder, customers=3000, seed=7, fmt="csv")
    return folder, metadata


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    for name, seed in (("a", 11), ("b", 11), ("c", 12)):
        generate_dataset(tmp_path / name, customers=400, seed=seed, fmt="parquet")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert (
        _digest(tmp_path / "a")["orders_orders.parquet"]
        != _digest(tmp_path / "c")["orders_orders.parquet"]
    )


def test_files_follow_the_raw_contract_in_both_formats(tmp_path, contract, generated):
    folder, _ = generated
    report = validate_raw_dir(folder, contract, "csv")
    assert report.warnings == []
    generate_dataset(tmp_path / "pq", customers=300, seed=7, fmt="parquet")
    assert validate_raw_dir(tmp_path / "pq", contract, "parquet").warnings == []
    with duckdb.connect() as connection:
        for identifier, table in contract.items():
            columns = [
                row[0]
                for row in connection.execute(
                    f"describe select * from read_parquet('{tmp_path / 'pq' / identifier}.parquet')"
                ).fetchall()
            ]
            assert tuple(columns) == table.columns, identifier


def test_metadata_counts_rows_and_defects(generated):
    folder, metadata = generated
    assert json.loads((folder / "metadata.json").read_text()) == json.loads(json.dumps(metadata))
    with duckdb.connect() as connection:
        for name, rows in metadata["rows"].items():
            count = connection.execute(
                f"select count(*) from read_csv('{folder / name}.csv', all_varchar = true)"
            ).fetchone()[0]
            assert count == rows, name
    defects = metadata["injected_defects"]
    assert defects["orders_orders"]["unknown_customer"] >= 1
    assert defects["orders_order_lines"]["negative_quantity"] >= 1
    assert defects["survey_nps_responses"]["score_out_of_range"] >= 1
    assert set(metadata["true_parameters"]) == {"private", "company"}


def test_dates_within_the_window_except_injected_defects(generated):
    folder, _ = generated
    with duckdb.connect() as connection:
        low, high = connection.execute(
            f"select min(try_cast(ordered_at as timestamp)), max(try_cast(ordered_at as timestamp)) "
            f"from read_csv('{folder}/orders_orders.csv', all_varchar = true) "
            "where order_id not like '%-FUT%'"
        ).fetchone()
    assert str(low) >= "2021-01-01" and str(high) < "2026-01-01"


def test_revenue_is_pareto_skewed(generated):
    folder, _ = generated
    with duckdb.connect() as connection:
        share = connection.execute(f"""
            with revenue as (
                select o.account_id,
                       sum(cast(l.quantity as double) * cast(l.unit_price as double) - cast(l.discount_amount as double)) as value
                from read_csv('{folder}/orders_order_lines.csv', all_varchar = true) as l
                join read_csv('{folder}/orders_orders.csv', all_varchar = true) as o using (order_id)
                where o.status = 'completed' group by 1),
            ranked as (select value, row_number() over (order by value desc) as position,
                              count(*) over () as customers, sum(value) over () as total from revenue)
            select sum(value) filter (where position <= 0.2 * customers) / max(total) from ranked""").fetchone()[
            0
        ]
    assert 0.65 <= share <= 0.92


def test_behaviour_groups_exist(generated):
    folder, _ = generated
    with duckdb.connect() as connection:
        truth = f"read_csv('{folder}/_truth_customers.csv', all_varchar = true)"
        orders = f"read_csv('{folder}/orders_orders.csv', all_varchar = true)"
        late = connection.execute(f"""
            select t.is_late_payer,
                   avg(case when try_cast(o.invoice_paid_date as date) > try_cast(o.invoice_due_date as date) + 7 then 1.0 else 0 end)
            from {orders} as o join {truth} as t using (account_id) where o.status = 'completed' group by 1""").fetchall()
        late = dict(late)
        assert late["true"] > 0.5 > 0.1 > late["false"]
        discount = dict(
            connection.execute(f"""
            select t.is_discount_only_buyer, avg(case when o.discount_code is not null then 1.0 else 0 end)
            from {orders} as o join {truth} as t using (account_id) group by 1""").fetchall()
        )
        assert discount["true"] == 1.0 and discount["false"] < 0.2
        lift = connection.execute(f"""
            with baskets as (
                select distinct l.order_id, p.category
                from read_csv('{folder}/orders_order_lines.csv', all_varchar = true) as l
                join read_csv('{folder}/orders_products.csv', all_varchar = true) as p using (product_id)),
            n as (select count(distinct order_id) as orders from baskets),
            a as (select count(*) as c from baskets where category = 'machines'),
            b as (select count(*) as c from baskets where category = 'maintenance'),
            ab as (select count(*) as c from baskets x join baskets y using (order_id)
                   where x.category = 'machines' and y.category = 'maintenance')
            select (ab.c * 1.0 / a.c) / (b.c * 1.0 / n.orders) from n, a, b, ab""").fetchone()[0]
        assert lift > 1.5
        permission = connection.execute(
            f"select avg(case when email_permission = 'true' then 1.0 else 0 end) "
            f"from read_csv('{folder}/crm_contacts.csv', all_varchar = true)"
        ).fetchone()[0]
        assert 0.45 < permission < 0.75


def test_generated_people_share_no_identity_key(generated):
    """Every generated account is another person: no e-mail (case and spaces aside), phone
    number (digits after the country code) or name at one postal code appears at two accounts,
    so identity resolution merges nothing in generated data (injected defect rows aside: contacts
    of unknown accounts, repeated account rows)."""
    folder, _ = generated
    with duckdb.connect() as connection:
        contacts = f"read_csv('{folder}/crm_contacts.csv', all_varchar = true)"
        accounts = f"read_csv('{folder}/crm_accounts.csv', all_varchar = true)"
        shared = {
            "email": f"""select lower(replace(email, ' ', '')) as k from {contacts}
                where email is not null and account_id in (select account_id from {accounts})
                group by k having count(distinct account_id) > 1""",
            "phone": f"""select right(regexp_replace(phone, '[^0-9]', '', 'g'), 11) as k
                from {contacts} where phone is not null and account_id in (select account_id from {accounts})
                group by k having count(distinct contact_id) > 1""",
            "name_postal_code": f"""select lower(account_name), postal_code, country_code
                from {accounts} group by all having count(distinct account_id) > 1""",
        }
        for rule, query in shared.items():
            assert connection.execute(f"select count(*) from ({query})").fetchone() == (0,), rule


def test_distinct_identities_carry_over_chunks():
    """A value taken in an earlier chunk or earlier in the same chunk goes to the next free one;
    the first holder keeps it."""
    import numpy as np

    from kundenstamm.generate.identities import DistinctIdentities

    ids = DistinctIdentities()
    assert list(ids.emails(np.array(["a.b@x.de", "a.b@x.de"]))) == ["a.b@x.de", "a.b2@x.de"]
    assert list(ids.emails(np.array(["a.b@x.de", "c.d@x.de"]))) == ["a.b3@x.de", "c.d@x.de"]
    first = ids.phone_numbers(np.array([30, 30]), np.array([1234567, 1234567]), 99_999_999)
    assert list(first) == [1234567, 1234568]
    assert list(
        ids.phone_numbers(np.array([30, 40]), np.array([1234567, 1234567]), 99_999_999)
    ) == [1234569, 1234567]
    names = np.array(["Anna Muster", "anna muster", "Ben Koch"], dtype=object)
    postal = ids.postal_suffixes(
        names, np.array(["DE"] * 3), np.array(["80"] * 3), np.array([5, 5, 5]), np.array([3] * 3)
    )
    assert list(postal) == ["80005", "80006", "80005"]
    again = ids.postal_suffixes(
        names[:1], np.array(["DE"]), np.array(["80"]), np.array([5]), np.array([3])
    )
    assert list(again) == ["80007"]
