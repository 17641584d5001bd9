{#- Formula CLV in the retention form m * r / (1 + d - r): margin per period m, retention rate r
    and discount rate d per period (an infinite horizon with constant margin). -#}
{% macro retention_clv(margin, retention, discount) -%}
    ({{ margin }} * {{ retention }} / (1 + {{ discount }} - {{ retention }}))
{%- endmacro %}
