{#- E-mail address as a match key: lower-cased, every space, tab and no-break space removed
    (" Anna.Muster @Example.com" = "anna.muster@example.com"), and with the var
    `identity_email_plus_addressing` true the plus tag of the local part dropped
    (anna+shop@example.com = anna@example.com). -#}
{% macro normalize_email(column) -%}
    {%- set stripped = "replace(replace(replace(lower(" ~ column ~ "), ' ', ''), chr(9), ''), chr(160), '')" -%}
    {%- if var('identity_email_plus_addressing') -%}
        {{ kundenstamm.regexp_replace_all(stripped, '[+][^@]*@', '@') }}
    {%- else -%}
        {{ stripped }}
    {%- endif -%}
{%- endmacro %}
