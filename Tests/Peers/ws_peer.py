# A strict WebSocket peer for the differential tests: it sends the same traffic to a server and
# prints what it saw, one JSON line per case, so two servers that behave alike on the wire print
# the same lines (no timings, ports, dates, keys or Server values). The server is the echo twin:
# /ws echoes (text as text, binary as binary), /chat sends each message to every open /chat socket.
# Normal traffic goes through the `websockets` library (a strict client); malformed traffic through
# a raw socket client written here (own handshake, frame encoder with masking, frame reader).
# Usage: python3 ws_peer.py ws://127.0.0.1:PORT [CASE ...]   (no CASE: all of them, in order)
#
# Outcome of an abnormal exchange, the first thing the server did (shared by all cases):
#   {"close": CODE, "reason": TEXT, "eof": BOOL}  a close frame (CODE null if it had no payload);
#                                  eof: the TCP connection then ended (FIN or RST) within 2 s
#   "eof"                          the connection ended (FIN) without a close frame
#   "reset"                        ECONNRESET without a close frame
#   "open"                         nothing within 2 s
#   {"text": T} / {"binary": HEX} / {"pong": HEX} / {"ping": HEX}   a frame, or a whole message
#   {"bad-frame": WHAT}            a frame no server may send (masked, RSV set, bad opcode, ...)
# A reason that is not UTF-8 is shown as "invalid-utf8:HEX". A case that cannot finish prints
# {"case": NAME, "error": EXCEPTION}; after RUN_LIMIT seconds the rest print "run-timeout" (exit 1).
# One peer per server at a time: the chat case shares the server's /chat room.
import asyncio
import base64
import contextlib
import hashlib
import json
import os
import socket
import struct
import sys
import threading
import time
import urllib.parse

import websockets.asyncio.client
import websockets.exceptions
import websockets.sync.client

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TIMEOUT = 10       # the most any socket operation or await may take
QUIET = 2          # how long "nothing happened" takes
LIMIT = 10 * 1024 * 1024   # Tornado's default websocket_max_message_size
RUN_LIMIT = 50     # the whole run; cases not done by then print {"error": "run-timeout"}

BASE = ""          # ws://127.0.0.1:PORT, from the command line
HOST, PORT = "127.0.0.1", 0


class Eof(Exception):
    pass


class Reset(Exception):
    pass


def accept_of(key):
    return base64.b64encode(hashlib.sha1(key.encode() + GUID).digest()).decode()


