{#- True when a normalised e-mail address has the form local@domain.tld. -#}
{% macro is_valid_email(column) -%}
    {{ return(adapter.dispatch('is_valid_email', 'kundenstamm')(column)) }}
{%- endmacro %}

{% macro default__is_valid_email(column) -%}
    regexp_matches({{ column }}, '^[^@\s]+@[^@\s]+\.[a-z]{2,}$')
{%- endmacro %}

{% macro spark__is_valid_email(column) -%}
    ({{ column }} rlike '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$')
{%- endmacro %}
