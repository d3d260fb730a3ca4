using FluentValidation.Results;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.BuildingBlocks.Errors;

/// <summary>
/// The one place where errors become RFC 9457 problem details: a stable <c>type</c> (<c>urn:marketplace:problem:{code}</c>),
/// the <c>code</c> as an extension, and per-field <c>errors</c> for validation.
/// </summary>
public static class ProblemResults
{
    public const string TypePrefix = "urn:marketplace:problem:";

    public static ProblemHttpResult ToProblem(this Error error) => ToProblem([error]);

    public static ProblemHttpResult ToProblem(this IReadOnlyList<Error> errors)
    {
        var first = errors[0];
        var status = StatusFor(first.Kind);
        ProblemDetails problem;
        var withField = errors.Where(e => e.Field is not null).ToList();
        if (withField.Count > 0)
        {
            var byField = withField
                .GroupBy(e => e.Field!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
            problem = new HttpValidationProblemDetails(byField);
        }
        else
        {
            problem = new ProblemDetails();
        }

        var code = errors.Count > 1 && first.Kind == ErrorKind.Validation ? "validation_failed" : first.Code;
        problem.Status = status;
        problem.Type = TypePrefix + code;
        problem.Title = TitleFor(first.Kind);
        problem.Detail = errors.Count == 1 ? first.Message : string.Join(" ", errors.Select(e => e.Message));
        problem.Extensions["code"] = code;
        if (errors.Count > 1 || first.Field is not null)
        {
            problem.Extensions["fieldCodes"] = withField
                .GroupBy(e => e.Field!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray(), StringComparer.Ordinal);
        }

        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult ToProblem(this ValidationResult validation) =>
        validation.Errors
            .Select(f => Error.Validation(ToCamelPath(f.PropertyName), "validation." + ToSnake(f.ErrorCode), f.ErrorMessage))
            .ToList()
            .ToProblem();

    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string TitleFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => "One or more fields are invalid.",
        ErrorKind.Unauthorized => "Sign in first.",
        ErrorKind.Forbidden => "You may not do this.",
        ErrorKind.NotFound => "Not found.",
        ErrorKind.Conflict => "Conflict with the current state.",
        ErrorKind.Unprocessable => "The request cannot be processed.",
        ErrorKind.TooManyRequests => "Too many requests.",
        ErrorKind.Unavailable => "Temporarily unavailable.",
        _ => "Error.",
    };

    /// <summary>FluentValidation names nested properties "Price.Amount"; the JSON body says "price.amount".</summary>
    public static string ToCamelPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part =>
            part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    private static string ToSnake(string errorCode)
    {
        var name = errorCode.EndsWith("Validator", StringComparison.Ordinal) ? errorCode[..^"Validator".Length] : errorCode;
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
