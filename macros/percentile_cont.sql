{#- The continuous percentile (linear interpolation between the two nearest values) of an
    aggregate expression, `fraction` from 0 to 1: DuckDB's quantile_cont, Spark's percentile
    (exact, the same interpolation), so the engines agree. -#}
{% macro percentile_cont(expression, fraction) -%}
    {{ return(adapter.dispatch('percentile_cont', 'kundenstamm')(expression, fraction)) }}
{%- endmacro %}

{% macro default__percentile_cont(expression, fraction) -%}
    quantile_cont({{ expression }}, {{ fraction }})
{%- endmacro %}

{% macro spark__percentile_cont(expression, fraction) -%}
    percentile({{ expression }}, {{ fraction }})
{%- endmacro %}
