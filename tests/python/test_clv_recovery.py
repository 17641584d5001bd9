"""On generated data the warehouse's CLV fit recovers the generator's true parameters.

100,000 customers are generated, built through staging and the CLV inputs into
intermediate.int_clv_parameters (the same path as `dbt build`), and the per-segment estimates are
compared with the true parameters the generator wrote into its metadata.

Stated tolerance: every parameter within 4 standard errors of the truth and within 15 % of it.
The data are not a textbook sample of the models (purchases on the same day are merged, dates are
whole days, order values are rounded to cents and split into lines), so a small bias on top of
the sampling error is expected; 15 % bounds it, 4 standard errors keeps the check from passing a
fit that is merely imprecise.
"""

from __future__ import annotations

import json

import duckdb
import pytest
from conftest import dbt_build

from kundenstamm.generate import generate_dataset

CUSTOMERS = 100_000
SEGMENTS = {"private": "private", "company": "company"}  # warehouse -> generator segment


@pytest.fixture(scope="module")
def fitted(tmp_path_factory, project_dir):
    work = tmp_path_factory.mktemp("clv_recovery")
    raw = work / "raw"
    metadata = generate_dataset(raw, CUSTOMERS, seed=7, fmt="parquet")
    database = work / "warehouse.duckdb"
    dbt_build(
        project_dir,
        database,
        "--select",
        "+int_clv_parameters",
        "--exclude",
        "path:seeds/demo",
        "--vars",
        f"{{raw_data_path: '{raw}', raw_data_format: parquet}}",
    )
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(
            "select clv_segment, parameter, value, standard_error, converged "
            "from intermediate.int_clv_parameters where fit_type = 'full' and model <> 'pareto_nbd'"
        ).fetchall()
    return metadata["true_parameters"], rows


def test_metadata_names_both_segments(fitted):
    truth, rows = fitted
    assert set(truth) == set(SEGMENTS.values())
    assert {segment for segment, *_ in rows} == set(SEGMENTS)


@pytest.mark.parametrize("segment", sorted(SEGMENTS))
def test_fit_recovers_true_parameters(fitted, segment):
    truth, rows = fitted
    true_values = truth[SEGMENTS[segment]]
    estimates = {name: (value, se, ok) for seg, name, value, se, ok in rows if seg == segment}
    assert set(estimates) == {"r", "alpha", "a", "b", "p", "q", "gamma"}
    report = json.dumps({k: [round(v[0], 4), round(v[1], 4)] for k, v in estimates.items()})
    for name, (value, standard_error, converged) in estimates.items():
        expected = true_values[name]
        assert converged, f"{segment} {name}: fit did not converge ({report})"
        assert abs(value - expected) <= 4 * standard_error, (
            f"{segment} {name} = {value:.4f} (se {standard_error:.4f}), true {expected}: {report}"
        )
        assert abs(value - expected) <= 0.15 * expected, (
            f"{segment} {name} = {value:.4f}, true {expected}: more than 15 % off ({report})"
        )
