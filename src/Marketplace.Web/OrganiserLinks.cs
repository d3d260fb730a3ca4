namespace Marketplace.Web;

/// <summary>The organiser console's addresses, in one place.</summary>
internal static class OrganiserLinks
{
    public static string Edit(Guid id) => $"/organiser/exhibitions/{id:D}/edit";

    public static string Applications(Guid id, string? status = null) =>
        $"/organiser/exhibitions/{id:D}/applications" + (string.IsNullOrEmpty(status) ? "" : "?status=" + Uri.EscapeDataString(status));

    public static string Dashboard(Guid id) => $"/organiser/exhibitions/{id:D}/dashboard";

    public static string Clinics(Guid id) => $"/organiser/exhibitions/{id:D}/clinics";

    /// <summary>A clinic's bookings as csv or xlsx, through the web's session (for its organiser or mentor).</summary>
    public static string ClinicBookings(Guid clinicId, string format) => $"/organiser/clinics/{clinicId:D}/bookings.{format}";

    /// <summary>A download of the organiser's export (booths, leads, days as csv or xlsx), through the web's session.</summary>
    public static string Export(Guid id, string table, string format) => $"/organiser/exhibitions/{id:D}/exports/{table}.{format}";
}
