{{ kundenstamm.quarantine_records('base_survey__nps_invitations', 'survey_nps_invitations', 'invitation_id') }}
