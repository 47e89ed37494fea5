# python3 asyncio: tasks, gather, sleep, queues, an in-process TCP stream
# server (epoll), and run_in_executor (threads).
# needs: threads
# host: python3.11
cat >t.py <<'PY'
import asyncio
async def worker(name, q, out):
    while True:
        x = await q.get()
        if x is None: break
        await asyncio.sleep(0.001)
        out.append(x * x)
async def handle(r, w):
    data = await r.readline(); w.write(data[::-1]); await w.drain(); w.close()
async def main():
    q, out = asyncio.Queue(), []
    ws = [asyncio.create_task(worker(i, q, out)) for i in range(3)]
    for i in range(30): await q.put(i)
    for _ in ws: await q.put(None)
    await asyncio.gather(*ws)
    print(sum(out), len(out))
    srv = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"stressed\n"); await w.drain()
    print(await r.read())
    w.close(); srv.close(); await srv.wait_closed()
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, sum, range(1000)))
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.1)
    except asyncio.TimeoutError:
        print("timeout")
asyncio.run(main())
PY
g python3.11 t.py
echo status $?
