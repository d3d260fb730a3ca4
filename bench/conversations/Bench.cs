#:property PublishAot=false
#:package Microsoft.AspNetCore.SignalR.Client
// Chat load through /hubs/conversations. A .NET file-based app:
//   dotnet run bench/conversations/Bench.cs -- <visitorsBaseUrl> <exhibitorBaseUrl> <clients> <seconds> [serverPids]
// Opens clients/2 guest conversations at one booth (guests: no sign-up cost), connects one SignalR client per guest to
// the first URL and one exhibitor client per conversation to the second (the same URL = one instance; two URLs = two
// instances on one Redis backplane). Every guest then sends messages back to back for <seconds>; each message carries its
// send time, so the exhibitor side measures delivery latency. Prints one JSON line: messages/s delivered, p50/p99
// delivery latency, /health/live req/s of the first instance measured just before, and — given the servers' process ids
// (comma-separated) — the servers' CPU time (utime + stime from /proc/<pid>/stat) per delivered message over the window.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

var visitorsUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:5098";
var exhibitorUrl = args.Length > 1 ? args[1] : visitorsUrl;
var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
var seconds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
var pairs = clients / 2;
var serverPids = args.Length > 4 ? args[4].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray() : [];

// utime + stime of the servers in milliseconds (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 1/100 s).
double ServerCpuMs() => serverPids.Sum(pid =>
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
});

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(visitorsUrl), Timeout = TimeSpan.FromSeconds(60) };

async Task<JsonNode> Send(HttpMethod method, string url, object? body, string? token, string? visitorId = null, int expected = 0)
{
    using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
    if (token is not null)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    if (visitorId is not null)
    {
        request.Headers.Add("X-Visitor-Id", visitorId);
    }

    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{method} {url}: {(int)response.StatusCode} {text}");
    }

    return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
}

async Task<string> SignUp(string role)
{
    var email = $"bench-{role}-{Guid.NewGuid():N}@bench.marketplace.id";
    var body = await Send(HttpMethod.Post, "/api/v1/auth/register", new { email, password = "Bench-Password-2026!", displayName = "Bench " + role, role }, null);
    return body["accessToken"]!.GetValue<string>();
}

string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

// One running exhibition with a booth per ten conversations (one exhibitor's inbox then has ten connections, not all of them).
var booths = Math.Max(1, pairs / 10);
var organiser = await SignUp("organiser");
var now = DateTimeOffset.UtcNow;
var exhibition = await Send(HttpMethod.Post, "/api/v1/exhibitions", new
{
    title = $"Bench Expo {Guid.NewGuid():N}"[..24], cityCode = "16.71", startsAt = Iso(now.AddHours(-1)), endsAt = Iso(now.AddDays(3)),
    subsectors = new[] { "kuliner" }, tiers = new object[] { new { name = "Standard", capacity = booths } }, halls = new object[] { new { name = "Hall" } },
}, organiser);
var exhibitionId = exhibition["id"]!.GetValue<string>();
await Send(HttpMethod.Post, $"/api/v1/exhibitions/{exhibitionId}/publish", null, organiser);
var boothIds = new string[booths];
var merchants = new string[booths];
await Parallel.ForEachAsync(Enumerable.Range(0, booths), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (b, _) =>
{
    var merchant = await SignUp("merchant");
    var shop = await Send(HttpMethod.Post, "/api/v1/shops", new { name = $"Bench Shop {Guid.NewGuid():N}"[..24], cityCode = "16.71", subsectors = new[] { "kuliner" } }, merchant);
    var product = await Send(HttpMethod.Post, $"/api/v1/shops/{shop["id"]}/products", new { name = "Pempek", price = new { amount = 2_500_000, currency = "IDR" }, subsector = "kuliner", stock = 10 }, merchant);
    await Send(HttpMethod.Post, $"/api/v1/products/{product["id"]}/publish", null, merchant);
    var application = await Send(HttpMethod.Post, $"/api/v1/exhibitions/{exhibitionId}/booth-applications", new { tier = "Standard", pitch = "Bench", productIds = new[] { product["id"]!.GetValue<string>() } }, merchant);
    boothIds[b] = (await Send(HttpMethod.Post, $"/api/v1/booth-applications/{application["id"]}/approve", null, organiser))["booth"]!["id"]!.GetValue<string>();
    merchants[b] = merchant;
});

