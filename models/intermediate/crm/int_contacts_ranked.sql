{#- Contacts known at the as-of date, with their e-mail permission as it stood then, ranked
    per account: for e-mail the first who may be e-mailed, decision makers first (email_rank),
    otherwise the first decision maker, who may be e-mailed first (contact_rank). The one place
    the permission rule lives: the e-mail address leaves this model only where the contact may
    be e-mailed (`contact_email` is empty otherwise), so no list can hand out another. -#}
{#- each rank with the preference it orders by first and then (contact_id breaks ties) -#}
{%- set ranks = [
    ('email_rank', 'may_email', 'is_decision_maker'),
    ('contact_rank', 'is_decision_maker', 'may_email'),
] %}

with contacts as (
    select * from {{ ref('int_contacts_resolved') }}
    where created_at is null or cast(created_at as date) <= {{ kundenstamm.as_of_date() }}
),

permitted as (
    select
        *,
        has_email_permission
        and has_valid_email
        and (email_permission_date is null or email_permission_date <= {{ kundenstamm.as_of_date() }})
            as may_email
    from contacts
),

final as (
    select
        contact_id,
        account_id,
        first_name,
        last_name,
        contact_role,
        is_decision_maker,
        case when may_email then email end as contact_email,
        phone,
        gift_preference,
        may_email,
        case when email_permission_date <= {{ kundenstamm.as_of_date() }} then email_permission_date end as email_permission_date,
        {%- for rank, first, then in ranks %}
            cast(row_number() over (
                partition by account_id
                order by
                    case when {{ first }} then 0 else 1 end,
                    case when {{ then }} then 0 else 1 end,
                    contact_id
            ) as bigint) as {{ rank }},
        {%- endfor %}
        cast(created_at as date) as created_date
    from permitted
)

select * from final
