#:property PublishAot=false
// Checkout and add-to-cart load against a running API. A .NET file-based app: `dotnet run bench/orders/Bench.cs -- <baseUrl> <concurrency> <seconds>`.
// Sets up 3 merchants (one shop and one product each, plenty of stock) and one shopper per worker, then each worker
// loops: add 3 lines (one per shop) to its cart, check out (manual payment, a fresh Idempotency-Key). Prints one JSON
// line: checkouts/s, add-to-cart p50/p99, checkout p50/p99, and /health/live req/s at the same concurrency.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

var baseUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:5098";
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
// The API's process id (optional, same machine): its CPU time over the measured window, per checkout loop, is a figure a
// loaded machine distorts far less than throughput.
var serverPid = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;

// utime + stime of a process, in clock ticks (USER_HZ, 100 per second on Linux); 0 when not measured.
long CpuTicks()
{
    if (serverPid == 0)
    {
        return 0;
    }

    var stat = File.ReadAllText($"/proc/{serverPid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

async Task<string> SignUpAsync(string role)
{
    var email = $"bench-{role}-{Guid.NewGuid():N}@bench.marketplace.id";
    (await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Bench-Password-123", displayName = "Bench " + role, role })).EnsureSuccessStatusCode();
    var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Bench-Password-123" });
    login.EnsureSuccessStatusCode();
    return (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
}

async Task<JsonObject> SendAsync(HttpMethod method, string url, string token, object? body, string? idempotencyKey = null)
{
    using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    if (idempotencyKey is not null)
    {
        request.Headers.Add("Idempotency-Key", idempotencyKey);
    }

    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{method} {url}: {(int)response.StatusCode} {text}");
    }

    return JsonNode.Parse(text)!.AsObject();
}

var products = new List<string>();
for (var i = 0; i < 3; i++)
{
    var merchant = await SignUpAsync("merchant");
    var shop = await SendAsync(HttpMethod.Post, "/api/v1/shops", merchant, new { name = $"Bench Toko {i} {Guid.NewGuid():N}"[..28], cityCode = "35.73", subsectors = new[] { "kuliner" } });
    var product = await SendAsync(HttpMethod.Post, $"/api/v1/shops/{shop["id"]}/products", merchant,
        new { name = $"Keripik {i}", price = new { amount = 2_500_000 + i, currency = "IDR" }, subsector = "kuliner", stock = 1_000_000 });
    await SendAsync(HttpMethod.Post, $"/api/v1/products/{product["id"]}/publish", merchant, null);
    products.Add(product["id"]!.GetValue<string>());
}

var shoppers = new List<string>();
for (var i = 0; i < concurrency; i++)
{
    shoppers.Add(await SignUpAsync("shopper"));
}

var checkout = new
{
    shippingAddress = new { recipient = "Bench Shopper", phone = "+62 812 0000 0000", line1 = "Jl. Bench 1", cityCode = "16.71", postalCode = "30111" },
    paymentMethod = "manual",
};

async Task<(List<double> Adds, List<double> Checkouts)> RunAsync(TimeSpan duration)
{
    var adds = new List<double>();
    var checkouts = new List<double>();
    var stop = Stopwatch.StartNew();
    await Task.WhenAll(shoppers.Select(token => Task.Run(async () =>
    {
        var myAdds = new List<double>();
        var myCheckouts = new List<double>();
        while (stop.Elapsed < duration)
        {
            foreach (var product in products)
            {
                var t = Stopwatch.GetTimestamp();
                await SendAsync(HttpMethod.Post, "/api/v1/cart/items", token, new { productId = product, quantity = 1 });
                myAdds.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            var c = Stopwatch.GetTimestamp();
            await SendAsync(HttpMethod.Post, "/api/v1/checkout", token, checkout, Guid.NewGuid().ToString());
            myCheckouts.Add(Stopwatch.GetElapsedTime(c).TotalMilliseconds);
        }

        lock (adds)
        {
            adds.AddRange(myAdds);
            checkouts.AddRange(myCheckouts);
        }
    })));
    return (adds, checkouts);
}

async Task<double> HealthRpsAsync(TimeSpan duration)
{
    var count = 0;
    var stop = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
    {
        while (stop.Elapsed < duration)
        {
            using var response = await http.GetAsync("/health/live");
            response.EnsureSuccessStatusCode();
            Interlocked.Increment(ref count);
        }
    })));
    return count / stop.Elapsed.TotalSeconds;
}

static double Percentile(List<double> values, double p)
{
    if (values.Count == 0)
    {
        return double.NaN;
    }

    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

// Warm-up: connection pools, caches and the JIT. On 2 busy cores tiered compilation's background thread still took
// 20-35% of the API's CPU 40-110 s into a run (perf, per thread), so 20 s measured the JIT as much as the checkout.
var warmUpSeconds = int.Parse(Environment.GetEnvironmentVariable("WARMUP_SECONDS") ?? "60", CultureInfo.InvariantCulture);
var (_, warmUpCheckouts) = await RunAsync(TimeSpan.FromSeconds(warmUpSeconds));
var ticks0 = CpuTicks();
var gate0 = await WriteGateAsync();
var sw = Stopwatch.StartNew();
var (addTimes, checkoutTimes) = await RunAsync(TimeSpan.FromSeconds(seconds));
var elapsed = sw.Elapsed.TotalSeconds;
var serverCpuMsPerLoop = serverPid == 0 ? double.NaN : (CpuTicks() - ticks0) * 10.0 / Math.Max(1, checkoutTimes.Count);
var gate1 = await WriteGateAsync();
var loops = Math.Max(1, checkoutTimes.Count);
var health = await HealthRpsAsync(TimeSpan.FromSeconds(Math.Max(3, seconds / 2)));
var checkoutsPerSecond = checkoutTimes.Count / elapsed;
var requestsPerSecond = (checkoutTimes.Count + addTimes.Count) / elapsed;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"concurrency\":{concurrency},\"loopsIncludingWarmUp\":{warmUpCheckouts.Count + checkoutTimes.Count},\"seconds\":{elapsed:F1},\"checkouts\":{checkoutTimes.Count},\"checkoutsPerSecond\":{checkoutsPerSecond:F1}," +
    $"\"checkoutP50Ms\":{Percentile(checkoutTimes, 0.5):F1},\"checkoutP99Ms\":{Percentile(checkoutTimes, 0.99):F1}," +
    $"\"addToCartP50Ms\":{Percentile(addTimes, 0.5):F1},\"addToCartP99Ms\":{Percentile(addTimes, 0.99):F1}," +
    $"\"cartAndCheckoutRequestsPerSecond\":{requestsPerSecond:F1},\"healthLiveRequestsPerSecond\":{health:F1},\"ratioToHealthLive\":{requestsPerSecond / health:F4}," +
    $"\"serverCpuMsPerLoop\":{(double.IsNaN(serverCpuMsPerLoop) ? "null" : serverCpuMsPerLoop.ToString("F2", CultureInfo.InvariantCulture))}," +
    $"\"sqliteGateBusyShare\":{(gate1.Held - gate0.Held) / elapsed:F3},\"sqliteGateHeldMsPerLoop\":{(gate1.Held - gate0.Held) * 1000 / loops:F2},\"sqliteGateHeldCpuMsPerLoop\":{(gate1.HeldCpu - gate0.HeldCpu) * 1000 / loops:F2}," +
    $"\"sqliteGateWaitMsPerLoop\":{(gate1.Waited - gate0.Waited) * 1000 / loops:F2},\"sqliteWriteTransactionsPerLoop\":{(gate1.Transactions - gate0.Transactions) / loops:F2}," +
    $"\"sqliteGateHeldMsPerLoopByContext\":{{{string.Join(",", gate1.HeldBy.Select(h => (h.Key, Ms: (h.Value - gate0.HeldBy.GetValueOrDefault(h.Key)) * 1000 / loops)).Where(h => h.Ms >= 0.01).OrderByDescending(h => h.Ms).Select(h => $"\"{h.Key}\":{h.Ms:F2}"))}}}," +
    $"\"sqliteGateHeldCpuMsPerLoopByContext\":{{{string.Join(",", gate1.HeldCpuBy.Select(h => (h.Key, Ms: (h.Value - gate0.HeldCpuBy.GetValueOrDefault(h.Key)) * 1000 / loops)).Where(h => h.Ms >= 0.01).OrderByDescending(h => h.Ms).Select(h => $"\"{h.Key}\":{h.Ms:F2}"))}}}}}"));

