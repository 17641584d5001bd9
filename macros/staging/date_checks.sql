{#- The checks every date text of a base model gets, in this order: parses as a date
    ("unparseable_date"), not before the var `earliest_date` ("implausible_date"). A list of
    checks for `base_model`'s `checks`. -#}
{% macro date_checks(column) -%}
    {{ return([
        (kundenstamm.is_unparseable(column, 'date'), "unparseable_date"),
        (kundenstamm.is_before_earliest(column), "implausible_date"),
    ]) }}
{%- endmacro %}
