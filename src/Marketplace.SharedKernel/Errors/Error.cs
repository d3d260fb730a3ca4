namespace Marketplace.SharedKernel.Errors;

public enum ErrorKind
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    Unprocessable,
    TooManyRequests,
    Unavailable,
}

/// <summary>
/// An expected failure: a stable machine code (e.g. <c>catalog.shop.slug_taken</c>), a human message, and the
/// request field it concerns when there is one. Expected outcomes are values, not exceptions.
/// </summary>
public sealed record Error(string Code, string Message, ErrorKind Kind, string? Field = null)
{
    public static Error Validation(string field, string code, string message) =>
        new(code, message, ErrorKind.Validation, field);

    public static Error NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);

    public static Error Conflict(string code, string message, string? field = null) =>
        new(code, message, ErrorKind.Conflict, field);

    public static Error Forbidden(string code, string message) => new(code, message, ErrorKind.Forbidden);

    public static Error Unauthorized(string code, string message) => new(code, message, ErrorKind.Unauthorized);

    public static Error Unprocessable(string code, string message, string? field = null) =>
        new(code, message, ErrorKind.Unprocessable, field);
}
