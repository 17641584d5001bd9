{#- Turns a list of (condition, reason_code) checks into two columns:
    `row_reason`, the first failing check's code (checks are listed in priority order), and
    `row_reasons`, every failing code joined by "; ". Both are null for a valid row. -#}
{% macro quarantine_reason(checks) -%}
        case
            {%- for condition, code in checks %}
            when {{ condition }} then '{{ code }}'
            {%- endfor %}
        end as row_reason,
        nullif(concat_ws('; ',
            {%- for condition, code in checks %}
            case when {{ condition }} then '{{ code }}' end{{ ',' if not loop.last }}
            {%- endfor %}
        ), '') as row_reasons
{%- endmacro %}
