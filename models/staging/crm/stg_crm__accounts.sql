with validated as (
    select * from {{ ref('base_crm__accounts') }}
),

final as (
    select
        account_id,
        account_name,
        account_type,
        industry,
        company_size,
        country_code,
        region,
        postal_code,
        city,
        culture_tags,
        innovation_openness,
        acquisition_channel,
        account_owner,
        created_at,
        updated_at
    from validated
    where quarantine_reason is null
)

select * from final
