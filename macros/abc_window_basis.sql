{#- The measure summed over a window of months for the ABC rules that need one: the basis itself
    ('revenue' or 'margin'), and 'margin' when the basis is 'clv' — CLV is a lifetime figure with
    no prior window, so the growth of B1 and C1 and the class at past month ends
    (int_customer_months_state) read the contribution margin, the historical part of CLV. -#}
{% macro abc_window_basis() -%}
    {%- set basis = kundenstamm.abc_basis() -%}
    {{- return('margin' if basis == 'clv' else basis) -}}
{%- endmacro %}
