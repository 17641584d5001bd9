-- Campaign lists never give an e-mail address for a contact without e-mail permission (as it
-- stood at the as-of date): every e-mail on a list must belong to a contact who may be e-mailed.
with contacts as (
    select * from {{ ref('int_contacts_ranked') }}
),

list_emails as (
    select
        'rpt_winback_candidates' as list_name,
        contact_id,
        contact_email as email
    from {{ ref('rpt_winback_candidates') }}
    union all
    select
        'rpt_more_sell_due',
        contact_id,
        contact_email
    from {{ ref('rpt_more_sell_due') }}
    union all
    select
        'rpt_cross_sell',
        contact_id,
        contact_email
    from {{ ref('rpt_cross_sell') }}
    union all
    select
        'rpt_up_sell',
        contact_id,
        contact_email
    from {{ ref('rpt_up_sell') }}
    union all
    select
        'rpt_c1_offers',
        contact_id,
        contact_email
    from {{ ref('rpt_c1_offers') }}
    union all
    select
        'rpt_pilot_pool',
        contact_id,
        contact_email
    from {{ ref('rpt_pilot_pool') }}
    union all
    select
        'rpt_detractor_recovery',
        contact_id,
        contact_email
    from {{ ref('rpt_detractor_recovery') }}
    union all
    select
        'rpt_visit_planning',
        contact_id,
        contact_email
    from {{ ref('rpt_visit_planning') }}
    union all
    select
        'rpt_quarterly_review',
        contact_id,
        contact_email
    from {{ ref('rpt_quarterly_review') }}
    union all
    select
        'dim_contacts',
        contact_id,
        email
    from {{ ref('dim_contacts') }}
)

select
    list_emails.list_name,
    list_emails.contact_id,
    list_emails.email
from list_emails
left join contacts
    on list_emails.contact_id = contacts.contact_id
where list_emails.email is not null
    and (contacts.contact_id is null or not contacts.may_email or list_emails.email <> contacts.contact_email)
