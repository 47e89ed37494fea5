# perl doing real work: regex-heavy text processing, sorting, sprintf of
# floats, big string building, a simple hash function in integer math.
# host: perl
cat >t.pl <<'PL'
use strict; use warnings;
my $text = join(" ", map { "item$_=" . ($_ * 37 % 1000) . ";tag" . ($_ % 13) } 1 .. 30000);
my %tags; $tags{$1}++ while $text =~ /tag(\d+)/g;
print join(",", map { "$_:$tags{$_}" } sort { $a <=> $b } keys %tags), "\n";
(my $t2 = $text) =~ s/item(\d+)=(\d+)/$2-$1/g; print length($t2), " ", substr($t2, 0, 40), "\n";
my @nums = map { ($_ * 7919) % 100003 / 7 } 1 .. 100000;
my @sorted = sort { $a <=> $b } @nums;
printf "%.6f %.6f %.6f\n", $sorted[0], $sorted[50000], $sorted[-1];
my $acc = 0; $acc += sin($_) * sqrt($_) for 1 .. 200000; printf "%.8e\n", $acc;
my $h = 5381; $h = (($h * 33) ^ ord($_)) & 0xffffffff for split //, substr($text, 0, 100000); print "$h\n";
my @w = split /\s+/, $text; my %len; $len{length $_}++ for @w;
print join(" ", map { "$_=$len{$_}" } sort { $a <=> $b } keys %len), "\n";
printf "%s %s %.15g %d\n", 1e15 + 0.5, 1 / 3, 2 ** 0.5, 0xffffffff + 1;
PL
g perl t.pl
echo status $?
