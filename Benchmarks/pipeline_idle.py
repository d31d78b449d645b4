# Two figures of the server under odd loads, on loopback: 10,000 requests pipelined on one
# connection (time until the last answer; all must come back in order), and how soon a fresh
# request is answered while 1,000 idle connections are open.
# Usage: python3 pipeline_idle.py SQUALL_BINARY
import socket
import subprocess
import sys
import time

server = subprocess.Popen([sys.argv[1], "serve", "--example", "echo", "--port", "0", "--quiet"],
                          stdout=subprocess.PIPE, text=True)
port = int(server.stdout.readline().split("http://127.0.0.1:")[1].split("/")[0])
try:
    count = 10_000
    data = b"".join(b"GET /greet/p%d HTTP/1.1\r\nHost: x\r\n%s\r\n"
                    % (i, b"Connection: close\r\n" if i == count - 1 else b"") for i in range(count))
    with socket.create_connection(("127.0.0.1", port)) as s:
        start = time.perf_counter()
        s.sendall(data)
        answer = bytearray()
        while chunk := s.recv(1 << 20):
            answer += chunk
        elapsed = time.perf_counter() - start
    bodies = [part.split(b"\r\n\r\n", 1)[1][: len(b"Hello, p%d" % i)] for i, part in
              enumerate(answer.split(b"HTTP/1.1 200")[1:])]
    in_order = all(body == b"Hello, p%d" % i for i, body in enumerate(bodies))
    print(f"{count:,} pipelined requests: {elapsed:.2f} s, {len(bodies):,} answers, in order: {in_order}")

    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(1000)]
    time.sleep(0.5)
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port)) as fresh:
        fresh.sendall(b"GET /greet/x HTTP/1.1\r\nHost: x\r\n\r\n")
        fresh.recv(4096)
    print(f"with {len(idle):,} idle connections open, a fresh request answered in "
          f"{(time.perf_counter() - start) * 1000:.1f} ms")
finally:
    server.terminate()
    server.wait()
