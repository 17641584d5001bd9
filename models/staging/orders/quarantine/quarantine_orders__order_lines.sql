{{ kundenstamm.quarantine_records('base_orders__order_lines', 'orders_order_lines', 'order_line_id') }}
