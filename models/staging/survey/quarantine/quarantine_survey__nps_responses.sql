{{ kundenstamm.quarantine_records('base_survey__nps_responses', 'survey_nps_responses', 'response_id') }}
