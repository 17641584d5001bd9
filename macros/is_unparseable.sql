{#- True when a text value is present but does not parse as the type (see `parse_text`). -#}
{% macro is_unparseable(column, type) -%}
    ({{ column }} is not null and {{ kundenstamm.parse_text(column, type) }} is null)
{%- endmacro %}

{#- True when a timestamp text carries a time-zone offset or `Z` (`2024-12-31 23:30:00-05`).
    Raw times are local times; an offset cannot be dropped without moving the time, so the row
    is quarantined with its own reason. -#}
{% macro has_time_zone_offset(column) -%}
    {{ kundenstamm.matches_pattern(column, '^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9:.]+ ?([+-][0-9]{2}(:?[0-9]{2})?|Z|UTC)$') }}
{%- endmacro %}

{#- True when a discount text exceeds the line value (the number of units, returned ones too,
    times unit price, all parsed; computed in a wide decimal so that no bound can overflow it). -#}
{% macro exceeds_line_value(discount, quantity, unit_price) -%}
    ({{ kundenstamm.parse_text(discount, kundenstamm.money_type()) }}
        > abs(cast({{ kundenstamm.parse_text(quantity, 'decimal(18, 3)') }} as decimal(38, 3))) * {{ kundenstamm.parse_text(unit_price, kundenstamm.money_type()) }})
{%- endmacro %}