// SQLite's write gate, from the API's Prometheus metrics (zeros on PostgreSQL): seconds held and waited, transactions.
async Task<(double Held, double HeldCpu, double Waited, double Transactions, Dictionary<string, double> HeldBy, Dictionary<string, double> HeldCpuBy)> WriteGateAsync()
{
    using var response = await http.GetAsync("/metrics");
    if (!response.IsSuccessStatusCode)
    {
        return (0, 0, 0, 0, [], []);
    }

    // Prometheus text lines such as: marketplace_sqlite_write_gate_held_seconds_total{context="CartDbContext"} 1.25 <time>
    var samples = (await response.Content.ReadAsStringAsync()).Split('\n').Where(l => l.StartsWith("marketplace_sqlite_write_gate_", StringComparison.Ordinal))
        .Select(l => (Name: l[..l.IndexOfAny(['{', ' '])], Context: l.Contains("context=\"") ? l.Split("context=\"")[1].Split('"')[0] : "",
            Value: double.Parse(l[(l.IndexOf("} ", StringComparison.Ordinal) is var i and >= 0 ? i + 2 : l.IndexOf(' ') + 1)..].Split(' ')[0], CultureInfo.InvariantCulture)))
        .ToList();
    double Sum(string name) => samples.Where(s => s.Name == name).Sum(s => s.Value);
    return (Sum("marketplace_sqlite_write_gate_held_seconds_total"), Sum("marketplace_sqlite_write_gate_held_cpu_seconds_total"), Sum("marketplace_sqlite_write_gate_waited_seconds_total"),
        Sum("marketplace_sqlite_write_gate_transactions_total"),
        samples.Where(s => s.Name == "marketplace_sqlite_write_gate_held_seconds_total").ToDictionary(s => s.Context, s => s.Value),
        samples.Where(s => s.Name == "marketplace_sqlite_write_gate_held_cpu_seconds_total").ToDictionary(s => s.Context, s => s.Value));
}
