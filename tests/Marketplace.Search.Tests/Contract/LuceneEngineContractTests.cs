using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Search.Engines;
using Marketplace.Search.Engines.Lucene;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketplace.Search.Tests.Contract;

/// <summary>A fresh Lucene index in a private temp folder.</summary>
public sealed class LuceneEngineFixture : SearchEngineFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "marketplace-search-tests", Guid.NewGuid().ToString("N"));

    internal override Task<ISearchEngine> CreateEngineAsync() => Task.FromResult<ISearchEngine>(Create(_folder));

    internal static LuceneSearchEngine Create(string folder, SearchOptions? options = null) => new(
        Options.Create(options ?? new SearchOptions()),
        Options.Create(new DatabaseOptions { DataDirectory = folder }),
        NullLogger<LuceneSearchEngine>.Instance);

    internal override Task DisposeEngineAsync(ISearchEngine engine)
    {
        ((LuceneSearchEngine)engine).Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}

public sealed class LuceneEngineContractTests(LuceneEngineFixture fixture) : SearchEngineContract<LuceneEngineFixture>(fixture);
