using System.Text.Json;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Marketplace.BuildingBlocks.Http;

/// <summary>
/// Turns the framework's request-binding failures (malformed JSON, a string where a number belongs, an oversized
/// body, a bad route value) into ProblemDetails that name the field, instead of a bare 400 or a 500.
/// </summary>
public sealed partial class BadRequestExceptionHandler : IExceptionHandler
{
    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"[^\"]* (?<name>[A-Za-z_][A-Za-z0-9_]*)\" from ")]
    private static partial System.Text.RegularExpressions.Regex BindFailureRegex();

    private static readonly System.Text.RegularExpressions.Regex BindFailure = BindFailureRegex();

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var json = FindJsonException(badRequest);
        Error error;
        if (badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            error = new Error("request.body_too_large", badRequest.Message, ErrorKind.Validation);
        }
        else if (json is not null)
        {
            var field = JsonPathToField(json.Path);
            error = Error.Validation(field, "request.malformed_json", field == "body"
                ? "The body is not valid JSON for this request."
                : $"The value of '{field}' is malformed or of the wrong type.");
        }
        else if (BindFailure.Match(badRequest.Message) is { Success: true } bind)
        {
            // A query-string or route value of the wrong type ("Failed to bind parameter "long? MinPrice" from "x"").
            var name = bind.Groups["name"].Value;
            var field = char.ToLowerInvariant(name[0]) + name[1..];
            error = Error.Validation(field, "request.malformed_value", $"The value of '{field}' is malformed or of the wrong type.");
        }
        else
        {
            error = Error.Validation("body", "request.bad_request", badRequest.Message);
        }

        var problem = error.ToProblem().ProblemDetails;
        problem.Status = badRequest.StatusCode;
        http.Response.StatusCode = badRequest.StatusCode;
        await http.Response.WriteAsJsonAsync(problem, problem.GetType(), (JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
        return true;
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    private static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }
}
