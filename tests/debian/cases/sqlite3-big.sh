# sqlite3 with 100000 rows: bulk insert via a recursive CTE, indexes,
# grouping, sorting, a join, window functions, and VACUUM.
# host: sqlite3
g sqlite3 big.db "
CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, s TEXT, f REAL);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000)
INSERT INTO t SELECT x, (x * 7919) % 1009, printf('s%06d', (x * 31) % 100000), x / 7.0 FROM c;
CREATE INDEX t_k ON t(k);
SELECT count(*), sum(k), printf('%.4f', sum(f)), min(s), max(s) FROM t;
SELECT k, count(*), printf('%.3f', avg(f)) FROM t GROUP BY k ORDER BY count(*) DESC, k LIMIT 5;
SELECT id, s FROM t WHERE k = 500 ORDER BY s DESC LIMIT 3;
SELECT count(*) FROM t a JOIN t b ON a.k = b.k WHERE a.id < 200 AND b.id < 2000;
SELECT id, sum(k) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM t WHERE id <= 5;
DELETE FROM t WHERE k % 2 = 0;
VACUUM;
SELECT count(*), total(k) FROM t;
PRAGMA integrity_check;"
echo status $?
