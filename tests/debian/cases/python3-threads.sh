# python3 threading: workers, a lock, a queue, a condition; deterministic
# results.
# host: python3.11
# needs: threads
cat >t.py <<'PY'
import threading, queue
total = 0
lock = threading.Lock()
def work(n):
    global total
    for i in range(n):
        with lock:
            total += i
ts = [threading.Thread(target=work, args=(20000,)) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("total", total)
q = queue.Queue()
def producer():
    for i in range(100): q.put(i)
    q.put(None)
res = []
def consumer():
    while (x := q.get()) is not None: res.append(x * x)
a, b = threading.Thread(target=producer), threading.Thread(target=consumer)
a.start(); b.start(); a.join(); b.join()
print("squares", sum(res), len(res))
ev = threading.Event()
out = []
def waiter(): ev.wait(); out.append("woken")
w = threading.Thread(target=waiter); w.start(); ev.set(); w.join()
print(out, threading.active_count())
PY
g python3.11 t.py
echo status $?
