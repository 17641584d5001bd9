{#- A value as a Spark SQL string literal: backslashes and single quotes escaped, so a path or
    name with a quote cannot end the literal. -#}
{% macro spark_string_literal(value) -%}
    '{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}
