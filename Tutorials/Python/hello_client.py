# The seed tutorial's client example, with the URL on the command line (the seed fetched
# www.google.com; the tests fetch Squall's server on loopback), and the forms the lessons show
# beside it. Lessons show its regions (# snippet.NAME … # snippet.end).
# Usage: python3 hello_client.py URL [callback|await|timeouts|redirects|burst]
import asyncio
import sys

from tornado import httpclient, ioloop


def fetch_with_callback(url):
    # snippet.client-callback
    def handle_response(response):
        if response.error:
            print("Error: %s" % response.error)
        else:
            print(response.body)
        ioloop.IOLoop.current().stop()   # the seed leaves this out: the loop would run forever

    http_client = httpclient.AsyncHTTPClient()
    # The seed's fetch(url, handle_response) is Tornado 5's: Tornado 6 dropped callbacks, so
    # the callback goes on the future fetch returns. Tornado 5 handed a failure without a
    # response (refused, timed out) to the callback as a 599 response: so does this.
    request = httpclient.HTTPRequest(url)

    def done(future):
        error = future.exception()
        handle_response(httpclient.HTTPResponse(request, 599, error=error) if error else future.result())

    http_client.fetch(request, raise_error=False).add_done_callback(done)
    ioloop.IOLoop.current().start()
    # snippet.end


# snippet.client-await
async def fetch_not_raising(url):
    client = httpclient.AsyncHTTPClient()
    response = await client.fetch(url, raise_error=False)
    return response.code
# snippet.end


# snippet.client-timeouts
async def fetch_with_timeouts(url):
    http_client = httpclient.AsyncHTTPClient(defaults=dict(request_timeout=20.0))
    request = httpclient.HTTPRequest(url, request_timeout=1.0)   # this one waits 1 s at most
    try:
        response = await http_client.fetch(request)
        return response.code
    except httpclient.HTTPClientError as error:   # a timeout is 599, raised even with raise_error=False
        return error.code
# snippet.end


# snippet.client-redirects
async def fetch_without_following(url):
    http_client = httpclient.AsyncHTTPClient()
    response = await http_client.fetch(url, follow_redirects=False, raise_error=False)
    return response.code, response.headers.get("Location")   # the 3xx itself
# snippet.end


async def burst(url, count):
    # snippet.max-clients
    # Connections at once for every client of this loop (Tornado's default: 10); more wait in its queue.
    httpclient.AsyncHTTPClient.configure(None, max_clients=50)
    http_client = httpclient.AsyncHTTPClient()
    responses = await asyncio.gather(*(http_client.fetch(url) for _ in range(count)))
    # snippet.end
    return [response.code for response in responses]


if __name__ == "__main__":
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8888/"
    mode = sys.argv[2] if len(sys.argv) > 2 else "callback"
    if mode == "callback":
        fetch_with_callback(url)
    elif mode == "timeouts":
        print(asyncio.run(fetch_with_timeouts(url)))
    elif mode == "redirects":
        print(*asyncio.run(fetch_without_following(url)))
    elif mode == "burst":
        print(sorted(set(asyncio.run(burst(url, 50)))))
    else:
        print(asyncio.run(fetch_not_raising(url)))
