import Foundation

// The client's URL check: the fast path (PlainHTTPURL) and Foundation's parser agree, and no
// URL with a port outside 1–65535 passes.
func check(_ bytes: [UInt8]) {
  let url = text(bytes)
  let fast = PlainHTTPURL.matches(url)
  let slow = URLCheck.slowProblem(url)
  if fast {
    require(slow == nil, "PlainHTTPURL accepts \(url.debugDescription), Foundation's check says \(slow ?? "")")
  }
  guard URLCheck.problem(url) == nil else { return }
  let components = URLComponents(string: url)
  require(components != nil, "accepted \(url.debugDescription), which URLComponents cannot parse")
  if let port = components?.port {
    require((1...65535).contains(port), "accepted \(url.debugDescription) with port \(port)")
  }
  if let port = URL(string: url)?.port {
    require((1...65535).contains(port), "accepted \(url.debugDescription): URL reads port \(port)")
  }
}
