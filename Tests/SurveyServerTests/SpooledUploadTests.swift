import Foundation
import Hummingbird
import NIOCore
@testable import SurveyServer
import SurveyTestSupport
import Testing

/// The upload spool on its own: bodies arriving in many small chunks.
struct SpooledUploadTests {
    /// A body of `total` bytes in chunks of `chunk` bytes, each byte its offset modulo 251.
    private func body(total: Int, chunk: Int) -> (RequestBody, Data) {
        let bytes = Data((0..<total).map { UInt8($0 % 251) })
        let chunks = stride(from: 0, to: total, by: chunk).map { ByteBuffer(bytes: bytes[$0..<min($0 + chunk, total)]) }
        return (RequestBody(asyncSequence: chunks.async), bytes)
    }

    @Test(arguments: [(1, 1000), (3 << 20, 7000), (SpooledUpload.writeSize, 65536), (SpooledUpload.writeSize + 1, 65536)])
    func everyByteArrivesInOrder(total: Int, chunk: Int) async throws {
        let directory = try SurveyFixtures.makeTemporaryDirectory()
        defer { SurveyFixtures.removeDirectory(directory) }
        let (request, bytes) = body(total: total, chunk: chunk)
        let upload = try await SpooledUpload.receive(request, limit: total, directory: directory.path)
        #expect(upload.bytes == total)
        #expect(try Data(contentsOf: URL(fileURLWithPath: upload.path)) == bytes)
        let permissions = try FileManager.default.attributesOfItem(atPath: upload.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        upload.remove()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func oneByteOverTheLimitIsRefusedAndLeavesNoFile() async throws {
        let directory = try SurveyFixtures.makeTemporaryDirectory()
        defer { SurveyFixtures.removeDirectory(directory) }
        let (request, _) = body(total: (2 << 20) + 1, chunk: 4096)
        await #expect(throws: APIError.self) {
            try await SpooledUpload.receive(request, limit: 2 << 20, directory: directory.path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}

private extension Array where Element: Sendable {
    /// The elements as an async sequence.
    var async: AsyncStream<Element> {
        AsyncStream { continuation in
            for element in self { continuation.yield(element) }
            continuation.finish()
        }
    }
}
