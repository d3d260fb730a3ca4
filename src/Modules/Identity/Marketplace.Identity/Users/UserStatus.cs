using System.Collections.Concurrent;
using Marketplace.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Identity.Users;

/// <summary>
/// Whether the account behind a valid access token may still act: it exists and is not suspended. Checked on every
/// authenticated request (JwtBearer's OnTokenValidated), so a deleted or suspended account is locked out at once
/// instead of when its access token expires. The answer is remembered for <see cref="Freshness"/> per process; the
/// instance that suspends forgets it at once, other instances within that time.
/// </summary>
internal sealed class UserStatus(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, (bool Active, long At)> _known = new();

    public async ValueTask<bool> IsActiveAsync(Guid userId, CancellationToken ct)
    {
        if (_known.TryGetValue(userId, out var known) && clock.GetElapsedTime(known.At) < Freshness)
        {
            return known.Active;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var active = await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && u.SuspendedAt == null, ct);
        if (_known.Count > 100_000)
        {
            _known.Clear(); // A crude bound: entries are cheap to rebuild, memory is not free.
        }

        _known[userId] = (active, clock.GetTimestamp());
        return active;
    }

    public void Forget(Guid userId) => _known.TryRemove(userId, out _);
}
