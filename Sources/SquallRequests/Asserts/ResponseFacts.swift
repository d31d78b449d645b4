import SquallChecks

/// A response as asserts and captures read it (the client's error word when there was no
/// answer: status 599 then, as Tornado's client says).
package typealias ResponseFacts = ExchangeFacts

extension ExchangeFacts {
  /// What asserts and captures read: a saved request's response.
  package static let subject = Subject("response", fields: Subject.exchangeFields, readsJSON: true)
}
