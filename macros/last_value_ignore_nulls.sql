{#- The last non-null value of `expression` in the window frame up to the current row. -#}
{% macro last_value_ignore_nulls(expression, partition_by, order_by) -%}
    {{ return(adapter.dispatch('last_value_ignore_nulls', 'kundenstamm')(expression, partition_by, order_by)) }}
{%- endmacro %}

{% macro default__last_value_ignore_nulls(expression, partition_by, order_by) -%}
    last_value({{ expression }} ignore nulls) over (
        partition by {{ partition_by }} order by {{ order_by }}
        rows between unbounded preceding and current row
    )
{%- endmacro %}

{% macro spark__last_value_ignore_nulls(expression, partition_by, order_by) -%}
    last_value({{ expression }}, true) over (
        partition by {{ partition_by }} order by {{ order_by }}
        rows between unbounded preceding and current row
    )
{%- endmacro %}
