{#- What customers are ranked by for the ABC classes (var `abc_basis`), validated: 'revenue' or
    'margin' (contribution margin); any other value stops the build with a compiler error. -#}
{% macro abc_basis() -%}
    {%- set basis = var('abc_basis') | string | trim -%}
    {%- if basis not in ['revenue', 'margin'] -%}
        {{ exceptions.raise_compiler_error("var abc_basis must be 'revenue' or 'margin', got '" ~ var('abc_basis') ~ "'") }}
    {%- endif -%}
    {{- return(basis) -}}
{%- endmacro %}
