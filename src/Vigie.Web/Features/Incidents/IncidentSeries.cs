using System.Linq.Expressions;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// The observatory of incivilités (issue 14 item 6): a contract's incidents counted by month (Paris time, date of
/// report), category group and sub-area. A series of its own, shown beside the police and gendarmerie figures like
/// the partners' series: never added to them (they count other things: offences recorded, not reports).
/// </summary>
public sealed class IncidentSeries(AppDbContext db)
{
    public sealed record IncidentSeriesPoint(string Month, string Group, string GroupName, Guid? AreaId, string? Area, int Count);

    public sealed record IncidentSeriesTable(IReadOnlyList<string> Months, IReadOnlyList<(string Group, string Name)> Groups,
        IReadOnlyList<IncidentSeriesPoint> Points)
    {
        public int Count(string month, string group) => Points.Where(p => p.Month == month && p.Group == group).Sum(p => p.Count);
        public int Total(string month) => Points.Where(p => p.Month == month).Sum(p => p.Count);
    }

    /// <summary>Every month from <paramref name="from"/> to <paramref name="to"/> (inclusive, yyyy-MM), duplicates merged into their original excluded.</summary>
    public async Task<IncidentSeriesTable> MonthlyAsync(Guid contractId, DateOnly from, DateOnly to)
    {
        var start = IncidentQueries.StartOfDay(new DateOnly(from.Year, from.Month, 1));
        var end = IncidentQueries.StartOfDay(new DateOnly(to.Year, to.Month, 1).AddMonths(1));
        var rows = await Counted(contractId, start, end)
            .Select(i => new { i.ReportedAt, i.Category!.Group, i.AreaId, Area = i.Area != null ? i.Area.Name : null })
            .ToListAsync();
        var points = rows.GroupBy(r => (Month: TimeZoneInfo.ConvertTime(r.ReportedAt, Culture.Paris).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                r.Group, r.AreaId, r.Area))
            .Select(g => new IncidentSeriesPoint(g.Key.Month, g.Key.Group, IncidentLabels.Group(g.Key.Group), g.Key.AreaId, g.Key.Area, g.Count()))
            .OrderBy(p => p.Month).ThenBy(p => p.Group).ThenBy(p => p.Area).ToList();
        var months = new List<string>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1)) months.Add(m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        var groups = IncidentCategoryCatalog.Groups.Select(g => (g.Key, g.Value)).ToList();
        return new IncidentSeriesTable(months, groups, points);
    }

    /// <summary>
    /// How many of the incidents the series counts were reported each year (Paris time) from <paramref name="firstYear"/> to
    /// <paramref name="lastYear"/>, among those <paramref name="narrow"/> keeps: counted by the database (years without any are absent).
    /// </summary>
    public async Task<IReadOnlyDictionary<int, int>> YearlyCountsAsync(Guid contractId, int firstYear, int lastYear,
        Func<IQueryable<Incident>, IQueryable<Incident>> narrow)
    {
        var q = narrow(Counted(contractId, StartOfYear(firstYear), StartOfYear(lastYear + 1)));
        // The year of a report, as the database computes it from the Paris year boundaries worked out here:
        // ReportedAt < 1 Jan (first + 1) ? first : ReportedAt < 1 Jan (first + 2) ? first + 1 : … : last.
        var incident = Expression.Parameter(typeof(Incident), "i");
        var reportedAt = Expression.Property(incident, nameof(Incident.ReportedAt));
        Expression year = Expression.Constant(lastYear);
        for (var y = lastYear - 1; y >= firstYear; y--)
            year = Expression.Condition(Expression.LessThan(reportedAt, Expression.Constant(StartOfYear(y + 1))), Expression.Constant(y), year);
        var yearOf = Expression.Lambda<Func<Incident, int>>(year, incident);
        return await q.GroupBy(yearOf).Select(g => new { Year = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Year, x => x.Count);
    }

    private static DateTimeOffset StartOfYear(int year) => IncidentQueries.StartOfDay(new DateOnly(year, 1, 1));

    /// <summary>What the series counts: a contract's incidents reported in [start, end), duplicates merged into their original excluded.</summary>
    private IQueryable<Incident> Counted(Guid contractId, DateTimeOffset start, DateTimeOffset end) =>
        db.Incidents.AsNoTracking().Where(i => i.ContractId == contractId && i.ReportedAt >= start && i.ReportedAt < end && i.CloseReason != IncidentCloseReason.Doublon);
}