// Guests open their conversations (in parallel, 32 at a time).
var guests = Enumerable.Range(0, pairs).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
var conversations = new string[pairs];
await Parallel.ForEachAsync(Enumerable.Range(0, pairs), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
    conversations[i] = (await Send(HttpMethod.Post, $"/api/v1/booths/{boothIds[i % booths]}/conversations", null, null, guests[i]))["id"]!.GetValue<string>());

var clock = Stopwatch.StartNew();
var latencies = new ConcurrentBag<double>();
long delivered = 0;
var measuring = false;

HubConnection Connect(string baseUrl, string query, string? token) => new HubConnectionBuilder()
    .WithUrl(baseUrl + "/hubs/conversations" + query, o =>
    {
        o.Transports = HttpTransportType.WebSockets;
        o.SkipNegotiation = true;
        if (token is not null)
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        }
    })
    .Build();

var visitors = new HubConnection[pairs];
var exhibitors = new HubConnection[pairs];
await Parallel.ForEachAsync(Enumerable.Range(0, pairs), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
{
    var exhibitorSide = Connect(exhibitorUrl, "", merchants[i % booths]);
    exhibitorSide.On<JsonElement>("message", m =>
    {
        if (!measuring)
        {
            return;
        }

        var text = m.GetProperty("text").GetString()!;
        var sentAt = long.Parse(text.AsSpan(0, text.IndexOf(' ')), CultureInfo.InvariantCulture);
        latencies.Add((clock.ElapsedTicks - sentAt) * 1000.0 / Stopwatch.Frequency);
        Interlocked.Increment(ref delivered);
    });
    await exhibitorSide.StartAsync(ct);
    await exhibitorSide.InvokeAsync("Join", Guid.Parse(conversations[i]), ct);
    exhibitors[i] = exhibitorSide;
    var visitor = Connect(visitorsUrl, "?visitorId=" + guests[i], null);
    await visitor.StartAsync(ct);
    await visitor.InvokeAsync("Join", Guid.Parse(conversations[i]), ct);
    visitors[i] = visitor;
});

// /health/live on the visitors' instance, same client machine, just before.
var liveCount = 0L;
var liveUntil = DateTime.UtcNow.AddSeconds(Math.Min(5, seconds));
await Parallel.ForEachAsync(Enumerable.Range(0, 32), async (_, _) =>
{
    while (DateTime.UtcNow < liveUntil)
    {
        using var r = await http.GetAsync("/health/live");
        Interlocked.Increment(ref liveCount);
    }
});
var liveRps = liveCount / Math.Min(5.0, seconds);

// On stderr, so a profiler can be started on the server for the window (see README).
Console.Error.WriteLine($"sending for {seconds} s");
measuring = true;
var cpuBefore = ServerCpuMs();
var start = clock.Elapsed;
var until = DateTime.UtcNow.AddSeconds(seconds);
var errors = 0L;
await Task.WhenAll(visitors.Select(async (v, i) =>
{
    var id = Guid.Parse(conversations[i]);
    while (DateTime.UtcNow < until)
    {
        try { await v.InvokeAsync<JsonElement>("Send", id, $"{clock.ElapsedTicks} halo", (Guid?)null); }
        catch (Exception) { Interlocked.Increment(ref errors); }
    }
}));
var sendWindow = (clock.Elapsed - start).TotalSeconds;
// Let the last deliveries land.
var settle = DateTime.UtcNow.AddSeconds(2);
while (DateTime.UtcNow < settle)
{
    await Task.Delay(50);
}
measuring = false;
// Over the window and the settling: every delivered message's work, against every delivered message.
var cpuMs = ServerCpuMs() - cpuBefore;

var sorted = latencies.OrderBy(x => x).ToArray();
double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
Console.WriteLine(JsonSerializer.Serialize(new
{
    clients = pairs * 2,
    twoInstances = visitorsUrl != exhibitorUrl,
    seconds = Math.Round(sendWindow, 1),
    messagesPerSecond = Math.Round(delivered / sendWindow, 1),
    // Null when nothing arrived (JSON has no NaN).
    p50Ms = sorted.Length == 0 ? (double?)null : Math.Round(P(0.50), 1),
    p99Ms = sorted.Length == 0 ? (double?)null : Math.Round(P(0.99), 1),
    sendErrors = errors,
    healthLiveRps = Math.Round(liveRps, 1),
    serverCpuMsPerMessage = serverPids.Length == 0 || delivered == 0 ? (double?)null : Math.Round(cpuMs / delivered, 2),
}));
await Task.WhenAll(visitors.Concat(exhibitors).Select(c => c.DisposeAsync().AsTask()));
