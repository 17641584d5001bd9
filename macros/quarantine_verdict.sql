{#- The final quarantine columns of a base model: the row's own first failing check, else
    `duplicate_key` for every occurrence of a key after the first. Null for a clean row. -#}
{% macro quarantine_verdict() -%}
        coalesce(row_reason, case when key_occurrence > 1 then 'duplicate_key' end) as quarantine_reason,
        coalesce(row_reasons, case when key_occurrence > 1 then 'duplicate_key' end) as quarantine_reasons
{%- endmacro %}
