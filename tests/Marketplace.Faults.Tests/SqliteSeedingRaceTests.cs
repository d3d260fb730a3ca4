using Marketplace.Testing.Servers;

namespace Marketplace.Faults.Tests;

/// <summary>
/// Two processes initialising one fresh SQLite data folder at the same moment — an instance starting with demo seeding
/// while an operator (or a deploy job) runs the <c>seed</c> verb, as when a restart overlaps the old process —
/// each read what is there and insert what is missing. Without a lock they all see an empty store and the later ones
/// fail on the first one's rows (or insert them twice). PostgreSQL has an advisory lock for this; on SQLite the lock is
/// a file beside the database.
/// </summary>
[Collection(ProcessFaults.Name)]
public sealed class SqliteSeedingRaceTests
{
    [Fact]
    public async Task An_instance_and_the_seed_verb_starting_together_on_one_fresh_sqlite_folder_both_succeed_and_load_the_demo_data_once()
    {
        var folder = Path.Combine(Path.GetTempPath(), "marketplace-process-tests", "seed-race-" + Guid.NewGuid().ToString("N"));
        await using var instance = Process(folder);
        await using var operatorA = Process(folder);

        var seed = operatorA.RunVerbAsync("seed");
        await Task.WhenAll(instance.StartAsync(), seed);
        Assert.True((await seed).ExitCode == 0, (await seed).Output);

        var shops = (await instance.Anonymous().GetJsonAsync("/api/v1/shops?pageSize=100"))["items"]!.AsArray()
            .Select(s => s!["name"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(shops);
        Assert.Equal(shops.Count, shops.Distinct().Count());

        // Once more on the seeded folder (a later restart, another seed): everything is found in place, nothing added.
        var again = await operatorA.RunVerbAsync("seed");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(shops.Count, (await instance.Anonymous().GetJsonAsync("/api/v1/shops?pageSize=100"))["items"]!.AsArray().Count);
    }

    private static ApiProcess Process(string folder)
    {
        var api = new ApiProcess(folder);
        api.Settings["Seed:Demo"] = "true";
        // The store is what is shared here. A Lucene index has one writer: each process gets its own (two processes never
        // serve one SQLite folder; several instances need PostgreSQL and Elasticsearch).
        api.Settings["Search:Lucene:Path"] = Path.Combine(Path.GetTempPath(), "marketplace-process-tests", "seed-race-index-" + Guid.NewGuid().ToString("N"));
        return api;
    }
}
