{{ kundenstamm.quarantine_records('base_crm__tickets', 'crm_tickets', 'ticket_id') }}
