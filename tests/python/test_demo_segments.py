"""Table-level checks on the warehouse built from the demo data: the segment grids are usable,
not only internally consistent (a segment that can never be filled is a design error)."""

from __future__ import annotations

import csv


def test_every_rfm_segment_of_the_seed_is_filled(marts, project_dir):
    with (project_dir / "seeds" / "mappings" / "rfm_segments.csv").open(encoding="utf-8") as f:
        seeded = {row["segment"] for row in csv.DictReader(f)}
    counts = dict(
        marts.execute("select rfm_segment, customers from marts.rpt_rfm_segments").fetchall()
    )
    assert set(counts) == seeded
    assert not [segment for segment in seeded if counts[segment] < 1], counts


def test_every_rfm_score_occurs(marts):
    for score in ("r_score", "f_score", "m_score"):
        found = {
            s
            for (s,) in marts.execute(
                f"select distinct {score} from marts.fct_rfm_scores"
            ).fetchall()
        }
        assert found == {1, 2, 3, 4, 5}, (score, found)


def test_every_abc_subclass_is_filled(marts):
    counts = dict(
        marts.execute(
            "select abc_subclass, sum(customers) from marts.rpt_abc_summary group by 1"
        ).fetchall()
    )
    assert set(counts) == {"A", "B1", "B2", "C1", "C2", "inactive"}
    assert min(counts.values()) >= 1, counts
