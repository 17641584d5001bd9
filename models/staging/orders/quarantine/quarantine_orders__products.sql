{{ kundenstamm.quarantine_records('base_orders__products', 'orders_products', 'product_id') }}
