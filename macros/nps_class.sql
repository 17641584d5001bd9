{#- NPS class of a 0-10 score: detractor up to var nps_detractor_max, passive up to var
    nps_passive_max, promoter above. -#}
{% macro nps_class(score) -%}
    case
        when {{ score }} is null then null
        when {{ score }} <= {{ var('nps_detractor_max') }} then 'detractor'
        when {{ score }} <= {{ var('nps_passive_max') }} then 'passive'
        else 'promoter'
    end
{%- endmacro %}
