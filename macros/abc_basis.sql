{#- What customers are ranked by for the ABC classes (var `abc_basis`), validated: 'revenue',
    'margin' (contribution margin) or 'clv' (historical + predicted CLV, fct_customer_clv); any
    other value stops the build with a compiler error. -#}
{% macro abc_basis() -%}
    {%- set basis = var('abc_basis') | string | trim -%}
    {%- if basis not in ['revenue', 'margin', 'clv'] -%}
        {{ exceptions.raise_compiler_error("var abc_basis must be 'revenue', 'margin' or 'clv', got '" ~ var('abc_basis') ~ "'") }}
    {%- endif -%}
    {{- return(basis) -}}
{%- endmacro %}
