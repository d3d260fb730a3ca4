namespace Marketplace.Testing;

/// <summary>
/// The one test clock. By default it runs with the system clock plus an offset a test can move forward (and must put
/// back with <see cref="Reset"/> when other tests share the app: tokens are issued with this clock). Frozen at a
/// given instant (<see cref="FakeClock(DateTimeOffset)"/> or <see cref="Set"/>) it stands still until moved.
/// </summary>
public sealed class FakeClock : TimeProvider
{
    private long _offsetTicks;
    private long _frozenTicks; // 0 = running

    /// <summary>A running clock: the system time, moved by <see cref="Advance"/>.</summary>
    public FakeClock()
    {
    }

    /// <summary>A clock frozen at <paramref name="start"/>.</summary>
    public FakeClock(DateTimeOffset start) => Set(start);

    /// <summary>How far a running clock is ahead of the system clock.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow()
    {
        var frozen = Interlocked.Read(ref _frozenTicks);
        return frozen != 0 ? new DateTimeOffset(frozen, TimeSpan.Zero) : base.GetUtcNow() + Offset;
    }

    /// <summary>Moves the clock forward (or back, with a negative span).</summary>
    public void Advance(TimeSpan by)
    {
        if (Interlocked.Read(ref _frozenTicks) != 0)
        {
            Interlocked.Add(ref _frozenTicks, by.Ticks);
        }
        else
        {
            Interlocked.Add(ref _offsetTicks, by.Ticks);
        }
    }

    /// <summary>Freezes the clock at <paramref name="now"/>.</summary>
    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _frozenTicks, now.UtcTicks);

    /// <summary>Back to the system time, running.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _frozenTicks, 0);
        Interlocked.Exchange(ref _offsetTicks, 0);
    }
}
