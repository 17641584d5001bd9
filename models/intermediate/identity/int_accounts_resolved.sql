{#- One row per customer after identity resolution: the CRM attributes of the surviving account
    (int_customer_identities), under its id, with how many account ids it stands for. Every
    model that needs one row per customer reads this instead of stg_crm__accounts. -#}
with accounts as (
    select * from {{ ref('stg_crm__accounts') }}
),

identities as (
    select * from {{ ref('int_customer_identities') }}
    where is_survivor
),

final as (
    select
        accounts.*,
        identities.customer_accounts
    from accounts
    inner join identities
        on accounts.account_id = identities.account_id
)

select * from final
