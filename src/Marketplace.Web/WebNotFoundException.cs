namespace Marketplace.Web;

/// <summary>Thrown by a page that knows, without asking the API, that what the URL names cannot exist: the 404 page.</summary>
internal class WebNotFoundException(string message) : Exception(message);

/// <summary>Thrown by a page whose visitor is signed in but in the wrong role (a shopper at /seller): the 403 page.</summary>
internal sealed class WebForbiddenException(string message) : Exception(message);
