# Time from exec to the first 200, for several servers alternated in one run: each round starts
# every command once, in turn (the order rotating from round to round), and tries GET / on its
# port as fast as it can (a fresh connection per try) until one answers 200, then stops it.
# Prints each command's best and median over RUNS rounds and its ratio to the first command's
# (best to best, median to median). Loopback only; stops everything it starts.
# Usage: python3 startup.py RUNS PORT -- COMMAND... [--- PORT -- COMMAND...]...
#   e.g. python3 startup.py 9 18890 -- raw-nio-server 18890 --- 18891 -- squall serve --port 18891 -q
# A command may be a whole command line with no server (`--version`): give it port 0 and it is
# timed from exec to its exit instead.
import http.client
import statistics
import subprocess
import sys
import time


def parse(argv):
    runs = int(argv[0])
    commands, rest = [], argv[1:]
    while rest:
        port = int(rest[0])
        assert rest[1] == "--", "each command is PORT -- COMMAND..."
        end = rest.index("---") if "---" in rest else len(rest)
        commands.append((port, rest[2:end]))
        rest = rest[end + 1 :]
    return runs, commands


def first_200(port, command):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if port == 0:
            process.wait(timeout=10)
            return (time.perf_counter() - start) * 1000
        while time.perf_counter() - start < 10:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                connection.request("GET", "/")
                if connection.getresponse().status == 200:
                    return (time.perf_counter() - start) * 1000
            except OSError:
                pass
        sys.exit(f"no answer within 10 s: {' '.join(command)}")
    finally:
        # SIGKILL: what is timed is the start, and a server stopped this early by SIGTERM may
        # miss it (its signal watch is not yet set up).
        if process.poll() is None:
            process.kill()
            process.wait()


runs, commands = parse(sys.argv[1:])
times = [[] for _ in commands]
for round in range(runs):
    order = list(range(len(commands)))
    order = order[round % len(order) :] + order[: round % len(order)]
    for index in order:
        times[index].append(first_200(*commands[index]))
base_best, base_median = min(times[0]), statistics.median(times[0])
for (port, command), spent in zip(commands, times):
    best, median = min(spent), statistics.median(spent)
    name = " ".join(command[:3]) + (" …" if len(command) > 3 else "")
    print(
        f"{name:48} best {best:6.1f} ms  median {median:6.1f} ms  "
        f"({best / base_best:.2f}× / {median / base_median:.2f}× the first)"
    )
