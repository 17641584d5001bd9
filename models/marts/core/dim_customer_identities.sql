{#- The identity map: every account and contact id as delivered by any source (shop customer or
    guest, CRM account and contact, survey respondent), with the customer key it resolved to,
    the contact it is, and the rule that matched it. Records created after the as-of date are not
    in it (point-in-time builds). -#}
with customers as (
    select * from {{ ref('int_customer_identities') }}
    where account_id in (
            select account_id from {{ ref('stg_crm__accounts') }}
            where created_at is null or cast(created_at as date) <= {{ kundenstamm.as_of_date() }}
        )
),

contacts as (
    select * from {{ ref('int_contact_identities') }}
    where contact_id in (
            select contact_id from {{ ref('stg_crm__contacts') }}
            where created_at is null or cast(created_at as date) <= {{ kundenstamm.as_of_date() }}
        )
),

account_records as (
    select
        'account' as record_type,
        account_id as record_id,
        account_id as source_account_id,
        customer_id as account_id,
        cast(null as {{ dbt.type_string() }}) as contact_id,
        is_survivor,
        matched_rule,
        matched_rules,
        matched_account_id as matched_record_id,
        customer_accounts,
        is_converged
    from customers
),

contact_records as (
    select
        'contact' as record_type,
        contacts.contact_id as record_id,
        contacts.account_id as source_account_id,
        contacts.customer_id as account_id,
        contacts.resolved_contact_id as contact_id,
        contacts.is_survivor,
        contacts.matched_rule,
        contacts.matched_rule as matched_rules,
        case when contacts.matched_rule is not null then contacts.resolved_contact_id end as matched_record_id,
        customers.customer_accounts,
        coalesce(customers.is_converged, true) as is_converged
    from contacts
    left join customers
        on contacts.account_id = customers.account_id
),

unioned as (
    select * from account_records
    union all
    select * from contact_records
),

final as (
    select
        record_type,
        record_id,
        source_account_id,
        account_id,
        contact_id,
        is_survivor,
        matched_rule,
        matched_rules,
        matched_record_id,
        customer_accounts,
        is_converged
    from unioned
)

select * from final
