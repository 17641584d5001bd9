{#- Contacts known at the as-of date, with their e-mail permission as it stood then, ranked
    per account: the best contact to address is a decision maker who may be e-mailed. The one
    place the permission rule lives: the e-mail address leaves this model only where the contact
    may be e-mailed (`contact_email` is empty otherwise), so no list can hand out another. -#}
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
        cast(created_at as date) as created_date,
        cast(row_number() over (
            partition by account_id
            order by
                case when may_email then 0 else 1 end,
                case when is_decision_maker then 0 else 1 end,
                contact_id
        ) as bigint) as email_rank,
        cast(row_number() over (
            partition by account_id
            order by
                case when is_decision_maker then 0 else 1 end,
                case when may_email then 0 else 1 end,
                contact_id
        ) as bigint) as contact_rank
    from permitted
)

select * from final
