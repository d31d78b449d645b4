# Time from exec to the first 200: starts the command, then tries GET / on PORT as fast as it
# can (a fresh connection per try) until one answers 200. Prints the median of RUNS runs in ms.
# Usage: python3 startup.py PORT RUNS -- COMMAND...
import http.client
import statistics
import subprocess
import sys
import time

port, runs = int(sys.argv[1]), int(sys.argv[2])
command = sys.argv[sys.argv.index("--") + 1:]
times = []
for _ in range(runs):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < 10:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                connection.request("GET", "/")
                if connection.getresponse().status == 200:
                    times.append((time.perf_counter() - start) * 1000)
                    break
            except OSError:
                pass
        else:
            sys.exit("no answer within 10 s")
    finally:
        process.terminate()
        process.wait()
print(f"{statistics.median(times):.1f} ms (median of {runs}; min {min(times):.1f}, max {max(times):.1f})")
