{#- Score 1..bins from the mid-rank percentile of a value, so that equal values always share a
    score: p = (rows ranked strictly worse + half the rows tied with it) / rows, and the score is
    ceil(p * bins). Distinct values give exact quantile bins; a tie group sits at its middle;
    a single row (or all rows equal) scores in the middle bin. With `partition_by` the rows are
    ranked within their group only. Higher value = better unless
    `higher_is_better` is false (recency in days). -#}
{% macro tie_safe_score(column, bins, higher_is_better=true, partition_by=none) -%}
    {%- set within = 'partition by ' ~ partition_by if partition_by else '' -%}
    cast(ceil(
        (
            (rank() over ({{ within }} order by {{ column }} {{ 'asc' if higher_is_better else 'desc' }}) - 1)
            + count(*) over (partition by {{ partition_by ~ ', ' if partition_by }}{{ column }}) / 2.0
        ) / count(*) over ({{ within }}) * {{ bins }}
    ) as {{ dbt.type_int() }})
{%- endmacro %}
