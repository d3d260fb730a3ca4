using Marketplace.BuildingBlocks.Modules;

namespace Marketplace.Api.Hosting;

/// <summary><c>migrate</c>: bring every module's schema up to date and exit.</summary>
internal sealed class MigrateVerb : ICommandLineVerb
{
    public string Name => "migrate";

    public string Description => "Apply pending migrations of every module, then exit.";

    public Task<int> RunAsync(IServiceProvider services, string[] arguments, CancellationToken ct) =>
        Task.FromResult(0); // The host migrates before any verb runs; nothing more to do.
}

/// <summary>
/// <c>seed</c>: load the demo data set; <c>seed --synthetic N</c> adds N generated products for benchmarks.
/// </summary>
internal sealed class SeedVerb : ICommandLineVerb
{
    public string Name => "seed";

    public string Description => "Load the demo data (idempotent). 'seed --synthetic N' also adds N synthetic products (up to 1,000,000).";

    public async Task<int> RunAsync(IServiceProvider services, string[] arguments, CancellationToken ct)
    {
        var initializer = services.GetRequiredService<StoreInitializer>();
        await initializer.SeedAsync(demo: true, ct);
        var at = Array.IndexOf(arguments, "--synthetic");
        if (at < 0)
        {
            return 0;
        }

        if (at + 1 >= arguments.Length || !int.TryParse(arguments[at + 1], out var count) || count is < 1 or > 1_000_000)
        {
            await Console.Error.WriteLineAsync("seed --synthetic N: N must be a whole number from 1 to 1000000.");
            return 2;
        }

        foreach (var generator in services.GetServices<ISyntheticDataGenerator>())
        {
            await generator.GenerateAsync(count, new Progress<string>(line => Console.WriteLine(line)), ct);
        }

        return 0;
    }
}
