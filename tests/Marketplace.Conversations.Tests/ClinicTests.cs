using System.Net;

namespace Marketplace.Conversations.Tests;

public sealed class ClinicTestsOnSqlite(ConversationsApp app) : ClinicTests(app), IClassFixture<ConversationsApp>;

public sealed class ClinicTestsOnPostgres(ConversationsAppOnPostgres app) : ClinicTests(app), IClassFixture<ConversationsAppOnPostgres>;

/// <summary>Mentoring clinics: scheduling, booking (one per clinic per shop, no double booking), reminders, notes, export.</summary>
public abstract class ClinicTests(ConversationsApp app)
{
    [Fact]
    public async Task An_exhibiting_shop_books_a_slot_is_reminded_reads_the_mentors_note_and_the_organiser_exports_the_bookings()
    {
        var (organiser, exhibitionId) = await app.ExhibitionAsync();
        var exhibitor = await app.ExhibitorAtAsync(organiser, exhibitionId);
        var mentor = await app.SignUpAsync("shopper", "Ibu Mentor");
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(30);

        await (await organiser.PostAsync($"/api/v1/exhibitions/{exhibitionId}/clinics", Body("tarot", startsAt))).ShouldBeProblemAsync(400, "topic");
        await (await organiser.PostAsync($"/api/v1/exhibitions/{exhibitionId}/clinics", Body("financing", startsAt.AddDays(30)))).ShouldBeProblemAsync(400, "startsAt");
        await (await exhibitor.Exhibitor.PostAsync($"/api/v1/exhibitions/{exhibitionId}/clinics", Body("financing", startsAt))).ShouldBeProblemAsync(403);
        var clinic = await ChatArrange.Created(await organiser.PostAsync($"/api/v1/exhibitions/{exhibitionId}/clinics",
            Body("halal_certification", startsAt, mentor.UserId)));
        Assert.Equal("halal_certification", clinic["topic"]!.GetValue<string>());
        var slots = clinic["slots"]!.AsArray();
        Assert.Equal(3, slots.Count);
        var first = slots[0]!["id"]!.GetValue<string>();
        var second = slots[1]!["id"]!.GetValue<string>();

        var booked = await exhibitor.Exhibitor.PostAsync($"/api/v1/clinic-slots/{first}/booking", new { shopId = exhibitor.ShopId });
        await booked.ShouldHaveStatusAsync(200);
        await (await exhibitor.Exhibitor.PostAsync($"/api/v1/clinic-slots/{second}/booking", new { shopId = exhibitor.ShopId }))
            .ShouldBeProblemAsync(409, code: "conversations.clinic.already_booked");
        var listed = await exhibitor.Exhibitor.GetJsonAsync($"/api/v1/exhibitions/{exhibitionId}/clinics");
        Assert.True(listed[0]!["slots"]![0]!["yours"]!.GetValue<bool>());
        Assert.False(listed[0]!["slots"]![0]!["available"]!.GetValue<bool>());

        // The reminder (the slot starts within the hour) reaches the shop's notifications.
        await WaitForAsync(async () => (await exhibitor.Exhibitor.GetJsonAsync("/api/v1/me/notifications"))["items"]!.AsArray()
            .Any(n => n!["kind"]!.GetValue<string>() == "clinic_reminder"), "the clinic reminder");

        // The mentor's note; nobody else may write one.
        await (await exhibitor.Exhibitor.PutAsync($"/api/v1/clinic-slots/{first}/follow-up", new { note = "aku sendiri" })).ShouldBeProblemAsync(403);
        await (await mentor.PutAsync($"/api/v1/clinic-slots/{second}/follow-up", new { note = "kosong" })).ShouldBeProblemAsync(409);
        await (await mentor.PutAsync($"/api/v1/clinic-slots/{first}/follow-up", new { note = "=1+2 Daftarkan sertifikasi halal lewat SIHALAL; <script>x</script>siapkan NIB." }))
            .ShouldHaveStatusAsync(200);
        var myBookings = (await exhibitor.Exhibitor.GetJsonAsync("/api/v1/me/clinic-bookings")).AsArray();
        var note = Assert.Single(myBookings)!["followUpNote"]!.GetValue<string>();
        Assert.Contains("SIHALAL", note, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", note, StringComparison.Ordinal);

        // The organiser's list and export name the shop (a name with a comma and quotes) and defuse a note that looks like a formula.
        const string shopName = "Toko \"Mentari\", Palembang";
        await (await exhibitor.Exhibitor.PatchAsync($"/api/v1/shops/{exhibitor.ShopId}", new { name = shopName })).ShouldHaveStatusAsync(200);
        var bookings = await organiser.GetJsonAsync($"/api/v1/clinics/{clinic["id"]}/bookings");
        Assert.Equal(shopName, Assert.Single(bookings.AsArray())!["shopName"]!.GetValue<string>());
        var csv = await organiser.GetAsync($"/api/v1/clinics/{clinic["id"]}/bookings?format=csv");
        await csv.ShouldHaveStatusAsync(200);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("slot_start,slot_end,shop_id,shop_name,booked_at,follow_up_note", lines[0]);
        Assert.Contains($",{exhibitor.ShopId},\"Toko \"\"Mentari\"\", Palembang\",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",'=1+2 Daftarkan", lines[1], StringComparison.Ordinal);
        var xlsx = await organiser.GetAsync($"/api/v1/clinics/{clinic["id"]}/bookings?format=xlsx");
        await xlsx.ShouldHaveStatusAsync(200);
        using (var book = new ClosedXML.Excel.XLWorkbook(await xlsx.Content.ReadAsStreamAsync()))
        {
            var sheet = book.Worksheet(1);
            Assert.Equal("shop_name", sheet.Cell(1, 4).GetString());
            Assert.Equal(shopName, sheet.Cell(2, 4).GetString());
            Assert.False(sheet.Cell(2, 6).HasFormula);
            Assert.StartsWith("=1+2 Daftarkan", sheet.Cell(2, 6).GetString(), StringComparison.Ordinal);
        }

        await (await organiser.GetAsync($"/api/v1/clinics/{clinic["id"]}/bookings?format=pdf")).ShouldBeProblemAsync(400, "format");
        await (await exhibitor.Exhibitor.GetAsync($"/api/v1/clinics/{clinic["id"]}/bookings")).ShouldBeProblemAsync(403);
        await (await exhibitor.Exhibitor.GetAsync($"/api/v1/clinics/{clinic["id"]}/bookings?format=csv")).ShouldBeProblemAsync(403);

        // The mentor finds the clinic and the booked slot (with the note) without knowing its id; the organiser does not mentor it.
        var mentored = (await mentor.GetJsonAsync("/api/v1/me/mentored-clinics")).AsArray();
        var mine = Assert.Single(mentored)!;
        Assert.Equal(clinic["id"]!.GetValue<string>(), mine["id"]!.GetValue<string>());
        Assert.Equal(3, mine["slotCount"]!.GetValue<int>());
        var booking = Assert.Single(mine["bookings"]!.AsArray())!;
        Assert.Equal(first, booking["slotId"]!.GetValue<string>());
        Assert.Equal(shopName, booking["shopName"]!.GetValue<string>());
        Assert.Contains("SIHALAL", booking["followUpNote"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await organiser.GetJsonAsync("/api/v1/me/mentored-clinics")).AsArray());
        await (await app.Anonymous().GetAsync("/api/v1/me/mentored-clinics")).ShouldHaveStatusAsync(401);

        // Cancelling frees the slot.
        Assert.Equal(HttpStatusCode.NoContent, (await exhibitor.Exhibitor.DeleteAsync($"/api/v1/clinic-slots/{first}/booking")).StatusCode);
        var after = await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{exhibitionId}/clinics");
        Assert.True(after[0]!["slots"]![0]!["available"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_shop_of_another_exhibition_or_someone_elses_shop_cannot_book()
    {
        var (organiser, exhibitionId) = await app.ExhibitionAsync();
        var clinic = await ChatArrange.Created(await organiser.PostAsync($"/api/v1/exhibitions/{exhibitionId}/clinics",
            Body("export_readiness", DateTimeOffset.UtcNow.AddHours(2))));
        var slot = clinic["slots"]![0]!["id"]!.GetValue<string>();

        var elsewhere = await app.BoothAsync();
        await (await elsewhere.Exhibitor.PostAsync($"/api/v1/clinic-slots/{slot}/booking", new { shopId = elsewhere.ShopId }))
            .ShouldBeProblemAsync(409, code: "conversations.clinic.not_exhibiting");
        var here = await app.ExhibitorAtAsync(organiser, exhibitionId);
        await (await elsewhere.Exhibitor.PostAsync($"/api/v1/clinic-slots/{slot}/booking", new { shopId = here.ShopId })).ShouldBeProblemAsync(403);
        await (await here.Exhibitor.PostAsync($"/api/v1/clinic-slots/{Guid.NewGuid()}/booking", new { shopId = here.ShopId })).ShouldBeProblemAsync(404);
        await (await here.Exhibitor.PostAsync($"/api/v1/clinic-slots/{slot}/booking", new { })).ShouldBeProblemAsync(400, "shopId");
    }

    [Fact]
    public async Task Thirty_shops_racing_for_one_slot_make_exactly_one_booking()
    {
        var (organiser, exhibitionId) = await app.ExhibitionAsync(capacity: 40);
        var clinic = await ChatArrange.Created(await organiser.PostAsync($"/api/v1/exhibitions/{exhibitionId}/clinics",
            Body("digital_marketing", DateTimeOffset.UtcNow.AddHours(3), slotCount: 1)));
        var slot = clinic["slots"]![0]!["id"]!.GetValue<string>();
        var shops = new List<BoothSetup>();
        for (var i = 0; i < 30; i++)
        {
            shops.Add(await app.ExhibitorAtAsync(organiser, exhibitionId));
        }

        using var start = new SemaphoreSlim(0);
        var racing = shops.Select(async s =>
        {
            await start.WaitAsync();
            using var response = await s.Exhibitor.PostAsync($"/api/v1/clinic-slots/{slot}/booking", new { shopId = s.ShopId });
            return (int)response.StatusCode;
        }).ToList();
        start.Release(30);
        var statuses = await Task.WhenAll(racing);

        Assert.Equal(1, statuses.Count(s => s == 200));
        Assert.Equal(29, statuses.Count(s => s == 409));
        var bookings = await organiser.GetJsonAsync($"/api/v1/clinics/{clinic["id"]}/bookings");
        Assert.Single(bookings.AsArray());
    }

    private static object Body(string topic, DateTimeOffset startsAt, Guid? mentorUserId = null, int slotCount = 3) => new
    {
        topic,
        title = "Klinik Sertifikasi & Ekspor",
        mentorName = "Ibu Sari Wulandari",
        mentorUserId,
        startsAt = ChatArrange.Iso(startsAt),
        slotMinutes = 20,
        slotCount,
    };

    private async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await app.DrainOutboxAsync();
            await Task.Delay(50);
        }
    }
}
