{#- Post-hook of every staging model; acts on the base models only. When a raw table arrived
    empty, or at least `quarantine_notice_share` of its rows were quarantined, the build says so
    right away, once per table, with the share, the top reason and what to do - instead of a
    later model failing on the missing data. The build goes on: models that need the table come
    out empty. (A warning: `--warn-error` turns it into a failure.) -#}
{% macro quarantine_notice() -%}
    {%- if not execute or not this.identifier.startswith('base_') -%}
        {{ return('') }}
    {%- endif -%}
    {%- set raw_table = 'raw.' ~ this.identifier[5:] | replace('__', '_') -%}
    {%- set counts = run_query('select count(*), count(quarantine_reason) from ' ~ this).rows[0] -%}
    {%- set loaded, quarantined = counts[0] | int, counts[1] | int -%}
    {%- if loaded == 0 and kundenstamm.raw_table_absent(this.identifier[5:] | replace('__', '_')) -%}
        {#- not delivered: the note of register_raw_files has said what stays empty -#}
    {%- elif loaded == 0 -%}
        {%- do exceptions.warn('Warning: ' ~ raw_table ~ ' is empty: no rows were loaded. Models that need it will be empty.') -%}
    {%- elif quarantined / loaded >= var('quarantine_notice_share') | float -%}
        {%- set top = run_query(
            'select quarantine_reason, count(*) from ' ~ this ~ ' where quarantine_reason is not null'
            ~ ' group by quarantine_reason order by count(*) desc, quarantine_reason limit 1'
        ).rows[0] -%}
        {%- set reasons = load_relation(ref('quarantine_reasons')) -%}
        {%- set advice = '' -%}
        {%- if reasons is not none -%}
            {%- set found = run_query(
                'select description, what_to_do from ' ~ reasons ~ " where reason_code = '" ~ top[0] ~ "'"
            ).rows -%}
            {%- if found -%}
                {%- set advice = ' (' ~ found[0][0] ~ '). What to do: ' ~ found[0][1] ~ '.' -%}
            {%- endif -%}
        {%- endif -%}
        {%- do exceptions.warn(
            'Warning: ' ~ raw_table ~ ': ' ~ quarantined ~ ' of ' ~ loaded ~ ' rows quarantined ('
            ~ '%.1f' | format(100.0 * quarantined / loaded) ~ ' %). Top reason: ' ~ top[0] ~ ', '
            ~ top[1] | int ~ ' rows' ~ advice ~ ' The rows are in ' ~ this.schema ~ '.quarantine_'
            ~ this.identifier[5:] ~ '; models that need them will be empty or smaller.'
        ) -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
