{#- The ABC class of a customer from their basis value and the cumulative share of the total basis
    up to them (customers with equal basis share one cumulative share): A up to var abc_a_cutoff,
    B up to var abc_b_cutoff, C the rest and every customer without a positive basis. The cut-offs
    are validated (0 < abc_a_cutoff <= abc_b_cutoff <= 1). -#}
{% macro abc_class(basis_value, cumulative_share) -%}
    {%- set a_cutoff = var('abc_a_cutoff') -%}
    {%- set b_cutoff = var('abc_b_cutoff') -%}
    {%- if a_cutoff is not number or b_cutoff is not number or not (0 < a_cutoff <= b_cutoff <= 1) -%}
        {{ exceptions.raise_compiler_error("vars abc_a_cutoff and abc_b_cutoff must be shares with 0 < abc_a_cutoff <= abc_b_cutoff <= 1, got '" ~ a_cutoff ~ "' and '" ~ b_cutoff ~ "'") }}
    {%- endif -%}
    case
        when {{ basis_value }} <= 0 or {{ cumulative_share }} is null then 'C'
        when {{ cumulative_share }} <= {{ a_cutoff }} then 'A'
        when {{ cumulative_share }} <= {{ b_cutoff }} then 'B'
        else 'C'
    end
{%- endmacro %}
