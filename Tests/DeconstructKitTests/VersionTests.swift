import Testing
@testable import DeconstructKit

@Suite struct VersionTests {
    @Test func versionIsSemantic() {
        #expect(DeconstructVersion.tool.split(separator: ".").count == 3)
    }
}
