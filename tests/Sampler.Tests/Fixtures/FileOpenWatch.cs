using System.ComponentModel;
using System.Runtime.InteropServices;

namespace VideoLang.Sampler.Tests.Fixtures;

/// <summary>
/// Proves whether any process opened or read a file, through Linux inotify: the kernel queues the
/// event when the file is opened, so once the process under test has exited the answer is final (no
/// timing involved).
/// </summary>
internal sealed partial class FileOpenWatch : IDisposable
{
    private const int InNonBlock = 0x800;
    private const int InCloseOnExec = 0x80000;
    private const uint InAccess = 0x1;
    private const uint InOpen = 0x20;

    private readonly int _fd;

    public FileOpenWatch(string path)
    {
        _fd = InotifyInit1(InNonBlock | InCloseOnExec);
        if (_fd < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "inotify_init1 failed");
        }

        if (InotifyAddWatch(_fd, path, InOpen | InAccess) < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            Close(_fd);
            throw new Win32Exception(error, $"inotify_add_watch failed for {path}");
        }
    }

    /// <summary>True when the file was opened or read since the watch started (or since the last call).</summary>
    public bool WasOpened()
    {
        var buffer = new byte[4096];
        var read = Read(_fd, buffer, (nuint)buffer.Length);
        return read > 0;
    }

    public void Dispose() => Close(_fd);

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    private static partial int InotifyInit1(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InotifyAddWatch(int fd, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, [Out] byte[] buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
