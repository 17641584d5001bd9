{#- The orders (stg_orders__orders) under the resolved customer and contact keys. -#}
{{ config(materialized='view') }}  -- read by int_orders_filtered only: a table would copy every order

{{ kundenstamm.with_customer_key('stg_orders__orders', ['order_id', 'account_id', 'contact_id', 'ordered_at', 'channel', 'touchpoint', 'order_status', 'currency_code', 'discount_code', 'invoice_due_date', 'invoice_paid_date', 'updated_at']) }}
