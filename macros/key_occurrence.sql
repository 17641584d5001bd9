{#- Rank of a row among the rows sharing its key: 1 for the row that is kept (valid rows
    first, then the latest by `latest_by`, then by content: the raw text of each column in
    `columns` order, missing values first), 2, 3, ... for the duplicates. (key, key_occurrence)
    identifies every raw row, exact copies included. -#}
{% macro key_occurrence(key_column, columns, latest_by=none) -%}
    row_number() over (
        partition by {{ key_column }}
        order by
            case when row_reason is null then 0 else 1 end,
            {%- if latest_by %}
            {{ latest_by }} desc,
            {%- endif %}
            {%- for column in columns %}
            original_row.{{ column }} asc nulls first{{ ',' if not loop.last }}
            {%- endfor %}
    )
{%- endmacro %}
