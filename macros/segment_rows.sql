{#- A query with every row of `relation` once per segment it counts in: once as segment_type
    'all' / segment_value 'all', and once per column of `segments` (segment_type = the column's
    name, segment_value = its value), keeping `columns`. -#}
{% macro segment_rows(relation, segments, columns) -%}
    {%- for segment in ['all'] + segments %}
        {% if not loop.first %}union all{% endif %}
        select
            {%- for column in columns %}
            {{ column }},
            {%- endfor %}
            '{{ segment }}' as segment_type,
            {{ "'all'" if segment == 'all' else segment }} as segment_value
        from {{ relation }}
    {%- endfor %}
{%- endmacro %}
