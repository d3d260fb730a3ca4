using System.Net;
using System.Text.Json;
using Refit;

namespace Marketplace.Web.Api;

/// <summary>
/// An API error as a form shows it: RFC 9457 ProblemDetails read from a Refit <see cref="ApiException"/>, with the
/// per-field <c>errors</c> keyed by the API's field name (<c>quantity</c>, <c>shippingAddress.cityCode</c>). Every form
/// renders <see cref="For"/> next to its input and <see cref="Unclaimed"/> at the top, so no message is ever lost.
/// </summary>
public sealed class ApiProblem
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _claimed = new(StringComparer.OrdinalIgnoreCase);

    public ApiProblem(int status, string? title, string? detail, string? code, string? traceId)
    {
        Status = status;
        Title = title;
        Detail = detail;
        Code = code;
        TraceId = traceId;
    }

    public int Status { get; }

    public string? Title { get; }

    public string? Detail { get; }

    public string? Code { get; }

    public string? TraceId { get; }

    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    public bool HasErrors => _errors.Count > 0 || Detail is not null || Title is not null;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>The messages for one field (or for any field under it, e.g. <c>price</c> takes <c>price.amount</c>); marks them shown.</summary>
    public IReadOnlyList<string> For(string field)
    {
        var found = new List<string>();
        foreach (var (key, messages) in _errors)
        {
            if (string.Equals(key, field, StringComparison.OrdinalIgnoreCase)
                || key.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase))
            {
                _claimed.Add(key);
                found.AddRange(messages);
            }
        }

        return found;
    }

    /// <summary>True when the field has an error (for aria-invalid), without marking it shown.</summary>
    public bool Has(string field) => _errors.Keys.Any(key => string.Equals(key, field, StringComparison.OrdinalIgnoreCase)
        || key.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The messages no input showed: the problem's detail, and field errors for fields the form has no input for. The
    /// form renders this above its fields, after the fields (so <see cref="For"/> calls claim theirs first).
    /// </summary>
    public IReadOnlyList<string> Unclaimed(IEnumerable<string> formFields)
    {
        var fields = formFields.ToList();
        var messages = new List<string>();
        foreach (var (key, list) in _errors)
        {
            var shown = fields.Any(f => string.Equals(key, f, StringComparison.OrdinalIgnoreCase)
                || key.StartsWith(f + ".", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith(f + "[", StringComparison.OrdinalIgnoreCase));
            if (!shown)
            {
                messages.AddRange(list);
            }
        }

        if (messages.Count == 0 && (Detail ?? Title) is { Length: > 0 } general)
        {
            messages.Add(general);
        }

        return messages;
    }

    public static ApiProblem From(ApiException exception)
    {
        var status = (int)exception.StatusCode;
        if (string.IsNullOrWhiteSpace(exception.Content))
        {
            return new ApiProblem(status, exception.ReasonPhrase, null, null, null);
        }

        try
        {
            using var json = JsonDocument.Parse(exception.Content);
            return From(status, json.RootElement);
        }
        catch (JsonException)
        {
            // Not a ProblemDetails (a proxy's HTML page): never show the raw body.
            return new ApiProblem(status, exception.ReasonPhrase, null, null, null);
        }
    }

    public static ApiProblem From(int status, JsonElement root)
    {
        var problem = new ApiProblem(
            status,
            Text(root, "title"),
            Text(root, "detail"),
            Text(root, "code"),
            Text(root, "traceId"));
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                if (field.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var message in field.Value.EnumerateArray())
                    {
                        problem.Add(field.Name, message.ValueKind == JsonValueKind.String ? message.GetString()! : message.ToString());
                    }
                }
                else if (field.Value.ValueKind == JsonValueKind.String)
                {
                    problem.Add(field.Name, field.Value.GetString()!);
                }
            }
        }

        return problem;
    }

    /// <summary>A problem the web itself finds (a field it checks before calling the API).</summary>
    public static ApiProblem Local(string field, string message)
    {
        var problem = new ApiProblem((int)HttpStatusCode.BadRequest, null, null, null, null);
        problem.Add(field, message);
        return problem;
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
