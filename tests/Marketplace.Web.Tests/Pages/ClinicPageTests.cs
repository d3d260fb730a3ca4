using System.Globalization;
using System.Net;

namespace Marketplace.Web.Tests.Pages;

/// <summary>
/// Mentoring clinics for the people who never read JSON: the organiser schedules one through a form (and sees a field
/// error beside a bad value), sees the shop's booking and downloads it; the mentor writes a note the shop then reads.
/// </summary>
public sealed class ClinicPageTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task An_organiser_schedules_a_clinic_sees_the_booking_and_downloads_it_and_the_mentors_note_reaches_the_shop()
    {
        var (organiser, exhibitionId) = await app.ExhibitionAsync();
        var booth = await app.ExhibitorAtAsync(organiser, exhibitionId);
        var mentor = await app.SignUpAsync("shopper", "Ibu Mentor");
        using var web = await SignedInAsync(organiser.Email!);
        var url = $"/organiser/exhibitions/{exhibitionId}/clinics";
        var page = await web.GetStringAsync(url);
        var startsAt = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddHours(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var form = new Dictionary<string, string>
        {
            ["topic"] = "halal_certification",
            ["title"] = "Klinik Halal & Ekspor",
            ["mentorName"] = "Ibu Sari Wulandari",
            ["mentorUserId"] = mentor.UserId.ToString(),
            ["startsAt"] = startsAt,
            ["slotMinutes"] = "5",
            ["slotCount"] = "3",
        };

        // A slot of five minutes: the API's message beside the field, what was typed kept, nothing scheduled.
        var refused = await (await Html.PostFormAsync(web, url, "clinic", page, form)).Content.ReadAsStringAsync();
        Assert.Contains("id=\"slotMinutes-error\"", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"Ibu Sari Wulandari\"", refused, StringComparison.Ordinal);
        Assert.Empty((await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{exhibitionId}/clinics")).AsArray());

        form["slotMinutes"] = "20";
        var scheduled = await (await Html.PostFormAsync(web, url, "clinic", page, form)).Content.ReadAsStringAsync();
        Assert.Contains("Klinik Halal &amp; Ekspor", scheduled, StringComparison.Ordinal);
        var clinic = Assert.Single((await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{exhibitionId}/clinics")).AsArray())!;
        var clinicId = clinic["id"]!.GetValue<string>();
        var slot = clinic["slots"]![0]!["id"]!.GetValue<string>();

        // The shop books; the organiser's page lists it by the shop's name and hands out the file.
        await (await booth.Exhibitor.PostAsync($"/api/v1/clinic-slots/{slot}/booking", new { shopId = booth.ShopId })).ShouldHaveStatusAsync(200);
        var shopName = (await booth.Exhibitor.GetJsonAsync("/api/v1/me/clinic-bookings"))[0]!["shopName"]!.GetValue<string>();
        Assert.Contains(shopName, await web.GetStringAsync(url), StringComparison.Ordinal);
        Assert.Contains("1 dari 3 slot terisi", await web.GetStringAsync(url), StringComparison.Ordinal);
        var csv = await web.GetAsync($"/organiser/clinics/{clinicId}/bookings.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains(shopName, await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var xlsx = await web.GetAsync($"/organiser/clinics/{clinicId}/bookings.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var merchantWeb = await SignedInAsync(booth.Exhibitor.Email!);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchantWeb.GetAsync($"/organiser/clinics/{clinicId}/bookings.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchantWeb.GetAsync(url)).StatusCode);

        // The mentor finds the booked slot, an empty note is refused beside it, a note is saved and the shop reads it.
        using var mentorWeb = await SignedInAsync(mentor.Email!);
        var mentoring = await mentorWeb.GetStringAsync("/clinics/mentoring");
        Assert.Contains(shopName, mentoring, StringComparison.Ordinal);
        var field = "note-" + Guid.Parse(slot).ToString("N");
        var empty = await (await Html.PostFormAsync(mentorWeb, "/clinics/mentoring", "follow-up", mentoring, new Dictionary<string, string>
        {
            ["Action"] = slot,
            [field] = "",
        })).Content.ReadAsStringAsync();
        Assert.Contains($"id=\"{field}-error\"", empty, StringComparison.Ordinal);
        var saved = await (await Html.PostFormAsync(mentorWeb, "/clinics/mentoring", "follow-up", mentoring, new Dictionary<string, string>
        {
            ["Action"] = slot,
            [field] = "Daftarkan sertifikasi lewat SIHALAL, siapkan NIB.",
        })).Content.ReadAsStringAsync();
        Assert.Contains("Catatan tersimpan", saved, StringComparison.Ordinal);
        Assert.Contains("SIHALAL", await merchantWeb.GetStringAsync("/clinics/bookings"), StringComparison.Ordinal);
        Assert.Contains("SIHALAL", await web.GetStringAsync(url), StringComparison.Ordinal);
    }

    private Task<HttpClient> SignedInAsync(string email) => Seller.SellerSession.SignInPagesAsync(app, email, "Rahasia-123-Pasar");
}
