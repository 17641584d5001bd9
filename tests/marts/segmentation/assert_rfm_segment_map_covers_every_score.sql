-- Every combination of R score and FM score (1..rfm_bins each), read on the map's levels 1..5,
-- must map to a segment in the editable rfm_segments seed; returns the uncovered combinations.
with scores as (
    {% for score in range(1, kundenstamm.rfm_bins() + 1) %}
        select {{ score }} as score{{ ' union all' if not loop.last }}
    {% endfor %}
),

combinations as (
    select
        r.score as r_score,
        fm.score as fm_score
    from scores as r
    cross join scores as fm
),

segments as (
    select * from {{ ref('rfm_segments') }}
)

select
    combinations.r_score,
    combinations.fm_score
from combinations
left join segments
    on {{ kundenstamm.rfm_segment_level('combinations.r_score') }} between segments.r_min and segments.r_max
    and {{ kundenstamm.rfm_segment_level('combinations.fm_score') }} between segments.fm_min and segments.fm_max
group by combinations.r_score, combinations.fm_score
having count(segments.segment) = 0
