using System.Collections.Concurrent;
using Marketplace.Exhibitions.Contracts;
using Marketplace.Search.Engines;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Search.Indexing;

/// <summary>
/// The exhibitions a shop exhibits at, from the Exhibitions module's <see cref="IExhibitorDirectory"/> when that
/// module is installed (resolved optionally: Search does not require it). Without it no product carries tags.
/// </summary>
internal sealed class ExhibitionTags(IServiceProvider services)
{
    private readonly IExhibitorDirectory? _directory = services.GetService<IExhibitorDirectory>();

    public bool HasDirectory => _directory is not null;

    public async Task<IReadOnlyList<ExhibitionTag>> ForShopAsync(Guid shopId, CancellationToken ct) =>
        _directory is null ? [] : (await _directory.GetExhibitionsOfShopAsync(shopId, ct)).Select(ExhibitionTag.From).ToList();

    /// <summary>A per-run memo for the reindex verb, which meets each shop many times.</summary>
    public Func<Guid, CancellationToken, Task<IReadOnlyList<ExhibitionTag>>> Memoized()
    {
        var memo = new ConcurrentDictionary<Guid, IReadOnlyList<ExhibitionTag>>();
        return async (shopId, ct) =>
        {
            if (memo.TryGetValue(shopId, out var tags))
            {
                return tags;
            }

            tags = await ForShopAsync(shopId, ct);
            memo[shopId] = tags;
            return tags;
        };
    }
}
