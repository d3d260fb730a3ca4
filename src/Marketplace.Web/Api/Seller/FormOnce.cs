using Microsoft.Extensions.Caching.Distributed;

namespace Marketplace.Web.Api.Seller;

/// <summary>
/// A create that the API does not make idempotent (a product: two drafts with one name are allowed) runs once per rendered
/// form: the form carries a random key made when it was shown; the first submit creates and remembers the new id for an
/// hour, a repeat (double click, reload, back-and-submit) gets the same id. Concurrent repeats wait on a striped lock in this
/// process; the remembered id sits in <see cref="IDistributedCache"/> (Redis when configured), so a repeat that reaches
/// another instance after the first finished is caught too.
/// </summary>
internal sealed class FormOnce(IDistributedCache store)
{
    private static readonly SemaphoreSlim[] Stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public static string NewKey() => Guid.NewGuid().ToString("N");

    public async Task<Guid> RunAsync(Guid userId, string? formKey, Func<Task<Guid>> create, CancellationToken ct = default)
    {
        if (formKey is not { Length: 32 } || !formKey.All(char.IsAsciiHexDigit))
        {
            // No key (a hand-made post): nothing to remember it by.
            return await create();
        }

        var key = $"mp:form-once:{userId:N}:{formKey}";
        var gate = Stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)Stripes.Length)];
        await gate.WaitAsync(ct);
        try
        {
            if (await store.GetStringAsync(key, ct) is { } done && Guid.TryParse(done, out var id))
            {
                return id;
            }

            var created = await create();
            await store.SetStringAsync(key, created.ToString("D"), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) }, ct);
            return created;
        }
        finally
        {
            gate.Release();
        }
    }
}
