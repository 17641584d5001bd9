"""The personas page: one card per persona with its size and the profile of its typical (median)
customer (mart rpt_personas) and the editable profile matched to it by its traits (mart
rpt_persona_profiles: a first name, a short profile, goals, obstacles and expectations, in the
page language)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kundenstamm.report.tables import as_float, as_share

if TYPE_CHECKING:
    from kundenstamm.report.core import Report

# the profile texts of a card in the order it shows them (columns <text>_de / <text>_en)
TEXTS = ("profile", "goals", "obstacles", "expectations")


def _traits(report: Report, name: str) -> str:
    """The persona's name from its traits (fct_personas: English trait words joined by commas) in
    the page language, word by word through the code list persona_trait."""
    words = [report.fmt.code("persona_trait", word.lower()) for word in name.split(", ")]
    return ", ".join(words)[:1].upper() + ", ".join(words)[1:]


def _figures(report: Report, row: dict) -> list[tuple[str, str]]:
    fmt = report.fmt
    return [
        (
            fmt.text("persona_revenue_per_year"),
            fmt.money(as_float(row["median_revenue_per_year_eur"]), 0),
        ),
        (
            fmt.text("persona_purchases_per_year"),
            fmt.number(as_float(row["median_purchases_per_year"]), 1),
        ),
        (fmt.text("persona_order_value"), fmt.money(as_float(row["median_order_value_eur"]), 0)),
        (fmt.text("persona_recency_days"), fmt.number(as_float(row["median_recency_days"]), 0)),
        (fmt.text("persona_b2b_share"), fmt.percent(as_share(row["b2b_share_pct"]))),
        (fmt.text("persona_discount_share"), fmt.percent(as_share(row["discount_share_pct"]))),
        (fmt.text("persona_nps_score"), fmt.number(as_float(row["median_nps_score"]), 1)),
    ]


def render(report: Report) -> None:
    fmt = report.fmt
    personas = report.rows(
        "select personas.*, profiles.* exclude (persona_id, persona_name) "
        "from marts.rpt_personas as personas "
        "left join marts.rpt_persona_profiles as profiles using (persona_id) "
        "order by personas.persona_id"
    )
    settings = report.rows("select min_group_size as min_size from marts.dim_settings")[0]
    first = personas[0] if personas else None
    report.write(
        "personas.html.j2",
        "personas.html",
        intro=fmt.text("intro_personas"),
        title=fmt.text("personas_title"),
        facts=[
            (fmt.text("personas_chosen"), fmt.number(first["clusters_chosen"])),
            (fmt.text("personas_silhouette"), fmt.number(as_float(first["silhouette"]), 2)),
        ]
        if first
        else [],
        personas=[
            {
                "id": row["persona_id"],
                "first_name": row["persona_first_name"],
                "traits": _traits(report, row["persona_name"]),
                "customers": fmt.number(row["customers"]),
                "share": fmt.percent(as_share(row["customer_share_pct"])),
                "small": bool(row["is_too_small"]),
                "figures": _figures(report, row),
                "texts": [
                    (fmt.text(f"persona_{text}"), row[f"{text}_{report.lang}"])
                    for text in TEXTS
                    if row[f"{text}_{report.lang}"]
                ],
            }
            for row in personas
        ],
        small_note=fmt.text("personas_small_note", size=fmt.number(settings["min_size"])),
    )
