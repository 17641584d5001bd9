-- Class shares add up to 100 (within rounding), NPS lies in -100..100 and equals the promoter
-- share minus the detractor share, its interval lies in -100..100 and holds the NPS, and
-- responses never exceed invitations.
select *
from {{ ref('rpt_nps') }}
where responses > invitations
    or promoters + passives + detractors <> responses
    or (responses > 0 and abs(promoters_pct + passives_pct + detractors_pct - 100) > 0.02)
    or nps not between -100 and 100
    or (responses > 0 and abs(nps - (promoters_pct - detractors_pct)) > 0.02)
    or nps_lower < -100
    or nps_upper > 100
    or (responses > 0 and (nps < nps_lower - 0.01 or nps > nps_upper + 0.01))
