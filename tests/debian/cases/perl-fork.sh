# perl fork, pipe, waitpid and exit statuses.
# needs: fork
cat >t.pl <<'PL'
use strict; use warnings;
pipe(my $r, my $w) or die;
my $pid = fork() // die "fork: $!";
if ($pid == 0) { close $r; print $w "from child $_\n" for 1 .. 3; close $w; exit 7; }
close $w;
my @lines = <$r>;
waitpid($pid, 0);
print @lines, "status ", $? >> 8, "\n";
my @kids = map { my $p = fork(); if (!$p) { exit $_ } $p } 1 .. 5;
my $s = 0; for (@kids) { waitpid($_, 0); $s += $? >> 8 } print "sum $s\n";
PL
g perl t.pl
echo status $?
