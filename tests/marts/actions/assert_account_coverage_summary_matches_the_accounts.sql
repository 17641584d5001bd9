-- rpt_account_coverage_summary counts rpt_account_coverage: the 'all' row has every company
-- account and the single-threaded ones, and the coverage statuses add up to the 'all' row.
with summary as (
    select * from {{ ref('rpt_account_coverage_summary') }}
),

accounts as (
    select
        count(*) as accounts,
        sum(case when is_single_threaded then 1 else 0 end) as single_threaded_accounts,
        sum(contacts) as contacts
    from {{ ref('rpt_account_coverage') }}
),

statuses as (
    select
        sum(accounts) as accounts,
        sum(single_threaded_accounts) as single_threaded_accounts,
        sum(contacts) as contacts
    from summary
    where summary_type = 'coverage_status'
),

everyone as (
    select * from summary
    where summary_type = 'all'
)

select 'the all row or the statuses differ from rpt_account_coverage' as problem
from accounts
cross join statuses
left join everyone
    on true
where accounts.accounts > 0
    and (
        everyone.accounts is null
        or everyone.accounts <> accounts.accounts
        or everyone.single_threaded_accounts <> accounts.single_threaded_accounts
        or everyone.contacts <> accounts.contacts
        or statuses.accounts <> accounts.accounts
        or statuses.single_threaded_accounts <> accounts.single_threaded_accounts
        or statuses.contacts <> accounts.contacts
    )
