#!/usr/bin/env bash
# Restores one folder written by the clickhouse-backup template into a database (created when
# missing): the tables and views in the order of tables.tsv, then each table's rows.
#   clickhouse-restore.sh FOLDER DATABASE [clickhouse-client options...]
set -euo pipefail

folder="$1" database="$2"
shift 2
ch() { clickhouse-client "$@"; }

ch "$@" --query "CREATE DATABASE IF NOT EXISTS \`$database\`" </dev/null
while IFS=$'\t' read -r -u 3 table view data; do
  ch "$@" --database "$database" --multiquery < "$folder/$table.sql"
done 3< "$folder/tables.tsv"

while IFS=$'\t' read -r -u 3 table view data; do
  if [ "$data" = 1 ]; then
    ch "$@" --database "$database" --query "INSERT INTO \`$table\` FORMAT Native" \
      < "$folder/$table.native"
  fi
done 3< "$folder/tables.tsv"
echo "restored $folder into $database"
