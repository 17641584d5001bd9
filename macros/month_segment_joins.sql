{#- The left joins of per-month, per-segment parts onto the grid of every month (`months`) x every
    segment value (`segment_values`): each part is matched on month_start, segment_type and
    segment_value. The marts that report a figure per month and segment build that grid so a
    month without rows still shows (with zeros). -#}
{% macro month_segment_joins(parts) -%}
    {%- for part in parts %}
        left join {{ part }}
            on months.month_start = {{ part }}.month_start
            and segment_values.segment_type = {{ part }}.segment_type
            and segment_values.segment_value = {{ part }}.segment_value
    {%- endfor %}
{%- endmacro %}
