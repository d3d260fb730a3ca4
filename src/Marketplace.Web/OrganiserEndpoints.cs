using Marketplace.Web.Api;
using Marketplace.Web.Api.Organiser;
using Marketplace.Web.Session;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Web;

/// <summary>
/// Downloads for the organiser console. The files are made by the API (<c>GET /api/v1/exhibitions/{id}/exports/…</c>), which
/// wants the organiser's bearer token; a browser link carries only the session cookie, so this passes the request on with
/// the session's token and streams the API's answer back (its content type and file name) — nothing is computed here.
/// </summary>
internal static class OrganiserEndpoints
{
    private static readonly string[] Tables = ["booths", "leads", "days"];
    private static readonly string[] Formats = ["csv", "xlsx"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/organiser/exhibitions/{id:guid}/exports/{table}.{format}", DownloadAsync).ExcludeFromDescription();
        endpoints.MapGet("/insights/export.{format}", InsightsAsync).ExcludeFromDescription();
        endpoints.MapGet("/organiser/clinics/{id:guid}/bookings.{format}", ClinicBookingsAsync).ExcludeFromDescription();
    }

    /// <summary>A clinic's bookings (its organiser's or mentor's), as the API writes them.</summary>
    private static async Task<IResult> ClinicBookingsAsync(Guid id, string format, HttpContext context, WebSession session, IOrganiserApi api)
    {
        if (!Formats.Contains(format))
        {
            return Results.NotFound();
        }

        if (!session.IsSignedIn)
        {
            return Results.Redirect("/sign-in?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
        }

        return await PassOnAsync(await api.ClinicBookingsExportAsync(id, format, context.RequestAborted), context);
    }

    private static async Task<IResult> DownloadAsync(Guid id, string table, string format, HttpContext context, WebSession session, IOrganiserApi api)
    {
        if (!Tables.Contains(table) || !Formats.Contains(format))
        {
            return Results.NotFound();
        }

        if (!session.IsSignedIn)
        {
            return Results.Redirect("/sign-in?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
        }

        return await PassOnAsync(await api.ExportAsync(id, table, format, context.RequestAborted), context);
    }

    private static async Task<IResult> InsightsAsync(
        string format, string? province, string? city, string? subsector, string? from, string? to, HttpContext context, WebSession session, IOrganiserApi api)
    {
        if (!Formats.Contains(format))
        {
            return Results.NotFound();
        }

        if (!session.IsSignedIn)
        {
            return Results.Redirect("/sign-in?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
        }

        return await PassOnAsync(await api.InsightsExportAsync(format, province, city, subsector, from, to, context.RequestAborted), context);
    }

    private static async Task<IResult> PassOnAsync(HttpResponseMessage response, HttpContext context)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                // An empty 4xx becomes the error page (403 for someone else's exhibition, 404 for an unknown one).
                return Results.StatusCode((int)response.StatusCode);
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "export";
            return Results.File(bytes, response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream", name);
        }
    }
}
