namespace Marketplace.Identity.Auth;

internal sealed record TokenResponse(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, string TokenType = "Bearer");

/// <summary>
/// What sign-up answers: the same token pair as sign-in (the new account is signed in at once, as storefront users
/// expect) and the account itself.
/// </summary>
internal sealed record RegisteredResponse(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, UserResponse User, string TokenType = "Bearer");

internal sealed record UserResponse(Guid Id, string Email, string DisplayName, string Role, DateTimeOffset CreatedAt);
