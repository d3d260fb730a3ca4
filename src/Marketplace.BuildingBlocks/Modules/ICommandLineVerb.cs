namespace Marketplace.BuildingBlocks.Modules;

/// <summary>
/// A command-line verb the host answers instead of serving (<c>migrate</c>, <c>seed</c>, and the verbs modules add,
/// such as <c>reindex</c>). Modules register theirs in DI; the stores are migrated before a verb runs.
/// </summary>
public interface ICommandLineVerb
{
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(IServiceProvider services, string[] arguments, CancellationToken ct);
}
