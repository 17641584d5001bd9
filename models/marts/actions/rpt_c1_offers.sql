{#- The C1 offer list (DOMAIN.md: promising C customers get special offers): every customer of
    ABC sub-class C1, with why it is promising (growth or purchases in the lookback window, the
    abc_c1_* vars of fct_abc_classes), its owner and the contact to address (e-mail only with
    permission, int_contacts_ranked). -#}
with classes as (
    select * from {{ ref('fct_abc_classes') }}
    where abc_subclass = 'C1'
),

customers as (
    select
        account_id,
        account_name,
        account_owner,
        last_purchase_date,
        lifecycle_stage
    from {{ ref('dim_customers') }}
),

contacts as (
    {{ kundenstamm.addressed_contacts('email') }}
),

final as (
    select
        classes.account_id,
        customers.account_name,
        customers.account_owner,
        {{ kundenstamm.contact_columns() }},
        customers.lifecycle_stage,
        customers.last_purchase_date,
        classes.basis_value_eur,
        classes.basis_growth,
        cast(classes.abc_window_purchases as bigint) as abc_window_purchases,
        -- the C1 rule itself lives in fct_abc_classes; its evidence is in the two columns above
        'c1_promising' as reason_code
    from classes
    left join customers
        on classes.account_id = customers.account_id
    left join contacts
        on classes.account_id = contacts.account_id
)

select * from final
