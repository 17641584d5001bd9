{#- The number of RFM score bins (var `rfm_bins`), validated: a whole number from 2 to 9, so that
    every score is one digit of the three-digit `rfm_code`. -#}
{% macro rfm_bins() -%}
    {%- set bins = var('rfm_bins') -%}
    {%- if bins is not number or bins is not integer or bins < 2 or bins > 9 -%}
        {{ exceptions.raise_compiler_error("var rfm_bins must be a whole number from 2 to 9, got '" ~ bins ~ "'") }}
    {%- endif -%}
    {{- return(bins) -}}
{%- endmacro %}
