{#- A raw text value parsed as `type`, strictly: the text must have the value's plain form,
    else the result is null (and staging quarantines the row as unparseable). The engines' own
    casts accept far more and read it wrongly: `epoch` and `-infinity` as dates, `0x0A` as 10,
    `7.5` as the integer 8, `1_000` as 1000, `1e12` as a decimal, and a time-zone offset dropped
    without converting. Accepted forms:
    - timestamp: `YYYY-MM-DD`, optionally followed by ` HH:MM`, `:SS` and up to six fractional
      digits (a `T` may separate date and time); no offset (raw times are local times);
    - date: `YYYY-MM-DD`, optionally with a time as above (the time is dropped);
    - integer types: optional sign and digits;
    - decimal types: optional sign, digits, optionally a point and digits;
    - anything else (boolean): the engine's cast. -#}
{% macro parse_text(column, type) -%}
    {%- set kind = type | lower -%}
    {%- if kind.startswith('timestamp') or kind == 'date' -%}
        {%- set pattern = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?$' -%}
    {%- elif kind in ('int', 'integer', 'bigint', 'smallint') -%}
        {%- set pattern = '^[+-]?[0-9]+$' -%}
    {%- elif kind.startswith('decimal') or kind.startswith('numeric') -%}
        {%- set pattern = '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' -%}
    {%- else -%}
        {{ return(dbt.safe_cast(column, type)) }}
    {%- endif -%}
    case when {{ kundenstamm.matches_pattern(column, pattern) }} then {{ dbt.safe_cast(column, type) }} end
{%- endmacro %}

{#- True when the text matches the regular expression (RE2 on DuckDB, Java on Spark; keep
    patterns to the syntax both share and free of backslashes). -#}
{% macro matches_pattern(column, pattern) -%}
    {{ return(adapter.dispatch('matches_pattern', 'kundenstamm')(column, pattern)) }}
{%- endmacro %}

{% macro default__matches_pattern(column, pattern) -%}
    regexp_matches({{ column }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__matches_pattern(column, pattern) -%}
    ({{ column }} rlike '{{ pattern }}')
{%- endmacro %}
