// The seed tutorial's "Tornado HTTP Client" example, in Swift with Squall.
//
//   from tornado import httpclient
//
//   def handle_response(response):
//       if response.error:
//           print("Error: %s" % response.error)
//       else:
//           print(response.body)
//
//   http_client = httpclient.AsyncHTTPClient()
//   http_client.fetch("http://www.google.com", handle_response)
//
// The seed fetched google.com; Squall's playground has no internet, so the twin fetches the
// local hello server (`swift run hello-server` or `swift run squall serve`). Unlike the seed it
// also starts the IOLoop and stops it in the callback: without that the program would end
// before the response arrived (and Tornado 6 dropped the `callback` argument: there you write
// `response = await http_client.fetch(url)`; Squall has both forms).
import Squall

let url = CommandLine.arguments.dropFirst().first ?? "http://127.0.0.1:8888/"

// snippet.client-callback
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
// snippet.end
