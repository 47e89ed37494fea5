# python3 launching other guest programs with subprocess (fork/exec of a
# guest binary, pipes between them), and os.fork with os.waitpid.
# host: python3.11
# needs: fork exec
cat >t.py <<'PY'
import subprocess, os, sys
r = subprocess.run(["/usr/bin/seq", "3"], capture_output=True, text=True)
print(repr(r.stdout), r.returncode)
r = subprocess.run("echo hi | tr a-z A-Z; exit 5", shell=True, capture_output=True, text=True)
print(repr(r.stdout), r.returncode)
p1 = subprocess.Popen(["/usr/bin/seq", "1", "100"], stdout=subprocess.PIPE)
p2 = subprocess.Popen(["/usr/bin/sort", "-rn"], stdin=p1.stdout, stdout=subprocess.PIPE, text=True)
p1.stdout.close()
print(p2.communicate()[0].split()[:3])
pid = os.fork()
if pid == 0:
    os._exit(42)
print("child", os.WEXITSTATUS(os.waitpid(pid, 0)[1]))
print(subprocess.check_output([sys.executable, "-c", "print(6 * 7)"], text=True).strip())
PY
g python3.11 t.py
echo status $?
