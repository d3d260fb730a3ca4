using System.Globalization;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Exhibitions.Booths;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.Exhibitions.Visits;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Seeding;

/// <summary>
/// <c>exhibitions-synthetic --organiser ID [--booths 1000] [--visits 1000000] [--visitors 200000] [--out FILE]</c>: a
/// live exhibition owned by the given organiser, with N booths (of synthetic shops) and M counted visits spread over
/// its booths (skewed: a few booths draw most visitors) and its first days — the data set of the analytics benchmark.
/// Writes the exhibition id, then one booth id per line, to FILE.
/// </summary>
internal sealed class SyntheticExhibitionVerb : ICommandLineVerb
{
    public string Name => "exhibitions-synthetic";

    public string Description => "a live exhibition with N booths and M visits for benchmarks (--organiser ID --booths N --visits M --out FILE)";

    public async Task<int> RunAsync(IServiceProvider services, string[] arguments, CancellationToken ct)
    {
        string? Arg(string name) => arguments.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        if (!Guid.TryParse(Arg("--organiser"), out var organiserId))
        {
            await Console.Error.WriteLineAsync("--organiser <user id of an organiser> is required.");
            return 2;
        }

        var boothCount = int.Parse(Arg("--booths") ?? "1000", CultureInfo.InvariantCulture);
        var visitCount = int.Parse(Arg("--visits") ?? "1000000", CultureInfo.InvariantCulture);
        var visitorCount = int.Parse(Arg("--visitors") ?? "200000", CultureInfo.InvariantCulture);
        var output = Arg("--out");
        if (boothCount is < 1 or > 100_000 || visitCount is < 0 or > 50_000_000 || visitorCount < 1)
        {
            await Console.Error.WriteLineAsync("--booths 1..100000, --visits 0..50000000, --visitors >= 1.");
            return 2;
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var subsectors = new[] { "kuliner", "kriya", "fashion", "seni-rupa", "penerbitan" };
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExhibitionsDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var id = Guid.CreateVersion7();
        var slug = "bench-expo-" + id.ToString("N")[..8];
        var exhibition = new Exhibition(id, organiserId, slug, "Bench Expo " + slug[^8..], "16.71", now.AddDays(-6), now.AddDays(8), now) { Subsectors = [.. subsectors] };
        exhibition.Halls.AddRange(Enumerable.Range(0, 10).Select(i => new ExhibitionHall { Id = Guid.CreateVersion7(), ExhibitionId = id, Name = $"Hall {i + 1}", Position = i }));
        exhibition.Tiers.Add(new BoothTier { Id = Guid.CreateVersion7(), ExhibitionId = id, Name = "Standard", Capacity = boothCount, Taken = boothCount });
        exhibition.Publish(now);
        db.Exhibitions.Add(exhibition);
        var booths = new List<Booth>(boothCount);
        for (var i = 0; i < boothCount; i++)
        {
            var hall = exhibition.Halls[i % exhibition.Halls.Count];
            var name = $"Toko Bench {i + 1:D5}";
            booths.Add(new Booth
            {
                Id = Guid.CreateVersion7(),
                ExhibitionId = id,
                ExhibitionSlug = slug,
                ShopId = Guid.CreateVersion7(),
                OwnerId = Guid.CreateVersion7(),
                ApplicationId = Guid.CreateVersion7(),
                ShopName = name,
                ShopSlug = Slug.From(name),
                SearchText = name.ToLowerInvariant(),
                CityCode = "16.71",
                Subsectors = [subsectors[i % subsectors.Length]],
                Subsector = subsectors[i % subsectors.Length],
                TierId = exhibition.Tiers[0].Id,
                TierName = "Standard",
                HallId = hall.Id,
                HallName = hall.Name,
                HallPosition = hall.Position,
                Slot = (i / exhibition.Halls.Count) + 1,
                Status = BoothStatus.Open,
                OpenedAt = now,
                UpdatedAt = now,
                Version = 1,
            });
        }

        db.Booths.AddRange(booths);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var days = new Dictionary<(Guid BoothId, int Day), long>();
        var random = new Random(42);
        var started = DateTime.UtcNow;
        for (var written = 0; written < visitCount;)
        {
            var batch = Math.Min(20_000, visitCount - written);
            for (var i = 0; i < batch; i++)
            {
                // Squaring a uniform draw skews toward the first booths, as real traffic is.
                var booth = booths[(int)(Math.Pow(random.NextDouble(), 2) * boothCount)];
                var at = now.AddDays(-6).AddSeconds(random.Next(0, 6 * 24 * 3600));
                var day = Jakarta.Day(at);
                db.Visits.Add(new BoothVisit { ExhibitionId = id, BoothId = booth.Id, VisitorId = "a:v" + random.Next(visitorCount).ToString(CultureInfo.InvariantCulture), At = at, Day = day });
                days[(booth.Id, day)] = days.GetValueOrDefault((booth.Id, day)) + 1;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            written += batch;
            if (written % 200_000 == 0 || written == visitCount)
            {
                Console.WriteLine($"visits: {written:N0} of {visitCount:N0} ({(DateTime.UtcNow - started).TotalSeconds:F0} s)");
            }
        }

        db.BoothDays.AddRange(days.Select(d => new BoothDay { ExhibitionId = id, BoothId = d.Key.BoothId, Day = d.Key.Day, Visits = d.Value }));
        await db.SaveChangesAsync(ct);

        if (output is not null)
        {
            await File.WriteAllLinesAsync(output, [id.ToString(), .. booths.Select(b => b.Id.ToString())], ct);
        }

        Console.WriteLine($"exhibition {id} ({slug}): {boothCount:N0} booths, {visitCount:N0} visits");
        return 0;
    }
}
