{#- The level 1..5 of the RFM segment map (seed rfm_segments) that a score 1..rfm_bins reads:
    the quintile that holds the middle of the score's bin, ceil(5 * (score - 0.5) / rfm_bins).
    With 5 bins the level is the score; with 7 bins the scores 1..7 read the levels
    1, 2, 2, 3, 4, 4, 5; the lowest score always reads 1 and the highest 5. -#}
{% macro rfm_segment_level(score) -%}
    {%- set bins = kundenstamm.rfm_bins() -%}
    {%- if bins == 5 -%}
        {{ score }}
    {%- else -%}
        cast(ceil((cast({{ score }} as double) - 0.5) * 5 / {{ bins }}) as {{ dbt.type_int() }})
    {%- endif -%}
{%- endmacro %}
