{#- First and last name joined by a space; empty (null) when both are missing, never ''. -#}
{% macro full_name(first_name, last_name) -%}
    nullif(concat_ws(' ', {{ first_name }}, {{ last_name }}), '')
{%- endmacro %}
