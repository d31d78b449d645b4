# A fixed number of keep-alive GETs, for counting a server's instructions or allocations per
# request (callgrind, `perf stat`, a malloc probe) rather than timing it: CONNECTIONS connections,
# each sending its next request as soon as its last response is in, until TOTAL responses came.
# Waits until the port accepts connections first; what it costs the server to start is left out
# only when the counter is switched on after a warm-up run, as callgrind.sh does. Loopback only.
# Usage: python3 fixed_requests.py PORT TOTAL [CONNECTIONS] [PATH]
import selectors
import socket
import sys
import time

port, total = int(sys.argv[1]), int(sys.argv[2])
connections = int(sys.argv[3]) if len(sys.argv) > 3 else 10
path = sys.argv[4] if len(sys.argv) > 4 else "/"
request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()

deadline = time.monotonic() + 60
while True:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit(f"nothing listens on 127.0.0.1:{port}")
        time.sleep(0.02)


def response_length(data):
    """The length of the response at the start of data once its head is in, or None."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return None
    for line in data[:end].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return end + 4 + int(value)
    return end + 4


selector = selectors.DefaultSelector()
sent = done = 0
for _ in range(min(connections, total)):
    conn = socket.create_connection(("127.0.0.1", port))
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    conn.sendall(request)
    sent += 1
    selector.register(conn, selectors.EVENT_READ, bytearray())
while done < total:
    for key, _ in selector.select(timeout=30):
        data = key.data
        chunk = key.fileobj.recv(65536)
        if not chunk:
            sys.exit("the server closed a connection")
        data += chunk
        while (length := response_length(data)) is not None and len(data) >= length:
            del data[:length]
            done += 1
            if sent < total:
                key.fileobj.sendall(request)
                sent += 1
print(f"{done} responses")
