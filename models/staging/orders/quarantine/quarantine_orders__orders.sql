{{ kundenstamm.quarantine_records('base_orders__orders', 'orders_orders', 'order_id') }}
