using System.Net;
using System.Text.RegularExpressions;

namespace Marketplace.Web.Tests.Pages;

/// <summary>
/// The organiser console and the insights page as a browser without JavaScript sees them: who may open them, field
/// errors that keep what was typed, a double submit that creates one exhibition, another organiser's exhibition refused.
/// </summary>
public sealed partial class OrganiserPageTests(WebApp app) : IClassFixture<WebApp>
{
    private const string DemoOrganiser = "organiser@demo.marketplace.id";

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var http = app.Browserless();
        var page = await http.GetStringAsync("/sign-in");
        var response = await Html.PostFormAsync(http, "/sign-in", "sign-in", page, new Dictionary<string, string>
        {
            ["Form.Email"] = email,
            ["Form.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return http;
    }

    private async Task<int> MyExhibitionCountAsync(string email, string password)
    {
        var api = await app.SignInAsync(email, password);
        return (await api.GetJsonAsync("/api/v1/me/exhibitions")).AsArray().Count;
    }

    [Fact]
    public async Task The_console_sends_a_guest_to_sign_in_and_shows_a_shopper_not_allowed()
    {
        using var guest = app.Browserless();
        var response = await guest.GetAsync("/organiser");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/sign-in?returnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var shopper = await SignedInAsync(WebApp.DemoShopper, WebApp.DemoPassword);
        foreach (var url in new[] { "/organiser", "/organiser/exhibitions/new", "/insights" })
        {
            var refused = await shopper.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Fact]
    public async Task A_form_with_bad_dates_capacity_and_text_shows_field_errors_keeps_what_was_typed_and_creates_nothing()
    {
        using var http = await SignedInAsync(DemoOrganiser, WebApp.DemoPassword);
        var before = await MyExhibitionCountAsync(DemoOrganiser, WebApp.DemoPassword);
        var page = await http.GetStringAsync("/organiser/exhibitions/new");
        var soon = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddDays(10);

        var response = await Html.PostFormAsync(http, "/organiser/exhibitions/new", "exhibition", page, new Dictionary<string, string>
        {
            ["key"] = Html.Hidden(page, "key"),
            ["title"] = "<b>Pameran</b> " + new string('x', 300),
            ["theme"] = "Kriya 🌺 Nusantara",
            ["cityCode"] = "16.71",
            ["startsAt"] = soon.ToString("yyyy-MM-ddTHH:mm"),
            ["endsAt"] = soon.AddDays(-2).ToString("yyyy-MM-ddTHH:mm"),
            ["tierName"] = "Standard",
            ["tierCapacity"] = "-5",
            ["hallName"] = "Hall A",
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("id=\"title-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"endsAt-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"tiers-0-capacity-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"-5\"", html, StringComparison.Ordinal);
        Assert.Contains("Kriya 🌺 Nusantara", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Pameran</b>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await MyExhibitionCountAsync(DemoOrganiser, WebApp.DemoPassword));

        // A start in the past is the page's own field error.
        var past = await Html.PostFormAsync(http, "/organiser/exhibitions/new", "exhibition", page, new Dictionary<string, string>
        {
            ["key"] = Html.Hidden(page, "key"),
            ["title"] = "Pameran Kemarin",
            ["cityCode"] = "16.71",
            ["startsAt"] = soon.AddDays(-40).ToString("yyyy-MM-ddTHH:mm"),
            ["endsAt"] = soon.ToString("yyyy-MM-ddTHH:mm"),
            ["tierName"] = "Standard",
            ["tierCapacity"] = "10",
            ["hallName"] = "Hall A",
        });
        Assert.Contains("id=\"startsAt-error\"", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await MyExhibitionCountAsync(DemoOrganiser, WebApp.DemoPassword));
    }

    [Fact]
    public async Task Submitting_the_new_exhibition_form_twice_creates_one_exhibition()
    {
        var organiser = await app.SignUpAsync("organiser", "Dinas Kebudayaan Kediri");
        using var http = await SignedInAsync(organiser.Email!, "Rahasia-123-Pasar");
        var page = await http.GetStringAsync("/organiser/exhibitions/new");
        var soon = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddDays(20);
        var fields = new Dictionary<string, string>
        {
            ["key"] = Html.Hidden(page, "key"),
            ["title"] = "Kediri Tenun Ikat Fair " + Guid.NewGuid().ToString("N")[..6],
            ["theme"] = "Tenun ikat Bandar",
            ["cityCode"] = "35.71",
            ["startsAt"] = soon.ToString("yyyy-MM-ddTHH:mm"),
            ["endsAt"] = soon.AddDays(3).ToString("yyyy-MM-ddTHH:mm"),
            ["subsector"] = "kriya",
            ["tierName"] = "Standard",
            ["tierCapacity"] = "25",
            ["hallName"] = "Hall Tenun",
        };

        var first = await Html.PostFormAsync(http, "/organiser/exhibitions/new", "exhibition", page, fields);
        var second = await Html.PostFormAsync(http, "/organiser/exhibitions/new", "exhibition", page, fields);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var mine = await organiser.GetJsonAsync("/api/v1/me/exhibitions");
        var created = Assert.Single(mine.AsArray());
        Assert.Equal("kriya", created!["subsectors"]![0]!.GetValue<string>());
        Assert.EndsWith("+07:00", created["startsAt"]!.GetValue<string>(), StringComparison.Ordinal);
        var edit = await http.GetStringAsync(first.Headers.Location!.OriginalString);
        Assert.Contains(soon.ToString("yyyy-MM-ddTHH:mm"), edit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_draws_charts_with_numbers_and_another_organiser_sees_none_of_it()
    {
        var demo = await app.SignInAsync(DemoOrganiser, WebApp.DemoPassword);
        var expo = (await demo.GetJsonAsync("/api/v1/me/exhibitions")).AsArray()
            .First(e => e!["slug"]!.GetValue<string>() == "palembang-kota-kreatif-expo")!;
        var id = expo["id"]!.GetValue<string>();

        using var http = await SignedInAsync(DemoOrganiser, WebApp.DemoPassword);
        var html = await http.GetStringAsync($"/organiser/exhibitions/{id}/dashboard");
        Assert.Contains("<svg class=\"chart-svg\"", html, StringComparison.Ordinal);
        Assert.Contains("data-chart=\"visits-by-day\"", html, StringComparison.Ordinal);
        Assert.Matches(ChartTable(), html);
        Assert.Contains($"/organiser/exhibitions/{id}/exports/booths.xlsx", html, StringComparison.Ordinal);

        var csv = await http.GetAsync($"/organiser/exhibitions/{id}/exports/booths.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("booth_id", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var applications = await http.GetStringAsync($"/organiser/exhibitions/{id}/applications?status=nonsense");
        Assert.Contains("<meter", applications, StringComparison.Ordinal);

        var other = await app.SignUpAsync("organiser");
        using var stranger = await SignedInAsync(other.Email!, "Rahasia-123-Pasar");
        foreach (var url in new[] { $"/organiser/exhibitions/{id}/dashboard", $"/organiser/exhibitions/{id}/applications", $"/organiser/exhibitions/{id}/edit", $"/organiser/exhibitions/{id}/exports/leads.xlsx" })
        {
            var refused = await stranger.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain("chart-svg", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/organiser/exhibitions/{Guid.NewGuid()}/dashboard")).StatusCode);
    }

    [Fact]
    public async Task The_insights_page_names_a_bad_filter_next_to_it_and_keeps_the_choice()
    {
        using var http = await SignedInAsync(DemoOrganiser, WebApp.DemoPassword);
        var ok = await http.GetStringAsync("/insights?province=16");
        Assert.Contains("id=\"regions\"", ok, StringComparison.Ordinal);

        var response = await http.GetAsync("/insights?province=16&from=2026-09&to=2026-01");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"to-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-09\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<table class=\"chart-data\">.*?<td class=\"num\">[0-9.,]+</td>", RegexOptions.Singleline)]
    private static partial Regex ChartTable();
}
