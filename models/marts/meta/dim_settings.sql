{#- The settings of this build, one row with a typed column per setting (int_settings): what the
    data checks, the report and BI tools read instead of the vars of dbt_project.yml. -#}
select * from {{ ref('int_settings') }}
