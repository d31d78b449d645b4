// The check grammar: any text parses to a check or to an error at a column of the text, never
// a trap; a check printed and read back is the same check, and printing is stable; deciding a
// check never traps, whatever the values.
let subject = Subject("served", fields: Subject.exchangeFields, readsJSON: true)

func check(_ bytes: [UInt8]) {
  let source = text(bytes)
  switch CheckParser.parse(source, subject: subject) {
  case .failure(let error):
    let scalars = source.unicodeScalars.count
    require((1...(scalars + 1)).contains(error.column), "column \(error.column) of \(scalars) scalars")
  case .success(let expression):
    let printed = expression.text
    switch CheckParser.parse(printed, subject: subject) {
    case .failure(let error):
      require(false, "\(source.debugDescription) printed as \(printed.debugDescription), which fails: \(error)")
    case .success(let again):
      require(
        again == expression, "\(source.debugDescription) printed as \(printed.debugDescription) reads differently")
      require(again.text == printed, "printing \(printed.debugDescription) again gives \(again.text.debugDescription)")
    }
    let values: [CheckValue?] = [nil, .text(source), .number(Double(bytes.count)), .text("")]
    _ = CheckEvaluator.misses(expression) { values[$0.field.count % values.count] }
  }
}
