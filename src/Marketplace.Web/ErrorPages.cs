using System.Diagnostics;
using Marketplace.Web.Components;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Refit;

namespace Marketplace.Web;

/// <summary>
/// HTML error pages for the pages' paths: an empty 4xx/5xx answer and an unhandled exception both render
/// <see cref="ErrorShell"/> in place (no re-execution through routing, which a branch of the pipeline cannot redo).
/// An API error that reached a page maps to what it means for the shopper: 404 stays 404, 429 stays 429 with its
/// Retry-After, 401 (the session ended) goes to sign-in; anything else is a 500 with the trace id, never a stack trace.
/// </summary>
internal static class ErrorPages
{
    public static Task StatusCodeAsync(HttpContext context)
    {
        context.Response.ContentType = null;
        context.Response.ContentLength = null;
        return RenderAsync(context, context.Response.StatusCode, retryAfter: null);
    }

    public static async Task ExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is ApiException { StatusCode: System.Net.HttpStatusCode.Unauthorized })
        {
            var back = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? "/";
            context.Response.Redirect("/sign-in?expired=true&returnUrl=" + Uri.EscapeDataString(back));
            return;
        }

        var status = error switch
        {
            ApiException api when (int)api.StatusCode is 404 or 410 or 429 or 503 or 403 => (int)api.StatusCode,
            ApiException api when (int)api.StatusCode is 400 => 400,
            WebNotFoundException => 404,
            WebForbiddenException => 403,
            _ => 500,
        };
        int? retryAfter = error is ApiException { Headers.RetryAfter.Delta: { } delta } ? (int)Math.Ceiling(delta.TotalSeconds) : null;
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (status >= 500)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Marketplace.Web.Errors")
                .LogError(error, "A page failed: {Path}", context.Features.Get<IExceptionHandlerPathFeature>()?.Path);
        }

        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<Session.WebSession>().LoadAsync(context.RequestAborted);
        await RenderAsync(context, status, retryAfter);
    }

    private static Task RenderAsync(HttpContext context, int status, int? retryAfter)
    {
        context.Response.StatusCode = status;
        // Left by a component render that answered without a body (a refused antiforgery token); the next render adds it again.
        context.Response.Headers.Remove("blazor-enhanced-nav");
        var result = new RazorComponentResult<ErrorShell>(new Dictionary<string, object?>
        {
            [nameof(ErrorShell.Code)] = status,
            [nameof(ErrorShell.TraceId)] = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier,
            [nameof(ErrorShell.RetryAfter)] = retryAfter,
        })
        {
            StatusCode = status,
        };
        return result.ExecuteAsync(context);
    }
}
