# perl: regexes, sort, sprintf, hashes, pack, local time in UTC, big loops.
cat >t.pl <<'PL'
use strict; use warnings;
my $text = "alice=30, bob=25, carol=35, dave=28";
my %age = $text =~ /(\w+)=(\d+)/g;
print join(" ", map { "$_:$age{$_}" } sort { $age{$a} <=> $age{$b} or $a cmp $b } keys %age), "\n";
(my $t = $text) =~ s/(\d+)/$1*2/ge; print "$t\n";
print sprintf("%05.1f|%-5s|%x|%o|%e|%s", 3.14159, "ab", 255, 8, 12345.678, 1e21), "\n";
my @n = map { ($_ * 7919) % 1009 } 1 .. 1000;
my @s = sort { $a <=> $b } @n; print "@s[0..4] ... $s[-1]\n";
my $sum = 0; $sum += $_ for 1 .. 100000; print "$sum\n";
print join(",", unpack("N n C a3", pack("N n C a3", 305419896, 4660, 255, "xyz"))), "\n";
my @t = gmtime(1234567890); printf "%04d-%02d-%02d\n", $t[5] + 1900, $t[4] + 1, $t[3];
print scalar(reverse "stressed"), " ", lc("ABC") . uc("def"), " ", length("hello" x 3), "\n";
my $str = "The year 1999 and 2024";
my @years = $str =~ /\b(\d{4})\b/g; print "@years\n";
print 2**53 + 1, " ", 7 / 2, " ", int(-7 / 2), " ", -7 % 3, " ", 0.1 + 0.2, "\n";
PL
g perl t.pl
echo status $?
