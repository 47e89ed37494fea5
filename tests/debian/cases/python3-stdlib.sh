# python3 standard library modules with C parts: tarfile/gzip, zipfile,
# lzma, bz2, sqlite3, csv, datetime, random with a seed, heapq, bisect,
# unicodedata, base64, difflib, tempfile, shutil, pathlib, os.scandir.
# host: python3.11
cat >t.py <<'PY'
import tarfile, zipfile, lzma, bz2, gzip, sqlite3, csv, io, datetime, random, heapq, bisect
import unicodedata, base64, difflib, tempfile, shutil, pathlib, os, textwrap, statistics
data = "\n".join(f"{i},{i * i},{'x' * (i % 7)}" for i in range(2000)).encode()
for mod in (lzma, bz2, gzip):
    c = mod.compress(data)
    print(mod.__name__, mod.decompress(c) == data)
with tempfile.TemporaryDirectory() as d:
    p = pathlib.Path(d)
    (p / "a").mkdir()
    (p / "a" / "f.csv").write_bytes(data)
    with tarfile.open(p / "t.tar.gz", "w:gz") as t: t.add(p / "a", arcname="a")
    with tarfile.open(p / "t.tar.gz") as t: print(sorted(m.name for m in t.getmembers()))
    with zipfile.ZipFile(p / "z.zip", "w", zipfile.ZIP_DEFLATED) as z: z.write(p / "a" / "f.csv", "f.csv")
    with zipfile.ZipFile(p / "z.zip") as z: print(z.read("f.csv") == data, z.namelist())
    shutil.copytree(p / "a", p / "b")
    print(sorted(e.name for e in os.scandir(p)), (p / "b" / "f.csv").stat().st_size)
rows = list(csv.reader(io.StringIO(data.decode())))
print(len(rows), rows[-1], sum(int(r[1]) for r in rows))
db = sqlite3.connect(":memory:")
db.execute("create table t(a, b)")
db.executemany("insert into t values(?, ?)", [(int(r[0]), int(r[1])) for r in rows])
print(db.execute("select count(*), sum(b), avg(a) from t").fetchone())
print(datetime.datetime(2024, 2, 28, 23, 59) + datetime.timedelta(minutes=2), datetime.date(2000, 1, 1).isoweekday())
print(datetime.datetime.fromtimestamp(1234567890, datetime.timezone.utc).isoformat())
random.seed(12345)
print([random.randint(1, 100) for _ in range(5)], round(random.random(), 12), random.sample(range(50), 3))
h = [(i * 7919) % 1009 for i in range(100)]; heapq.heapify(h); print([heapq.heappop(h) for _ in range(5)])
print(bisect.bisect_left([1, 3, 5, 7], 5), unicodedata.name("\u00e9"), unicodedata.normalize("NFD", "\u00e9").encode())
print(base64.b85encode(b"mimic"), base64.b32decode(base64.b32encode(b"xyz")))
print(list(difflib.unified_diff(["a\n", "b\n"], ["a\n", "c\n"]))[2:])
print(textwrap.fill("the quick brown fox jumps over the lazy dog " * 3, 30))
print(statistics.mean([1, 2, 3, 4.5]), statistics.median([5, 1, 3]), statistics.pstdev([2, 4, 4, 4, 5, 5, 7, 9]))
PY
g python3.11 t.py
echo status $?
