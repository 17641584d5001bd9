{{ kundenstamm.quarantine_records('base_crm__cancellations', 'crm_cancellations', 'cancellation_id') }}
