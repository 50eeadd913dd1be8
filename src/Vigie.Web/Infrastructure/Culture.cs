using System.Globalization;

namespace Vigie.Web.Infrastructure;

/// <summary>French formatting everywhere: dd/MM/yyyy, decimal comma, narrow no-break space for thousands.</summary>
public static class Culture
{
    public static readonly CultureInfo French = CreateFrench();

    private static CultureInfo CreateFrench()
    {
        var c = (CultureInfo)CultureInfo.GetCultureInfo("fr-FR").Clone();
        c.DateTimeFormat.ShortDatePattern = "dd/MM/yyyy";
        c.NumberFormat.NumberGroupSeparator = "\u202F";
        c.NumberFormat.CurrencyGroupSeparator = "\u202F";
        return CultureInfo.ReadOnly(c);
    }

    public static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
    public static string Date(DateOnly? d) => d is { } v ? Date(v) : "—";
    public static string DateTime(DateTimeOffset d) =>
        TimeZoneInfo.ConvertTime(d, Paris).ToString("dd/MM/yyyy 'à' HH:mm", CultureInfo.InvariantCulture);

    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>
    /// The calendar day in France at an instant: the one rule for "today" (a review date, a deadline, an age). Between
    /// 22:00/23:00 and midnight UTC it is already the next day in Paris.
    /// </summary>
    public static DateOnly ParisDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Paris).DateTime);
}
