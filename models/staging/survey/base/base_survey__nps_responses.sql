-- depends_on: {{ ref('survey_nps_responses') }}  -- the demo seed, so `dbt build` loads it first

-- the staging recipe (text columns, checks, lookups, quarantine verdict): macro base_model
{% call kundenstamm.base_model(
    raw=source('survey', 'nps_responses'),
    columns=['response_id', 'invitation_id', 'responded_at', 'score', 'comment'],
    lookups=[kundenstamm.lookup('invitations', ref('stg_survey__nps_invitations'), 'invitation_id', 'unknown_invitation')],
    checks=[
        ("source.score is null", "missing_value"),
        (kundenstamm.is_unparseable('source.score', dbt.type_int()), "unparseable_number"),
        (kundenstamm.parse_text('source.score', dbt.type_int()) ~ " not between 0 and 10", "score_out_of_range"),
        ("source.responded_at is null", "missing_date"),
        kundenstamm.timestamp_checks('source.responded_at'),
        (kundenstamm.is_future('source.responded_at'), "future_date"),
    ],
    key='response_id',
) %}
        response_id,
        invitation_id,
        {{ kundenstamm.parse_text('responded_at', dbt.type_timestamp()) }} as responded_at,
        {{ kundenstamm.parse_text('score', dbt.type_int()) }} as nps_score,
        comment as nps_comment,
{% endcall %}
