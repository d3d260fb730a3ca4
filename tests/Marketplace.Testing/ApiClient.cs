using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Marketplace.Testing;

/// <summary>An HTTP client for tests: JSON in and out, as a browser or mobile app would call the API.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public string? Email { get; set; }

    public Guid UserId { get; set; }

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public Task<HttpResponseMessage> PostAsync(string url, object? body = null) =>
        Http.PostAsync(url, body is null ? null : JsonContent.Create(body));

    public Task<HttpResponseMessage> PatchAsync(string url, object body) => Http.PatchAsync(url, JsonContent.Create(body));

    public Task<HttpResponseMessage> PutAsync(string url, object body) => Http.PutAsync(url, JsonContent.Create(body));

    public Task<HttpResponseMessage> DeleteAsync(string url) => Http.DeleteAsync(url);

    /// <summary>Sends a raw body, for malformed-JSON and wrong-content-type tests.</summary>
    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string url, string body, string contentType = "application/json") =>
        Http.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, contentType) });

    public async Task<JsonNode> GetJsonAsync(string url, int expectedStatus = 200)
    {
        var response = await GetAsync(url);
        await response.ShouldHaveStatusAsync(expectedStatus);
        return await response.JsonAsync();
    }
}

public static class HttpResponseAssertions
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty JSON body.");
    }

    public static async Task ShouldHaveStatusAsync(this HttpResponseMessage response, int expected)
    {
        if ((int)response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected HTTP {expected} but got {(int)response.StatusCode} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        }
    }

    /// <summary>Asserts a ProblemDetails with this status that names <paramref name="field"/> (when given) and returns it.</summary>
    public static async Task<JsonNode> ShouldBeProblemAsync(this HttpResponseMessage response, int status, string? field = null, string? code = null)
    {
        await response.ShouldHaveStatusAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        if (field is not null)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.True(errors is not null && errors.ContainsKey(field),
                $"Expected the problem to name field '{field}', got: {problem.ToJsonString(new JsonSerializerOptions { WriteIndented = true })}");
        }

        if (code is not null)
        {
            Assert.Equal(code, problem["code"]?.GetValue<string>());
        }

        return problem;
    }
}

public static class Eventually
{
    /// <summary>Polls until the condition holds or the deadline passes; no fixed sleeps.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan? within = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Condition did not hold in time" + (because is null ? "." : ": " + because));
            }

            await Task.Delay(50);
        }
    }
}
