{#- The combination of the given columns is unique (a composite primary key). Nulls count as a
    value, so two rows with a null key and the same occurrence fail. -#}
{% test unique_combination(model, combination_of_columns) %}

with grouped as (
    select
        {{ combination_of_columns | join(', ') }},
        count(*) as occurrences
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
    having count(*) > 1
)

select * from grouped

{% endtest %}
