using VideoLang.Torch.Interop;

namespace VideoLang.Torch.Autograd;

/// <summary>
/// Turns gradient recording off (or on) for this thread until disposed, as <c>torch.no_grad()</c>.
/// Grad mode is thread-local: keep the work on the thread that opened the scope.
/// </summary>
public sealed class GradMode : IDisposable
{
    private readonly int _previous;
    private bool _disposed;

    private GradMode(bool enabled) => NativeMethods.Check(NativeMethods.AutogradSetGradEnabled(enabled ? 1 : 0, out _previous));

    public static GradMode NoGrad() => new(false);

    public static GradMode EnableGrad() => new(true);

    public static bool IsEnabled
    {
        get
        {
            NativeMethods.Check(NativeMethods.AutogradIsGradEnabled(out var enabled));
            return enabled != 0;
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            NativeMethods.Check(NativeMethods.AutogradSetGradEnabled(_previous, out _));
        }
    }
}
