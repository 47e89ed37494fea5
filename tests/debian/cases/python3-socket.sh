# python3 sockets on loopback: a TCP echo server in a thread, a client,
# socketpair, select, a UDP datagram and getaddrinfo of numeric hosts.
# needs: threads
# host: python3.11
cat >t.py <<'PY'
import socket, threading, select, struct
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0)); srv.listen(1)
port = srv.getsockname()[1]
def serve():
    c, _ = srv.accept()
    with c:
        while (d := c.recv(4096)):
            c.sendall(d.upper())
t = threading.Thread(target=serve); t.start()
cl = socket.create_connection(("127.0.0.1", port))
got = b""
msg = b"hello mimic " * 1000
cl.sendall(msg); cl.shutdown(socket.SHUT_WR)
while (d := cl.recv(65536)): got += d
cl.close(); t.join(); srv.close()
print(len(got), got == msg.upper())
a, b = socket.socketpair()
a.send(b"ping"); r, _, _ = select.select([b], [], [], 5); print(len(r), b.recv(10))
a.close(); b.close()
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u1.bind(("127.0.0.1", 0))
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2.sendto(struct.pack("!I", 0xdeadbeef), u1.getsockname())
d, addr = u1.recvfrom(100); print(hex(struct.unpack("!I", d)[0]), addr[0])
print(socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM)[0][4])
print(socket.inet_aton("10.1.2.3"), socket.htons(1), socket.inet_ntop(socket.AF_INET6, bytes(15) + b"\x01"))
s6 = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); print(s6.family.name); s6.close()
PY
g python3.11 t.py
echo status $?
