{#- Per account and calendar month of `event_at`, the `measures` (aggregate expressions with
    their names) of the rows of `relation` up to the as-of date: one kind of monthly activity of
    int_customers_monthly_activity (an event counts in the month it happened, never after the
    as-of date). -#}
{% macro activity_by_month(relation, event_at, measures) -%}
    select
        account_id,
        {{ dbt.date_trunc('month', 'cast(' ~ event_at ~ ' as date)') }} as activity_month,
        {{ measures }}
    from {{ relation }}
    where cast({{ event_at }} as date) <= {{ kundenstamm.as_of_date() }}
    group by 1, 2
{%- endmacro %}
