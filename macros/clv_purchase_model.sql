{#- The purchase model behind P(alive) and the predictive CLV (var `clv_purchase_model`),
    validated: auto, bgnbd or pareto_nbd. -#}
{% macro clv_purchase_model() -%}
    {%- set choice = var('clv_purchase_model') | string | trim -%}
    {%- if choice not in ['auto', 'bgnbd', 'pareto_nbd'] -%}
        {{ exceptions.raise_compiler_error("var clv_purchase_model must be auto, bgnbd or pareto_nbd, got '" ~ choice ~ "'") }}
    {%- endif -%}
    {{- return(choice) -}}
{%- endmacro %}
