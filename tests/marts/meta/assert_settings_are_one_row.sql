-- The settings are one row: readers take its values without choosing among several.
select count(*) as settings_rows
from {{ ref('dim_settings') }}
having count(*) <> 1
