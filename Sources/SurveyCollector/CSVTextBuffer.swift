import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Immutable UTF-8 text owned by ``CSVReader`` and shared with its records.
///
/// The memory is either a private read-only mapping of the input file that this
/// object created (unmapped in `deinit`) or an allocation it owns (deallocated in
/// `deinit`). Because the object owns the memory itself, `base` stays valid for
/// the object's whole lifetime; nothing escapes a `withUnsafeBytes` closure.
/// The bytes are never written after `init`, so sharing across threads is safe.
@usableFromInline
final class CSVTextBuffer: @unchecked Sendable {
    private enum Owner {
        case none
        case allocated(UnsafeMutableRawPointer)
        case mapped(UnsafeMutableRawPointer, length: Int)
        /// A suffix of another buffer, kept alive by this reference.
        case view(of: CSVTextBuffer)
    }

    /// First byte of the text, `nil` when the text is empty.
    @usableFromInline let base: UnsafeRawPointer?
    /// Number of bytes.
    @usableFromInline let count: Int
    private let owner: Owner

    /// The shared empty text.
    static let empty = CSVTextBuffer(base: nil, count: 0, owner: .none)

    private init(base: UnsafeRawPointer?, count: Int, owner: Owner) {
        self.base = count > 0 ? base : nil
        self.count = count
        self.owner = owner
    }

    deinit {
        switch owner {
        case .none, .view: break
        case .allocated(let pointer): pointer.deallocate()
        case .mapped(let pointer, let length): _ = munmap(pointer, length)
        }
    }

    /// The text as a buffer pointer, valid while `self` is alive.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Takes ownership of a buffer allocated with `UnsafeMutableRawPointer.allocate`.
    static func adopting(_ buffer: UnsafeMutableRawBufferPointer) -> CSVTextBuffer {
        guard let pointer = buffer.baseAddress else { return .empty }
        return CSVTextBuffer(base: UnsafeRawPointer(pointer), count: buffer.count, owner: .allocated(pointer))
    }

    /// Copies `bytes` into a new owned allocation.
    static func copying(_ bytes: UnsafeRawBufferPointer) -> CSVTextBuffer {
        guard bytes.count > 0, let source = bytes.baseAddress else { return .empty }
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 16)
        pointer.copyMemory(from: source, byteCount: bytes.count)
        return CSVTextBuffer(base: UnsafeRawPointer(pointer), count: bytes.count, owner: .allocated(pointer))
    }

    /// The same memory without its first `offset` bytes (e.g. a byte order mark);
    /// keeps `self` alive through the returned object.
    func dropping(first offset: Int) -> CSVTextBuffer {
        guard offset > 0 else { return self }
        let remaining = max(0, count - offset)
        return CSVTextBuffer(base: remaining > 0 ? base.map { $0 + offset } : nil, count: remaining,
                             owner: .view(of: self))
    }

    /// Maps a regular file read-only. Returns `nil` if the file cannot be mapped
    /// (not a regular file, empty, or a failing system call); the caller then reads it normally.
    static func mapping(path: String) -> CSVTextBuffer? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        let length = Int(info.st_size)
        guard let pointer = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), pointer != MAP_FAILED else { return nil }
        #if os(Linux)
        _ = madvise(pointer, length, MADV_SEQUENTIAL)
        #endif
        return CSVTextBuffer(base: UnsafeRawPointer(pointer), count: length, owner: .mapped(pointer, length: length))
    }

    /// Tells the kernel that the mapped pages holding text bytes `[from, to)` are no
    /// longer needed, so the resident memory of a long import stays flat.
    ///
    /// Safe at any time: the mapping is private, read-only and never written, so
    /// a page touched again is simply read back from the file. Does nothing for
    /// memory that is not a file mapping. Returns the offset up to which pages
    /// were released (`from` if none), where the next call should start.
    func discardPages(from: Int, to: Int) -> Int {
        #if os(Linux)
        guard let base, case .mapped(let mapping, _) = rootOwner else { return from }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return from }
        let mappingAddress = UInt(bitPattern: mapping)
        let startAddress = UInt(bitPattern: base + from)
        let endAddress = UInt(bitPattern: base + to)
        // Round inwards to whole pages of the mapping.
        let alignedStart = (startAddress - mappingAddress + UInt(page) - 1) / UInt(page) * UInt(page) + mappingAddress
        let alignedEnd = (endAddress - mappingAddress) / UInt(page) * UInt(page) + mappingAddress
        guard alignedEnd > alignedStart, let start = UnsafeMutableRawPointer(bitPattern: alignedStart) else { return from }
        _ = madvise(start, Int(alignedEnd - alignedStart), MADV_DONTNEED)
        return to - Int(endAddress - alignedEnd)
        #else
        return from
        #endif
    }

    /// The owner of the underlying memory (for a view, its parent's).
    private var rootOwner: Owner {
        if case .view(let parent) = owner { return parent.rootOwner }
        return owner
    }
}
