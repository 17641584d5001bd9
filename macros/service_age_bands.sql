{#- The age bands of the open-ticket backlog from var `service_backlog_age_band_days`, validated: a
    list of whole numbers of days, each larger than the one before, e.g. [7, 30, 90] gives the
    bands 0-7, 8-30, 31-90 and over 90 days. Returns a list of (band, lowest age, highest age or
    none) with the band names used in rpt_service_backlog. -#}
{% macro service_age_bands() -%}
    {%- set limits = var('service_backlog_age_band_days') -%}
    {%- if limits is string or limits is not iterable or limits | length == 0 -%}
        {{ exceptions.raise_compiler_error("var service_backlog_age_band_days must be a list of whole numbers of days, e.g. [7, 30, 90], got '" ~ limits ~ "'") }}
    {%- endif -%}
    {%- set bands = [] -%}
    {%- set ns = namespace(low=0) -%}
    {%- for limit in limits -%}
        {%- if limit is not number or limit is not integer or limit < ns.low -%}
            {{ exceptions.raise_compiler_error("var service_backlog_age_band_days must be whole numbers, each larger than the one before, got '" ~ limits ~ "'") }}
        {%- endif -%}
        {%- do bands.append((ns.low ~ '-' ~ limit ~ ' days', ns.low, limit)) -%}
        {%- set ns.low = limit + 1 -%}
    {%- endfor -%}
    {%- do bands.append(('over ' ~ (ns.low - 1) ~ ' days', ns.low, none)) -%}
    {{- return(bands) -}}
{%- endmacro %}
