{#- A query with one row per day from `start_date` to `end_date` (both date expressions, both
    included), column `date_day`: DuckDB's generate_series, Spark's sequence. (dbt's date_spine
    cross-joins powers of two and ranks them: 110 s on a busy Spark for 36 years of days.) -#}
{% macro days_between(start_date, end_date) -%}
    {{ return(adapter.dispatch('days_between', 'kundenstamm')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__days_between(start_date, end_date) -%}
    select cast(unnest(generate_series({{ start_date }}, {{ end_date }}, interval 1 day)) as date) as date_day
{%- endmacro %}

{% macro spark__days_between(start_date, end_date) -%}
    select explode(sequence({{ start_date }}, {{ end_date }}, interval 1 day)) as date_day
{%- endmacro %}
