# perl signals across fork: a TERM sent to a child at once, while the child
# still blocks it (inherited mask), must kill it once it unblocks with the
# default action; handlers, alarm, SIGCHLD and kill 0.
# host: perl
# needs: fork signals
cat >t.pl <<'PL'
use strict; use warnings;
use POSIX qw(:signal_h :sys_wait_h);
$| = 1;
$SIG{TERM} = sub { print "parent handler\n" };
my $set = POSIX::SigSet->new(SIGTERM);
for my $round (1 .. 5) {
    sigprocmask(SIG_BLOCK, $set) or die;
    my $pid = fork() // die;
    if (!$pid) {
        select(undef, undef, undef, 0.2);
        $SIG{TERM} = 'DEFAULT';
        sigprocmask(SIG_UNBLOCK, $set);
        print "child alive\n"; exit 0;
    }
    sigprocmask(SIG_UNBLOCK, $set);
    kill 'TERM', $pid;
    waitpid($pid, 0);
    print "round $round: signal ", $? & 127, " exit ", $? >> 8, "\n";
}
my $got = 0;
$SIG{ALRM} = sub { $got++ };
alarm 1; select(undef, undef, undef, 1.5); print "alarm $got\n";
my $chld = 0;
$SIG{CHLD} = sub { while ((my $k = waitpid(-1, WNOHANG)) > 0) { $chld++ } };
for (1 .. 3) { my $p = fork(); exit 0 unless $p; }
my $t = time; select(undef, undef, undef, 0.1) while $chld < 3 && time - $t < 10;
print "reaped $chld\n";
print "kill0 ", kill(0, $$), "\n";
kill 'TERM', $$; print "after self TERM\n";
PL
g perl t.pl
echo status $?
