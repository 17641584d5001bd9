{#- True for an account whose lifecycle stage is open to offers (column is_open_to_offers of the
    seed lifecycle_stages): the one filter of the offer lists. -#}
{% macro is_open_to_offers(stage_column='lifecycle_stage') -%}
    {{ stage_column }} in (select lifecycle_stage from {{ ref('lifecycle_stages') }} where is_open_to_offers)
{%- endmacro %}
