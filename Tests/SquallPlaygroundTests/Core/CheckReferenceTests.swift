import SquallLessons
import Testing

/// The lesson-writing guide's grammar tables are made from the grammar's own tables.
@Suite struct CheckReferenceTests {
  @Test func theGuideListsEveryComparisonAndField() throws {
    try DocumentSection.check(
      DocumentSection.playgroundCatalog + "Lessons.md", between: "<!-- checks:begin -->", and: "<!-- checks:end -->",
      is: CheckReference.markdown, regenerate: "SQUALL_UPDATE_GOLDEN=1 swift test --filter CheckReferenceTests")
  }
}
