using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Conversations.Persistence;
using Marketplace.Engagement.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Conversations.Clinics;

/// <summary>Bound from <c>Clinics</c>.</summary>
internal sealed class ClinicOptions
{
    /// <summary>How long before a booked slot its shop is reminded.</summary>
    public TimeSpan ReminderLead { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan ReminderScanInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Reminds the booking user of a clinic slot <see cref="ClinicOptions.ReminderLead"/> before it starts, as an in-app
/// notification (Engagement's <see cref="NotificationRequested"/>, written to this module's outbox with the slot's
/// <c>Reminded</c> flag in one transaction). Two instances scanning at once may both queue one; the notification's dedup
/// key (slot and booking time) makes Engagement store it once.
/// </summary>
internal sealed partial class ClinicReminders(IServiceScopeFactory scopes, IOptions<ClinicOptions> options, TimeProvider clock, ILogger<ClinicReminders> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReminderScanInterval, clock);
        do
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogScanFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> ScanAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConversationsDbContext>();
        var now = clock.GetUtcNow();
        var until = now + options.Value.ReminderLead;
        var due = await db.ClinicSlots
            .Where(s => !s.Reminded && s.BookedByUserId != null && s.StartsAt > now && s.StartsAt <= until)
            .OrderBy(s => s.StartsAt).Take(200).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var clinicIds = due.Select(s => s.ClinicId).Distinct().ToList();
        var clinics = await db.Clinics.AsNoTracking().Where(c => clinicIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        foreach (var slot in due)
        {
            var clinic = clinics[slot.ClinicId];
            slot.Reminded = true;
            db.AddIntegrationEvent(new NotificationRequested(slot.BookedByUserId!.Value, "clinic_reminder",
                $"Klinik mentoring segera mulai: {clinic.Title}",
                $"Bersama {clinic.MentorName}, pukul {slot.StartsAt.ToOffset(TimeSpan.FromHours(7)):HH:mm} WIB.",
                "/clinics/bookings", $"clinic-reminder:{slot.Id}:{slot.BookedAt:O}"));
        }

        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clinic reminder scan failed; trying again at the next tick")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
