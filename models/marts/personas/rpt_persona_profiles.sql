{#- The editable profile of each persona (seeds/mappings/persona_profiles.csv: a fictional first
    name, a short profile, goals, obstacles and expectations, in English and German), matched by
    the persona's traits in rpt_personas, not by its number: the first profile by priority whose
    bounds (empty = open) contain the persona's share of companies, share of discounted
    purchases, median purchases per year and median days since the last purchase. A new
    clustering therefore keeps the profiles as long as its personas have the same traits.
    Rules in DECISIONLOG.md. -#}
with personas as (
    select * from {{ ref('rpt_personas') }}
),

profiles as (
    select * from {{ ref('persona_profiles') }}
),

matches as (
    select
        personas.persona_id,
        personas.persona_name,
        profiles.*,
        row_number() over (partition by personas.persona_id order by profiles.priority) as match_rank
    from personas
    inner join profiles
        on (profiles.min_b2b_share_pct is null or personas.b2b_share_pct >= profiles.min_b2b_share_pct)
        and (profiles.max_b2b_share_pct is null or personas.b2b_share_pct <= profiles.max_b2b_share_pct)
        and (profiles.min_discount_share_pct is null or personas.discount_share_pct >= profiles.min_discount_share_pct)
        and (profiles.max_discount_share_pct is null or personas.discount_share_pct <= profiles.max_discount_share_pct)
        and (profiles.min_purchases_per_year is null or personas.median_purchases_per_year >= profiles.min_purchases_per_year)
        and (profiles.max_recency_days is null or personas.median_recency_days <= profiles.max_recency_days)
),

final as (
    select
        cast(personas.persona_id as bigint) as persona_id,
        personas.persona_name,
        cast(matches.priority as bigint) as profile_priority,
        matches.persona_first_name,
        matches.profile_en,
        matches.profile_de,
        matches.goals_en,
        matches.goals_de,
        matches.obstacles_en,
        matches.obstacles_de,
        matches.expectations_en,
        matches.expectations_de
    from personas
    left join matches
        on personas.persona_id = matches.persona_id
        and matches.match_rank = 1
)

select * from final
