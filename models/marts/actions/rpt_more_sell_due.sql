{#- More-sell: products with a replenishment or maintenance cycle whose next purchase is due
    (last purchase of the product + its cycle) within the next `more_sell_horizon_days`, or is
    overdue by at most `more_sell_max_overdue_days`. Lapsed customers belong to win-back. -#}
with lines as (
    select * from {{ ref('int_order_lines_priced') }}
    where is_purchase
        and replenishment_cycle_days is not null
),

products as (
    select * from {{ ref('stg_orders__products') }}
),

customers as (
    select * from {{ ref('dim_customers') }}
    where {{ kundenstamm.is_open_to_offers() }}
),

contacts as (
    {{ kundenstamm.addressed_contacts('email') }}
),

last_bought as (
    select
        account_id,
        product_id,
        max(order_date) as last_bought_date,
        count(*) as times_bought,
        sum(quantity) as units_bought
    from lines
    group by account_id, product_id
),

due as (
    select
        last_bought.*,
        products.product_name,
        products.category,
        products.replenishment_cycle_days,
        {{ dbt.dateadd('day', 'products.replenishment_cycle_days', 'last_bought.last_bought_date') }} as due_date
    from last_bought
    inner join products
        on last_bought.product_id = products.product_id
),

due_with_status as (
    select
        *,
        -- the reason code the sentence of a row is chosen by
        case when due_date < {{ kundenstamm.as_of_date() }} then 'overdue' else 'due' end as due_status
    from due
),

final as (
    select
        customers.account_id,
        due.product_id,
        customers.account_name,
        customers.account_owner,
        {{ kundenstamm.contact_columns() }},
        due.product_name,
        due.category,
        due.last_bought_date,
        due.replenishment_cycle_days,
        cast(due.due_date as date) as due_date,
        cast({{ dbt.datediff(kundenstamm.as_of_date(), 'due.due_date', 'day') }} as {{ dbt.type_int() }}) as days_until_due,
        cast(due.times_bought as bigint) as times_bought,
        due.due_status,
        concat(
            due.product_name, ' was last bought on ', cast(due.last_bought_date as {{ dbt.type_string() }}),
            ' and usually lasts ', cast(due.replenishment_cycle_days as {{ dbt.type_string() }}), ' days: ',
            case
                when due.due_status = 'overdue' then 'the next one is overdue since '
                else 'the next one is due on '
            end,
            cast(cast(due.due_date as date) as {{ dbt.type_string() }}), '.'
        ) as reason
    from due_with_status as due
    inner join customers
        on due.account_id = customers.account_id
    left join contacts
        on due.account_id = contacts.account_id
    where due.due_date <= {{ dbt.dateadd('day', var('more_sell_horizon_days'), kundenstamm.as_of_date()) }}
        and due.due_date >= {{ dbt.dateadd('day', '-' ~ var('more_sell_max_overdue_days'), kundenstamm.as_of_date()) }}
)

select * from final
