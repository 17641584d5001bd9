{{ kundenstamm.quarantine_records('base_marketing__spend', 'marketing_spend', 'spend_key') }}
