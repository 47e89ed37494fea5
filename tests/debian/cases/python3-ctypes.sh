# python3 ctypes: libffi calls into libc/libm with integer, double and
# struct arguments (hard-float calling convention), and C calling back into
# Python through libffi closures (qsort with a Python comparison).
# host: python3.11
cat >t.py <<'PY'
import ctypes, ctypes.util
libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
libm = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
libm.pow.restype = ctypes.c_double; libm.pow.argtypes = [ctypes.c_double, ctypes.c_double]
libm.ldexp.restype = ctypes.c_double; libm.ldexp.argtypes = [ctypes.c_double, ctypes.c_int]
libm.hypotf.restype = ctypes.c_float; libm.hypotf.argtypes = [ctypes.c_float, ctypes.c_float]
print(libm.pow(2.0, 0.5), libm.ldexp(0.75, 10), libm.hypotf(3.0, 4.0))
buf = ctypes.create_string_buffer(64)
# (ints and pointers only: variadic doubles go in core registers on armhf,
# which ctypes without variadic argtypes does not do, natively either)
libc.snprintf(buf, 64, b"%d|%s|%x", 42, b"str", 48879)
print(buf.value, libc.strlen(b"hello"), libc.abs(-7))
CMP = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int))
calls = 0
def cmp(a, b):
    global calls; calls += 1
    return (a[0] > b[0]) - (a[0] < b[0])
arr = (ctypes.c_int * 20)(*[(i * 7919) % 101 for i in range(20)])
libc.qsort(arr, len(arr), ctypes.sizeof(ctypes.c_int), CMP(cmp))
print(list(arr), calls > 0)
class TM(ctypes.Structure):
    _fields_ = [(n, ctypes.c_int) for n in ("sec", "min", "hour", "mday", "mon", "year", "wday", "yday", "isdst")] + [("gmtoff", ctypes.c_long), ("zone", ctypes.c_char_p)]
t = ctypes.c_long(1234567890); tm = TM()
libc.gmtime_r(ctypes.byref(t), ctypes.byref(tm))
print(tm.year + 1900, tm.mon + 1, tm.mday, tm.hour, tm.min, tm.sec, tm.yday)
DCB = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_double, ctypes.c_int, ctypes.c_double)
f = DCB(lambda x, n, y: x * n + y)
print(f(1.5, 4, 0.25), ctypes.sizeof(ctypes.c_void_p), ctypes.sizeof(ctypes.c_long))
PY
g python3.11 t.py | sed 's/ 8 8$/ 4 4/'
echo status $?
