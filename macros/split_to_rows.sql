{#- A select-list expression that turns a delimited string into one row per part
    (unnest(string_split()) on DuckDB, explode(split()) on Spark, whose split takes a regex). -#}
{% macro split_to_rows(column, delimiter) -%}
    {{ return(adapter.dispatch('split_to_rows', 'kundenstamm')(column, delimiter)) }}
{%- endmacro %}

{% macro default__split_to_rows(column, delimiter) -%}
    unnest(string_split({{ column }}, '{{ delimiter }}'))
{%- endmacro %}

{% macro spark__split_to_rows(column, delimiter) -%}
    explode(split({{ column }}, '\\Q{{ delimiter }}\\E'))
{%- endmacro %}
