namespace FlashRnn.Bench.Measure;

/// <summary>
/// Notices a configuration that never finishes: a persistent kernel whose grid barrier waits for a CTA that is not
/// resident spins forever, and the CUDA call waiting for it never returns. The device command would then be killed
/// at its time limit with nothing said; instead, after <c>limit</c> the callback runs on a timer thread, so the run
/// can save what it has, name the configuration and exit.
/// </summary>
internal sealed class HangWatchdog : IDisposable
{
    private readonly object _lock = new();
    private readonly TimeSpan _limit;
    private readonly Action<string> _onHang;
    private readonly Timer _timer;
    private string? _current;
    private DateTime _started;

    public HangWatchdog(TimeSpan limit, Action<string> onHang)
    {
        _limit = limit;
        _onHang = onHang;
        TimeSpan poll = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, Math.Max(1, limit.Ticks / 4)));
        _timer = new Timer(_ => Check(), null, poll, poll);
    }

    /// <summary>Starts watching the work called <paramref name="what"/>.</summary>
    public void Enter(string what)
    {
        lock (_lock)
        {
            _current = what;
            _started = DateTime.UtcNow;
        }
    }

    /// <summary>The work finished in time.</summary>
    public void Leave()
    {
        lock (_lock) _current = null;
    }

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        string? hung = null;
        lock (_lock)
        {
            if (_current is not null && DateTime.UtcNow - _started > _limit)
            {
                hung = _current;
                _current = null; // report once
            }
        }
        if (hung is not null) _onHang(hung);
    }
}
