namespace Marketplace.BuildingBlocks.Modules;

/// <summary>
/// A part of the service's state that the <c>backup</c> verb copies into its own folder of a backup and the
/// <c>restore</c> verb puts back: the store, the search index. Files under the data directory that no part claims
/// (photos, signing and data-protection keys) are copied as they are by the verbs themselves, so a module that keeps
/// plain files there needs nothing to be backed up.
/// </summary>
public interface IBackupPart
{
    /// <summary>The part's folder in a backup (<c>store</c>, <c>search</c>).</summary>
    string Name { get; }

    /// <summary>Restored in ascending order: the store first, derived data (the index) last.</summary>
    int RestoreOrder { get; }

    /// <summary>Entries directly under the data directory this part copies itself (left out of the plain file copy).</summary>
    IReadOnlyCollection<string> DataEntries { get; }

    /// <summary>Writes the part into <paramref name="folder"/> (created, empty); returns a one-line summary.</summary>
    Task<string> BackupAsync(string folder, CancellationToken ct);

    /// <summary>Puts the part back from <paramref name="folder"/> (already verified); returns a one-line summary.</summary>
    Task<string> RestoreAsync(string folder, RestoreOptions options, CancellationToken ct);
}

/// <param name="RebuildIndex">
/// Rebuild the search index from the restored store after putting the snapshot back (default), so it matches the store
/// exactly; without it the snapshot is served as it was, which may lag the store by the seconds the backup took.
/// </param>
public sealed record RestoreOptions(bool RebuildIndex);
