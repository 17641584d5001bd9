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
        accounts.account_id,
        accounts.account_name,
        accounts.account_type,
        accounts.industry,
        accounts.company_size,
        accounts.country_code,
        accounts.region,
        accounts.postal_code,
        accounts.city,
        accounts.culture_tags,
        accounts.innovation_openness,
        accounts.acquisition_channel,
        accounts.account_owner,
        accounts.created_at,
        accounts.updated_at,
        identities.customer_accounts
    from accounts
    inner join identities
        on accounts.account_id = identities.account_id
)

select * from final
