# Idle WebSockets on loopback: what each costs the server in memory, and how fast one echo
# comes back while they are all open. Opens N WebSocket connections to ws://127.0.0.1:PORT/ws
# (the handshake written here, on raw sockets, in batches), leaves them idle, reads the server's
# VmRSS before (after a warm-up of a few connections, closed again) and after (once they are
# open and settled), then times 200 echoes of a small masked text frame over one more
# connection (after 20 untimed ones), and closes everything with a close frame each.
# Prints one JSON line:
#   {"connections": N, "opened": n, "rss_before_kb": …, "rss_after_kb": …,
#    "kb_per_connection": …, "echo_us": {"min": …, "p50": …, "p99": …}, …}
# Usage: python3 ws_idle.py --port P --pid PID [--connections 10000] [--batch 100]
#        python3 ws_idle.py --port P --probe   (exit 0 once a handshake to /ws succeeds)
# Connects nowhere but 127.0.0.1. Needs about N file descriptors (the soft limit is raised to
# the hard one; it says so and stops when N does not fit).
import argparse
import asyncio
import base64
import hashlib
import json
import math
import os
import resource
import socket
import statistics
import sys
import time

HOST = "127.0.0.1"
GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
WARM_UP = 20       # connections opened, echoed on and closed before the first RSS reading
ECHOES = 200       # timed round trips
UNTIMED = 20       # round trips before them
SETTLE = 2.0       # seconds between the last connection open and the second RSS reading
PAYLOAD = b"echo, 16 bytes!!"


def request(port):
    key = base64.b64encode(os.urandom(16))
    head = (b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (port, key))
    return head, base64.b64encode(hashlib.sha1(key + GUID).digest())


def check_switch(answer, accept):
    lines = answer.split(b"\r\n")
    if not lines[0].startswith(b"HTTP/1.1 101"):
        raise ConnectionError("no 101: %r" % lines[0])
    fields = {name.strip().lower(): value.strip() for name, _, value in (l.partition(b":") for l in lines[1:] if l)}
    if fields.get(b"sec-websocket-accept") != accept:
        raise ConnectionError("wrong Sec-WebSocket-Accept: %r" % fields.get(b"sec-websocket-accept"))


def frame(opcode, payload):
    """A client frame: FIN, masked (RFC 6455 §5.3), payload under 126 bytes."""
    mask = os.urandom(4)
    return bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


async def open_ws(port):
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        head, accept = request(port)
        writer.write(head)
        check_switch(await reader.readuntil(b"\r\n\r\n"), accept)
    except BaseException:
        writer.close()
        raise
    return reader, writer


async def close_ws(reader, writer):
    """Sends a close (1000) and waits for the server's close, or the end of the stream."""
    try:
        writer.write(frame(0x8, b"\x03\xe8"))
        await writer.drain()
        await reader.read(64)
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def open_many(port, count, batch, timeout):
    opened, failures = [], {}
    for start in range(0, count, batch):
        size = min(batch, count - start)
        results = await asyncio.gather(
            *(asyncio.wait_for(open_ws(port), timeout) for _ in range(size)), return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException):
                name = "%s: %s" % (type(result).__name__, result)
                failures[name] = failures.get(name, 0) + 1
            else:
                opened.append(result)
    return opened, failures


async def close_many(connections, timeout):
    try:
        await asyncio.wait_for(asyncio.gather(*(close_ws(r, w) for r, w in connections), return_exceptions=True), timeout)
    except asyncio.TimeoutError:
        for _, writer in connections:
            writer.transport.abort()


def recv_exactly(sock, count):
    data = bytearray()
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("the server closed the echo connection")
        data += chunk
    return bytes(data)