def text_of(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "invalid-utf8:" + data.hex()


def frame(opcode, payload=b"", fin=True, rsv=0, mask=True):
    """One frame as a client sends it (masked unless mask=False)."""
    head = bytes([(0x80 if fin else 0) | rsv << 4 | opcode])
    bit = 0x80 if mask else 0
    if len(payload) < 126:
        head += bytes([bit | len(payload)])
    elif len(payload) <= 0xFFFF:
        head += struct.pack("!BH", bit | 126, len(payload))
    else:
        head += struct.pack("!BQ", bit | 127, len(payload))
    if not mask:
        return head + payload
    key = os.urandom(4)
    return head + key + masked(key, payload)


def masked(key, payload):
    if not payload:
        return b""
    whole = (key * (len(payload) // 4 + 1))[:len(payload)]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(whole, "big")).to_bytes(len(payload), "big")


def close_payload(code, reason=b""):
    return struct.pack("!H", code) + reason


class Raw:
    """A client on a plain socket: sends what it is told, reads frames, notices EOF and resets."""

    def __init__(self):
        self.sock = socket.create_connection((HOST, PORT), timeout=TIMEOUT)
        self.buffer = b""

    # --- HTTP

    def request(self, method="GET", path="/ws", headers=None):
        """Sends a request; returns (status, [(name, value)], body). Leaves the rest in the buffer."""
        lines = ["%s %s HTTP/1.1" % (method, path)] + ["%s: %s" % pair for pair in headers or []]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        while b"\r\n\r\n" not in self.buffer:
            self.fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        pairs = [tuple(part.strip() for part in line.split(":", 1)) for line in header_lines]
        status = int(status_line.split(" ")[1])
        length = next((int(value) for name, value in pairs if name.lower() == "content-length"), 0)
        while len(self.buffer) < length:
            self.fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, pairs, body

    def handshake(self, path="/ws", extra=None):
        key = base64.b64encode(os.urandom(16)).decode()
        headers = [("Host", "%s:%d" % (HOST, PORT)), ("Upgrade", "websocket"), ("Connection", "Upgrade"),
                   ("Sec-WebSocket-Key", key), ("Sec-WebSocket-Version", "13")] + (extra or [])
        status, pairs, body = self.request("GET", path, headers)
        if status != 101:
            raise RuntimeError("handshake: %d %r" % (status, body))
        return key, status, pairs

    # --- bytes

    def fill(self, timeout=TIMEOUT):
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(1 << 20)
        except ConnectionResetError:
            raise Reset()
        if not data:
            raise Eof()
        self.buffer += data

    def take(self, count, timeout):
        deadline = time.monotonic() + timeout
        while len(self.buffer) < count:
            self.fill(max(deadline - time.monotonic(), 0.001))
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def send(self, data):
        self.sock.sendall(data)

    # --- frames

    def read_frame(self, timeout=QUIET):
        """{"fin", "rsv", "opcode", "masked", "payload"}; raises Eof, Reset or socket.timeout."""
        first, second = self.take(2, timeout)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack("!H", self.take(2, TIMEOUT))[0]
        elif length == 127:
            length = struct.unpack("!Q", self.take(8, TIMEOUT))[0]
        key = self.take(4, TIMEOUT) if second & 0x80 else None
        payload = self.take(length, TIMEOUT)
        if key:
            payload = masked(key, payload)
        return {"fin": bool(first & 0x80), "rsv": first >> 4 & 7, "opcode": first & 0xF,
                "masked": key is not None, "payload": payload}

    def wrong(self, f):
        if f["masked"]:
            return "masked"
        if f["rsv"]:
            return "rsv %d" % f["rsv"]
        if f["opcode"] in (3, 4, 5, 6, 7) or f["opcode"] > 0xA:
            return "opcode %d" % f["opcode"]
        if f["opcode"] >= 8 and (not f["fin"] or len(f["payload"]) > 125):
            return "bad control frame"
        return None

    def eof_within(self, timeout=QUIET):
        """True if the connection ends (FIN or RST) within timeout; frames before it are skipped."""
        deadline = time.monotonic() + timeout
        try:
            while True:
                self.buffer = b""
                self.fill(max(deadline - time.monotonic(), 0.001))
        except (Eof, Reset):
            return True
        except socket.timeout:
            return False

    def outcome(self, timeout=QUIET, frames=None):
        """The first thing the server does (see the vocabulary at the top); a fragmented message is
        read whole. frames, a list, gets the data frames' opcodes and fin bits."""
        message, kind = None, None
        try:
            while True:
                f = self.read_frame(timeout)
                problem = self.wrong(f)
                if problem:
                    return {"bad-frame": problem}
                opcode, payload = f["opcode"], f["payload"]
                if opcode == 8:
                    code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                    if len(payload) == 1:
                        return {"bad-frame": "close payload of 1 byte"}
                    return {"close": code, "reason": text_of(payload[2:]), "eof": self.eof_within()}
                if opcode in (9, 10):
                    return {"ping" if opcode == 9 else "pong": payload.hex()}
                if frames is not None:
                    frames.append({"fin": f["fin"], "opcode": opcode})
                if opcode == 0:
                    if message is None:
                        return {"bad-frame": "continuation without a message"}
                    message += payload
                else:
                    if message is not None:
                        return {"bad-frame": "new message inside a fragmented one"}
                    message, kind = payload, opcode
                if f["fin"]:
                    return {"text": text_of(message)} if kind == 1 else {"binary": message.hex()}
        except Eof:
            return "eof"
        except Reset:
            return "reset"
        except socket.timeout:
            return "open" if message is None else {"bad-frame": "message left unfinished"}

    def finish(self):
        """A polite close, if the connection is still up, then the socket is closed."""
        try:
            self.send(frame(8, close_payload(1000)))
            self.outcome()
        except OSError:
            pass
        self.sock.close()


def raw_ws(path="/ws"):
    raw = Raw()
    raw.handshake(path)
    return raw


def after(send):
    """A fresh /ws connection; send(raw) sends the bad thing; the outcome."""
    raw = raw_ws()
    try:
        send(raw)
        return raw.outcome()
    finally:
        raw.finish()


def sync_ws(path="/ws"):
    return websockets.sync.client.connect(
        BASE + path, compression=None, max_size=None, open_timeout=TIMEOUT, close_timeout=TIMEOUT)


def received(message):
    return {"text": message} if isinstance(message, str) else {"binary": message.hex()}


# --- the cases


def case_handshake():
    raw = Raw()
    key, status, pairs = raw.handshake()
    names = [name.lower() for name, _ in pairs]
    values = {name.lower(): value for name, value in pairs}
    leftover = len(raw.buffer)
    unsolicited = raw.outcome(0.3)   # nothing may come before the client speaks
    raw.finish()
    return {
        "status": status,
        "accept_ok": values.get("sec-websocket-accept") == accept_of(key),
        "upgrade": values.get("upgrade", "").lower(),
        "connection": values.get("connection", "").lower(),
        "headers": sorted(name for name in names if name not in ("date", "server")),
        "repeated_headers": sorted({name for name in names if names.count(name) > 1}),
        "has_date": "date" in names,
        "has_server": "server" in names,
        "leftover_bytes": leftover,
        "after": unsolicited,
    }


def case_handshake_errors():
    host = ("Host", "%s:%d" % (HOST, PORT))

    def ws_headers(key=True, upgrade="websocket", connection="Upgrade", version="13", origin=None):
        headers = [host]
        if upgrade is not None:
            headers.append(("Upgrade", upgrade))
        if connection is not None:
            headers.append(("Connection", connection))
        if key:
            headers.append(("Sec-WebSocket-Key", base64.b64encode(os.urandom(16)).decode()))
        if version is not None:
            headers.append(("Sec-WebSocket-Version", version))
        if origin is not None:
            headers.append(("Origin", origin))
        return headers

    requests = [
        ("plain-get", "GET", [host]),
        ("upgrade-h2c", "GET", ws_headers(upgrade="h2c", connection="Upgrade")),
        ("connection-keep-alive", "GET", ws_headers(connection="keep-alive")),
        ("cross-origin", "GET", ws_headers(origin="http://evil.example")),
        ("version-12", "GET", ws_headers(version="12")),
        ("no-key", "GET", ws_headers(key=False)),
        ("post", "POST", ws_headers() + [("Content-Length", "0")]),
    ]
    results = {}
    for name, method, headers in requests:
        raw = Raw()
        try:
            status, pairs, body = raw.request(method, "/ws", headers)
            values = {key.lower(): value for key, value in pairs}
            results[name] = {
                "status": status,
                "body": text_of(body),
                "content-type": values.get("content-type"),
                "headers": sorted(key.lower() for key, _ in pairs if key.lower() not in ("date", "server")),
                "sec-websocket-version": values.get("sec-websocket-version"),
            }
        except (Eof, Reset, socket.timeout) as error:
            results[name] = {"error": type(error).__name__}
        finally:
            raw.sock.close()
    return {"results": results}


def case_text():
    with sync_ws() as ws:
        echoes = []
        for message in ("hello", "héllo ☃ 🐍", ""):
            ws.send(message)
            echoes.append(received(ws.recv(timeout=TIMEOUT)))
    return {"echoes": echoes}


def case_binary():
    with sync_ws() as ws:
        ws.send(bytes(range(256)))
        echo = received(ws.recv(timeout=TIMEOUT))
        ws.send(b"")
        empty = received(ws.recv(timeout=TIMEOUT))
    return {"echo": echo, "empty": empty}


def case_large():
    message = "".join(chr(ord("a") + index % 26) for index in range(1 << 20))
    with sync_ws() as ws:
        ws.send(message)
        echo = ws.recv(timeout=TIMEOUT)
    return {"type": type(echo).__name__, "length": len(echo),
            "sha256": hashlib.sha256(echo.encode() if isinstance(echo, str) else echo).hexdigest(),
            "same": echo == message}


def case_fragmented():
    raw = raw_ws()
    raw.send(frame(1, b"hel", fin=False) + frame(0, "lo ☃".encode(), fin=False) + frame(0, b"!", fin=True))
    frames = []
    text = raw.outcome(frames=frames)
    # a ping between the fragments is answered, and the message still arrives whole
    raw.send(frame(2, b"\x01", fin=False) + frame(9, b"mid") + frame(0, b"\x02", fin=True))
    between = [raw.outcome(), raw.outcome()]
    raw.finish()
    return {"echo": text, "frames": frames, "ping-between": between}


def case_ping():
    raw = raw_ws()
    raw.send(frame(9, b"abc"))
    pong = raw.outcome()
    raw.send(frame(9, b""))
    empty = raw.outcome()
    raw.send(frame(10, b"unsolicited"))
    raw.send(frame(1, b"after pong"))
    after_pong = raw.outcome()
    raw.finish()
    return {"pong": pong, "empty-ping": empty, "after-unsolicited-pong": after_pong}


def case_close_normal():
    raw = raw_ws()
    raw.send(frame(8, close_payload(1000, b"bye")))
    server = raw.outcome()
    raw.sock.close()
    with sync_ws() as ws:   # the same through the strict client
        ws.close(1000, "bye")
        library = {"code": ws.protocol.close_rcvd.code if ws.protocol.close_rcvd else None,
                   "reason": ws.protocol.close_rcvd.reason if ws.protocol.close_rcvd else None,
                   "state": ws.protocol.state.name}
    return {"raw": server, "library": library}


def case_close_codes():
    payloads = [
        ("1001", close_payload(1001)),
        ("3000", close_payload(3000, b"app")),
        ("4999", close_payload(4999)),
        ("999", close_payload(999)),
        ("1005", close_payload(1005)),
        ("1004", close_payload(1004)),
        ("empty", b""),
        ("one-byte", b"\x03"),
        ("bad-utf8-reason", close_payload(1000, b"\xff\xfe")),
    ]
    results = {}
    for name, payload in payloads:
        raw = raw_ws()
        raw.send(frame(8, payload))
        results[name] = raw.outcome()
        raw.sock.close()
    return {"results": results}


def send_while_reading(raw, data):
    """Sends data from a thread (the server may stop reading) while this thread reads the outcome.
    Megabytes take a while to cross on a loaded machine: the server's answer is waited for as
    long as any operation may take (TIMEOUT), not QUIET's two seconds, which once read "open"
    while the 10 MB were still on their way."""
    def write():
        try:
            raw.sock.sendall(data)
        except OSError:
            pass
    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    result = raw.outcome(timeout=TIMEOUT)
    writer.join(TIMEOUT)
    return result


def case_too_big():
    one = raw_ws()
    whole = send_while_reading(one, frame(1, b"a" * (LIMIT + 1)))
    one.sock.close()
    two = raw_ws()
    split = send_while_reading(two, frame(1, b"a" * (LIMIT // 2), fin=False) + frame(0, b"a" * (LIMIT // 2 + 1)))
    two.sock.close()
    with sync_ws() as ws:   # exactly the limit still echoes
        ws.send(b"a" * LIMIT)
        at_limit = len(ws.recv(timeout=TIMEOUT))
    return {"one-frame": whole, "two-fragments": split, "at-limit-echo-length": at_limit}


def case_invalid_utf8():
    return {
        "text": after(lambda raw: raw.send(frame(1, b"\xff\xfe"))),
        "split-code-point": after(lambda raw: raw.send(frame(1, b"\xe2\x98", fin=False) + frame(0, b"\x83"))),
    }


def case_unmasked():
    return {"outcome": after(lambda raw: raw.send(frame(1, b"unmasked", mask=False)))}


def case_reserved_opcode():
    return {
        "opcode-3": after(lambda raw: raw.send(frame(3, b"x"))),
        "opcode-11": after(lambda raw: raw.send(frame(11, b"x"))),
        "rsv1-text": after(lambda raw: raw.send(frame(1, b"x", rsv=4))),
    }


def case_bad_fragments():
    return {
        "continuation-first": after(lambda raw: raw.send(frame(0, b"x"))),
        "text-inside-fragmented": after(lambda raw: raw.send(frame(1, b"a", fin=False) + frame(1, b"b"))),
        "fragmented-ping": after(lambda raw: raw.send(frame(9, b"p", fin=False))),
    }


def case_control_too_long():
    return {"ping-126": after(lambda raw: raw.send(frame(9, b"p" * 126)))}


async def many(count):
    async def one(index):
        try:
            async with websockets.asyncio.client.connect(
                    BASE + "/ws", compression=None, open_timeout=TIMEOUT, close_timeout=TIMEOUT) as ws:
                await ws.send(str(index))
                return await asyncio.wait_for(ws.recv(), TIMEOUT) == str(index)
        except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException):
            return False
    return await asyncio.gather(*(one(index) for index in range(count)))


def case_many():
    results = asyncio.run(many(300))
    return {"connections": len(results), "echoed": sum(results)}


def drain(ws):
    """Every message ws receives until QUIET/4 passes with none."""
    messages = []
    while True:
        try:
            messages.append(received(ws.recv(timeout=QUIET / 4)))
        except TimeoutError:
            return messages


def case_chat():
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(sync_ws("/chat")) for _ in range(3)]
        for ws in sockets:   # a round trip each: the server has them all open
            ws.ping().wait(TIMEOUT)
        sockets[0].send("hi all")
        text = [drain(ws) for ws in sockets]
        sockets[1].send(b"\x00\x01")
        binary = [drain(ws) for ws in sockets]
        sockets[2].close()
        sockets[0].send("two left")
        two_left = [drain(ws) for ws in sockets[:2]]
    return {"text": text, "binary": binary, "after-one-left": two_left}


def case_deflate():
    """permessage-deflate on /ws-deflate (the handler offers it) and refused on /ws (it does not):
    the extension each answers, and echoes both ways compressed."""
    results = {}
    for path in ("/ws-deflate", "/ws"):
        with websockets.sync.client.connect(
                BASE + path, compression="deflate", max_size=None, open_timeout=TIMEOUT,
                close_timeout=TIMEOUT) as ws:
            extensions = ws.response.headers.get("Sec-WebSocket-Extensions")
            echoes = []
            for message in ("hello", "héllo ☃ " * 2000, bytes(range(256)) * 64):
                ws.send(message)
                echo = ws.recv(timeout=TIMEOUT)
                echoes.append(echo == message)
        results[path] = {"extensions": extensions, "echoes": echoes}
    return results


CASES = {
    "handshake": case_handshake,
    "handshake-errors": case_handshake_errors,
    "text": case_text,
    "binary": case_binary,
    "large": case_large,
    "fragmented": case_fragmented,
    "ping": case_ping,
    "close-normal": case_close_normal,
    "close-codes": case_close_codes,
    "too-big": case_too_big,
    "invalid-utf8": case_invalid_utf8,
    "unmasked": case_unmasked,
    "reserved-opcode": case_reserved_opcode,
    "bad-fragments": case_bad_fragments,
    "control-too-long": case_control_too_long,
    "many": case_many,
    "chat": case_chat,
    "deflate": case_deflate,
}


def main():
    global BASE, HOST, PORT
    if len(sys.argv) < 2:
        sys.exit("usage: ws_peer.py ws://127.0.0.1:PORT [CASE ...]; cases: " + " ".join(CASES))
    BASE = sys.argv[1].rstrip("/")
    url = urllib.parse.urlsplit(BASE)
    if url.scheme != "ws" or url.hostname != "127.0.0.1" or not url.port:
        sys.exit("ws_peer.py: the URL must be ws://127.0.0.1:PORT")
    HOST, PORT = url.hostname, url.port
    names = sys.argv[2:] or list(CASES)
    unknown = [name for name in names if name not in CASES]
    if unknown:
        sys.exit("ws_peer.py: no case %s; cases: %s" % (", ".join(unknown), " ".join(CASES)))
    printing = threading.Lock()
    left = list(names)

    def give_up():   # a server that stalls every case still ends the run in RUN_LIMIT seconds
        with printing:
            for name in left:
                print(json.dumps({"case": name, "error": "run-timeout"}, sort_keys=True), flush=True)
            os._exit(1)
    watchdog = threading.Timer(RUN_LIMIT, give_up)
    watchdog.daemon = True
    watchdog.start()
    for name in names:
        try:
            observed = CASES[name]()
        except Exception as error:   # a case that cannot finish still prints its one line
            observed = {"error": type(error).__name__}
        with printing:
            print(json.dumps(dict(observed, case=name), sort_keys=True), flush=True)
            left.remove(name)
    watchdog.cancel()


if __name__ == "__main__":
    main()
