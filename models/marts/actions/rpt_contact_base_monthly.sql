{#- Development of the contact base per calendar month up to the as-of month (the last month cut
    at the as-of date), for all contacts and per account type (company, private): new contacts,
    contacts at the month end, contacts who may be e-mailed then, new permissions and the
    permission coverage. A contact without a creation date counts from the first month on. The
    permission is the one of the as-of date (int_contacts_ranked.may_email), counted from the
    day it was given (from the contact's creation when the CRM has no permission date): a
    permission withdrawn before the as-of date is not in the data. Rules in DECISIONLOG.md. -#}
with contacts as (
    select
        contacts.contact_id,
        contacts.created_date,
        -- permitted from the opt-in day, not before the contact existed
        case
            when not contacts.may_email then null
            when contacts.created_date is not null
                and (contacts.email_permission_date is null or contacts.email_permission_date < contacts.created_date)
                then contacts.created_date
            else contacts.email_permission_date
        end as permitted_date,
        contacts.may_email,
        coalesce(accounts.account_type, 'unknown') as account_type
    from {{ ref('int_contacts_ranked') }} as contacts
    left join {{ ref('dim_customers') }} as accounts
        on contacts.account_id = accounts.account_id
),

months as (
    {{ kundenstamm.month_ends('(select min(created_date) from contacts)', kundenstamm.as_of_date()) }}
),

-- every contact once per segment it counts in
segmented as (
    {{- kundenstamm.segment_rows('contacts', ['account_type'], ['contact_id', 'created_date', 'permitted_date', 'may_email']) }}
),

segment_values as (
    select distinct
        segment_type,
        segment_value
    from segmented
),

first_month as (
    select min(month_start) as month_start
    from months
),

-- the month a contact was created and the month its permission was given (a contact without a
-- creation date, or a date before the first month, in the first month)
events as (
    select
        segmented.segment_type,
        segmented.segment_value,
        case
            when segmented.created_date is null then first_month.month_start
            else cast({{ dbt.date_trunc('month', 'segmented.created_date') }} as date)
        end as created_month,
        segmented.created_date is not null as is_dated,
        case
            when not segmented.may_email then null
            when segmented.permitted_date is null or segmented.permitted_date < first_month.month_start
                then first_month.month_start
            else cast({{ dbt.date_trunc('month', 'segmented.permitted_date') }} as date)
        end as permitted_month
    from segmented
    cross join first_month
),

created as (
    select
        segment_type,
        segment_value,
        created_month as month_start,
        count(*) as contacts_added,
        sum(case when is_dated then 1 else 0 end) as new_contacts
    from events
    group by 1, 2, 3
),

permitted as (
    select
        segment_type,
        segment_value,
        permitted_month as month_start,
        count(*) as new_permissions
    from events
    where permitted_month is not null
    group by 1, 2, 3
),

counted as (
    select
        months.month_start,
        segment_values.segment_type,
        segment_values.segment_value,
        coalesce(created.new_contacts, 0) as new_contacts,
        coalesce(permitted.new_permissions, 0) as new_permissions,
        sum(coalesce(created.contacts_added, 0)) over (
            partition by segment_values.segment_type, segment_values.segment_value
            order by months.month_start
            rows between unbounded preceding and current row
        ) as contacts,
        sum(coalesce(permitted.new_permissions, 0)) over (
            partition by segment_values.segment_type, segment_values.segment_value
            order by months.month_start
            rows between unbounded preceding and current row
        ) as emailable_contacts
    from months
    cross join segment_values
    {{- kundenstamm.month_segment_joins(['created', 'permitted']) }}
),

final as (
    select
        month_start,
        segment_type,
        segment_value,
        cast(new_contacts as bigint) as new_contacts,
        cast(contacts as bigint) as contacts,
        cast(emailable_contacts as bigint) as emailable_contacts,
        cast(new_permissions as bigint) as new_permissions,
        cast(emailable_contacts as double) / nullif(contacts, 0) as permission_coverage
    from counted
)

select * from final
