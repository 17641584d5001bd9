{#- Close the loop: customers whose latest NPS answer is a detractor and who have complaints
    still open at the as-of date. -#}
with customers as (
    select * from {{ ref('dim_customers') }}
    where latest_nps_class = 'detractor'
),

open_complaints as (
    select
        account_id,
        count(*) as open_complaints,
        min(cast(opened_at as date)) as oldest_open_complaint_date
    from {{ ref('int_tickets_resolved') }}
    where ticket_type = 'complaint'
        and cast(opened_at as date) <= {{ kundenstamm.as_of_date() }}
        and (closed_at is null or cast(closed_at as date) > {{ kundenstamm.as_of_date() }})
    group by account_id
),

contacts as (
    {{ kundenstamm.addressed_contacts('call') }}
),

final as (
    select
        customers.account_id,
        customers.account_name,
        customers.account_owner,
        {{ kundenstamm.contact_columns(['contact_name', 'contact_phone']) }},
        customers.latest_nps_score,
        customers.latest_nps_date,
        cast(open_complaints.open_complaints as bigint) as open_complaints,
        open_complaints.oldest_open_complaint_date,
        customers.lifetime_margin_eur,
        customers.abc_class,
        concat(
            'Answered ', cast(customers.latest_nps_score as {{ dbt.type_string() }}), ' of 10 on ',
            cast(customers.latest_nps_date as {{ dbt.type_string() }}), ' and has ',
            cast(open_complaints.open_complaints as {{ dbt.type_string() }}), ' open complaint(s) since ',
            cast(open_complaints.oldest_open_complaint_date as {{ dbt.type_string() }}), ': call and resolve.'
        ) as reason
    from customers
    inner join open_complaints
        on customers.account_id = open_complaints.account_id
    left join contacts
        on customers.account_id = contacts.account_id
)

select * from final
