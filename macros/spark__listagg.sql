{#- dbt-spark's listagg ignores the order (it warns and concatenates in whatever order the rows
    arrive), so the same data could give another text on Spark than on DuckDB. Spark 4 has the
    standard `listagg ... within group (order by ...)`; found first through the project's
    `dispatch` search order. -#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if limit_num -%}
        {{ exceptions.raise_compiler_error("listagg with a limit is not supported on Spark by this project") }}
    {%- endif -%}
    listagg({{ measure }}, {{ delimiter_text }})
    {%- if order_by_clause %} within group ({{ order_by_clause }}){% endif %}
{%- endmacro %}
