{#- A computed amount (a ratio, an average, a model's prediction) as money: rounded half up to
    the cent, the same on every engine. The expression is computed in double precision (IEEE
    arithmetic is the same on DuckDB and Spark); the rounding then works on whole cents in exact
    decimals. A plain cast would round the double the engine's own way (DuckDB and Spark differ
    in the last cent for a few amounts in a thousand). -#}
{% macro to_money(expression) -%}
    cast(cast(floor(cast({{ expression }} as double) * 100 + 0.5) as decimal(20, 0)) * 0.01 as {{ kundenstamm.money_type() }})
{%- endmacro %}
