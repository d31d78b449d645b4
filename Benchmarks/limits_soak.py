# Memory at the limits: 50 clients at once each POST a body of exactly --max-body-size bytes to
# /echo, then 50 clients each send half of such a body and vanish (a reset), for ROUNDS rounds;
# prints the server's RSS before, after and at peak (VmHWM). Loopback only.
# Usage: python3 limits_soak.py SQUALL_BINARY [LIMIT_BYTES] [ROUNDS]
import socket
import subprocess
import sys
import threading
import time

binary = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
server = subprocess.Popen(
    [binary, "serve", "--example", "echo", "--port", "0", "--quiet", "--max-body-size", str(limit)],
    stdout=subprocess.PIPE, text=True)
port = int(server.stdout.readline().split("http://127.0.0.1:")[1].split("/")[0])


def rss(field):
    with open(f"/proc/{server.pid}/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith(field))


def upload(full, statuses):
    body = b"x" * limit
    head = b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
    head += b"Content-Length: %d\r\nConnection: close\r\n\r\n" % limit
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        if full:
            s.sendall(head + body)
            answer = b""
            while chunk := s.recv(1 << 20):
                answer += chunk
            statuses.append(answer[9:12])
        else:
            s.sendall(head + body[: limit // 2])
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")


try:
    time.sleep(0.2)
    start = rss("VmRSS")
    statuses = []
    began = time.perf_counter()
    for _ in range(rounds):
        for full in (True, False):
            threads = [threading.Thread(target=upload, args=(full, statuses)) for _ in range(50)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    elapsed = time.perf_counter() - began
    time.sleep(0.5)
    ok = sum(1 for status in statuses if status == b"200")
    print(f"limit {limit:,} bytes, {rounds} rounds of 50 full and 50 aborted uploads in {elapsed:.1f} s: "
          f"{ok}/{len(statuses)} full uploads answered 200")
    print(f"RSS {start} MB before, {rss('VmRSS')} MB after, peak {rss('VmHWM')} MB")
finally:
    server.terminate()
    server.wait()
