-- Equal raw values always get equal scores: no recency, frequency or monetary value may map to
-- two different scores.
with scores as (
    select * from {{ ref('fct_rfm_scores') }}
)

select
    'recency' as measure,
    cast(recency_days as {{ dbt.type_string() }}) as raw_value
from scores
group by recency_days
having count(distinct r_score) > 1
union all
select
    'frequency',
    cast(frequency as {{ dbt.type_string() }})
from scores
group by frequency
having count(distinct f_score) > 1
union all
select
    'monetary',
    cast(monetary_eur as {{ dbt.type_string() }})
from scores
group by monetary_eur
having count(distinct m_score) > 1
