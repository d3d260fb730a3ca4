using Marketplace.BuildingBlocks.Modules;
using Marketplace.Search.Engines;
using Marketplace.Search.Engines.Lucene;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Search.Indexing;

/// <summary>
/// The search index in a backup: the files of the Lucene index's last commit (a consistent point in time even while
/// the service writes), and on restore that snapshot put back as the live generation and then, by default, rebuilt
/// from the restored store aside and swapped in, so the index says exactly what the store says. An Elasticsearch
/// index is not copied (it is backed up with Elasticsearch's own snapshots, or simply rebuilt here on restore).
/// </summary>
internal sealed class SearchIndexBackup(ISearchEngine engine, IServiceScopeFactory scopes) : IBackupPart
{
    public string Name => "search";

    public int RestoreOrder => 100;

    public IReadOnlyCollection<string> DataEntries => engine is LuceneSearchEngine lucene ? [Path.GetFileName(lucene.Root)] : [];

    public async Task<string> BackupAsync(string folder, CancellationToken ct)
    {
        if (engine is not LuceneSearchEngine lucene)
        {
            return $"index in {engine.Name}: not copied (rebuilt from the store on restore)";
        }

        var snapshot = await lucene.SnapshotAsync(folder, ct);
        return snapshot is null
            ? "no index yet"
            : $"Lucene commit {snapshot.Generation}/{snapshot.Segments}: {snapshot.Files} files, {snapshot.Bytes:N0} bytes";
    }

    public async Task<string> RestoreAsync(string folder, RestoreOptions options, CancellationToken ct)
    {
        var summary = "";
        if (engine is LuceneSearchEngine lucene && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            var generation = await lucene.InstallSnapshotAsync(folder, ct);
            summary = $"snapshot installed as {generation}";
        }

        if (!options.RebuildIndex)
        {
            return summary.Length > 0 ? summary : "nothing to install (rebuild skipped)";
        }

        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IndexRebuilder>().RebuildAsync(null, ct);
        return (summary.Length > 0 ? summary + "; " : "") + $"rebuilt from the store: {result.Indexed:N0} products indexed in {result.Elapsed.TotalSeconds:0.0} s";
    }
}
