{#- Account name as part of a match key: lower-cased, trimmed, runs of spaces (tabs, no-break
    spaces) collapsed to one, as the `duplicate_account` plausibility check compares names. -#}
{% macro normalize_name(column) -%}
    {{ kundenstamm.regexp_replace_all("trim(replace(replace(lower(" ~ column ~ "), chr(9), ' '), chr(160), ' '))", ' +', ' ') }}
{%- endmacro %}
