# python3 signals: signal.alarm interrupting a sleep, a handler for
# SIGUSR1 sent to itself, and SIGALRM with setitimer.
# host: python3.11
# needs: signals
cat >t.py <<'PY'
import signal, os, time
got = []
signal.signal(signal.SIGALRM, lambda s, f: got.append("alarm"))
signal.alarm(1)
t0 = time.monotonic()
time.sleep(3)          # PEP 475: resumes after the handler ran
print(got, round(time.monotonic() - t0) >= 3)
class Timeout(Exception): pass
def boom(s, f): raise Timeout()
signal.signal(signal.SIGALRM, boom)
signal.alarm(1)
try:
    while True: pass
except Timeout:
    print("busy loop interrupted")
signal.signal(signal.SIGUSR1, lambda s, f: got.append("usr1"))
os.kill(os.getpid(), signal.SIGUSR1)
print(got)
signal.setitimer(signal.ITIMER_REAL, 0.2)
signal.signal(signal.SIGALRM, lambda s, f: got.append("itimer"))
signal.pause()
print(got[-1])
PY
g python3.11 t.py
echo status $?
