using System.Collections.Concurrent;
using Marketplace.Exhibitions.Contracts;
using Marketplace.SharedKernel.Errors;
using Microsoft.Extensions.Options;

namespace Marketplace.Conversations.Chat;

/// <summary>Bound from <c>Conversations</c>.</summary>
internal sealed class ChatOptions
{
    /// <summary>
    /// How long an instance trusts what it last read about a booth (open or closed, its exhibition's dates) before a
    /// message at that booth reads it again. Zero reads it for every message.
    /// </summary>
    public TimeSpan BoothStateCacheTtl { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Whether a booth takes messages, remembered per instance for <see cref="ChatOptions.BoothStateCacheTtl"/>: a busy
/// booth gets many messages a second, and asking the Exhibitions module twice for each (the booth, then its exhibition)
/// was two of the five database round trips of a send.
/// </summary>
/// <remarks>
/// What is remembered is the booth's open flag and its exhibition's start and end; the clock is compared with those on
/// every message, so an exhibition that ends stops taking messages at its end exactly. What can be stale is a change:
/// a booth the exhibitor closes (or an exhibition the organiser unpublishes or moves) still takes messages on an
/// instance that read it just before, for at most the TTL (5 s by default) — messages a visitor could equally have sent a
/// moment before the close, which stay readable history like every other. Opening a conversation reads the booth
/// afresh (<see cref="OpenConversation"/>); only sends into an existing conversation use this.
/// </remarks>
internal sealed class BoothStates(
    IServiceScopeFactory scopes, [FromKeyedServices(ConversationsModule.ClockKey)] TimeProvider clock, IOptions<ChatOptions> options)
{
    /// <summary>A bound on memory: booths of the running exhibitions are a few thousand; past this the map starts over.</summary>
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    /// <summary>Null when the booth takes messages now; otherwise why not (<c>conversations.booth_closed</c>).</summary>
    public async Task<Error?> ClosedAsync(Guid boothId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ttl = options.Value.BoothStateCacheTtl;
        if (!_entries.TryGetValue(boothId, out var entry) || now - entry.ReadAt >= ttl || now < entry.ReadAt)
        {
            var (booth, exhibition) = await ReadAsync(boothId, ct);
            entry = new Entry(booth, exhibition, now);
            if (ttl > TimeSpan.Zero)
            {
                if (_entries.Count >= MaxEntries)
                {
                    _entries.Clear();
                }

                _entries[boothId] = entry;
            }
        }

        return BoothRules.Check(entry.Booth, entry.Exhibition, now);
    }

    private async Task<(BoothOwnership?, ScheduledExhibition?)> ReadAsync(Guid boothId, CancellationToken ct)
    {
        // A scope of its own: the Exhibitions module's context is created only on a miss, not for every message.
        await using var scope = scopes.CreateAsyncScope();
        var booth = await scope.ServiceProvider.GetRequiredService<IExhibitorDirectory>().GetBoothOwnershipAsync(boothId, ct);
        var exhibition = booth is null ? null : await scope.ServiceProvider.GetRequiredService<IExhibitionSchedule>().GetExhibitionAsync(booth.ExhibitionId, ct);
        return (booth, exhibition);
    }

    private sealed record Entry(BoothOwnership? Booth, ScheduledExhibition? Exhibition, DateTimeOffset ReadAt);
}
