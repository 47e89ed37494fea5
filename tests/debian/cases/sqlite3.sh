# sqlite3 on a file database: create, insert 1000 rows in a transaction,
# aggregate, join, index, update, and the file reopened.
# host: sqlite3
{
  echo "CREATE TABLE t(id INTEGER PRIMARY KEY, grp INTEGER, name TEXT, val REAL);"
  echo "BEGIN;"
  seq 1 1000 | awk '{ printf "INSERT INTO t(grp, name, val) VALUES(%d, %c%s%c, %d.%02d);\n", $1 % 10, 39, "n" ($1 * 31 % 997), 39, $1 * 3, $1 % 100 }'
  echo "COMMIT;"
  echo "CREATE TABLE g(grp INTEGER PRIMARY KEY, label TEXT);"
  echo "INSERT INTO g SELECT DISTINCT grp, 'group' || grp FROM t;"
  echo "CREATE INDEX t_name ON t(name);"
} >load.sql
g sqlite3 db.sqlite <load.sql
g sqlite3 db.sqlite 'SELECT count(*), sum(val), min(name), max(id) FROM t;'
g sqlite3 db.sqlite 'SELECT g.label, count(*), printf("%.2f", avg(t.val)) FROM t JOIN g USING(grp) GROUP BY grp ORDER BY grp;'
g sqlite3 db.sqlite "UPDATE t SET val = val * 2 WHERE grp = 3; SELECT total(val) FROM t WHERE grp = 3;"
g sqlite3 db.sqlite "SELECT name FROM t WHERE name LIKE 'n99%' ORDER BY name LIMIT 5;"
g sqlite3 db.sqlite "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100) SELECT sum(x * x) FROM c;"
g sqlite3 db.sqlite 'PRAGMA integrity_check;'
