{#- Win-back list: lapsed customers who were profitable, without frequent complainers, habitual
    late payers and discount-only buyers, ranked by the yearly margin at stake. The contact is
    the best one at the account; an e-mail address is only given where the contact opted in. -#}
with evaluated as (
    select * from {{ ref('int_winback_customers_evaluated') }}
    where not is_excluded
),

contacts as (
    {{ kundenstamm.addressed_contacts('email') }}
),

final as (
    select
        cast(row_number() over (order by evaluated.margin_per_year_eur desc, evaluated.account_id) as bigint) as priority_rank,
        evaluated.account_id,
        evaluated.account_name,
        evaluated.account_owner,
        {{ kundenstamm.contact_columns(['contact_name', 'contact_phone']) }},
        case when contacts.may_email then 'email' else 'phone' end as outreach_channel,
        concat(
            'Bought ', cast(evaluated.lifetime_purchases as {{ dbt.type_string() }}), ' times for ',
            cast(evaluated.lifetime_revenue_eur as {{ dbt.type_string() }}), ' EUR (margin ',
            cast(evaluated.margin_per_year_eur as {{ dbt.type_string() }}), ' EUR a year), last purchase ',
            cast(evaluated.days_since_last_purchase as {{ dbt.type_string() }}), ' days ago',
            case when evaluated.lifecycle_stage_reason = 'cancelled' then ', cancelled' else '' end,
            '.'
        ) as reason,
        coalesce(evaluated.lifecycle_stage_reason = 'cancelled', false) as is_cancelled,
        evaluated.last_purchase_date,
        evaluated.days_since_last_purchase,
        evaluated.lifetime_purchases,
        evaluated.lifetime_revenue_eur,
        evaluated.lifetime_margin_eur,
        evaluated.margin_per_year_eur as value_at_stake_eur,
        evaluated.complaints,
        evaluated.late_payment_share,
        evaluated.discount_share
    from evaluated
    left join contacts
        on evaluated.account_id = contacts.account_id
)

select * from final
