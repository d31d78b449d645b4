# The faults app on Tornado: the Python twin of Squall's faults example
# (Tutorials/Examples/Faults.swift, the bytes in Sources/SquallValues/WireFault.swift). Each
# route takes its connection over from HTTP with RequestHandler.detach() after the request has
# been read, and writes what its name says: bytes a client must refuse, pauses, a close or a
# TCP reset. TwinDifferentialTests checks that both apps put the same bytes on the socket.
# Usage: python3 faults_app.py [PORT]  (0: a free port, printed as "ready PORT").
import asyncio
import os
import re
import socket
import struct
import sys

import tornado.httpserver
import tornado.ioloop
import tornado.iostream
import tornado.netutil
import tornado.web


def head(*lines):
    """A 200's head: the lines between Content-Type and Connection: close."""
    all_lines = ["HTTP/1.1 200 OK", "Content-Type: text/plain", *lines, "Connection: close"]
    return "".join(line + "\r\n" for line in all_lines).encode() + b"\r\n"


def number(text, kind, default, low, high):
    """A query argument as a number held to [low, high]: plain decimal only (up to six digits,
    and six after a point for seconds), else the default, as Squall's twin reads it."""
    pattern = r"[0-9]{1,6}(\.[0-9]{1,6})?" if kind is float else r"[0-9]{1,6}"
    if text is None or not re.fullmatch(pattern, text):
        return default
    return min(max(kind(text), low), high)


HUGE_HEADER_SIZE = 100 * 1024
LONGEST_TRICKLE_MS = 60_000


# snippet.fault-handler
class FaultHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("GET", "POST", "PUT")

    def initialize(self, fault):
        self.fault = fault

    def argument(self, name):
        try:
            return self.get_query_argument(name, None)
        except tornado.web.HTTPError:       # not UTF-8: the default, as for any other non-number
            return None

    async def get(self):
        self.seconds = number(self.argument("seconds"), float, 5.0, 0.0, 60.0)
        self.count = number(self.argument("bytes"), int, 20, 1, 1000)
        every = number(self.argument("every"), int, 100, 0, 2000)
        self.every = min(every, LONGEST_TRICKLE_MS // max(self.count - 1, 1))
        stream = self.detach()              # the connection, no longer HTTP: bytes as they are
        try:
            await getattr(self, "send_" + self.fault.replace("-", "_"))(stream)
        except tornado.iostream.StreamClosedError:
            pass                            # the client went away first
        finally:
            stream.close()

    post = put = get
# snippet.end

    async def send_short_body(self, stream):
        await stream.write(head("Content-Length: 100") + b"0123456789")

    async def send_bad_chunk(self, stream):
        await stream.write(head("Transfer-Encoding: chunked") + b"5\r\nhello\r\nzz\r\nworld\r\n0\r\n\r\n")

    async def send_cut_chunked(self, stream):
        await stream.write(head("Transfer-Encoding: chunked") + b"5\r\nhello\r\n")

    async def send_garbage_status(self, stream):
        await stream.write(b"HELLO, I AM NOT HTTP\r\n\r\n")

    async def send_no_response(self, stream):
        pass

    async def send_reset(self, stream):
        # SO_LINGER 0: close() sends a reset instead of a FIN
        stream.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    async def send_stall_after_head(self, stream):
        await stream.write(head("Content-Length: 5"))
        await asyncio.sleep(self.seconds)
        await stream.write(b"hello")

    async def send_trickle(self, stream):
        await stream.write(head("Content-Length: %d" % self.count))
        for index in range(self.count):
            if index > 0 and self.every > 0:
                await asyncio.sleep(self.every / 1000)
            await stream.write(bytes([ord("a") + index % 26]))

    async def send_two_lengths(self, stream):
        await stream.write(head("Content-Length: 5", "Content-Length: 10") + b"hello")

    async def send_no_colon(self, stream):
        await stream.write(head("This line has no colon", "Content-Length: 5") + b"hello")

    async def send_huge_header(self, stream):
        await stream.write(head("X-Huge: " + "a" * HUGE_HEADER_SIZE, "Content-Length: 5") + b"hello")

    async def send_early_hints(self, stream):
        hints = b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
        await stream.write(hints + head("Content-Length: 2") + b"ok")


FAULTS = [
    ("short-body", "", "Content-Length: 100, then 10 bytes, then close"),
    ("bad-chunk", "", "chunked, then a chunk size that is not hex"),
    ("cut-chunked", "", "chunked, one chunk, then close without the last 0 chunk"),
    ("garbage-status", "", "a first line that is not an HTTP status line, then close"),
    ("no-response", "", "close without writing a byte"),
    ("reset", "", "a TCP reset (SO_LINGER 0) instead of an answer"),
    ("stall-after-head", "?seconds=N",
     "a whole head (Content-Length: 5), then nothing for N s (default 5), then the body"),
    ("trickle", "?bytes=N&every=MS", "a valid answer, its body one byte every MS ms (default 20 bytes, 100 ms)"),
    ("two-lengths", "", "two different Content-Length headers"),
    ("no-colon", "", "a header line without a colon"),
    ("huge-header", "", "a 100 KiB header, past the clients' 64 KiB limit"),
    ("early-hints", "", "a 103 Early Hints, then the answer (valid HTTP)"),
]


class FaultsIndexHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("GET",)

    def get(self):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write("Each route sends what its name says, after reading the request:\n")
        for name, query, summary in FAULTS:
            self.write("GET /fault/%s%s  %s\n" % (name, query, summary))


def make_app():
    return tornado.web.Application(
        [(r"/", FaultsIndexHandler)]
        + [(r"/fault/" + name, FaultHandler, {"fault": name}) for name, _, _ in FAULTS])


if __name__ == "__main__":
    http_server = tornado.httpserver.HTTPServer(make_app())
    ports = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
    sockets = tornado.netutil.bind_sockets(int(ports[0]) if ports else 8888, address="127.0.0.1")
    http_server.add_sockets(sockets)
    loop = tornado.ioloop.IOLoop.current()
    print("ready", sockets[0].getsockname()[1], flush=True)
    if os.environ.get("SQUALL_WATCH_PARENT") == "1":   # started by squall: end when it ends
        loop.add_handler(sys.stdin.fileno(), lambda fd, _: os.read(fd, 1) or loop.stop(), loop.READ)
    loop.start()
