-- RFM scores lie in 1..rfm_bins, the total is their sum, and the code spells them out.
select *
from {{ ref('fct_rfm_scores') }}
where r_score not between 1 and {{ kundenstamm.rfm_bins() }}
    or f_score not between 1 and {{ kundenstamm.rfm_bins() }}
    or m_score not between 1 and {{ kundenstamm.rfm_bins() }}
    or rfm_total <> r_score + f_score + m_score
    or rfm_code <> concat(cast(r_score as {{ dbt.type_string() }}), cast(f_score as {{ dbt.type_string() }}), cast(m_score as {{ dbt.type_string() }}))
