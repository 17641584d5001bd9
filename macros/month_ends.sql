{#- A query returning one row per calendar month from the month of `start_date` to the month of
    `end_date`: `month_start` and `month_end` (last day of the month), both dates. -#}
{% macro month_ends(start_date, end_date) -%}
    {{ return(adapter.dispatch('month_ends', 'kundenstamm')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__month_ends(start_date, end_date) -%}
    select
        cast(month_start as date) as month_start,
        cast(last_day(cast(month_start as date)) as date) as month_end
    from (
        select unnest(generate_series(
            cast(date_trunc('month', cast({{ start_date }} as date)) as timestamp),
            cast(date_trunc('month', cast({{ end_date }} as date)) as timestamp),
            interval 1 month
        )) as month_start
    ) as months
{%- endmacro %}

{% macro spark__month_ends(start_date, end_date) -%}
    select
        month_start,
        last_day(month_start) as month_end
    from (
        select explode(sequence(
            trunc(cast({{ start_date }} as date), 'MM'),
            trunc(cast({{ end_date }} as date), 'MM'),
            interval 1 month
        )) as month_start
    ) as months
{%- endmacro %}
