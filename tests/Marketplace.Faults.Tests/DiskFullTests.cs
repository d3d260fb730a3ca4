using System.Diagnostics;
using Marketplace.Testing.Servers;
using Xunit.Abstractions;

namespace Marketplace.Faults.Tests;

/// <summary>
/// The data folder (SQLite store, Lucene index) on a small tmpfs that a filler file then fills up: writes answer 503
/// <c>store.full</c> (never 500), reads keep working, and writes resume once the filler is gone. Needs root for
/// <c>mount -t tmpfs</c> (the CI runs as root); without it the test fails saying so.
/// </summary>
[Collection(ProcessFaults.Name)]
public sealed class DiskFullTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Writes_answer_503_while_the_disk_is_full_reads_keep_working_and_writes_resume_when_space_returns()
    {
        Assert.True(LocalProcess.IsRoot, "This test mounts a tmpfs (mount -t tmpfs) and must run as root.");
        var mountPoint = Path.Combine(Path.GetTempPath(), "marketplace-diskfull-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mountPoint);
        await LocalProcess.RunAsync("mount", ["-t", "tmpfs", "-o", "size=96m", "tmpfs", mountPoint], TimeSpan.FromSeconds(10));
        try
        {
            await using var api = new ApiProcess(Path.Combine(mountPoint, "data"));
            await api.StartAsync();
            var merchant = await api.SignUpAsync("merchant");
            var products = await Faults.ProductsAsync(merchant, count: 1, stock: 10);
            var shopId = (await merchant.GetJsonAsync($"/api/v1/products/{products[0]}"))["shopId"]!.GetValue<string>();

            var filler = Path.Combine(mountPoint, "filler");
            Fill(filler);
            var statuses = new List<int>();
            string? problem = null;
            for (var i = 0; i < 40 && !statuses.Contains(503); i++)
            {
                var response = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", NewProduct(i));
                statuses.Add((int)response.StatusCode);
                if ((int)response.StatusCode == 503)
                {
                    problem = await response.Content.ReadAsStringAsync();
                    Assert.NotNull(response.Headers.RetryAfter);
                }
            }

            output.WriteLine("writes while full: " + string.Join(",", statuses));
            Assert.DoesNotContain(500, statuses);
            Assert.Contains(503, statuses);
            Assert.Contains("store.full", problem, StringComparison.Ordinal);
            await (await api.Anonymous().GetAsync($"/api/v1/products/{products[0]}")).ShouldHaveStatusAsync(200);
            await (await api.Anonymous().GetAsync("/health/live")).ShouldHaveStatusAsync(200);

            File.Delete(filler);
            var recovery = Stopwatch.StartNew();
            await Eventually.HoldsAsync(async () =>
                (int)(await merchant.PostAsync($"/api/v1/shops/{shopId}/products", NewProduct(99))).StatusCode == 201,
                TimeSpan.FromSeconds(30), "writes resume once space returns");
            output.WriteLine($"writes resumed {recovery.ElapsedMilliseconds} ms after space returned");
        }
        finally
        {
            await LocalProcess.RunAsync("umount", ["-l", mountPoint], TimeSpan.FromSeconds(10));
            Directory.Delete(mountPoint);
        }
    }

    private static object NewProduct(int i) => new
    {
        name = $"Kemplang Panggang {i} " + new string('x', 100),
        description = new string('d', 4000),
        price = new { amount = 1_500_000, currency = "IDR" },
        subsector = "kuliner",
        stock = 5,
    };

    private static void Fill(string path)
    {
        var chunk = new byte[1 << 20];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        try
        {
            while (true)
            {
                stream.Write(chunk);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // The device is full: exactly what we wanted.
        }
    }
}
