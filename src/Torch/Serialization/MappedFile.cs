using System.IO.MemoryMappedFiles;

namespace VideoLang.Torch.Serialization;

/// <summary>
/// A whole file mapped read-only, handed out as bounds-checked spans: parsing reads headers in
/// place and a tensor's bytes are copied once, from the page cache into the tensor.
/// </summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private bool _disposed;

    private MappedFile(string path, long length, MemoryMappedFile map, MemoryMappedViewAccessor view, byte* pointer)
    {
        (Path, Length, _map, _view) = (path, length, map, view);
        _pointer = pointer;
    }

    public string Path { get; }

    public long Length { get; }

    /// <exception cref="TensorFileException">The file is empty (an empty file cannot be mapped).</exception>
    public static MappedFile Open(string path)
    {
        var length = new FileInfo(path).Length;
        if (length == 0)
        {
            throw new TensorFileException($"{path}: the file is empty (0 bytes).");
        }
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            return new MappedFile(path, length, map, view, pointer + view.PointerOffset);
        }
        catch
        {
            view?.Dispose();
            map.Dispose();
            throw;
        }
    }

    /// <summary><paramref name="count"/> bytes from <paramref name="offset"/>; callers check ranges against <see cref="Length"/> first, with messages of their own.</summary>
    public ReadOnlySpan<byte> Span(long offset, long count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (offset < 0 || count < 0 || offset > Length - count)
        {
            throw new TensorFileException($"{Path}: bytes [{offset}, {offset + count}) lie past the end of the file ({Length} bytes); it is truncated.");
        }
        if (count > int.MaxValue)
        {
            throw new TensorFileException($"{Path}: a read of {count} bytes at {offset} is larger than the 2 GiB one tensor may take here.");
        }
        return new ReadOnlySpan<byte>(_pointer + offset, (int)count);
    }

    public byte this[long offset] => Span(offset, 1)[0];

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}
