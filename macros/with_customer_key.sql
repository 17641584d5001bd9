{#- Body of a model that passes the rows of a staging model on with the resolved keys of
    identity resolution: `account_id` becomes the customer key (int_customer_identities) and
    `contact_id`, when the model has one, the surviving contact (int_contact_identities). Ids
    the resolution does not know are kept as they are. -#}
{% macro with_customer_key(model_name, columns) -%}
with records as (
    select * from {{ ref(model_name) }}
),

customers as (
    select
        account_id,
        customer_id
    from {{ ref('int_customer_identities') }}
),
{%- if 'contact_id' in columns %}

contacts as (
    select
        contact_id,
        resolved_contact_id
    from {{ ref('int_contact_identities') }}
),
{%- endif %}

final as (
    select
        {%- for column in columns %}
        {%- if column == 'account_id' %}
        coalesce(customers.customer_id, records.account_id) as account_id,
        {%- elif column == 'contact_id' %}
        coalesce(contacts.resolved_contact_id, records.contact_id) as contact_id,
        {%- else %}
        records.{{ column }},
        {%- endif %}
        {%- endfor %}
        records.account_id as source_account_id
    from records
    left join customers
        on records.account_id = customers.account_id
    {%- if 'contact_id' in columns %}
    left join contacts
        on records.contact_id = contacts.contact_id
    {%- endif %}
)

select * from final
{%- endmacro %}
