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

    public void Notify()
    {
        try
        {
            if (_semaphore.CurrentCount == 0)
            {
                _semaphore.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another writer already woke it; one wake-up is enough.
        }
    }

    /// <summary>True when woken, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);
}
