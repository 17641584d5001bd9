{#- The column type for money amounts: exact decimal with cents. -#}
{% macro money_type() -%}
    decimal(18, 2)
{%- endmacro %}
