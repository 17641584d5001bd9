{{ config(meta={'reads_other_staging': ['stg_crm__accounts']}) }}  -- quarantines an invitation of an unknown account (DECISIONLOG)
-- depends_on: {{ ref('survey_nps_invitations') }}  -- the demo seed, so `dbt build` loads it first

-- the staging recipe (text columns, checks, lookups, quarantine verdict): macro base_model
{% call kundenstamm.base_model(
    raw=source('survey', 'nps_invitations'),
    columns=['invitation_id', 'account_id', 'contact_id', 'invited_at', 'survey_wave'],
    lookups=[kundenstamm.lookup('accounts', ref('stg_crm__accounts'), 'account_id', 'unknown_account')],
    checks=[
        ("source.invited_at is null", "missing_date"),
        kundenstamm.timestamp_checks('source.invited_at'),
        (kundenstamm.is_future('source.invited_at'), "future_date"),
    ],
    key='invitation_id',
) %}
        invitation_id,
        account_id,
        contact_id,
        {{ kundenstamm.parse_text('invited_at', dbt.type_timestamp()) }} as invited_at,
        survey_wave,
{% endcall %}
