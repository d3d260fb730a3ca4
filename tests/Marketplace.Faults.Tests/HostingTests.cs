using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Testing.Servers;
using Xunit.Abstractions;

namespace Marketplace.Faults.Tests;

/// <summary>
/// How the service is hosted: an API-only instance, and two instances started together on a fresh PostgreSQL behind
/// one load balancer (shared Redis, shared Data Protection keys folder) — each as real processes, started as an
/// operator starts them.
/// </summary>
[Collection(ProcessFaults.Name)]
public sealed partial class HostingTests(ITestOutputHelper output)
{
    private const string Password = "Rahasia-123-Pasar";

    [Fact]
    public async Task An_api_only_instance_with_the_web_disabled_starts_and_serves_the_api()
    {
        await using var api = new ApiProcess();
        api.Settings["Web:Enabled"] = "false";
        await api.StartAsync();

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.BaseAddress };
        var root = await noRedirects.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/docs", root.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await noRedirects.GetAsync("/sign-in")).StatusCode);
        var merchant = await api.SignUpAsync("merchant");
        await Faults.ProductsAsync(merchant, count: 1, stock: 3);
    }

    [Fact]
    public async Task Two_instances_starting_together_on_a_fresh_postgres_both_start_and_read_each_others_web_cookies()
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        await using var redis = await RedisServer.StartNewAsync();
        var keys = Path.Combine(Path.GetTempPath(), "marketplace-shared-keys-" + Guid.NewGuid().ToString("N"));
        await using var a = Instance(database, redis, keys);
        await using var b = Instance(database, redis, keys);

        // Both migrate and seed the empty database at the same moment.
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        var subsectorsA = (await a.Anonymous().GetJsonAsync("/api/v1/subsectors")).AsArray().Count;
        var subsectorsB = (await b.Anonymous().GetJsonAsync("/api/v1/subsectors")).AsArray().Count;
        Assert.True(subsectorsA > 0);
        Assert.Equal(subsectorsA, subsectorsB);

        // The sign-in form comes from A, is posted to B (its antiforgery token must be readable there), and the session
        // cookie B issues is honoured by A.
        var shopper = await a.SignUpAsync("shopper");
        using var pagesA = Browser(a);
        using var pagesB = Browser(b);
        var form = await pagesA.GetAsync("/sign-in");
        var html = await form.Content.ReadAsStringAsync();
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "sign-in",
                ["__RequestVerificationToken"] = TokenPattern().Match(html).Groups[1].Value,
                ["Form.Email"] = shopper.Email!,
                ["Form.Password"] = Password,
            }),
        };
        signIn.Headers.Add("Cookie", Cookies(form));
        var signedIn = await pagesB.SendAsync(signIn);
        output.WriteLine($"sign-in posted to B: {(int)signedIn.StatusCode} {signedIn.Headers.Location}");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Cookies(signedIn);
        Assert.Contains("mp_sid=", session, StringComparison.Ordinal);

        var anonymousOrders = await pagesA.GetAsync("/orders");
        Assert.Equal(HttpStatusCode.Redirect, anonymousOrders.StatusCode); // without the cookie: to the sign-in page
        var orders = new HttpRequestMessage(HttpMethod.Get, "/orders");
        orders.Headers.Add("Cookie", session);
        var onA = await pagesA.SendAsync(orders);
        Assert.Equal(HttpStatusCode.OK, onA.StatusCode);
        var signOut = new HttpRequestMessage(HttpMethod.Get, "/sign-out");
        signOut.Headers.Add("Cookie", session);
        Assert.Contains("Test shopper", await (await pagesA.SendAsync(signOut)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Directory.Delete(keys, recursive: true);
    }

    [Fact]
    public async Task Two_seed_verbs_run_at_once_on_a_fresh_postgres_both_succeed_and_load_the_demo_data_once()
    {
        // Reading what is there and inserting what is missing takes seconds for the demo data: without the store-wide
        // lock two operators' (or two deploy jobs') seeds collide on the same rows.
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        await using var redis = await RedisServer.StartNewAsync();
        var keys = Path.Combine(Path.GetTempPath(), "marketplace-shared-keys-" + Guid.NewGuid().ToString("N"));
        await using var a = Instance(database, redis, keys);
        await using var b = Instance(database, redis, keys);

        var runs = await Task.WhenAll(a.RunVerbAsync("seed"), b.RunVerbAsync("seed"));
        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Output));
        await a.StartAsync();
        var shops = await a.Anonymous().GetJsonAsync("/api/v1/shops?pageSize=100");
        var names = shops["items"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(names);
        Assert.Equal(names.Count, names.Distinct().Count());
        if (Directory.Exists(keys))
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    private static ApiProcess Instance(string database, RedisServer redis, string keys)
    {
        var api = new ApiProcess();
        api.Settings["Database:Provider"] = "Postgres";
        api.Settings["ConnectionStrings:Marketplace"] = database;
        api.Settings["Redis:Configuration"] = redis.Configuration;
        api.Settings["Web:KeysDirectory"] = keys;
        api.Settings["Identity:Jwt:SigningKey"] = "two-instances-hosting-test-signing-key-0123456789";
        return api;
    }

    /// <summary>A browser without JavaScript that keeps no cookies of its own: the test carries them between instances.</summary>
    private static HttpClient Browser(ApiProcess api) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = api.BaseAddress };

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
