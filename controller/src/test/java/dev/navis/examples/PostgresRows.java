package dev.navis.examples;

import java.util.List;

/** A small PostgreSQL schema with awkward values, and the queries that compare two copies. */
final class PostgresRows {

  static final String SCHEMA_AND_ROWS = """
      create table customer (
        id integer primary key,
        name text not null,
        balance numeric(12, 2),
        joined timestamptz,
        tags text[]
      );
      insert into customer values
        (1, 'Zoë Ångström', 12.50, '2026-01-02 03:04:05+00', '{gold,early}'),
        (2, E'tab\\there', 0, '2025-12-31 23:59:59+00', '{}'),
        (3, E'line\\nbreak; ''quoted''', null, null, null);
      create table purchase (
        id serial primary key,
        customer_id integer not null references customer (id),
        total numeric(10, 2) not null
      );
      create index purchase_by_customer on purchase (customer_id);
      insert into purchase (customer_id, total)
        select 1 + g % 3, g * 1.25 from generate_series(1, 200) as g;
      """;

  static final List<String> COMPARED = List.of(
      "select * from customer order by id",
      "select * from purchase order by id",
      "select last_value from purchase_id_seq",
      "select indexname, indexdef from pg_indexes where schemaname = 'public' order by 1",
      "select conname, pg_get_constraintdef(oid) from pg_constraint"
          + " where connamespace = 'public'::regnamespace order by 1");

  private PostgresRows() {}
}
