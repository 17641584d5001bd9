{#- The checks every timestamp text of a base model gets, in this order: no time-zone offset
    ("time_zone_offset"), parses as a timestamp ("unparseable_date"), not before the var
    `earliest_date` ("implausible_date"). A list of checks for `base_model`'s `checks`. -#}
{% macro timestamp_checks(column) -%}
    {{ return([
        (kundenstamm.has_time_zone_offset(column), "time_zone_offset"),
        (kundenstamm.is_unparseable(column, dbt.type_timestamp()), "unparseable_date"),
        (kundenstamm.is_before_earliest(column), "implausible_date"),
    ]) }}
{%- endmacro %}
