namespace Marketplace.Web;

/// <summary>Thrown by a page that knows, without asking the API, that what the URL names cannot exist: the 404 page.</summary>
internal class WebNotFoundException(string message) : Exception(message);
