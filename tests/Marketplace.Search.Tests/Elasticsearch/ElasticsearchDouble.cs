using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Search.Tests.Elasticsearch;

/// <summary>One request the double received, as it came over the wire.</summary>
/// <param name="ContentEncoding">"gzip" when the body came compressed (it is recorded decompressed).</param>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string? ContentType, string Body, string? ContentEncoding = null)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public override string ToString() => $"{Method} {Path}{Query}";
}

/// <summary>An answer the double gives: a status and a JSON body (as Elasticsearch sends it), and extra headers.</summary>
internal sealed record DoubleResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null)
{
    public static DoubleResponse Json(int status, string body) => new(status, body);
}

/// <summary>
/// A local stand-in for an Elasticsearch node: a real HTTP server (Kestrel on a free loopback port) that records every
/// request and answers like Elasticsearch 8 does — index creation, aliases, <c>_bulk</c>, <c>_search</c>,
/// <c>_refresh</c>, <c>_cluster/health</c> and the error bodies. It keeps just enough state (which indices exist,
/// which alias points where, and each index's documents for <c>_bulk</c> updates) for the adapter's index lifecycle
/// and partial updates to run; search answers are canned per test
/// (<see cref="SearchResponse"/>). A test can script an answer for a request (<see cref="Script"/>) — a 429, a 503, a
/// bulk with <c>errors: true</c> — or take the whole node "down" (<see cref="Down"/>).
/// </summary>
internal sealed class ElasticsearchDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<(Func<RecordedRequest, bool> Matches, DoubleResponse Response, bool Once)> _scripts = [];
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<string>> _aliases = new(StringComparer.Ordinal); // index → aliases
    private readonly HashSet<string> _indices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _documents = new(StringComparer.Ordinal); // index → id → _source

    private ElasticsearchDouble(WebApplication app)
    {
        _app = app;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>While true every request gets a 503 like a node without a master (the engine is "down").</summary>
    public bool Down { get; set; }

    /// <summary>The body every <c>_search</c> answers with unless a script says otherwise.</summary>
    public string SearchResponse { get; set; } = EmptySearchResponse;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <param name="certificate">Serve HTTPS with this certificate (as Elasticsearch 8 does with its own CA); null for HTTP.</param>
    public static async Task<ElasticsearchDouble> StartAsync(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var node = new ElasticsearchDouble(app);
        app.Run(node.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        node.Url = new Uri(address.EndsWith('/') ? address : address + "/");
        return node;
    }

    public void ClearRequests() => _requests.Clear();

    /// <summary>Answers matching requests with <paramref name="response"/> (the first script that matches wins).</summary>
    public void Script(Func<RecordedRequest, bool> matches, DoubleResponse response, bool once = false)
    {
        lock (_lock)
        {
            _scripts.Add((matches, response, once));
        }
    }

    public void ClearScripts()
    {
        lock (_lock)
        {
            _scripts.Clear();
        }
    }

    /// <summary>Puts an index (with an alias) in place, as if an earlier run had created it.</summary>
    public void SeedIndex(string index, params string[] aliases)
    {
        lock (_lock)
        {
            _indices.Add(index);
            _aliases[index] = [.. aliases];
        }
    }

    /// <summary>Takes an alias off an index, as an operator's manual <c>_aliases</c> call would.</summary>
    public void RemoveAlias(string index, string alias)
    {
        lock (_lock)
        {
            _aliases[index].Remove(alias);
        }
    }

    public IReadOnlyCollection<string> Indices
    {
        get
        {
            lock (_lock)
            {
                return [.. _indices];
            }
        }
    }

    public IReadOnlyCollection<string> IndicesBehind(string alias)
    {
        lock (_lock)
        {
            return [.. _aliases.Where(a => a.Value.Contains(alias)).Select(a => a.Key)];
        }
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string pathSuffix) =>
        [.. Requests.Where(r => r.Method == method && r.Path.EndsWith(pathSuffix, StringComparison.Ordinal))];

    private async Task HandleAsync(HttpContext http)
    {
        // Elasticsearch accepts gzip-compressed request bodies (http.compression), and the official client sends them.
        var gzipped = http.Request.Headers.ContentEncoding.Any(e => string.Equals(e, "gzip", StringComparison.OrdinalIgnoreCase));
        await using var decoded = gzipped ? new GZipStream(http.Request.Body, CompressionMode.Decompress) : http.Request.Body;
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(
            http.Request.Method,
            http.Request.Path.Value ?? "/",
            http.Request.QueryString.Value ?? string.Empty,
            http.Request.Headers.Authorization.FirstOrDefault(),
            http.Request.ContentType,
            body,
            gzipped ? "gzip" : null);
        _requests.Enqueue(request);

        DoubleResponse response;
        try
        {
            response = Answer(request);
        }
        catch (Exception ex)
        {
            // A request the double cannot read: say why in the answer, so the failing test shows it.
            response = DoubleResponse.Json(500, new JsonObject { ["error"] = new JsonObject { ["type"] = "double_exception", ["reason"] = $"{ex.GetType().Name}: {ex.Message} — body: {body}" }, ["status"] = 500 }.ToJsonString());
        }
        if (response.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up
            }
        }

        http.Response.StatusCode = response.Status;
        // Elasticsearch sends this header on every answer; clients (and ours) may check it.
        http.Response.Headers["X-elastic-product"] = "Elasticsearch";
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            // An empty value takes the header away (e.g. to play a server that is not Elasticsearch).
            if (value.Length == 0)
            {
                http.Response.Headers.Remove(name);
            }
            else
            {
                http.Response.Headers[name] = value;
            }
        }

        if (request.Method != "HEAD" && response.Body.Length > 0)
        {
            http.Response.ContentType = "application/json; charset=UTF-8";
            await http.Response.WriteAsync(response.Body);
        }
    }

    private DoubleResponse Answer(RecordedRequest request)
    {
        if (Down)
        {
            return DoubleResponse.Json(503, Samples.Read("Responses/error-503-master-not-discovered.json"));
        }

        lock (_lock)
        {
            for (var i = 0; i < _scripts.Count; i++)
            {
                var (matches, response, once) = _scripts[i];
                if (matches(request))
                {
                    if (once)
                    {
                        _scripts.RemoveAt(i);
                    }

                    return response;
                }
            }

            return Default(request);
        }
    }

    private const string Acknowledged = """{"acknowledged":true}""";

    private const string EmptySearchResponse = """
        {"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
         "hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]}}
        """;

    // The node's ordinary behaviour; called under _lock.
    private DoubleResponse Default(RecordedRequest request)
    {
        var segments = request.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = request.Method;

        if (segments is ["_cluster", "health", ..])
        {
            return DoubleResponse.Json(200, Samples.Read("Responses/cluster-health-green.json"));
        }

        if (segments is ["_bulk"] or [_, "_bulk"])
        {
            return DoubleResponse.Json(200, Bulk(request.Body));
        }

        if (segments is [_, "_search"] or ["_search"])
        {
            return DoubleResponse.Json(200, SearchResponse);
        }

        if (segments is [_, "_refresh"] or ["_refresh"])
        {
            return DoubleResponse.Json(200, """{"_shards":{"total":1,"successful":1,"failed":0}}""");
        }

        if (segments is [var settingsIndex, "_settings"] && method == "PUT")
        {
            return _indices.Contains(settingsIndex)
                ? DoubleResponse.Json(200, Acknowledged)
                : DoubleResponse.Json(404, Samples.Read("Responses/error-404-index-not-found.json").Replace("{index}", settingsIndex));
        }

        if (segments is [var mappingTarget, "_mapping"] && method == "GET")
        {
            var mappings = new JsonObject();
            foreach (var owner in _indices.Where(i => i == mappingTarget || _aliases[i].Contains(mappingTarget)))
            {
                mappings[owner] = new JsonObject { ["mappings"] = new JsonObject() };
            }

            return DoubleResponse.Json(200, mappings.ToJsonString());
        }

        if (segments is ["_aliases"] && method == "POST")
        {
            return ApplyAliasActions(request);
        }

        if (segments is ["_alias", var aliasName] && method == "GET")
        {
            var owners = _aliases.Where(a => a.Value.Contains(aliasName)).Select(a => a.Key).ToList();
            if (owners.Count == 0)
            {
                return DoubleResponse.Json(404, $$"""{"error":"alias [{{aliasName}}] missing","status":404}""");
            }

            var answer = new JsonObject();
            foreach (var owner in owners)
            {
                answer[owner] = new JsonObject { ["aliases"] = new JsonObject { [aliasName] = new JsonObject() } };
            }

            return DoubleResponse.Json(200, answer.ToJsonString());
        }

        if (segments is [var index] && !index.StartsWith('_'))
        {
            switch (method)
            {
                case "PUT":
                    if (_indices.Contains(index) || _aliases.Values.Any(a => a.Contains(index)))
                    {
                        return DoubleResponse.Json(400, Samples.Read("Responses/error-400-resource-already-exists.json").Replace("{index}", index));
                    }

                    _indices.Add(index);
                    var created = request.Body.Length > 0 ? request.Json["aliases"]?.AsObject() : null;
                    _aliases[index] = created is null ? [] : [.. created.Select(a => a.Key)];
                    return DoubleResponse.Json(200, $$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{index}}"}""");
                case "HEAD":
                    return new DoubleResponse(_indices.Contains(index) || _aliases.Values.Any(a => a.Contains(index)) ? 200 : 404, string.Empty);
                case "DELETE":
                    if (!_indices.Remove(index))
                    {
                        return DoubleResponse.Json(404, Samples.Read("Responses/error-404-index-not-found.json").Replace("{index}", index));
                    }

                    _aliases.Remove(index);
                    _documents.Remove(index);
                    return DoubleResponse.Json(200, Acknowledged);
            }
        }

        return DoubleResponse.Json(400, $$"""{"error":{"root_cause":[],"type":"illegal_argument_exception","reason":"the double does not know {{method}} {{request.Path}}"},"status":400}""");
    }

    private DoubleResponse ApplyAliasActions(RecordedRequest request)
    {
        var actions = request.Json["actions"]!.AsArray();
        foreach (var action in actions)
        {
            var (kind, spec) = action!.AsObject().Single();
            var index = spec!["index"]?.GetValue<string>();
            switch (kind)
            {
                case "add":
                    if (index is null || !_indices.Contains(index))
                    {
                        return DoubleResponse.Json(404, Samples.Read("Responses/error-404-index-not-found.json").Replace("{index}", index ?? "null"));
                    }

                    _aliases[index].Add(spec["alias"]!.GetValue<string>());
                    break;
                case "remove":
                    if (index is not null && _aliases.TryGetValue(index, out var aliases))
                    {
                        aliases.Remove(spec["alias"]!.GetValue<string>());
                    }

                    break;
                case "remove_index":
                    _indices.Remove(index!);
                    _aliases.Remove(index!);
                    _documents.Remove(index!);
                    break;
            }
        }

        return DoubleResponse.Json(200, Acknowledged);
    }

    /// <summary>The stored <c>_source</c> of a document, by index or alias (null when absent).</summary>
    public JsonObject? Document(string indexOrAlias, string id)
    {
        lock (_lock)
        {
            return _documents.GetValueOrDefault(Resolve(indexOrAlias))?.GetValueOrDefault(id)?.DeepClone().AsObject();
        }
    }

    /// <summary>The concrete index a write to <paramref name="name"/> lands in (an alias points at one index).</summary>
    private string Resolve(string name) => _aliases.FirstOrDefault(a => a.Value.Contains(name)).Key ?? name;

    /// <summary>
    /// A bulk request applied to the stored documents and answered item for item, as Elasticsearch writes it:
    /// <c>index</c>/<c>create</c> store the source; <c>delete</c> removes it (<c>not_found</c> when absent, not an
    /// error); <c>update</c> merges a partial <c>doc</c> or runs the adapter's stock script
    /// (<see cref="Marketplace.Search.Engines.Elasticsearch.ElasticsearchWrites.StockScript"/>: a newer version sets
    /// stock and version, anything else is a <c>noop</c>), and fails with <c>document_missing_exception</c> (404) when
    /// the document does not exist. Any other script is refused, so an adapter change cannot pass unnoticed.
    /// </summary>
    private string Bulk(string ndjson)
    {
        var items = new JsonArray();
        var errors = false;
        var lines = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var (action, meta) = JsonNode.Parse(lines[i])!.AsObject().Single();
            var target = meta!["_index"]?.GetValue<string>() ?? string.Empty;
            var index = Resolve(target);
            var id = meta["_id"]?.GetValue<string>() ?? Guid.NewGuid().ToString("N");
            var body = action is "index" or "create" or "update" ? JsonNode.Parse(lines[++i])!.AsObject() : null;
            var documents = _documents.TryGetValue(index, out var existing) ? existing : _documents[index] = new(StringComparer.Ordinal);
            var stored = documents.GetValueOrDefault(id);
            var (status, result, error) = action switch
            {
                "index" or "create" => Store(documents, id, body!, stored is null),
                "delete" => documents.Remove(id) ? (200, "deleted", null) : (404, "not_found", null),
                "update" => Update(stored, id, index, body!),
                _ => (400, null, Error("illegal_argument_exception", $"the double does not know the bulk action [{action}]", index)),
            };
            var item = new JsonObject
            {
                ["_index"] = index,
                ["_id"] = id,
                ["_version"] = 1,
                ["result"] = result,
                ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["failed"] = 0 },
                ["_seq_no"] = i,
                ["_primary_term"] = 1,
                ["status"] = status,
            };
            if (error is not null)
            {
                errors = true;
                item.Remove("result");
                item.Remove("_shards");
                item["error"] = error;
            }

            items.Add(new JsonObject { [action] = item });
        }

        return new JsonObject { ["errors"] = errors, ["took"] = 3, ["items"] = items }.ToJsonString();
    }

    private static (int, string?, JsonObject?) Store(Dictionary<string, JsonObject> documents, string id, JsonObject source, bool created)
    {
        documents[id] = source;
        return created ? (201, "created", null) : (200, "updated", null);
    }

    private static (int, string?, JsonObject?) Update(JsonObject? stored, string id, string index, JsonObject body)
    {
        if (stored is null)
        {
            return (404, null, Error("document_missing_exception", $"[{id}]: document missing", index));
        }

        if (body["doc"] is JsonObject partial)
        {
            foreach (var (field, value) in partial)
            {
                stored[field] = value?.DeepClone();
            }

            return (200, "updated", null);
        }

        if (body["script"] is not JsonObject script || script["source"]?.GetValue<string>() != Marketplace.Search.Engines.Elasticsearch.ElasticsearchWrites.StockScript)
        {
            return (400, null, Error("illegal_argument_exception", "the double runs only the adapter's stock script: " + body.ToJsonString(), index));
        }

        var version = script["params"]!["version"]!.GetValue<long>();
        if (stored["version"]!.GetValue<long>() >= version)
        {
            return (200, "noop", null);
        }

        stored["stock"] = script["params"]!["stock"]!.GetValue<int>();
        stored["version"] = version;
        return (200, "updated", null);
    }

    private static JsonObject Error(string type, string reason, string index) =>
        new() { ["type"] = type, ["reason"] = reason, ["index"] = index, ["shard"] = "0" };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
