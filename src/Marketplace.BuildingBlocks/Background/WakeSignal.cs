namespace Marketplace.BuildingBlocks.Background;

/// <summary>
/// Wakes a background loop as soon as there is work, instead of at its next poll: writers call <see cref="Notify"/>, the
/// loop waits with <see cref="WaitAsync"/> (its poll interval as the time-out, so a missed wake-up costs one poll at
/// most). Wake-ups do not pile up: many notifications while the loop is busy give it one more pass. Each loop has its
/// own subclass (a singleton), so signals of different loops never mix.
/// </summary>
public abstract class WakeSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    // 1 from the first Notify until the loop wakes: later writers return at once instead of queueing on the semaphore's
    // lock (every commit with events calls Notify; under load they contended there).
    private int _signalled;

    public void Notify()
    {
        if (Interlocked.CompareExchange(ref _signalled, 1, 0) == 0)
        {
            _semaphore.Release();
        }
    }

    /// <summary>True when woken, false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var woken = await _semaphore.WaitAsync(timeout, ct);
        if (woken)
        {
            // Cleared before the loop's pass reads anything: a Notify that found it set came from a commit the pass will see.
            Volatile.Write(ref _signalled, 0);
        }

        return woken;
    }
}
