import Foundation
import Testing

@testable import SquallPlayground
@testable import SquallPlaygroundCore

#if canImport(Glibc)
  import Glibc
#endif

@_silgen_name("wcwidth") private func systemWidth(_ character: Int32) -> Int32

/// The width the playground assumes for each character must be the width the terminal gives it,
/// or a line spills into the next pane or leaves debris. Terminals (and tmux) take it from the C
/// library's `wcwidth`; `CellWidth` carries a table made from it, checked here scalar by scalar.
@Suite struct CellWidthTests {
  /// Runs `body` with this thread's character type set to UTF-8 (other threads are not touched).
  static func withUTF8<T>(_ body: () -> T) -> T {
    let locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
    let previous = uselocale(locale)
    defer {
      uselocale(previous)
      freelocale(locale)
    }
    return body()
  }

  /// The package's folder (this file is Tests/SquallPlaygroundTests/Widgets/CellWidthTests.swift).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The ranges of scalars of width 0 and of width 2, as the C library says.
  static func systemRanges() -> (zero: [ClosedRange<UInt32>], wide: [ClosedRange<UInt32>]) {
    withUTF8 {
      var zero: [ClosedRange<UInt32>] = []
      var wide: [ClosedRange<UInt32>] = []
      func add(_ value: UInt32, to ranges: inout [ClosedRange<UInt32>]) {
        if let last = ranges.last, last.upperBound == value - 1 {
          ranges[ranges.count - 1] = last.lowerBound...value
        } else {
          ranges.append(value...value)
        }
      }
      for value in UInt32(0x20)...UInt32(0x10FFFF) where Unicode.Scalar(value) != nil {
        switch systemWidth(Int32(value)) {
        case 0: add(value, to: &zero)
        case 2: add(value, to: &wide)
        default: break
        }
      }
      return (zero, wide)
    }
  }

  /// Regenerate with `SQUALL_UPDATE_WIDTHS=1 swift test --filter CellWidthTests` (after a C
  /// library upgrade brings a new Unicode version).
  @Test func everyScalarHasTheCLibrarysWidth() throws {
    let (zero, wide) = Self.systemRanges()
    if ProcessInfo.processInfo.environment["SQUALL_UPDATE_WIDTHS"] == "1" {
      func list(_ ranges: [ClosedRange<UInt32>]) -> String {
        ranges.map {
          "0x\(String($0.lowerBound, radix: 16, uppercase: true))...0x\(String($0.upperBound, radix: 16, uppercase: true))"
        }
        .joined(separator: ", ")
      }
      let source = """
        // Generated from the C library's wcwidth (glibc, C.UTF-8) by CellWidthTests
        // (SQUALL_UPDATE_WIDTHS=1 swift test --filter CellWidthTests); do not edit.
        extension CellWidth {
          /// Scalars that take no column (combining marks, joiners, variation selectors…).
          static let zeroWidth: [ClosedRange<UInt32>] = [\(list(zero))]
          /// Scalars that take two columns (East Asian wide, emoji presentation…).
          static let doubleWidth: [ClosedRange<UInt32>] = [\(list(wide))]
        }

        """
      try source.write(
        to: Self.root.appendingPathComponent("Sources/SquallPlaygroundCore/Widgets/Canvas/CellWidthTable.swift"),
        atomically: true,
        encoding: .utf8)
      return
    }
    var disagreements: [String] = []
    Self.withUTF8 {
      for value in UInt32(0x20)...UInt32(0x10FFFF) {
        guard let scalar = Unicode.Scalar(value) else { continue }
        let system = Int(systemWidth(Int32(value)))
        guard system >= 0 else { continue }  // unassigned or a control: escaped before it is shown
        if CellWidth.of(scalar) != system && disagreements.count < 20 {
          disagreements.append("U+\(String(value, radix: 16, uppercase: true)): \(CellWidth.of(scalar)) vs \(system)")
        }
      }
    }
    #expect(disagreements.isEmpty, "regenerate the table: SQUALL_UPDATE_WIDTHS=1 swift test --filter CellWidthTests")
  }

  @Test func emojiSequencesTakeWhatTheTerminalGivesThem() {
    #expect(CellWidth.of("👨‍👩‍👧") == 6, "a ZWJ family: three wide emoji, joiners take nothing (as tmux draws it)")
    #expect(CellWidth.of("👍🏽") == 4, "a skin tone modifier is a wide character of its own")
    #expect(CellWidth.of("⚡") == 2 && CellWidth.of("❤️") == 1, "emoji presentation by default or not")
    #expect(CellWidth.of("e\u{301}") == 1 && CellWidth.of("漢字") == 4)
    #expect(CellWidth.truncate("👨‍👩‍👧 family", to: 5) == "👨‍👩…", "never half of a wide character")
  }

  @Test func wrappingKeepsClustersWholeAndLosesNothing() {
    let family = "👨\u{200D}👩\u{200D}👧"  // 6 columns, as tmux draws it
    let text = "ab " + family + " e\u{301}e\u{301}e\u{301} 漢字漢字 " + String(repeating: "x", count: 30)
    #expect(CellWidth.wrap(text, to: 3, indent: "  ") == [text], "no room for the indent and a column: as it is")
    for columns in 4...14 {
      let lines = CellWidth.wrap(text, to: columns, indent: "  ")
      let scalars = lines.enumerated().flatMap { Array($1.unicodeScalars).dropFirst($0 == 0 ? 0 : 2) }
      #expect(scalars == Array(text.unicodeScalars), "\(columns): nothing lost")
      for line in lines {
        #expect(CellWidth.of(line) <= columns, "\(columns): \(line)")
        if columns >= 8 {
          #expect(line.unicodeScalars.last != "\u{200D}", "\(columns): no line ends in a joiner")
        }
        #expect(CellWidth.of(line.unicodeScalars.dropFirst(2).first ?? "x") != 0, "no line starts with a mark")
      }
      if columns >= 8 { #expect(lines.contains { $0.contains(family) }, "\(columns): the family on one line") }
    }
    #expect(CellWidth.wrap("aaaa bbbb cccc", to: 9) == ["aaaa ", "bbbb cccc"])
    #expect(CellWidth.wrap("abcdefghij", to: 4, indent: "  ") == ["abcd", "  ef", "  gh", "  ij"])
  }

  @Test func aMegabyteLineWrapsIntoFullLines() {
    let line = String(repeating: "0123456789", count: 100_000)
    let lines = CellWidth.wrap(line, to: 80, indent: "  ")
    #expect(lines.count == 1 + (1_000_000 - 80 + 77) / 78)
    #expect(lines.dropFirst().dropLast().allSatisfy { $0.utf8.count == 80 })
  }
}
