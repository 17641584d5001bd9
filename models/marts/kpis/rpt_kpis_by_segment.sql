{#- The KPIs of rpt_kpis_monthly, with the same definitions (macro monthly_kpis), per calendar month
    and segment type: the customer's current RFM segment, lifecycle stage, industry, region,
    acquisition channel, persona and ABC class, and for all customers. A value an account does not
    have is 'none' where the account is not scored yet (no purchase: no RFM segment, persona or
    ABC class) and 'unknown' where the CRM does not say; the industry is
    dim_customers.industry_segment ('private' for a private customer). -#}
{%- set customer_segments -%}
    select
        customers.account_id,
        coalesce(customers.rfm_segment, 'none') as rfm_segment,
        coalesce(customers.lifecycle_stage, 'unknown') as lifecycle_stage,
        coalesce(customers.industry_segment, 'unknown') as industry,
        coalesce(customers.region, 'unknown') as region,
        coalesce(customers.acquisition_channel, 'unknown') as acquisition_channel,
        coalesce(personas.persona_name, 'none') as persona,
        coalesce(customers.abc_class, 'none') as abc_class
    from {{ ref('dim_customers') }} as customers
    left join {{ ref('fct_personas') }} as personas
        on customers.account_id = personas.account_id
{%- endset -%}

{{ kundenstamm.monthly_kpis(
    customer_segments,
    ['rfm_segment', 'lifecycle_stage', 'industry', 'region', 'acquisition_channel', 'persona', 'abc_class']
) }}
