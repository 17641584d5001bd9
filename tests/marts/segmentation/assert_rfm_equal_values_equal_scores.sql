-- Equal raw values always get equal scores: no recency, frequency or monetary value may map to
-- two different scores.
{%- set measures = [
    ('recency', 'recency_days', 'r_score'),
    ('frequency', 'frequency', 'f_score'),
    ('monetary', 'monetary_eur', 'm_score'),
] %}

with scores as (
    select * from {{ ref('fct_rfm_scores') }}
)

{% for measure, raw_column, score_column in measures %}
    {%- if not loop.first %}
        union all
    {% endif -%}
    select
        '{{ measure }}' as measure,
        cast({{ raw_column }} as {{ dbt.type_string() }}) as raw_value
    from scores
    group by {{ raw_column }}
    having count(distinct {{ score_column }}) > 1
{%- endfor %}
