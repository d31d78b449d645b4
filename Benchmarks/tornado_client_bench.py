"""Tornado's own AsyncHTTPClient: requests per second at a given concurrency, for comparison.

Usage: python3 tornado_client_bench.py URL CONCURRENCY SECONDS
"""
import asyncio
import sys
import time

from tornado.httpclient import AsyncHTTPClient


async def main(url: str, concurrency: int, seconds: float) -> None:
    if not url.startswith("http://127.0.0.1"):
        raise SystemExit("loopback URLs only")
    AsyncHTTPClient.configure(None, max_clients=concurrency)
    client = AsyncHTTPClient()
    for _ in range(concurrency):
        await client.fetch(url)
    deadline = time.monotonic() + seconds
    counts = [0] * concurrency

    async def worker(index: int) -> None:
        while time.monotonic() < deadline:
            await client.fetch(url)
            counts[index] += 1

    start = time.monotonic()
    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    elapsed = time.monotonic() - start
    total = sum(counts)
    print(f"tornado c={concurrency}: {total / elapsed:.0f} requests/s ({total} requests, {elapsed:.1f} s)")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3])))
