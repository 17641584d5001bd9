{#- Phone number in E.164-like form: digits only with a leading +. A leading 00 becomes +,
    a single leading 0 becomes + and the var `default_phone_country_code`. -#}
{% macro normalize_phone(column) -%}
    case
        when {{ column }} is null then null
        when {{ column }} like '+%'
            then concat('+', {{ kundenstamm.regexp_replace_all(column, '[^0-9]', '') }})
        when {{ kundenstamm.regexp_replace_all(column, '[^0-9]', '') }} like '00%'
            then concat('+', substring({{ kundenstamm.regexp_replace_all(column, '[^0-9]', '') }}, 3))
        when {{ kundenstamm.regexp_replace_all(column, '[^0-9]', '') }} like '0%'
            then concat('+{{ var("default_phone_country_code") }}', substring({{ kundenstamm.regexp_replace_all(column, '[^0-9]', '') }}, 2))
        else concat('+', {{ kundenstamm.regexp_replace_all(column, '[^0-9]', '') }})
    end
{%- endmacro %}
