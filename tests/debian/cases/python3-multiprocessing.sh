# python3 multiprocessing with the fork start method: a Pool (pipes,
# semaphores in /dev/shm), a Queue and a Process exit code.
# needs: fork threads
# host: python3.11
cat >t.py <<'PY'
import multiprocessing as mp
def sq(x): return x * x
def child(q): q.put(sum(range(100))); raise SystemExit(3)
if __name__ == "__main__":
    mp.set_start_method("fork")
    with mp.Pool(2) as p:
        print(sum(p.map(sq, range(100))))
    q = mp.Queue()
    pr = mp.Process(target=child, args=(q,)); pr.start()
    print(q.get(timeout=10)); pr.join(); print("exit", pr.exitcode)
PY
g python3.11 t.py
echo status $?
