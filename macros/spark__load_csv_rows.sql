{#- dbt-spark's seed loader, made exact. The adapter's own macro hands the values to the session
    cursor as bindings, which pastes them into the INSERT as they are: a null becomes the text
    'None', a number goes through a float (an id "7" becomes "7.0", a cent can flip), and a quote
    breaks the SQL. Here, with Spark on this machine (host `localhost`, as the `session` method
    has it), Spark reads the seed file itself; on a remote cluster every value is written as a Spark string literal of its exact
    text (escaped) or as `null`. Either way it is cast to the seed column's type, so a seed loads
    on Spark as it does on DuckDB (empty cells are null on both). -#}
{% macro spark__load_csv_rows(model, agate_table) %}

  {% set batch_size = get_batch_size() %}
  {% set column_override = model['config'].get('column_types', {}) %}
  {% set column_types = [] %}
  {% for col_name in agate_table.column_names %}
      {% set inferred_type = adapter.convert_type(agate_table, loop.index0) %}
      {% do column_types.append(column_override.get(col_name, inferred_type)) %}
  {% endfor %}

  {% if target.host in ('localhost', '127.0.0.1') %}
      {#- Spark runs on this machine (the session method, or a local server) and reads the seed
          file itself, like DuckDB's loader (one job instead of a statement of literals): text as
          is, an empty cell null. -#}
      {% set view = this.identifier ~ '__seed_file' %}
      {% set path = model['root_path'] ~ '/' ~ model['original_file_path'] %}
      {% set delimiter = config.get('delimiter', ',') %}
      {% do adapter.add_query(
          'create or replace temporary view ' ~ view ~ ' using csv options (path '
          ~ kundenstamm.spark_string_literal(path) ~ ", header 'true', inferSchema 'false', sep "
          ~ kundenstamm.spark_string_literal(delimiter) ~ ", quote '\"', escape '\"', multiLine 'true', "
          ~ "mode 'FAILFAST', encoding 'UTF-8')", abridge_sql_log=True) %}
      {% set sql %}
          insert into {{ this.render() }}
          select
          {%- for col_name in agate_table.column_names %}
              cast(nullif(`{{ col_name }}`, '') as {{ column_types[loop.index0] }}){{ ',' if not loop.last }}
          {%- endfor %}
          from {{ view }}
      {% endset %}
      {% do adapter.add_query(sql, abridge_sql_log=True) %}
      {% do adapter.add_query('drop view if exists ' ~ view, abridge_sql_log=True) %}
      {{ return(sql) }}
  {% endif %}

  {% set statements = [] %}

  {% for chunk in agate_table.rows | batch(batch_size) %}
      {% set sql %}
          insert into {{ this.render() }} values
          {% for row in chunk -%}
              ({%- for value in row -%}
                  {%- if value is none -%}
                    cast(null as {{ column_types[loop.index0] }})
                  {%- else -%}
                    cast({{ kundenstamm.spark_string_literal(value) }} as {{ column_types[loop.index0] }})
                  {%- endif -%}
                  {%- if not loop.last %},{% endif -%}
              {%- endfor -%})
              {%- if not loop.last %},{% endif %}
          {% endfor %}
      {% endset %}

      {% do adapter.add_query(sql, abridge_sql_log=True) %}

      {% if loop.index0 == 0 %}
          {% do statements.append(sql) %}
      {% endif %}
  {% endfor %}

  {{ return(statements[0]) }}
{% endmacro %}
