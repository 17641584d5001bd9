{#- Cross-sell: for each active customer, categories they have not bought that are bought
    together most with categories they have (rules from rpt_category_affinity), best first by
    confidence, at most `cross_sell_max_per_customer` per customer. priority_rank orders the whole
    list by the expected value of a suggestion: the rule's confidence times the customer's revenue
    in the RFM window (a rule alone ranks every customer it applies to alike). -#}
with bought as (
    select distinct
        account_id,
        category
    from {{ ref('int_order_lines_priced') }}
    where is_purchase
),

rules as (
    select * from {{ ref('rpt_category_affinity') }}
),

customers as (
    select * from {{ ref('dim_customers') }}
    where {{ kundenstamm.is_open_to_offers() }}
),

contacts as (
    {{ kundenstamm.addressed_contacts('email') }}
),

candidates as (
    select
        bought.account_id,
        rules.consequent_category as suggested_category,
        rules.antecedent_category as because_of_category,
        rules.confidence,
        rules.lift,
        rules.support,
        -- the strongest rule per suggested category
        row_number() over (
            partition by bought.account_id, rules.consequent_category
            order by rules.confidence desc, rules.lift desc, rules.antecedent_category
        ) as rule_rank
    from bought
    inner join rules
        on bought.category = rules.antecedent_category
    left join bought as already
        on bought.account_id = already.account_id
        and rules.consequent_category = already.category
    where already.category is null
),

ranked as (
    select
        *,
        row_number() over (
            partition by account_id
            order by confidence desc, lift desc, suggested_category
        ) as suggestion_rank
    from candidates
    where rule_rank = 1
),

final as (
    select
        customers.account_id,
        ranked.suggested_category,
        cast(ranked.suggestion_rank as bigint) as suggestion_rank,
        customers.account_name,
        customers.account_owner,
        {{ kundenstamm.contact_columns() }},
        ranked.because_of_category,
        ranked.confidence,
        ranked.lift,
        ranked.support,
        cast(ranked.confidence * coalesce(customers.monetary_eur, 0) as {{ kundenstamm.money_type() }}) as priority_value_eur,
        cast(row_number() over (
            order by
                ranked.confidence * coalesce(customers.monetary_eur, 0) desc,
                ranked.confidence desc,
                ranked.lift desc,
                customers.account_id,
                ranked.suggested_category
        ) as bigint) as priority_rank,
        concat(
            cast(cast(round(100 * ranked.confidence) as int) as {{ dbt.type_string() }}),
            ' % of orders with ', ranked.because_of_category, ' also contain ', ranked.suggested_category,
            ' (', cast(round(ranked.lift, 1) as {{ dbt.type_string() }}), ' times more often than average); this customer has not bought ',
            ranked.suggested_category, ' yet.'
        ) as reason
    from ranked
    inner join customers
        on ranked.account_id = customers.account_id
    left join contacts
        on ranked.account_id = contacts.account_id
    where ranked.suggestion_rank <= {{ var('cross_sell_max_per_customer') }}
)

select * from final
