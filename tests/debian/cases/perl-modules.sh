# perl core modules that perl-base ships: POSIX, List::Util, Scalar::Util,
# Getopt::Long, File::Temp, File::Path, Cwd, Time::Local, IO::Handle.
# host: perl
cat >t.pl <<'PL'
use strict; use warnings;
use POSIX qw(floor ceil fmod strftime INT_MAX);
use List::Util qw(sum max min first reduce shuffle);
use Scalar::Util qw(looks_like_number reftype);
use Getopt::Long qw(GetOptionsFromArray);
use File::Temp qw(tempdir); use File::Path qw(make_path remove_tree);
use File::Basename; use Cwd qw(getcwd); use Time::Local qw(timegm);
print floor(-2.5), " ", ceil(2.1), " ", fmod(10, 3), " ", INT_MAX, "\n";
print strftime("%Y-%m-%d %H:%M:%S", gmtime(86400 * 365)), "\n";
print sum(1 .. 100), " ", max(3, 9, 2), " ", min(3, 9, 2), " ", first { $_ > 3 } (1, 5, 2, 7); print "\n";
print reduce { $a * $b } 1 .. 10; print "\n";
print looks_like_number("1e5") ? "num" : "nan", " ", reftype([]), "\n";
my @args = ("--name=x", "-v", "-v", "rest");
my ($name, $v) = ("", 0);
GetOptionsFromArray(\@args, "name=s" => \$name, "v+" => \$v); print "$name $v @args\n";
my $d = tempdir(CLEANUP => 1); make_path("$d/a/b/c"); print -d "$d/a/b/c" ? "made\n" : "not\n";
remove_tree("$d/a"); print -e "$d/a" ? "still\n" : "removed\n";
print basename("/x/y/z.txt"), " ", dirname("/x/y/z.txt"), " ", timegm(0, 0, 0, 1, 0, 2000), "\n";
open(my $fh, ">", "f.txt") or die; print $fh "$_\n" for 1 .. 5; close $fh;
open($fh, "<", "f.txt") or die; my @l = <$fh>; close $fh; print scalar(@l), " ", -s "f.txt", "\n";
my %h; $h{$_ % 3} .= $_ for 1 .. 10; print join(";", map { "$_=$h{$_}" } sort keys %h), "\n";
print join(",", sort { $a <=> $b } grep { !($_ % 7) } map { $_ * 3 } 1 .. 30), "\n";
PL
g perl t.pl
echo status $?
