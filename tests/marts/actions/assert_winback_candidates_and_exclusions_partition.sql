-- Every evaluated win-back customer is either a candidate or in the exclusion audit, never both.
with evaluated as (
    select
        account_id,
        is_excluded
    from {{ ref('int_winback_customers_evaluated') }}
),

candidates as (
    select account_id from {{ ref('rpt_winback_candidates') }}
),

exclusions as (
    select account_id from {{ ref('rpt_winback_exclusions') }}
)

select evaluated.account_id
from evaluated
left join candidates on evaluated.account_id = candidates.account_id
left join exclusions on evaluated.account_id = exclusions.account_id
where (candidates.account_id is null) = (exclusions.account_id is null)
    or (evaluated.is_excluded and candidates.account_id is not null)
