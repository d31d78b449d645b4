// Generated from Tutorials/NN-*.md by LessonFilesTests (SQUALL_UPDATE_LESSONS=1); do not edit.
enum EmbeddedLessons {
  /// The code regions the lessons show (`> swift:` / `> python:`), keyed PATH#REGION.
  static let regions: [String: String] = [
    "Sources/Squall/Web/RequestHandler+Output.swift#etag": #####"""
    if output.status == 200, request.method == "GET" || request.method == "HEAD",
      !output.headers.contains(name: "Etag")
    {
      setEtagHeader()  // a hash of the body
      if checkEtagHeader() {  // If-None-Match names it: the client has this body
        output.buffer.clear()
        setStatus(304)
      }
    }
    """#####,
    "Tutorials/Examples/Examples.swift#greet-handler": #####"""
    final class GreetHandler: RequestHandler {
      override class var supportedMethods: [String] { ["GET"] }

      override func get(_ args: [String]) async throws {
        write("Hello, \(args[0])")
      }
    }
    """#####,
    "Tutorials/Examples/Examples.swift#main-handler": #####"""
    final class MainHandler: RequestHandler {
      /// Tornado's `SUPPORTED_METHODS`: other methods get 405 with `Allow: GET`.
      override class var supportedMethods: [String] { ["GET"] }

      override func get() async throws {
        write("Hello, world")
      }
    }
    """#####,
    "Tutorials/Examples/Examples.swift#redirect-route": #####"""
    Route(
      url(#"/redirect"#, RedirectHandler.self, kwargs: ["url": "/", "permanent": false]), "GET: 302 to /"),
    """#####,
    "Tutorials/Examples/Examples.swift#slow-handler": #####"""
    final class SlowHandler: RequestHandler {
      override class var supportedMethods: [String] { ["GET"] }

      override func get() async throws {
        let delay = min(Double(getArgument("delay", default: "1")) ?? 1, 30)
        try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
        write("Slept \(delay)s")
      }
    }
    """#####,
    "Tutorials/Examples/Examples.swift#static-route": #####"""
    Route(
      url(#"/static/(.*)"#, StaticFileHandler.self, kwargs: ["path": StaticFolder.path]),
      "GET HEAD: the files of a folder, with Etag, Last-Modified and ranges (lesson 15)"),
    """#####,
    "Tutorials/Examples/Examples.swift#stream-handler": #####"""
    final class StreamHandler: RequestHandler {
      override class var supportedMethods: [String] { ["GET"] }

      override func get() async throws {
        let count = min(Int(getArgument("count", default: "5")) ?? 5, 1000)
        for index in 1...max(count, 1) {
          write("chunk \(index)\n")
          try await flush()
        }
      }
    }
    """#####,
    "Tutorials/Examples/Faults.swift#fault-handler": #####"""
    final class FaultHandler: RequestHandler {
      override class var supportedMethods: [String] { ["GET", "POST", "PUT"] }
      private var fault = WireFault.noResponse

      override func initialize(_ kwargs: [String: any Sendable]) {
        fault = kwargs["fault"] as? WireFault ?? .noResponse
      }

      override func get() async throws {
        let parameters = WireFault.Parameters { [self] name in getQueryArguments(name).last }
        try await sendFault(fault, parameters)
      }
      override func post() async throws { try await get() }
      override func put() async throws { try await get() }
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#blocking-handler": #####"""
    final class BlockingHandler: RequestHandler {
      override class var supportedMethods: [String] { ["GET"] }

      override func get() async throws {
        let delay = min(Double(getArgument("delay", default: "1")) ?? 1, 5)
        usleep(useconds_t(delay * 1_000_000))  // blocks its thread: never do this in a handler
        write("Blocked \(delay)s")
      }
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#boom-handler": #####"""
    struct KeyError: Error {
      var key: String
    }

    final class BoomHandler: RequestHandler {
      override class var supportedMethods: [String] { ["GET"] }

      override func get() async throws {
        let prices: [String: Int] = ["tea": 3]
        guard let price = prices["coffee"] else { throw KeyError(key: "coffee") }  // Python's KeyError
        write("Coffee costs \(price)")
      }
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#client-await": #####"""
    static func fetchNotRaising(_ url: String) async throws -> Int {
      let client = AsyncHTTPClient()
      let response = try await client.fetch(url, raiseError: false)
      await client.close()
      return response.code
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#client-redirects": #####"""
    static func fetchWithoutFollowing(_ url: String) async -> (code: Int, location: String?) {
      let httpClient = AsyncHTTPClient()
      let response = await httpClient.perform(HTTPRequest(url, followRedirects: false))
      await httpClient.close()
      return (response.code, response.headers.first(name: "Location"))  // the 3xx itself
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#client-timeouts": #####"""
    static func fetchWithTimeouts(_ url: String) async -> HTTPResponse {
      let httpClient = AsyncHTTPClient(defaults: HTTPClientDefaults(requestTimeout: 20))
      let request = HTTPRequest(url, requestTimeout: 1.0)
      let response = await httpClient.perform(request)
      await httpClient.close()
      return response
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#form-handler": #####"""
    final class LessonFormHandler: RequestHandler {
      override class var supportedMethods: [String] { ["POST"] }

      override func post() async throws {
        let type = request.headers.first(name: "Content-Type") ?? ""
        if type.hasPrefix("application/json") {
          write("JSON body: \(request.bodyText)")
        } else {
          let name = getBodyArgument("name", default: "nobody")
          write("Form field name = \(name)")
        }
      }
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#gzip-settings": #####"""
    let app = Application(handlers, settings: Settings(compressResponse: true))
    """#####,
    "Tutorials/Examples/LessonTwins.swift#hi-handler": #####"""
    final class LessonGreetHandler: RequestHandler {
      struct Greeting: Encodable {
        var greeting: String
        var excited: Bool
      }

      override class var supportedMethods: [String] { ["GET"] }

      override func get(_ args: [String]) async throws {
        let name = args[0]
        let excited = getArgument("excited", default: "no") == "yes"
        setHeader("X-Greeted", name)
        write(Greeting(greeting: "Hello, \(name)", excited: excited))
      }
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#json-errors": #####"""
    final class JSONErrorsHandler: RequestHandler {
      struct ErrorPage: Encodable {
        var code: Int
        var message: String
      }

      override class var supportedMethods: [String] { ["GET"] }

      override func get() async throws {
        let status = Int(getArgument("status", default: "400")) ?? 400
        throw HTTPError(status)
      }

      override func writeError(_ statusCode: Int, error: (any Error)?) async throws {
        write(ErrorPage(code: statusCode, message: HTTPStatus.reason(for: statusCode)))
      }
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#keep-alive-options": #####"""
    let httpServer = HTTPServer(
      app,
      noKeepAlive: true,  // every response says Connection: close, then closes
      idleConnectionTimeout: 2)  // a kept connection idle for 2 s is closed
    """#####,
    "Tutorials/Examples/LessonTwins.swift#max-clients": #####"""
    // Connections at once for this client (Tornado's default: 10); more wait in its queue.
    let httpClient = AsyncHTTPClient(maxClients: 50)
    let codes = await withTaskGroup(of: Int.self) { group in
      for _ in 0..<count { group.addTask { await httpClient.perform(HTTPRequest(url)).code } }
      return await group.reduce(into: [Int]()) { $0.append($1) }
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#server-options": #####"""
    static func serverWithBufferLimit(_ app: Application) -> HTTPServer {
      let httpServer = HTTPServer(app, maxBufferSize: 50_485_760)
      return httpServer
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#stopping": #####"""
    static func stop(_ httpServer: HTTPServer) async {
      await httpServer.stop()
      await httpServer.closeAllConnections()
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#teapot-handler": #####"""
    final class TeapotHandler: RequestHandler {
      override class var supportedMethods: [String] { ["GET"] }

      override func get() async throws {
        throw HTTPError(418, "asked for coffee")  // the message goes to the log, not to the client
      }
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#visits-handler": #####"""
    final class VisitsHandler: RequestHandler {
      override class var supportedMethods: [String] { ["GET"] }

      override func get() async throws {
        let visits = (Int(getCookie("visits", default: "0") ?? "0") ?? 0) + 1
        setCookie("visits", String(visits))  // Set-Cookie: visits=N; Path=/
        write("Visit number \(visits)")
      }
    }
    """#####,
    "Tutorials/Examples/LessonTwins.swift#xheaders-options": #####"""
    let httpServer = HTTPServer(app, xheaders: true)
    """#####,
    "Tutorials/Examples/WebSockets.swift#ws-echo": #####"""
    final class EchoWebSocket: WebSocketHandler {
      override func open() async throws {}

      override func onMessage(_ message: WebSocketMessage) async throws {
        try await writeMessage(message)  // text as text, binary as binary
      }

      override func onClose() {}
    }
    """#####,
    "Tutorials/HelloClient/main.swift#client-callback": #####"""
    func handleResponse(_ response: HTTPResponse) {
      if let error = response.error {
        print("Error: \(error)")
      } else {
        print(response.text)
      }
      IOLoop.current().stop()
    }

    // The seed's options section: `AsyncHTTPClient(defaults=dict(request_timeout=20.0))`.
    let httpClient = AsyncHTTPClient(defaults: HTTPClientDefaults(requestTimeout: 20))
    httpClient.fetch(url, handleResponse)
    IOLoop.current().start()
    """#####,
    "Tutorials/HelloServer/main.swift#listen": #####"""
    let app = makeApp()
    let httpServer = HTTPServer(app)
    try httpServer.listen(port)  // port 0: the system picks a free one
    IOLoop.current().start()
    """#####,
    "Tutorials/HelloServer/main.swift#main-handler": #####"""
    final class MainHandler: RequestHandler {
      override func get() async throws {
        write("Hello, world")
      }
    }
    """#####,
    "Tutorials/HelloServer/main.swift#make-app": #####"""
    func makeApp() -> Application {
      Application([
        (#"/"#, MainHandler.self)
      ])
    }
    """#####,
    "Tutorials/Python/echo_app.py#blocking-handler": #####"""
    class BlockingHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self):
            delay = seconds(self.get_argument("delay", "1"), 1.0, 5)
            time.sleep(delay)            # holds the thread: nothing else runs
            self.write("Blocked %ss" % delay)
    """#####,
    "Tutorials/Python/echo_app.py#boom-handler": #####"""
    class BoomHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self):
            prices = {"tea": 3}
            self.write("Coffee costs %d" % prices["coffee"])   # KeyError: a 500
    """#####,
    "Tutorials/Python/echo_app.py#form-handler": #####"""
    class FormHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("POST",)

        def post(self):
            if self.request.headers.get("Content-Type", "").startswith("application/json"):
                self.write("JSON body: " + self.request.body.decode())
            else:
                self.write("Form field name = " + self.get_body_argument("name", "nobody"))
    """#####,
    "Tutorials/Python/echo_app.py#greet-handler": #####"""
    class GreetHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self, name):
            self.write("Hello, " + name)
    """#####,
    "Tutorials/Python/echo_app.py#gzip-settings": #####"""
    app = make_app(compress_response=True)
    """#####,
    "Tutorials/Python/echo_app.py#hi-handler": #####"""
    class HiHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self, name):
            excited = self.get_argument("excited", "no") == "yes"
            self.set_header("X-Greeted", name)
            self.write({"excited": excited, "greeting": "Hello, " + name})
    """#####,
    "Tutorials/Python/echo_app.py#json-errors": #####"""
    class JSONErrorsHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self):
            raise tornado.web.HTTPError(int(self.get_argument("status", "400")))

        def write_error(self, status_code, **kwargs):
            self.write({"code": status_code, "message": tornado.httputil.responses.get(status_code, "Unknown")})
    """#####,
    "Tutorials/Python/echo_app.py#keep-alive-options": #####"""
    http_server = tornado.httpserver.HTTPServer(
        make_app(),
        no_keep_alive=True,            # every response says Connection: close, then closes
        idle_connection_timeout=2)     # a kept connection idle for 2 s is closed
    """#####,
    "Tutorials/Python/echo_app.py#main-handler": #####"""
    class MainHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)   # a POST gets 405 (Squall adds Allow: GET)

        def get(self):
            self.write("Hello, world")
    """#####,
    "Tutorials/Python/echo_app.py#redirect-route": #####"""
    (r"/redirect", tornado.web.RedirectHandler, {"url": "/", "permanent": False}),   # 302 to /
    """#####,
    "Tutorials/Python/echo_app.py#server-options": #####"""
    http_server = tornado.httpserver.HTTPServer(make_app(), max_buffer_size=50485760)
    """#####,
    "Tutorials/Python/echo_app.py#slow-handler": #####"""
    class SlowHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        async def get(self):
            delay = seconds(self.get_argument("delay", "1"), 1.0, 30)
            await asyncio.sleep(delay)   # waits without holding the thread
            self.write("Slept %ss" % delay)
    """#####,
    "Tutorials/Python/echo_app.py#static-route": #####"""
    (r"/static/(.*)", tornado.web.StaticFileHandler, {"path": STATIC_PATH}),
    """#####,
    "Tutorials/Python/echo_app.py#stopping": #####"""
    async def shut_down(http_server):
        http_server.stop()                          # no new connections; open ones stay
        await http_server.close_all_connections()   # now close those too
        tornado.ioloop.IOLoop.current().stop()
    """#####,
    "Tutorials/Python/echo_app.py#stream-handler": #####"""
    class StreamHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        async def get(self):
            count = min(int(self.get_argument("count", "5")), 1000)
            for index in range(1, max(count, 1) + 1):
                self.write("chunk %d\n" % index)
                await self.flush()
    """#####,
    "Tutorials/Python/echo_app.py#teapot-handler": #####"""
    class TeapotHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self):
            raise tornado.web.HTTPError(418, "asked for coffee")   # the message goes to the log
    """#####,
    "Tutorials/Python/echo_app.py#visits-handler": #####"""
    class VisitsHandler(tornado.web.RequestHandler):
        SUPPORTED_METHODS = ("GET",)

        def get(self):
            visits = int(self.get_cookie("visits", "0")) + 1
            self.set_cookie("visits", str(visits))   # Set-Cookie: visits=N; Path=/
            self.write("Visit number %d" % visits)
    """#####,
    "Tutorials/Python/echo_app.py#ws-echo": #####"""
    class EchoWebSocket(tornado.websocket.WebSocketHandler):
        def open(self):
            pass

        def on_message(self, message):
            self.write_message(message, binary=isinstance(message, bytes))   # text as text, binary as binary

        def on_close(self):
            pass
    """#####,
    "Tutorials/Python/echo_app.py#xheaders-options": #####"""
    http_server = tornado.httpserver.HTTPServer(make_app(), xheaders=True)
    """#####,
    "Tutorials/Python/faults_app.py#fault-handler": #####"""
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
    """#####,
    "Tutorials/Python/hello_client.py#client-await": #####"""
    async def fetch_not_raising(url):
        client = httpclient.AsyncHTTPClient()
        response = await client.fetch(url, raise_error=False)
        return response.code
    """#####,
    "Tutorials/Python/hello_client.py#client-callback": #####"""
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
    """#####,
    "Tutorials/Python/hello_client.py#client-redirects": #####"""
    async def fetch_without_following(url):
        http_client = httpclient.AsyncHTTPClient()
        response = await http_client.fetch(url, follow_redirects=False, raise_error=False)
        return response.code, response.headers.get("Location")   # the 3xx itself
    """#####,
    "Tutorials/Python/hello_client.py#client-timeouts": #####"""
    async def fetch_with_timeouts(url):
        http_client = httpclient.AsyncHTTPClient(defaults=dict(request_timeout=20.0))
        request = httpclient.HTTPRequest(url, request_timeout=1.0)   # this one waits 1 s at most
        try:
            response = await http_client.fetch(request)
            return response.code
        except httpclient.HTTPClientError as error:   # a timeout is 599, raised even with raise_error=False
            return error.code
    """#####,
    "Tutorials/Python/hello_client.py#max-clients": #####"""
    # Connections at once for every client of this loop (Tornado's default: 10); more wait in its queue.
    httpclient.AsyncHTTPClient.configure(None, max_clients=50)
    http_client = httpclient.AsyncHTTPClient()
    responses = await asyncio.gather(*(http_client.fetch(url) for _ in range(count)))
    """#####,
    "Tutorials/Python/hello_server.py#listen": #####"""
    app = make_app()
    http_server = tornado.httpserver.HTTPServer(app)
    # listen(port) in one step; in two, to learn the port the system chose for port 0:
    sockets = tornado.netutil.bind_sockets(int(sys.argv[1]) if len(sys.argv) > 1 else 8888, address="127.0.0.1")
    http_server.add_sockets(sockets)
    tornado.ioloop.IOLoop.current().start()
    """#####,
    "Tutorials/Python/hello_server.py#main-handler": #####"""
    class MainHandler(tornado.web.RequestHandler):
        def get(self):
            self.write("Hello, world")
    """#####,
    "Tutorials/Python/hello_server.py#make-app": #####"""
    def make_app():
        return tornado.web.Application([
            (r"/", MainHandler),
        ])
    """#####,
  ]

  static let files: [(name: String, text: String)] = [
    (
      name: "01-hello-server.md",
      text: #####"""
      # Hello, server

      The seed tutorial starts with Tornado's smallest web application: one `RequestHandler`, an
      `Application` that maps the path `/` to it, an `HTTPServer` listening on a port, and the
      `IOLoop` that runs everything. The playground is already running the Swift twin of it: look at
      the Server pane (F1). Its address is {{base}}.

      > setup: app=hello
      > setup: routes none

      ## Step 1 — Say hello

      A `RequestHandler` subclass answers the methods it defines. `write` adds to the response body;
      when the handler returns, Tornado (and Squall) finish the response: status 200, a
      `Content-Type` of `text/html; charset=UTF-8`, and a `Content-Length`.

      > python: Tutorials/Python/hello_server.py#main-handler
      > swift: Tutorials/HelloServer/main.swift#main-handler

      > python: Tutorials/Python/hello_server.py#make-app
      > swift: Tutorials/HelloServer/main.swift#make-app

      > do: In the Request builder (F2), press Ctrl-R to send GET {{base}}/
      > check: served method == GET and path == / and status == 200 and body contains "Hello, world"
      > solution: curl {{base}}/
      > saw: The server answered {status} {reason} in {duration}: the Swift twin of the seed's MainHandler wrote the body.
      > hint: Press F2 to focus the builder; the URL already reads {{base}}/. Press Ctrl-R (it sends from any section).
      > hint: The Log pane (F3) shows ← for what the server received and → for what the builder sent.

      ## Step 2 — A path with no route

      The `Application` tries each pattern against the whole path. When none matches, Tornado answers
      `404 Not Found` itself: no handler runs.

      > python: Tutorials/Python/hello_server.py#make-app
      > swift: Tutorials/HelloServer/main.swift#make-app

      > do: In the builder (F2): u, End, type nope (the URL becomes {{base}}/nope), Enter sends it.
      > check: served method == GET and path == /nope and status == 404
      > solution: curl {{base}}/nope
      > saw: {status} {reason}: no route matched {path}, so the application answered with its default 404, as Tornado does.
      > hint: u edits the URL; Ctrl-U clears it. Type {{base}}/nope and press Enter to send.

      ## Step 3 — A method the handler does not define

      `MainHandler` defines only `get`. A `POST` reaches the route but finds no method to run: what
      does Tornado answer then? Whatever the status, RFC 9110 says this answer must list the methods
      that are allowed in an `Allow` header; Tornado sends none, Squall sends `Allow: GET` (the handler
      declares `supportedMethods`, Tornado's `SUPPORTED_METHODS`).

      > python: Tutorials/Python/echo_app.py#main-handler
      > swift: Tutorials/Examples/Examples.swift#main-handler

      > do: In the builder (F2): u, type {{base}}/ (it replaces the URL), Esc; m and choose POST; then Ctrl-R sends it.
      > check: served method == POST and path == / and status == 405 and header.Allow == GET
      > predict: status: MainHandler has a get and no post. What status will a POST to / get?
      > solution: curl -X POST {{base}}/
      > saw: {status} {reason} with Allow: {header.Allow}: the route matched, but the handler has a get and no post, so the method is not allowed.
      > hint: m opens the list of methods: ↓ to POST, Enter. Then Ctrl-R to send.
      > hint: Open the Response section (6) and press ] for the headers: Allow: GET is there.

      ## Step 4 — The Etag

      For a `GET` Tornado computes an `Etag`, a hash of the body, after the handler returns; Squall's
      twin does it in `finish()`:

      > swift: Sources/Squall/Web/RequestHandler+Output.swift#etag

      > do: In the builder (F2): m and choose GET, then Ctrl-R sends GET {{base}}/; 6, then ] shows its headers.
      > check: served method == GET and path == / and status == 200
      > solution: curl {{base}}/
      > saw: {status} {reason} with Etag {header.Etag}: a hash of "Hello, world", computed when get() returned.
      > hint: m opens the list of methods: ↑ to GET, Enter. Ctrl-R sends from any section.
      > hint: The Response section (6) has tabs: ] goes to Headers, where the Etag is.

      ## Step 5 — A 304 with If-None-Match

      A client that already has that body sends the tag back in `If-None-Match`; when it still
      matches, the server answers `304 Not Modified` with no body, and the client keeps its copy.

      > do: In the builder (F2): 2 for Headers, a, name If-None-Match, Tab, value {{response.header.Etag}}, Enter; then Ctrl-R sends it.
      > check: served method == GET and path == / and status == 304
      > solution: curl {{base}}/ -H 'If-None-Match: {{response.header.Etag}}'
      > saw: {status} {reason} and no body: the tag you sent, If-None-Match {reqheader.If-None-Match}, still matched the page.
      > hint: {{response.header.Etag}} is the Etag of the last answer, quotes included: the builder fills it in, so there is nothing to copy. The line under the URL says what it stands for.
      > hint: The method must be GET. The Log (F3) shows the 304 with no body.

      """#####
    ),
    (
      name: "02-handlers.md",
      text: #####"""
      # Handlers and the request callback

      "When a request comes into the Tornado HTTP server, it is given to a callback function", says
      the seed. With `tornado.web` that callback is the `Application`: it picks a `RequestHandler` by
      matching the path against its patterns, and capture groups become the method's arguments. This
      lesson builds handlers two ways: in the route editor (no compiling), and as code.

      > setup: app=echo
      > setup: routes none

      ## Step 1 — A route with a capture, in the route editor

      Patterns are regular expressions matched against the whole path; `([^/]+)` captures one path
      segment and hands it to `get(name)`. In the route editor, `{1}` in the body is the first capture.

      > python: Tutorials/Python/echo_app.py#greet-handler
      > swift: Tutorials/Examples/Examples.swift#greet-handler

      > do: In the Server pane (F1) press a; set Path regex to /welcome/([^/]+) and Body to Welcome, {1}!; Enter.
      > check: route method == GET and pattern == "/welcome/([^/]+)"
      > solution: route GET /welcome/([^/]+) 200 Welcome, {1}!
      > hint: Tab or ↓ moves between the fields of the route editor; Enter saves and restarts the server.

      ## Step 2 — Call it

      > do: In the builder (F2): u, type {{base}}/welcome/Ada, Enter sends it.
      > check: served method == GET and path == /welcome/Ada and status == 200 and body contains "Welcome, Ada!"
      > solution: curl {{base}}/welcome/Ada
      > saw: {status} for {path}: the capture group of /welcome/([^/]+) became the handler's first argument, "Ada".
      > hint: u, Ctrl-U, type {{base}}/welcome/Ada, Enter.

      ## Step 3 — Query arguments, headers and JSON

      `get_argument` reads the query string (and the form body); `set_header` adds a response header;
      `write` of a dictionary sends JSON with `Content-Type: application/json`. The echo app's
      `/hi/NAME` does all three.

      > python: Tutorials/Python/echo_app.py#hi-handler
      > swift: Tutorials/Examples/LessonTwins.swift#hi-handler

      > do: In the builder (F2): u, type {{base}}/hi/Ada, Esc; 1 for Params, a, name excited, Tab, value yes, Enter; then Ctrl-R sends it.
      > check: served method == GET and path == /hi/Ada and query contains "excited=yes" and status == 200 and header.X-Greeted == Ada and body contains excited
      > solution: curl '{{base}}/hi/Ada?excited=yes'
      > saw: The handler read the query ({query}) with getArgument and set the header X-Greeted: {header.X-Greeted}.
      > hint: Params (1), a, type excited, Tab, yes, Enter: the URL follows. Ctrl-R sends.
      > hint: The response body is JSON, shown re-indented exactly as sent.

      """#####
    ),
    (
      name: "03-post-bodies.md",
      text: #####"""
      # POST bodies

      A request body arrives in one of a few shapes, announced by its `Content-Type`: a urlencoded
      form, JSON, or a multipart form that can carry files. The handler reads form fields with
      `get_body_argument` (multipart ones too) and anything else from `self.request.body`.

      > setup: app=echo

      > python: Tutorials/Python/echo_app.py#form-handler
      > swift: Tutorials/Examples/LessonTwins.swift#form-handler

      ## Step 1 — A urlencoded form

      > do: In the builder (F2): u, type {{base}}/form, Esc; 3 for Body, k until form, a, name name, Tab, value Ada, Enter; then Ctrl-R sends it.
      > check: served method == POST and path == /form and status == 200 and reqheader.Content-Type contains urlencoded and body contains "name = Ada"
      > solution: curl {{base}}/form -d name=Ada
      > saw: Content-Type {reqheader.Content-Type}: the server parsed the body into arguments, as for a query.
      > hint: k cycles the body kind (none, raw, json, form, multipart); the method becomes POST.
      > hint: a adds a field: type name, Tab, Ada, Enter.

      ## Step 2 — A JSON body

      > do: In the builder (F2): 3 for Body, k until json, e to edit, type {"name": "Ada"}, Esc; then Ctrl-R sends it.
      > check: served method == POST and path == /form and status == 200 and reqheader.Content-Type contains json and body contains "JSON body"
      > solution: curl {{base}}/form --json '{"name": "Ada"}'
      > saw: Content-Type {reqheader.Content-Type}: no arguments from JSON; the handler decoded request.body itself.
      > hint: The line under "kind: json" says whether the JSON is valid, and where it is not.

      ## Step 3 — A multipart form

      Multipart bodies separate fields with a boundary the `Content-Type` announces; a field can be
      a file (f in the builder makes its value a path to send).

      > do: In the builder (F2): 3 for Body, k until multipart (a form's fields stay: step 1's name = Ada is there), Enter on it, Tab, value Grace, Enter; then Ctrl-R sends it.
      > check: served method == POST and path == /form and status == 200 and reqheader.Content-Type contains multipart and body contains "name = Grace"
      > solution: curl {{base}}/form -F name=Grace
      > saw: Content-Type {reqheader.Content-Type}: the boundary split the body into parts, each read as an argument.
      > hint: The Headers section (2) shows the Content-Type with its boundary greyed: the client adds it.

      """#####
    ),
    (
      name: "04-async-client.md",
      text: #####"""
      # The asynchronous HTTP client

      The seed's client fetches a page without blocking: `fetch` returns at once and calls
      `handle_response` when the answer is there. The seed fetched www.google.com; this playground has
      no internet, so every fetch here goes to the local server ({{base}}). The Request builder is this
      very client (Squall's `AsyncHTTPClient`) with a screen.

      > setup: app=echo

      > python: Tutorials/Python/hello_client.py#client-callback
      > swift: Tutorials/HelloClient/main.swift#client-callback

      ## Step 1 — A fetch that works

      > do: In the builder (F2): u, type {{base}}/greet/seed, Enter sends it.
      > check: sent method == GET and path == /greet/seed and status == 200 and body contains "Hello, seed"
      > solution: curl {{base}}/greet/seed
      > saw: The client's fetch came back {status} in {duration}, and the callback (or the await) got the body.
      > hint: u, Ctrl-U, {{base}}/greet/seed, Enter.

      ## Step 2 — A closed port: 599

      When no response arrives at all (nothing listens, a timeout, a reset) Tornado's client reports
      code 599 and `response.error` says why; there are no headers and no body.

      > do: In the builder (F2): u, type http://127.0.0.1:9/ (nothing listens on port 9), Enter sends it.
      > check: sent status == 599 and error == refused
      > solution: curl http://127.0.0.1:9/
      > saw: Code {code}, error {error}: no HTTP answer at all, so Tornado's client (and Squall's) reports 599.
      > hint: The Response section shows the whole error and what to try next.

      ## Step 3 — A 404 is an error too

      A response with a status of 400 or more sets `response.error` as well, but it is a real
      response: it has a code, headers and a body. Tornado 6 dropped the callback: you `await` the
      fetch, which raises `HTTPClientError` for such answers unless you pass `raise_error=False`.

      > python: Tutorials/Python/hello_client.py#client-await
      > swift: Tutorials/Examples/LessonTwins.swift#client-await

      > do: In the builder (F2): u, type {{base}}/missing, Enter sends it.
      > check: sent method == GET and path == /missing and status == 404
      > solution: curl {{base}}/missing
      > saw: A real answer, {code} {reason}: with raiseError it throws HTTPClientError(404); with raiseError false it is returned.
      > hint: The log shows both sides: ← what the server answered, → what the client got.

      """#####
    ),
    (
      name: "05-server-options.md",
      text: #####"""
      # Server options: max_buffer_size

      The seed says `max_buffer_size` sets "the number of threads". It does not: it bounds how many
      bytes of a request body the server buffers (100 MB by default). Tornado refuses a larger body
      with `400 Bad Request` and closes the connection, before any handler sees it; so does Squall.
      Concurrency comes from the event loop, not from threads.

      > setup: app=echo
      > setup: option maxBufferSize=104857600
      > setup: option maxBodySize=

      > python: Tutorials/Python/echo_app.py#server-options
      > swift: Tutorials/Examples/LessonTwins.swift#server-options

      ## Step 1 — Lower the limit

      > do: In the Server pane (F1): ↓ to maxBufferSize, Enter, type 1000 (it replaces the value), Enter.
      > check: option maxBufferSize <= 1000
      > solution: option maxBufferSize=1000
      > hint: ↑↓ select the option; Enter edits it; Enter again applies it (the server restarts).

      ## Step 2 — Send a bigger body

      > do: In the builder (F2): u, type {{base}}/echo, Esc; m, POST; 3 for Body, k until raw, e, type or paste more than 1000 characters, Esc; then Ctrl-R sends it.
      > check: refused status == 400
      > solution: curl {{base}}/echo
      > solution: builder rawBody=5000
      > solution: keys builder Ctrl-R
      > saw: Refused with {status} ({cause}) before any handler ran, and the connection closed: maxBufferSize bounds bytes, not threads.
      > hint: Body section (3), k until raw, e, type or paste a long text (or press E for your $EDITOR).
      > hint: The Log pane shows the refusal: ⊘ and the reason, with the bytes that arrived.

      ## Step 3 — What the client saw

      The client gets the server's 400, then the connection closes while it was still sending.
      Squall's client reports the answer, not the reset.

      > do: Look at the builder's Response section, then set maxBufferSize back to 104857600.
      > check: option maxBufferSize >= 1000000
      > solution: option maxBufferSize=104857600
      > hint: F1, select maxBufferSize, Enter, 104857600, Enter.

      """#####
    ),
    (
      name: "06-client-options.md",
      text: #####"""
      # Client options: request_timeout

      The seed sets defaults for every request of a client:
      `AsyncHTTPClient(defaults=dict(request_timeout=20.0))`. `request_timeout` bounds the whole
      request, body included; when it runs out the client gives up with a 599. One request can
      override a default.

      > setup: app=echo

      > python: Tutorials/Python/hello_client.py#client-timeouts
      > swift: Tutorials/Examples/LessonTwins.swift#client-timeouts

      ## Step 1 — A slow answer

      `/slow?delay=S` answers after S seconds without blocking anything (it awaits).

      > do: In the builder (F2): u, type {{base}}/slow?delay=2, Enter sends it: watch the elapsed time.
      > check: sent path == /slow and status == 200 and duration >= 1.5s
      > solution: curl '{{base}}/slow?delay=2'
      > saw: The answer took {duration}: the handler awaited its delay without blocking the server.
      > hint: The builder shows the seconds while it waits; Esc would cancel.

      ## Step 2 — One request overrides the client's default

      The builder's client was made like the seed's, with `requestTimeout: 20` for every request
      (Options shows it: `default: 20 s`). A value set in Options belongs to this request only, as
      `HTTPRequest(url, requestTimeout: 1.0)` does: it overrides the default.

      > do: In the builder (F2): 5 for Options (requestTimeout is the first row), e, type 1, Enter; then Ctrl-R sends the same request.
      > check: sent path == /slow and status == 599 and error == timeout
      > solution: curl '{{base}}/slow?delay=2' -m 1
      > saw: Code {code} ({error}) after {duration}: this request's requestTimeout of 1 s overrode the client's 20 s, and the client gave up before the 2 s answer came.
      > hint: 5, select requestTimeout, e, type 1, Enter; then Ctrl-R to send.

      ## Step 3 — Back to the client's default

      > do: In the builder (F2): 5 for Options, e on requestTimeout, Backspace (an empty value: the request sets none), Enter; then Ctrl-R sends it once more.
      > check: sent path == /slow and status == 200 and duration >= 1.5s
      > solution: curl '{{base}}/slow?delay=2'
      > saw: {status} after {duration}: with no requestTimeout of its own, the request took the client's default of 20 s, long enough for the 2 s answer.
      > hint: Options shows "default: 20 s (Tornado's default)" again when the value is empty.

      """#####
    ),
    (
      name: "07-non-blocking.md",
      text: #####"""
      # Non-blocking handlers

      Tornado serves many connections on one thread because handlers never block it: they `await`
      what takes time. A handler that blocks (a `time.sleep`, a blocking database driver) holds up
      everything that thread serves. Squall's server runs each connection's handlers on that
      connection's event loop, one thread per core as SwiftNIO does: a handler that awaits gives the
      loop back, one that blocks holds it, and every other connection on that loop waits.

      > setup: app=echo

      > python: Tutorials/Python/echo_app.py#slow-handler
      > swift: Tutorials/Examples/Examples.swift#slow-handler

      > python: Tutorials/Python/echo_app.py#blocking-handler
      > swift: Tutorials/Examples/LessonTwins.swift#blocking-handler

      ## Step 1 — A burst to the awaiting handler

      > do: In the builder (F2): u, type {{base}}/slow?delay=0.5, Esc; then B, type 20, Tab, type 10, Enter.
      > check: burst count >= 20 and failures == 0 and p50 <= 1.5s
      > solution: curl '{{base}}/slow?delay=0.5'
      > solution: burst 20 10
      > saw: {count} requests, {concurrency} at once: p50 {p50}, max {max}. The awaiting handler gave its event loop back while it slept, so the requests overlapped.
      > hint: B opens the burst form; Tab moves to "at once"; Enter runs it.
      > hint: With 10 at once, 20 requests take about two rounds of 0.5 s: p50 near 0.5 s.

      ## Step 2 — The same burst to the blocking handler

      > do: In the builder (F2): u, type {{base}}/blocking?delay=0.5, Esc; then B, type 20, Tab, type 10, Enter.
      > check: burst count >= 20 and concurrency >= 10 and failures == 0
      > solution: curl '{{base}}/blocking?delay=0.02'
      > solution: burst 20 10
      > saw: {count} requests, {concurrency} at once: p50 {p50}, max {max}. Each blocked request held its event loop, so they went in single file per loop.
      > hint: Compare p50 and max with the first burst: a blocked event loop serves one request at a time.
      > hint: With one event loop per core, the 20 requests go in single file per loop: on 2 cores, 20 × 0.5 s / 2 ≈ 5 s in all, where the awaiting handler took about 1 s.

      ## Step 3 — See it: the timeline

      The numbers say it; the timeline shows it. Each lane is a connection of the server, under the
      event loop it lives on; each bar a request: `░` while it waits (its loop busy elsewhere), `█`
      while its handler runs, `▓` while the answer goes out.

      > do: In the Log (F3): t shows the timeline (z zooms the pane; - zooms out if the bursts are off the left edge).
      > check: view timeline == shown
      > solution: keys log t
      > saw: The awaiting handler's bars stand side by side, all sleeping at once on two loops; the blocking handler's take turns on each loop: one █ at a time, the others ░, waiting for the loop it holds. The builder's lanes below are the same requests, seen from the client.
      > hint: ↑↓ picks a request: the line below says how long it waited for its loop, and how long its handler ran.
      > hint: w writes the timeline as a Chrome trace: open it in ui.perfetto.dev.

      """#####
    ),
    (
      name: "08-stopping.md",
      text: #####"""
      # Stopping

      `IOLoop.current().stop()` ends the loop that `start()` runs: the seed's server program then
      returns. `HTTPServer.stop()` stops accepting connections; requests in flight finish, and
      `close_all_connections()` closes the keep-alive connections that remain.

      > setup: app=hello

      > python: Tutorials/Python/echo_app.py#stopping
      > swift: Tutorials/Examples/LessonTwins.swift#stopping

      ## Step 1 — A connection kept alive

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/.
      > check: sent method == GET and path == / and status == 200
      > solution: curl {{base}}/
      > saw: {status} in {duration}. The client keeps the connection open for its next request (the Server pane counts it: conns 1), as browsers do; Tornado's client closes it.
      > hint: F1 shows "conns 1" while the client keeps it.

      ## Step 2 — stop()

      > do: In the Server pane (F1) press s: stop().
      > check: server status == stopped
      > solution: keys server s
      > saw: The server listens no more, but the Server pane still counts the kept-alive connection: stop() closes no connection.
      > hint: The status line says how many kept-alive connections are still served.

      ## Step 3 — The kept-alive connection is still served

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/ again.
      > check: sent method == GET and path == / and status == 200
      > solution: curl {{base}}/
      > saw: {status} from a stopped server: the request went over the connection stop() left open. A new client could not connect.
      > hint: The builder reuses the connection it kept; nothing new is accepted.

      ## Step 4 — closeAllConnections()

      > do: In the Server pane (F1) press K: closeAllConnections().
      > check: server status == stopped and connections == 0
      > solution: keys server K
      > saw: No connection is left: this is what close_all_connections() is for, after stop().
      > hint: K closes every open connection; the builder's client forgets the one it kept.

      ## Step 5 — Nobody answers

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/.
      > check: sent status == 599 and error == refused
      > solution: curl {{base}}/
      > saw: Code {code}, error {error}: no connection is open and none is accepted, so the connection is refused.
      > hint: The port is closed now: the client cannot connect, and says so.

      ## Step 6 — Start it again

      > do: In the Server pane (F1) press s; then in the builder (F2) Ctrl-R sends GET {{base}}/ once more.
      > check: sent method == GET and path == / and status == 200
      > solution: keys server s
      > solution: curl {{base}}/
      > saw: {status} in {duration}: started again, the server takes new connections.
      > hint: The status line shows ● running again; Ctrl-R in the builder sends.

      """#####
    ),
    (
      name: "09-redirects.md",
      text: #####"""
      # Redirects

      A `3xx` answer says "look elsewhere" with a `Location` header. Tornado's `RedirectHandler`
      answers one without a page of its own; Tornado's client follows it by itself
      (`follow_redirects=True`, up to `max_redirects=5`), so the code that fetched sees the final
      answer. The echo app maps `/redirect` to a `RedirectHandler` pointing at `/`, not permanent: a
      `302 Found`.

      > setup: app=echo
      > setup: routes none
      > setup: builder GET {{base}}/redirect

      > python: Tutorials/Python/echo_app.py#redirect-route
      > swift: Tutorials/Examples/Examples.swift#redirect-route

      ## Step 1 — The server says where to look

      The builder already holds `GET {{base}}/redirect`.

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/redirect.
      > check: served method == GET and path == /redirect and status == 302 and header.Location == /
      > solution: keys builder Ctrl-R
      > saw: {status} {reason} with Location: {header.Location}: the RedirectHandler wrote no page, only where to go.
      > hint: Ctrl-R sends from any section of the builder.
      > hint: The Log (F3) shows two ← lines for one send: /redirect, then /.

      ## Step 2 — The client followed it

      The Log showed the server answering twice. The builder's Response section shows one answer:
      the `302` itself, or the page its `Location` points to?

      > do: In the builder (F2): 6 for the Response section, then Ctrl-R sends the same request again.
      > check: sent path == /redirect and status == 200 and body contains "Hello, world"
      > predict: status: /redirect answers 302. Which status will the builder show you?
      > solution: curl {{base}}/redirect
      > saw: You asked for {path} and got {status} {reason} with "Hello, world": the client read the Location and asked again by itself, as Tornado's does.
      > hint: The Response section's Headers tab (]) shows the final answer's headers, not the 302's.

      ## Step 3 — Not following: follow_redirects=False

      A client that turns redirects off gets the `3xx` itself, `Location` and all: what a crawler or a
      link checker wants.

      > python: Tutorials/Python/hello_client.py#client-redirects
      > swift: Tutorials/Examples/LessonTwins.swift#client-redirects

      > do: In the builder (F2): 5 for Options, ↓ to followRedirects, Enter (it becomes false); then Ctrl-R sends it.
      > check: sent path == /redirect and status == 302
      > solution: curl {{base}}/redirect
      > solution: builder followRedirects=false
      > solution: keys builder Ctrl-R
      > saw: {status} {reason} with Location {header.Location}: the client did not follow it, so the redirect itself is the answer.
      > hint: Enter on a true/false option toggles it for this request; d puts it back to the client's default.

      ## Step 4 — A limit: max_redirects

      Following is on again, but the client may follow at most `maxRedirects` redirects. Past the
      limit Tornado's client hands back the last `3xx` (with `raise_error`, as `HTTPClientError(302)`):
      a loop of redirects cannot run forever.

      > do: In the builder (F2): 5 for Options, d on followRedirects (back to true), ↓ to maxRedirects, Enter, type 0, Enter; then Ctrl-R sends it.
      > check: sent path == /redirect and status == 302
      > solution: builder followRedirects=
      > solution: builder maxRedirects=0
      > solution: keys builder Ctrl-R
      > saw: {status} {reason}: with maxRedirects 0 the client may follow none, so the 302 is the answer.
      > hint: d on an option gives it back to the client's default; maxRedirects is the row under followRedirects.

      ## Step 5 — Exercise: a redirect of your own

      No dictation this time. Goal: `GET {{base}}/old` in the builder ends on "Hello, Ada", by way of a
      permanent redirect (`301`) you add in the Server pane to `/greet/Ada`. Give the client back its
      default limit first.

      > do: Goal: GET {{base}}/old from the builder ends on "Hello, Ada" through a 301 you add in the Server pane.
      > check: sent path == /old and status == 200 and body contains "Hello, Ada"
      > solution: route GET /old 301 header=Location:/greet/Ada
      > solution: curl {{base}}/old
      > saw: {path} answered {status} "Hello, Ada" in the end: your 301 pointed the client to /greet/Ada and it followed.
      > hint: The route editor (F1, then a) has a Headers field: a Location header is the redirect's target.
      > hint: F1, a: Method GET, Path regex /old, Status 301, Headers Location: /greet/Ada; Enter saves. Then F2: 5, d on maxRedirects; u, type {{base}}/old, Enter sends it.

      """#####
    ),
    (
      name: "10-max-clients.md",
      text: #####"""
      # The client's queue: max_clients

      Tornado's `AsyncHTTPClient` opens at most `max_clients` connections at once (10 by default);
      more requests wait in its queue, and their `request_timeout` counts the wait. So a burst of 50
      "at once" is ten at a time as far as the server can see. The builder's client does the same:
      its `maxClients` row in Options (5) is Tornado's `max_clients`.

      > setup: app=echo
      > setup: routes none
      > setup: builder GET {{base}}/slow?delay=0.5

      > python: Tutorials/Python/hello_client.py#max-clients
      > swift: Tutorials/Examples/LessonTwins.swift#max-clients

      ## Step 1 — Fifty at once, ten at a time

      Each request to `/slow?delay=0.5` waits half a second, awaiting: the server could answer all 50
      together. The client is what holds them back.

      > do: In the builder (F2): B, type 50, Tab, type 50, Enter (the URL is ready: {{base}}/slow?delay=0.5).
      > check: burst count >= 50 and concurrency >= 50 and max >= 2s
      > solution: burst 50 50
      > saw: {count} requests, {concurrency} "at once": p50 {p50}, max {max}. The client sent 10 at a time (maxClients), so the last ones waited about five rounds of 0.5 s.
      > hint: B opens the burst form: requests, Tab, at once, Enter runs it.
      > hint: The Server pane (F1) shows conns 10 while it runs: the client's ten connections.

      ## Step 2 — Raise max_clients

      > do: In the builder (F2): 5 for Options, ↓ to maxClients, Enter, type 50, Enter; then B, type 50, Tab, type 50, Enter.
      > check: burst count >= 50 and concurrency >= 50 and p50 <= 1.5s
      > solution: builder maxClients=50
      > solution: burst 50 50
      > saw: {count} requests with 50 connections: p50 {p50}, max {max}. With maxClients 50 they really went at once, and the awaiting handler answered them together.
      > hint: maxClients is the last option row, under decompressResponse.
      > hint: The Server pane (F1) now shows up to 50 connections.

      ## Step 3 — Back to Tornado's default

      Twenty at once with ten connections: two rounds. The queue is invisible to the code that called
      `fetch`: only the time says it was there.

      > do: In the builder (F2): 5 for Options, d on maxClients (back to 10); then B, type 20, Tab, type 20, Enter.
      > check: burst count >= 20 and concurrency >= 20 and max >= 1s
      > solution: builder maxClients=
      > solution: burst 20 20
      > saw: {count} requests, {concurrency} asked at once, max {max}: ten went first, ten waited their turn in the client's queue.
      > hint: d on an option row gives it back to its default.

      """#####
    ),
    (
      name: "11-keep-alive.md",
      text: #####"""
      # Keep-alive: one connection, many requests

      HTTP/1.1 keeps a connection open after a response, so the next request skips the new TCP
      connection. Tornado's `HTTPServer` keeps it unless the request says `Connection: close`, or the
      server was made with `no_keep_alive=True`; a kept connection that stays idle is closed after
      `idle_connection_timeout` (an hour by default). The builder's client keeps its connections too,
      as Tornado's does.

      > setup: app=echo
      > setup: routes none
      > setup: option noKeepAlive=false
      > setup: option idleConnectionTimeout=3600
      > setup: builder GET {{base}}/

      > python: Tutorials/Python/echo_app.py#keep-alive-options
      > swift: Tutorials/Examples/LessonTwins.swift#keep-alive-options

      ## Step 1 — Many requests, one connection

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/; then look at the Server pane (F1): conns stays at 1 however often you send.
      > check: served method == GET and path == / and status == 200
      > solution: keys builder Ctrl-R
      > saw: {status} {reason} in {duration}, over the connection the client kept: no new TCP handshake for it.
      > hint: Ctrl-R sends from any section; send a few times and watch the Server pane's conns and reqs.

      ## Step 2 — The request says Connection: close

      A client that will not send more asks the server, with `Connection: close`, to close the
      connection after the response. What does Tornado say back, and what does it do?

      > do: In the builder (F2): 2 for Headers, a, name Connection, Tab, value close, Enter; then Ctrl-R sends it.
      > check: served method == GET and path == / and reqheader.Connection == close and header.Connection == close
      > predict: header.Connection: You ask for Connection: close. What will the server's Connection header say?
      > solution: curl {{base}}/ -H 'Connection: close'
      > saw: You sent Connection: {reqheader.Connection}; the server answered Connection: {header.Connection} and closed: the next request opens a new connection.
      > hint: Tab in the name field completes common header names (Connection is one).

      ## Step 3 — One lane, many requests

      > do: In the Log (F3): t shows the timeline: the connection you kept is one lane, its requests bars on it, dots between them while it waits open.
      > check: view timeline == shown
      > solution: keys log t
      > saw: A kept connection's lane goes on between its requests (·), and ends where the answer to your Connection: close request closed it.
      > hint: z zooms the Log pane; t goes back to the list.

      ## Step 4 — The server says no: no_keep_alive

      > do: In the Server pane (F1): ↓ to noKeepAlive, Space (it becomes true; the server restarts with it).
      > check: option noKeepAlive == true
      > solution: option noKeepAlive=true
      > saw: noKeepAlive is on: every answer now ends its connection, whatever the client asks.
      > hint: Space or Enter toggles a true/false option; the server restarts with the new value.

      ## Step 5 — Every answer closes

      Take the `Connection` header off (or switch it off with Space): the server closes all the same.

      > do: In the builder (F2): 2 for Headers, d on the Connection row; then Ctrl-R sends GET {{base}}/.
      > check: served method == GET and path == / and header.Connection == close and reqheader.Connection != close
      > solution: curl {{base}}/
      > saw: Connection: {header.Connection} although the request did not ask for it: no_keep_alive decided.
      > hint: d deletes the selected row of the Headers section.

      ## Step 6 — Exercise: an idle connection closed

      Goal: watch the server close a kept connection that stays idle, as `idle_connection_timeout` does.
      Keep-alive must be on again, and the timeout short enough to wait for: 2 seconds.

      > do: Goal: the server closes an idle kept-alive connection after 2 s (noKeepAlive off, idleConnectionTimeout 2, one request, then wait).
      > check: refused cause == idleTimeout
      > solution: option noKeepAlive=false
      > solution: option idleConnectionTimeout=2
      > solution: curl {{base}}/
      > saw: The server closed a connection idle for idleConnectionTimeout: the Log shows it as ⊘ with no request, as Tornado closes it without a word.
      > hint: F1: noKeepAlive back to false (Space); ↓ to idleConnectionTimeout, Enter, type 2, Enter.
      > hint: Then F2, Ctrl-R once, and wait two seconds: the Log (F3) shows the close.

      """#####
    ),
    (
      name: "12-errors.md",
      text: #####"""
      # Errors: HTTPError, a 500, and write_error

      A handler stops with an error page in two ways: it raises `HTTPError(status)` (Tornado's
      `tornado.web.HTTPError`, Squall's `HTTPError`), or something else goes wrong and escapes it,
      which becomes `500 Internal Server Error` with the details in the log, never in the page. Either
      way `send_error` clears what was written and calls `write_error`, which a handler can override
      to change what an error page looks like.

      > setup: app=echo
      > setup: routes none
      > setup: builder GET {{base}}/teapot

      ## Step 1 — Raising HTTPError

      > python: Tutorials/Python/echo_app.py#teapot-handler
      > swift: Tutorials/Examples/LessonTwins.swift#teapot-handler

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/teapot.
      > check: served method == GET and path == /teapot and status == 418
      > solution: keys builder Ctrl-R
      > saw: {status} {reason}: the handler raised HTTPError(418) and Tornado's default error page went out; "asked for coffee" went to the log only.
      > hint: Ctrl-R sends from any section; the Response section (6) shows the page.

      ## Step 2 — An error nobody caught

      > python: Tutorials/Python/echo_app.py#boom-handler
      > swift: Tutorials/Examples/LessonTwins.swift#boom-handler

      > do: In the builder (F2): u, type {{base}}/boom, Enter sends it.
      > check: served method == GET and path == /boom and status == 500
      > solution: curl {{base}}/boom
      > saw: {status} {reason}: a KeyError escaped the handler. The client learns only that it failed; the server's log has the rest.
      > hint: u edits the URL; Enter in the URL field sends.

      ## Step 3 — write_error decides the page

      > python: Tutorials/Python/echo_app.py#json-errors
      > swift: Tutorials/Examples/LessonTwins.swift#json-errors

      > do: In the builder (F2): u, type {{base}}/oops?status=404, Enter sends it.
      > check: served method == GET and path == /oops and status == 404 and header.Content-Type contains json and body contains "Not Found"
      > solution: curl '{{base}}/oops?status=404'
      > saw: {status} with a JSON page ({header.Content-Type}): write_error wrote it instead of the HTML one.
      > hint: The handler raises HTTPError with the status from the query; its write_error writes JSON.

      ## Step 4 — The client's side of an error

      Tornado's client raises `HTTPClientError` for a non-2xx answer unless `raise_error=False`; the
      builder shows the answer either way, page and all.

      > do: In the builder (F2): u, type {{base}}/oops?status=503, Enter sends it.
      > check: sent path == /oops and status == 503 and body contains "Service Unavailable"
      > solution: curl '{{base}}/oops?status=503'
      > saw: {status} {reason} came back with its JSON page: with raise_error the fetch would have raised HTTPClientError({status}).
      > hint: The Response section shows the status coloured by class: 5xx in red.

      ## Step 5 — Exercise: a JSON error of your own

      Goal: get a JSON error page that says `Too Many Requests` from the echo app, without writing
      code: the handler of step 3 takes any status.

      > do: Goal: a JSON error page with status 429 from the echo app.
      > check: served path == /oops and status == 429 and body contains "Too Many Requests"
      > solution: curl '{{base}}/oops?status=429'
      > saw: {status} {reason}, as JSON: the same write_error, another status.
      > hint: The status comes from the query: ?status=…
      > hint: u, type {{base}}/oops?status=429, Enter.

      """#####
    ),
    (
      name: "13-streaming.md",
      text: #####"""
      # Streaming with flush()

      `write` only adds to a buffer: Tornado sends the response when the handler finishes, with a
      `Content-Length`. `flush()` sends what is buffered now, before the handler is done; the size is
      not known yet, so HTTP/1.1 frames the body in chunks (`Transfer-Encoding: chunked`) and the
      client reads each as it comes. The echo app's `/stream` writes and flushes `count` chunks.

      > setup: app=echo
      > setup: routes none
      > setup: builder GET {{base}}/stream

      > python: Tutorials/Python/echo_app.py#stream-handler
      > swift: Tutorials/Examples/Examples.swift#stream-handler

      ## Step 1 — Chunks on the wire

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/stream.
      > check: served method == GET and path == /stream and status == 200 and header.Transfer-Encoding == chunked
      > solution: keys builder Ctrl-R
      > saw: Transfer-Encoding: {header.Transfer-Encoding} and no Content-Length: each flush() sent a chunk before the handler was done.
      > hint: The Log (F3): Enter on the ← line shows the response head and the raw request.

      ## Step 2 — Written at once: a Content-Length

      A handler that only writes is sent whole when it finishes, its size known.

      > do: In the builder (F2): u, type {{base}}/greet/Ada, Enter sends it.
      > check: served method == GET and path == /greet/Ada and status == 200 and header.Content-Length == 10
      > solution: curl {{base}}/greet/Ada
      > saw: Content-Length: {header.Content-Length}: "Hello, Ada" went out in one piece, after the handler returned.
      > hint: Compare the two answers' headers in the Log (F3, Enter on each).

      ## Step 3 — The client puts the chunks together

      The client reads the chunks as they arrive and hands back one body (Tornado's
      `streaming_callback` would see each chunk instead).

      > do: In the builder (F2): u, type {{base}}/stream?count=8, Enter sends it.
      > check: sent path == /stream and status == 200 and body contains "chunk 8"
      > solution: curl '{{base}}/stream?count=8'
      > saw: One body of eight lines, although it crossed the wire as eight chunks and a last empty one.
      > hint: The Response section (6) shows the body: chunk 1 to chunk 8.

      ## Step 4 — One chunk or many, the same framing

      > do: In the builder (F2): u, type {{base}}/stream?count=1, Enter sends it.
      > check: served method == GET and path == /stream and status == 200 and header.Transfer-Encoding == chunked and body contains "chunk 1"
      > solution: curl '{{base}}/stream?count=1'
      > saw: Even one flushed chunk means chunked framing: once the head is sent, the size cannot follow it.
      > hint: The Log shows the body size of each answer: count=1 is the smallest.

      ## Step 5 — Exercise: a long stream

      Goal: have the server stream at least twelve chunks to the builder.

      > do: Goal: a streamed answer with at least twelve chunks from the echo app.
      > check: served path == /stream and status == 200 and body contains "chunk 12"
      > solution: curl '{{base}}/stream?count=12'
      > saw: {status} with a body that reached chunk 12: each one flushed as the handler went.
      > hint: /stream takes the number of chunks from the query.
      > hint: u, type {{base}}/stream?count=12, Enter.

      """#####
    ),
    (
      name: "14-cookies.md",
      text: #####"""
      # Cookies: set_cookie and get_cookie

      A cookie is a name and value the server asks the client to keep (`Set-Cookie`) and send back
      with later requests (`Cookie`). Tornado's handler sets one with `set_cookie` and reads it with
      `get_cookie`. Tornado's `AsyncHTTPClient` keeps no cookies by itself (it is not a browser), and
      neither does the builder: sending one back is up to you.

      > setup: app=echo
      > setup: routes none
      > setup: builder GET {{base}}/visits

      > python: Tutorials/Python/echo_app.py#visits-handler
      > swift: Tutorials/Examples/LessonTwins.swift#visits-handler

      ## Step 1 — The server sets a cookie

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/visits.
      > check: served method == GET and path == /visits and status == 200 and header.Set-Cookie contains "visits=1" and body contains "Visit number 1"
      > solution: keys builder Ctrl-R
      > saw: Set-Cookie: {header.Set-Cookie}: the server asked the client to keep visits=1 and send it back.
      > hint: The Response section's Headers tab (6, then ]) shows the Set-Cookie header.

      ## Step 2 — The client kept nothing

      > do: In the builder (F2): Ctrl-R sends it again.
      > check: sent path == /visits and status == 200 and body contains "Visit number 1"
      > solution: keys builder Ctrl-R
      > saw: Still {body}: the request carried no Cookie, so the handler's get_cookie found nothing and started from 0.
      > hint: The Log (F3), Enter on the → line: the request headers have no Cookie.

      ## Step 3 — Sending it back

      The value of the last answer's `Set-Cookie` is a variable: no retyping.

      > do: In the builder (F2): 2 for Headers, a, name Cookie, Tab, value {{response.header.Set-Cookie}}, Enter; then Ctrl-R sends it.
      > check: served method == GET and path == /visits and reqheader.Cookie contains "visits=1" and body contains "Visit number 2"
      > solution: curl {{base}}/visits -H 'Cookie: {{response.header.Set-Cookie}}'
      > saw: Cookie: {reqheader.Cookie} went out and the handler counted {body}: get_cookie read what set_cookie had set.
      > hint: {{response.header.Set-Cookie}} is "visits=1; Path=/": sent as a Cookie, it carries visits=1 (and a cookie named Path, which the handler ignores).

      ## Step 4 — Exercise: visit number 5

      Goal: make the server answer "Visit number 5", by choosing what the request's `Cookie` says.

      > do: Goal: GET {{base}}/visits answers "Visit number 5".
      > check: served method == GET and path == /visits and body contains "Visit number 5"
      > solution: curl {{base}}/visits -H 'Cookie: visits=4'
      > saw: {body}: the server trusted the count the client sent. A plain cookie is the client's to change: Tornado's set_secure_cookie signs one for what must not be forged.
      > hint: The handler adds one to the visits cookie it receives.
      > hint: 2 for Headers, e on the Cookie row, value visits=4, Enter; Ctrl-R.

      """#####
    ),
    (
      name: "15-static-files.md",
      text: #####"""
      # Static files: HEAD, Last-Modified and byte ranges

      Tornado's `StaticFileHandler` serves the files of a folder (`static_path` sets one up at
      `/static/`). Beyond the bytes it answers what caches and download tools ask: `HEAD` (the
      headers alone), `Last-Modified` with `If-Modified-Since` (a `304` when nothing changed), an
      `Etag` (here the SHA-512 of the content) and `Range` (a part of the file, `206`).

      > setup: app=echo
      > setup: routes none
      > setup: builder GET {{base}}/static/hello.txt

      > python: Tutorials/Python/echo_app.py#static-route
      > swift: Tutorials/Examples/Examples.swift#static-route

      ## Step 1 — A file from a folder

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/static/hello.txt.
      > check: served method == GET and path == /static/hello.txt and status == 200 and header.Accept-Ranges == bytes and body contains "static file"
      > solution: keys builder Ctrl-R
      > saw: {header.Content-Length} bytes of {header.Content-Type}, last modified {header.Last-Modified}, with Accept-Ranges: {header.Accept-Ranges}: the file, and what a cache needs to ask about it later.
      > hint: The Response section's Headers tab (6, then ]) shows Etag, Last-Modified and Accept-Ranges.

      ## Step 2 — HEAD: the headers without the body

      > do: In the builder (F2): m and choose HEAD; then Ctrl-R sends it.
      > check: served method == HEAD and path == /static/hello.txt and status == 200 and header.Content-Length >= 1
      > solution: curl -X HEAD {{base}}/static/hello.txt
      > saw: Content-Length: {header.Content-Length}, and no body: HEAD asks what a GET would answer, without the bytes (a size or a date checked before a download).
      > hint: The method list (m) has HEAD below DELETE: ↓ to it, Enter.

      ## Step 3 — Not modified since

      The last answer's `Last-Modified` is a variable: send it back as `If-Modified-Since`.

      > do: In the builder (F2): m and choose GET; 2 for Headers, a, name If-Modified-Since, Tab, value {{response.header.Last-Modified}}, Enter; then Ctrl-R sends it.
      > check: served method == GET and path == /static/hello.txt and status == 304 and reqheader.If-Modified-Since contains GMT
      > solution: curl {{base}}/static/hello.txt -H 'If-Modified-Since: {{response.header.Last-Modified}}'
      > saw: {status} {reason} and no body: the file has not changed since {reqheader.If-Modified-Since}, so the copy the client holds is still good.
      > hint: {{response.header.Last-Modified}} is the date of the HEAD answer of step 2.

      ## Step 4 — A range of bytes

      > do: In the builder (F2): 2 for Headers, d on the If-Modified-Since row; a, name Range, Tab, value bytes=13-18, Enter; then Ctrl-R sends it.
      > check: served method == GET and path == /static/hello.txt and status == 206 and header.Content-Range contains "bytes 13-18/" and body == static
      > solution: curl {{base}}/static/hello.txt -H 'Range: bytes=13-18'
      > saw: {status} {reason}: bytes 13 to 18 are "{body}", and Content-Range: {header.Content-Range} says where they sit in the whole file.
      > hint: Byte ranges count from 0 and include both ends: 13-18 is six bytes.

      ## Step 5 — Exercise: the end of the file

      Goal: fetch only the last six bytes of the file, whatever its size.

      > do: Goal: GET {{base}}/static/hello.txt answers 206 with the file's last 6 bytes.
      > check: served method == GET and path == /static/hello.txt and status == 206 and reqheader.Range contains "bytes=-" and header.Content-Range contains /26
      > solution: curl {{base}}/static/hello.txt -H 'Range: bytes=-6'
      > saw: Content-Range: {header.Content-Range}: a suffix range asks for the last bytes without knowing the size, as a program reading the end of a log does.
      > hint: A range written bytes=-N counts N bytes back from the end.
      > hint: 2 for Headers, e on the Range row, value bytes=-6, Enter; Ctrl-R.

      """#####
    ),
    (
      name: "16-gzip.md",
      text: #####"""
      # Compression: compress_response and decompress_response

      With `compress_response=True` a Tornado application gzips an answer when the client says it
      accepts gzip, the body is 1024 bytes or more and its type is text-like (HTML, JSON, CSS…).
      Tornado's client asks for gzip and inflates the answer by itself (`decompress_response`, on
      by default); you see the JSON, not the gzip. The builder's client does the same.

      > setup: app=echo
      > setup: routes none
      > setup: option compressResponse=false
      > setup: builder GET {{base}}/numbers

      > python: Tutorials/Python/echo_app.py#gzip-settings
      > swift: Tutorials/Examples/LessonTwins.swift#gzip-settings

      ## Step 1 — A long answer, sent plain

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/numbers.
      > check: sent method == GET and path == /numbers and status == 200 and not header.X-Consumed-Content-Encoding exists and header.Content-Length >= 1024
      > solution: keys builder Ctrl-R
      > saw: Content-Length: {header.Content-Length}: the JSON crossed the wire as it is, although the client asked with Accept-Encoding: {reqheader.Accept-Encoding}. The server does not compress unless told to.
      > hint: The Response section's Headers tab (6, then ]) shows Content-Length.

      ## Step 2 — Turn on compress_response

      > do: In the Server pane (F1): ↓ to compressResponse, Space (it becomes true; the server restarts with it).
      > check: option compressResponse == true
      > solution: option compressResponse=true
      > saw: compressResponse is on: answers of 1024 bytes or more go gzipped to a client that accepts it.
      > hint: Space or Enter toggles a true/false option; the server restarts with the new value.

      ## Step 3 — The same JSON, gzipped

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/numbers again.
      > check: sent method == GET and path == /numbers and status == 200 and header.X-Consumed-Content-Encoding == gzip and header.Vary == Accept-Encoding
      > solution: keys builder Ctrl-R
      > saw: Content-Length: {header.Content-Length}: that many gzip bytes crossed the wire for the same JSON. The client inflated them and, as Tornado's does, renamed Content-Encoding to X-Consumed-Content-Encoding: {header.X-Consumed-Content-Encoding}.
      > hint: Compare Content-Length with step 1's: the Log (F3) keeps both answers.

      ## Step 4 — Too short to be worth it

      > do: In the builder (F2): 1 for Params, a, name count, Tab, value 10, Enter; then Ctrl-R sends it.
      > check: sent method == GET and path == /numbers and query contains "count=10" and not header.X-Consumed-Content-Encoding exists and header.Vary == Accept-Encoding
      > solution: curl '{{base}}/numbers?count=10'
      > saw: {header.Content-Length} bytes, not compressed: Tornado gzips only bodies of 1024 bytes or more. Vary: {header.Vary} still tells a cache that the answer depends on the request's Accept-Encoding.
      > hint: Params are the URL's query arguments: count=10 asks for ten numbers.

      ## Step 5 — Exercise: the client that does not ask

      Goal: get the long answer (300 numbers) plain from the compressing server: a client that does
      not inflate does not ask for gzip.

      > do: Goal: GET {{base}}/numbers answers more than 1024 bytes, not gzipped, from the compressing server.
      > check: sent method == GET and path == /numbers and status == 200 and not header.X-Consumed-Content-Encoding exists and not header.Content-Encoding exists and header.Content-Length >= 1024
      > solution: curl {{base}}/numbers
      > solution: builder decompressResponse=false
      > solution: keys builder Ctrl-R
      > saw: Content-Length: {header.Content-Length}, plain: a client that does not ask for gzip (decompress_response=False sends no Accept-Encoding; Accept-Encoding: identity says so outright) gets the JSON as it is.
      > hint: decompressResponse is one of the builder's Options (5).
      > hint: 5 for Options, ↓ to decompressResponse, Enter (false); 1 for Params, d on count; Ctrl-R.

      """#####
    ),
    (
      name: "17-xheaders.md",
      text: #####"""
      # Behind a proxy: xheaders

      In production a Tornado server often sits behind a proxy (nginx, a load balancer): every
      connection then comes from the proxy, and the client's own address arrives in a header the proxy
      adds (`X-Real-Ip`, `X-Forwarded-For`), its scheme in `X-Forwarded-Proto`. With `xheaders=True`
      the server believes them: `request.remote_ip` and `request.protocol` say what the proxy says.

      > setup: app=echo
      > setup: routes none
      > setup: option xheaders=false
      > setup: builder GET {{base}}/whoami

      > python: Tutorials/Python/echo_app.py#xheaders-options
      > swift: Tutorials/Examples/LessonTwins.swift#xheaders-options

      ## Step 1 — Who is asking

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/whoami.
      > check: served method == GET and path == /whoami and status == 200 and body contains 127.0.0.1
      > solution: keys builder Ctrl-R
      > saw: {body}: the address of the connection's other end (your own machine) and the scheme it spoke.
      > hint: /whoami writes the handler's request.remote_ip and request.protocol.

      ## Step 2 — A header claims another address

      > do: In the builder (F2): 2 for Headers, a, name X-Real-Ip, Tab, value 203.0.113.7, Enter; then Ctrl-R sends it.
      > check: served method == GET and path == /whoami and reqheader.X-Real-Ip == 203.0.113.7 and body contains 127.0.0.1
      > solution: curl {{base}}/whoami -H 'X-Real-Ip: 203.0.113.7'
      > saw: Still {body}: without xheaders the server ignores what a header claims, since any client can send one.
      > hint: 203.0.113.7 is an address kept for documentation: it belongs to no one.

      ## Step 3 — Trust the proxy: xheaders

      > do: In the Server pane (F1): ↓ to xheaders, Space (it becomes true; the server restarts with it).
      > check: option xheaders == true
      > solution: option xheaders=true
      > saw: xheaders is on: the server now believes X-Real-Ip, X-Forwarded-For and X-Forwarded-Proto.
      > hint: Space or Enter toggles a true/false option; the server restarts with the new value.

      ## Step 4 — Now the header counts

      > do: In the builder (F2): Ctrl-R sends the same request again.
      > check: served method == GET and path == /whoami and reqheader.X-Real-Ip == 203.0.113.7 and body contains 203.0.113.7
      > solution: keys builder Ctrl-R
      > saw: {body}: remote_ip is what X-Real-Ip says. Turn xheaders on only behind a proxy that sets these headers itself, or any client can claim any address.
      > hint: A value that is not an IP address is ignored, as Tornado ignores it: try X-Real-Ip nobody.

      ## Step 5 — Exercise: https behind the proxy

      Goal: the proxy took the client's https connection and forwards it as plain http. Make the
      server's `request.protocol` say `https`.

      > do: Goal: GET {{base}}/whoami answers with "protocol": "https".
      > check: served method == GET and path == /whoami and body contains https
      > solution: curl {{base}}/whoami -H 'X-Forwarded-Proto: https'
      > saw: {body}: X-Forwarded-Proto told the server the client's scheme, so a redirect or a URL it builds says https.
      > hint: The proxy names the client's scheme in the X-Forwarded-Proto header (lower case: Tornado takes http or https only).
      > hint: 2 for Headers, a, name X-Forwarded-Proto, Tab, value https, Enter; Ctrl-R.

      """#####
    ),
    (
      name: "18-compare-with-tornado.md",
      text: #####"""
      # The twin and the original: Squall beside real Tornado

      Every example here has a Python twin under `Tutorials/Python/` that runs on Tornado itself.
      With `python3` and Tornado installed, the Server pane can start the same app on real Tornado,
      on a port of its own (`T`), and the builder can send one request to both servers (`=`): the
      Compare tab shows the two answers side by side, header by header. `Date` and `Server` differ by
      nature and are set aside; a difference Squall makes on purpose is labelled with its reason.
      (The Tornado twin runs with Tornado's defaults: a Server pane option you change shows up as a
      difference.)
      From the command line, `squall compare PATH` does the same.

      > setup: app=hello
      > setup: routes none
      > setup: option compressResponse=false
      > setup: option xheaders=false
      > setup: option noKeepAlive=false
      > setup: builder GET {{base}}/

      > python: Tutorials/Python/hello_server.py#listen
      > swift: Tutorials/HelloServer/main.swift#listen

      ## Step 1 — Start the original

      > do: In the Server pane (F1): T starts the Tornado reference (the hello app on real Tornado).
      > check: server tornado == running
      > solution: keys server T
      > saw: Tornado runs the seed's own Python app beside Squall's Swift twin: the Server pane says its version and port.
      > hint: It takes a second or two: python3 starts and imports Tornado.
      > hint: If the pane says Tornado is not found: python3 -m pip install tornado (add --break-system-packages on Debian 12), then T again.

      ## Step 2 — The same request to both

      > do: In the builder (F2): = sends GET {{base}}/ to Squall and to Tornado; the Compare tab opens.
      > check: compared method == GET and path == / and status == 200 and verdict == same
      > solution: keys builder =
      > saw: {summary} Status line, every header in order and case, the framing and the 12 bytes of the body: the twin answers as the original does.
      > hint: = compares; Ctrl-R still sends to Squall alone.

      ## Step 3 — A difference on purpose

      > do: In the builder (F2): m and choose POST; then = compares POST {{base}}/.
      > check: compared method == POST and path == / and status == 405 and verdict == documented
      > solution: curl -X POST {{base}}/
      > solution: keys builder =
      > saw: {summary} Both answer 405, but Squall's names the methods the route allows (Allow: GET), as RFC 9110 requires and Tornado omits: the Compare tab gives the reason, as README's list of differences does.
      > hint: The ≈ line is the documented difference; ≠ would be one nobody explained.

      ## Step 4 — Exercise: a JSON body on the echo app

      Goal: compare a POST of a JSON body to `/echo` on both servers. The echo app answers with the
      request as JSON, so anything the two servers read differently shows.

      > do: Goal: with the echo app (A in the Server pane; Tornado follows), = compares POST {{base}}/echo with a JSON body, and the two answers are the same.
      > check: compared method == POST and path == /echo and status == 200 and verdict == same
      > solution: keys server A
      > solution: curl {{base}}/echo --json '{"name": "Ada"}'
      > solution: keys builder =
      > saw: {summary} Both read the same method, path, arguments, headers and body, and wrote them as the same JSON, byte for byte.
      > hint: A in the Server pane switches the app to echo (Tornado follows it).
      > hint: F2: u, type {{base}}/echo, Esc; 3 for Body, k until json, e, type {"name": "Ada"}, Esc; then =.

      """#####
    ),
    (
      name: "19-bytes-on-the-wire.md",
      text: #####"""
      # Bytes on the wire

      Every lesson so far read HTTP through a parser: a status, headers, a body. On the wire it is
      bytes: a request line, header lines each ending in CR LF (the Raw view shows it `␍␊`), an empty
      line, then a body, its end said by `Content-Length`, by chunks, or by the connection's close
      (and some answers have none: to a HEAD, a 1xx, a 204, a 304). Tornado's `HTTP1Connection`
      writes and reads exactly these bytes; so does Squall's server, and the builder shows them both
      ways.

      > setup: app=echo
      > setup: routes none
      > setup: option compressResponse=false
      > setup: builder GET {{base}}/echo?lesson=19

      ## Step 1 — A request before it goes

      `W` in the builder shows the bytes the request would put on the wire, sending nothing (HTTPie's
      `--offline`; `squall fetch --offline URL` prints the same).

      > do: In the builder (F2): W shows the exact bytes of GET {{base}}/echo?lesson=19, sent nowhere.
      > check: view wire == shown
      > solution: keys builder W
      > saw: A request line, a header per line, each ending in ␍␊, then an empty line: that is the whole of a GET. Nothing was sent.
      > hint: W toggles the wire bytes; they follow your edits.

      ## Step 2 — An answer framed by Content-Length

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/echo?lesson=19.
      > check: served method == GET and path == /echo and raw contains "Content-Length: "
      > solution: keys builder Ctrl-R
      > saw: Content-Length: {header.Content-Length}: the whole body was ready, so the server said its size and the client read exactly that many bytes after the empty line.
      > hint: Ctrl-R sends from any section of the builder.

      ## Step 3 — The Raw tab

      The Response section's tabs are Body, Headers, Raw, Timing and Compare; `]` moves to the next
      one.

      > do: In the builder (F2): 6 for the Response section, then ] until the Raw tab shows the bytes.
      > check: view tab == raw
      > solution: keys builder 6 ] ]
      > saw: The answer as the server wrote it, its line ends shown, then the request as the server read it: the same bytes the Log's open entry shows (F3, Enter, then r).
      > hint: ] moves right along the tabs, [ left.

      ## Step 4 — Chunks

      A handler that calls `flush()` sends its head before it knows the body's size: Tornado then
      frames the body in chunks, each its size in hexadecimal, `␍␊`, the bytes, `␍␊`, and a last
      chunk of size 0.

      > do: In the builder (F2): u, type {{base}}/stream?count=3, Enter sends it; the Raw tab stays in view.
      > check: served method == GET and path == /stream and raw contains "Transfer-Encoding: chunked"
      > solution: curl '{{base}}/stream?count=3'
      > saw: Transfer-Encoding: {header.Transfer-Encoding} and no Content-Length: the Raw tab marks each chunk's size line (8 bytes for "chunk 1" and its line feed) and the last chunk, 0.
      > hint: u edits the URL; Enter sends it.

      ## Step 5 — Gzip's bytes

      > do: In the Server pane (F1): ↓ to compressResponse, Space; then in the builder (F2): u, type {{base}}/numbers, Enter.
      > check: served method == GET and path == /numbers and header.Content-Encoding == gzip
      > solution: option compressResponse=true
      > solution: curl {{base}}/numbers
      > saw: The Raw tab shows gzip's bytes as a hex dump (1f 8b: gzip's first two bytes); the Body tab shows the JSON the client inflated from them.
      > hint: compressResponse is an option of the Server pane; Space toggles it and the server restarts.

      ## Step 6 — Exercise: a header of your own, on the wire

      Goal: the server reads a request carrying the header `X-Lesson: 19`, and you find it in the
      bytes it read.

      > do: Goal: GET {{base}}/echo reaches the server with the header X-Lesson: 19 in its bytes.
      > check: served method == GET and path == /echo and rawrequest contains "X-Lesson: 19"
      > solution: curl {{base}}/echo -H 'X-Lesson: 19'
      > saw: X-Lesson: 19 crossed the wire as one more line of the head, ␍␊ and all: a header is nothing more.
      > hint: The builder's Headers section (2) adds a header with a.
      > hint: 2, a, type X-Lesson, Tab, 19, Enter; u, type {{base}}/echo, Enter sends it.

      """#####
    ),
    (
      name: "20-when-the-wire-breaks.md",
      text: #####"""
      # When the wire breaks

      What does a client do when a server gets HTTP wrong? The faults app breaks it on purpose: each
      route reads the request, then takes its connection over from HTTP (Tornado's
      `RequestHandler.detach()`) and writes what its name says. Its Tornado twin
      (`Tutorials/Python/faults_app.py`) writes the same bytes: `squall compare --example faults
      /fault/short-body` shows both byte for byte. Every fault is real bytes on a real socket.

      > setup: app=faults
      > setup: routes none
      > setup: option idleConnectionTimeout=1
      > setup: builder GET {{base}}/fault/short-body

      > python: Tutorials/Python/faults_app.py#fault-handler
      > swift: Tutorials/Examples/Faults.swift#fault-handler

      ## Step 1 — A body shorter than promised

      `/fault/short-body` says `Content-Length: 100`, sends 10 bytes and closes.

      > do: In the builder (F2): Ctrl-R sends GET {{base}}/fault/short-body.
      > check: sent method == GET and path == /fault/short-body and status == 599 and error == closed
      > solution: keys builder Ctrl-R
      > saw: 599: the client names the fault, and under it the Response section shows the bytes that came. Tornado's client raises HTTPStreamClosedError, whose words are only "Connection closed".
      > hint: The answer's bytes follow the error in the Response section: scroll down (↓ or PgDn).

      ## Step 2 — A chunk size that is not hex

      > do: In the builder (F2): u, type {{base}}/fault/bad-chunk, Enter sends it.
      > check: sent method == GET and path == /fault/bad-chunk and status == 599
      > solution: curl {{base}}/fault/bad-chunk
      > saw: The second chunk's size line reads zz: no client can tell where the body ends, so it gives up. The Raw bytes under the error mark the line.
      > hint: u edits the URL; Enter sends it.

      ## Step 3 — A reset instead of an answer

      > do: In the builder (F2): u, type {{base}}/fault/reset, Enter sends it.
      > check: sent method == GET and path == /fault/reset and status == 599 and error == closed
      > solution: curl {{base}}/fault/reset
      > saw: A TCP reset (SO_LINGER 0) instead of a close: the client reads "connection reset by peer". The Log's ← entry says the handler detached and wrote 0 bytes.
      > hint: The Log (F3) shows the server's side: Enter opens an entry.

      ## Step 4 — Valid, but slow

      `/fault/trickle` is valid HTTP whose body comes one byte every 100 ms: a slow server, not a
      broken one. Both clients wait for it.

      > do: In the builder (F2): u, type {{base}}/fault/trickle, Enter sends it.
      > check: sent method == GET and path == /fault/trickle and status == 200 and duration >= 1.5s
      > solution: curl {{base}}/fault/trickle
      > saw: 200 after {duration}: twenty bytes, one every 100 ms. Nothing was wrong but the speed; the client's requestTimeout (20 s) was never near.
      > hint: The Log's timeline (F3, t) draws how long it took.

      ## Step 5 — A stall longer than the client waits

      `/fault/stall-after-head?seconds=3` sends its head, then nothing for 3 seconds. A client with a
      shorter `request_timeout` gives up: an error within its timeout, never a hang.

      > do: In the builder (F2): 5 for Options, Enter on requestTimeout, type 1, Enter; u, type {{base}}/fault/stall-after-head?seconds=3, Enter.
      > check: sent method == GET and path == /fault/stall-after-head and error == timeout
      > solution: curl '{{base}}/fault/stall-after-head?seconds=3' -m 1
      > saw: Timeout after about a second: the head had come, the body had not, and requestTimeout bounds the whole request. d on requestTimeout gives it back its 20 s.
      > hint: requestTimeout is the first row of Options (5).

      ## Step 6 — Exercise: a fault of your own

      Goal: `GET {{base}}/broken` fails because the server resets the connection, with a route you add
      in the Server pane. Give the client back its default requestTimeout first (Options, `d` on it).

      > do: Goal: GET {{base}}/broken from the builder fails with a reset, from a route you add in the Server pane (first 5, d on requestTimeout).
      > check: sent method == GET and path == /broken and status == 599 and error == closed
      > solution: route GET /broken 200 fault=reset
      > solution: curl {{base}}/broken
      > saw: Your route sent a reset: the route editor's Fault field gives any route the faults app's bytes.
      > hint: The route editor (F1, a) has a Fault field, the last one; reset is one of its values.
      > hint: F1, a: Tab to Path regex, /broken; Tab down to Fault, reset; Enter saves. F2: 5, d on requestTimeout; u, {{base}}/broken, Enter.

      ## Step 7 — A slow client

      Now the client is the slow one: the builder sends the request one byte every 100 ms. The server
      started with `idleConnectionTimeout` 1 s (Tornado's `idle_connection_timeout`), which bounds the
      wait for a whole request head.

      > do: In the builder (F2): 5 for Options, ↓ to sendSlowly, Enter, type 100, Enter; then Ctrl-R sends {{base}}/broken slowly.
      > check: refused cause == idleTimeout and bytes >= 1
      > solution: builder sendSlowly=100
      > solution: curl {{base}}/broken
      > solution: builder sendSlowly=0
      > saw: The server gave up on the slow client after a second, with {bytes} bytes of the head read, and closed it. This lesson set idleConnectionTimeout to 1 s; Tornado's default is none, and then a head may take an hour: many slow clients at once would each hold a connection that long. d on sendSlowly sends at once again.
      > hint: sendSlowly is the last row of Options (5): ↓ until it is selected.

      """#####
    ),
    (
      name: "21-websocket-echo.md",
      text: #####"""
      # A WebSocket echo

      Tornado was written for FriendFeed's real-time updates: after HTTP, its users reach for
      `WebSocketHandler`. A WebSocket starts as an HTTP `GET` with `Upgrade: websocket`; the server
      answers `101 Switching Protocols`, and from then on the same TCP connection carries frames both
      ways — text, binary, ping, pong, close — for as long as either side wants. The echo app's `/ws`
      is Tornado's documented `EchoWebSocket`: every message comes back.

      > setup: app=echo
      > setup: routes none
      > setup: builder GET ws://{{host}}:{{port}}/ws

      > python: Tutorials/Python/echo_app.py#ws-echo
      > swift: Tutorials/Examples/WebSockets.swift#ws-echo

      ## Step 1 — The handshake

      A `ws://` URL makes the builder a WebSocket client: Ctrl-R connects instead of fetching. The
      request is an ordinary `GET` carrying `Upgrade: websocket`, `Connection: Upgrade` and a random
      `Sec-WebSocket-Key`; the server proves it read the key with `Sec-WebSocket-Accept`.

      > do: In the builder (F2): Ctrl-R connects to ws://{{host}}:{{port}}/ws.
      > check: served method == GET and path == /ws and status == 101
      > solution: keys builder Ctrl-R
      > saw: {status} {reason} with Sec-Websocket-Accept: {header.Sec-Websocket-Accept}, the base64 of the SHA-1 of the key and RFC 6455's GUID. The connection is no longer HTTP: the Log shows this 101, and the frames to come under it.
      > hint: The line under the URL says what Ctrl-R does: "⇄ a WebSocket: Ctrl-R connects".
      > hint: If the builder lost the URL: u, type ws://{{host}}:{{port}}/ws, Enter.

      ## Step 2 — A message and its echo

      Once open, the Body section is the message composer and Ctrl-R sends it as a text frame. The
      handler's `onMessage` (`on_message` in Tornado) runs for each message in order and writes it back.

      > do: In the builder (F2): 3 for Body, Enter, type hello, then Ctrl-R sends it.
      > check: websocket received >= 1 and last == "hello"
      > solution: keys builder 3 Enter h e l l o Ctrl-R
      > saw: {sent} sent, {received} received, the last "{last}": one text frame each way. The client's frame was masked (every client frame is), the server's was not; the Response section lists both, → sent and ← received.
      > hint: The status line under the URL says "⇄ open" once connected; Body (3) then Enter opens the composer.
      > hint: Ctrl-R sends the Body from inside the field too.

      ## Step 3 — Ping and pong

      Either side may send a ping at any time; the other answers with a pong carrying the same bytes,
      at once (Tornado answers even between the fragments of a message). A server with
      `websocket_ping_interval` (`Settings.websocketPingInterval`) pings its clients and closes one
      whose pong does not come within `websocket_ping_timeout`.

      > do: In the builder (F2): P sends a ping.
      > check: websocket pongs >= 1
      > solution: keys builder P
      > saw: The pong came back with the ping's bytes in it ({pongs} so far): the Response section shows → ping and ← pong with the same data, the time the ping left. No message reached the handler's onMessage: pings and pongs are the protocol's own.
      > hint: P works while the WebSocket is open ("⇄ open" under the URL).

      ## Step 4 — The close handshake

      A WebSocket ends with a close frame each way: one side sends a code (1000 is "normal closure"),
      the other echoes it, then TCP closes. Tornado echoes whatever code it gets, even one that is not
      for the wire (999, 1005); a message over `max_message_size` (10 MiB) gets 1009 "message too big".

      > do: In the builder (F2): Esc closes the WebSocket with 1000.
      > check: websocket state == closed and close == 1000
      > solution: keys builder Escape
      > saw: Closed with {close} after {frames} frames: the builder sent 1000, the server's handler answered with the same code and the connection ended. In the Log (F3), the 101 entry now says how it closed; Enter on it lists every frame the server saw.
      > hint: Esc closes an open WebSocket (it cancels a request in flight otherwise).

      """#####
    ),
    (
      name: "22-many-connections.md",
      text: #####"""
      # Many connections, one loop

      The seed's claim for non-blocking I/O is that it "enables handling of multiple connections
      simultaneously". A WebSocket makes that visible: each is a connection held open for as long as
      its client likes, yet an idle one costs the server no thread — a socket, a few small objects,
      and a place in the event loop's list of what to watch. Tornado holds thousands on one IOLoop;
      Squall's event loops do the same.

      > setup: app=echo
      > setup: routes none
      > setup: builder GET ws://{{host}}:{{port}}/ws

      ## Step 1 — Two hundred at once

      On a `ws://` URL the burst form (B) opens that many WebSockets at once and leaves each idle.

      > do: In the builder (F2): B, type 200, Enter opens 200 WebSockets to /ws, each left idle.
      > check: server websockets >= 200
      > solution: keys builder B 2 0 0 Enter
      > saw: Two hundred WebSockets open, no thread each: the Server pane (F1) counts them among the connections and shows the process's memory beside them, a few megabytes for all two hundred on the server's side.
      > hint: B opens the burst form; the number of requests is the number of WebSockets (at once does not matter here).
      > hint: The Response section (6) says how many are open.

      ## Step 2 — One lane each

      The Log's timeline draws a lane per connection under its event loop: an HTTP request is a short
      bar, a WebSocket a double line from its `101` on, with a tick for each frame.

      > do: In the Log (F3): t shows the timeline.
      > check: view timeline == shown
      > solution: keys log t
      > saw: A lane per WebSocket, ⇄ and a double line: each connection open and idle on its event loop, a lane without a ╪ until a frame goes by. An HTTP request is a short bar; a WebSocket is a line that lasts.
      > hint: t toggles the timeline; - and + zoom out and in.

      ## Step 3 — Closing them

      Closing is a handshake per WebSocket: the builder's client sends a close with 1000, the server's
      handler answers with the same code, then each TCP connection ends.

      > do: In the builder (F2): Esc closes the two hundred (1000 each).
      > check: server websockets == 0
      > solution: keys builder Escape
      > saw: All closed, each with its close handshake; the connections are gone and the memory they held goes back to the process's allocator.
      > hint: Esc closes the burst's WebSockets, as it closes the builder's own one.

      """#####
    ),
  ]
}
