-- ABC classes agree with the cut-offs: A within abc_a_cutoff, B within abc_b_cutoff, and every
-- A customer has a larger basis than every C customer.
with classes as (
    select * from {{ ref('fct_abc_classes') }}
)

select
    account_id,
    abc_class,
    cumulative_share
from classes
where (abc_class = 'A' and cumulative_share > {{ var('abc_a_cutoff') }})
    or (abc_class = 'B' and (cumulative_share > {{ var('abc_b_cutoff') }} or cumulative_share <= {{ var('abc_a_cutoff') }}))
    or (abc_class = 'C' and basis_value_eur > 0 and cumulative_share <= {{ var('abc_b_cutoff') }})
union all
select
    a.account_id,
    'A below a C customer',
    a.cumulative_share
from classes as a
inner join classes as c
    on a.abc_class = 'A' and c.abc_class = 'C' and a.basis_value_eur < c.basis_value_eur
