using Marketplace.Search.Engines;

namespace Marketplace.Search.Tests.Contract;

/// <summary>
/// One engine with <see cref="Corpus"/> loaded, shared by a contract test class. An engine's fixture subclasses this:
/// <see cref="CreateEngineAsync"/> returns a fresh, empty engine (its own index), <see cref="DisposeEngineAsync"/>
/// removes it. Tests that write use their own product ids, so they do not disturb the corpus.
/// </summary>
public abstract class SearchEngineFixture : IAsyncLifetime
{
    internal ISearchEngine Engine { get; private set; } = null!;

    internal abstract Task<ISearchEngine> CreateEngineAsync();

    internal abstract Task DisposeEngineAsync(ISearchEngine engine);

    public async Task InitializeAsync()
    {
        Engine = await CreateEngineAsync();
        await Engine.EnsureIndexAsync(CancellationToken.None);
        await Engine.UpsertAsync(Corpus.All, CancellationToken.None);
        await Engine.RefreshAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => DisposeEngineAsync(Engine);
}
