# UTF-8 locale and time zones from the host's data files (locale archive,
# zoneinfo are architecture-independent): wide characters, case mapping,
# collation, local times in named zones.
# host: python3.11 perl
export LC_ALL=C.UTF-8
printf 'h\303\251llo w\303\266rld \342\202\254\n' >u.txt
g wc -m -c u.txt
g tr a-z A-Z <u.txt
g cut -c2-4 u.txt
printf '\303\251t\303\251\nzoo\nabc\n\303\200 propos\n' | g sort
g python3.11 -c 'import sys; s = open("u.txt").read(); print(len(s), s.upper(), s.encode("utf-16-le")[:6])'
g perl -CSD -ne 'chomp; print length($_), " ", uc($_), "\n"' u.txt
for tz in UTC Europe/Paris America/New_York Asia/Kolkata Australia/Lord_Howe; do
  TZ=$tz g date -d @1700000000 '+%F %T %Z %z'
done
TZ=Europe/Berlin g date -d '2024-03-31 01:59:59 +0100 + 1 second' '+%F %T %Z'
TZ=America/Sao_Paulo g python3.11 -c 'import time; print(time.strftime("%Y-%m-%d %H:%M %Z", time.localtime(1e9)))'