def echo_latencies(port):
    """Round trips of one small text frame over a fresh blocking socket, in µs (timed ones only)."""
    with socket.create_connection((HOST, port), timeout=10) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        head, accept = request(port)
        sock.sendall(head)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                raise ConnectionError("closed during the handshake")
            answer += chunk
        answer, _, extra = answer.partition(b"\r\n\r\n")
        if extra:
            raise ConnectionError("unexpected bytes after the 101")
        check_switch(answer, accept)
        out = frame(0x1, PAYLOAD)
        expected = bytes([0x81, len(PAYLOAD)]) + PAYLOAD
        times = []
        for i in range(UNTIMED + ECHOES):
            start = time.perf_counter_ns()
            sock.sendall(out)
            got = recv_exactly(sock, len(expected))
            elapsed = time.perf_counter_ns() - start
            if got != expected:
                raise ConnectionError("echo %d came back as %r" % (i, got))
            if i >= UNTIMED:
                times.append(elapsed / 1000)
        sock.sendall(frame(0x8, b"\x03\xe8"))
        try:
            sock.recv(64)
        except OSError:
            pass
    times.sort()
    return {"min": round(times[0], 1), "p50": round(statistics.median(times), 1),
            "p99": round(times[math.ceil(0.99 * len(times)) - 1], 1)}


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS for pid %d" % pid)


def raise_fd_limit(connections):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = connections + WARM_UP + 64  # the idle ones, the warm-up's, the echo's, Python's own
    if hard != resource.RLIM_INFINITY and needed > hard:
        sys.exit("ws_idle.py: %d connections need about %d file descriptors; the hard limit (ulimit -Hn) is %d. "
                 "Ask for at most %d connections, or raise the hard limit." % (connections, needed, hard, hard - WARM_UP - 64))
    if soft != resource.RLIM_INFINITY and soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else needed, hard))


async def probe(port):
    try:
        reader, writer = await asyncio.wait_for(open_ws(port), 1)
    except (OSError, asyncio.TimeoutError, ConnectionError, asyncio.IncompleteReadError):
        return False
    await asyncio.wait_for(close_ws(reader, writer), 2)
    return True


async def main(args):
    if args.probe:
        return 0 if await probe(args.port) else 1
    raise_fd_limit(args.connections)
    warm, failures = await open_many(args.port, WARM_UP, WARM_UP, args.timeout)
    if failures:
        sys.exit("ws_idle.py: the warm-up could not connect: %s" % failures)
    await close_many(warm, 10)
    echo_alone = echo_latencies(args.port)  # nothing else open; warms the echo path too
    await asyncio.sleep(1)
    before = rss_kb(args.pid)
    started = time.perf_counter()
    idle, failures = await open_many(args.port, args.connections, args.batch, args.timeout)
    open_seconds = time.perf_counter() - started
    for failure, count in failures.items():
        print("ws_idle.py: %d connections failed: %s" % (count, failure), file=sys.stderr)
    await asyncio.sleep(SETTLE)
    after = rss_kb(args.pid)
    echo = echo_latencies(args.port)
    await close_many(idle, 30)
    result = {
        "connections": args.connections, "opened": len(idle), "rss_before_kb": before, "rss_after_kb": after,
        "kb_per_connection": round((after - before) / len(idle), 2) if idle else None, "echo_us": echo,
        "echo_us_without_idle": echo_alone, "open_seconds": round(open_seconds, 2),
    }
    print(json.dumps(result), flush=True)
    return 0 if len(idle) == args.connections else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="N idle WebSockets on loopback: RSS per connection, echo latency")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, help="the server's process id, for /proc/PID/status")
    parser.add_argument("--connections", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100,
                        help="handshakes in flight at once (more overflow the servers' accept queues here: "
                        "SYNs dropped, retried a second later)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds one handshake may take")
    parser.add_argument("--probe", action="store_true", help="exit 0 once a handshake to /ws succeeds")
    arguments = parser.parse_args()
    if not arguments.probe and arguments.pid is None:
        parser.error("--pid is needed (the server's process id)")
    sys.exit(asyncio.run(main(arguments)))
