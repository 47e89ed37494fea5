# coreutils date: fixed instants in UTC, and arithmetic.
g date -u -d @0
g date -u -d @1234567890 '+%Y-%m-%d %H:%M:%S %j %A %s'
g date -u -d '2024-02-28 12:00 + 1 day' '+%F %a'
g date -u -d @86399 +%T
