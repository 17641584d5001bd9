{#- Warehouse schemas are named exactly raw, staging, intermediate and marts, with no target
    prefix, so BI tools and the Spark catalog see the same names on every target. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
