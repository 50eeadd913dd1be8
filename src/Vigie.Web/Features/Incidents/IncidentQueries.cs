using System.Linq.Expressions;

namespace Vigie.Web.Features.Incidents;

/// <summary>The filters of the list, the map, the table alternative and the GeoJSON export (one set for all).</summary>
public sealed record IncidentFilter(string? Category = null, string? Status = null, Guid? Partner = null, DateOnly? From = null, DateOnly? To = null, Guid? Area = null)
{
    /// <summary>"ouverts" (not closed), "clos", or an internal state name.</summary>
    public const string Open = "ouverts";
    public const string Closed = "clos";
}

/// <summary>Reads of a contract's incidents. The caller has checked the contract is visible (contract members see all its incidents).</summary>
public sealed class IncidentQueries(AppDbContext db)
{
    /// <summary>At most this many rows per list or map call (the newest first); the caller says when more matched.</summary>
    public const int MaxRows = 5000;
    public const double DuplicateMetres = 100;
    public const int DuplicateDays = 30;
    public const int HotSpotCount = 3;

    public sealed record Row(Guid Id, int Number, string CategoryCode, string CategoryName, string Group, IncidentVisibility Visibility,
        IncidentStatus Status, IncidentCloseReason? CloseReason, string? Address, string? CommuneCode, Guid? AreaId, string? AreaName,
        Guid? PilotId, string? PilotName, DateTimeOffset ReportedAt, DateTimeOffset? DueAt, DateTimeOffset? TakenUpAt, DateTimeOffset? ResolvedAt,
        DateTimeOffset? ClosedAt, DateTimeOffset? RoutedAt, double? Latitude, double? Longitude)
    {
        public bool IsOverdue(DateTimeOffset now) => IncidentStatusMachine.AwaitsTakeUp(Status) && DueAt < now;
    }

    public sealed record Candidate(Guid Id, int Number, int DistanceMetres, DateTimeOffset ReportedAt, IncidentStatus Status);

    public sealed record HotSpot(string CategoryCode, string CategoryName, double Latitude, double Longitude, IReadOnlyList<int> Numbers);

    public sealed record ListResult(IReadOnlyList<Row> Rows, int Total, bool Truncated);

    private IQueryable<Incident> Of(Guid contractId) => db.Incidents.AsNoTracking().Where(i => i.ContractId == contractId);

    private static IQueryable<Row> Project(IQueryable<Incident> incidents) =>
        incidents.Select(i => new Row(i.Id, i.Number, i.Category!.Code, i.Category.Name,
            i.Category.Group, i.Category.Visibility, i.Status, i.CloseReason, i.Address, i.CommuneCode, i.AreaId, i.Area != null ? i.Area.Name : null,
            i.PilotOrganisationId, i.PilotOrganisation != null ? i.PilotOrganisation.Name : null, i.ReportedAt, i.DueAt, i.TakenUpAt, i.ResolvedAt,
            i.ClosedAt, i.RoutedAt, i.Latitude, i.Longitude));

    public static DateTimeOffset StartOfDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Culture.Paris.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();

    /// <summary>The filtered incidents, newest first, at most <see cref="MaxRows"/>.</summary>
    public async Task<ListResult> ListAsync(Guid contractId, IncidentFilter f, int limit = MaxRows)
    {
        var rows = await Project(Filtered(contractId, f).OrderByDescending(r => r.ReportedAt).Take(limit + 1)).ToListAsync();
        var truncated = rows.Count > limit;
        if (truncated) rows.RemoveAt(rows.Count - 1);
        return new ListResult(rows, rows.Count, truncated);
    }

    /// <summary>A point of the members' map: what the map draws and nothing else (the map's data call stays small).</summary>
    public sealed record MapPoint(int Number, string CategoryCode, IncidentStatus Status, DateTimeOffset? DueAt, double Latitude, double Longitude)
    {
        public bool IsOverdue(DateTimeOffset now) => IncidentStatusMachine.AwaitsTakeUp(Status) && DueAt < now;
    }

    /// <summary>The filtered incidents that have a point, newest first, at most <see cref="MaxRows"/>.</summary>
    public async Task<IReadOnlyList<MapPoint>> MapAsync(Guid contractId, IncidentFilter f, int limit = MaxRows) =>
        await Filtered(contractId, f).Where(i => i.Latitude != null && i.Longitude != null).OrderByDescending(i => i.ReportedAt).Take(limit)
            .Select(i => new MapPoint(i.Number, i.Category!.Code, i.Status, i.DueAt, i.Latitude!.Value, i.Longitude!.Value)).ToListAsync();

    private IQueryable<Incident> Filtered(Guid contractId, IncidentFilter f)
    {
        var q = Of(contractId);
        if (!string.IsNullOrWhiteSpace(f.Category)) q = q.Where(r => r.Category!.Code == f.Category);
        if (f.Status == IncidentFilter.Open) q = q.Where(r => r.Status != IncidentStatus.Cloture);
        else if (f.Status == IncidentFilter.Closed) q = q.Where(r => r.Status == IncidentStatus.Cloture);
        else if (IncidentLabels.ParseStatus(f.Status) is { } s) q = q.Where(r => r.Status == s);
        if (f.Partner is { } p) q = q.Where(r => r.PilotOrganisationId == p);
        if (f.Area is { } a) q = q.Where(r => r.AreaId == a);
        if (f.From is { } from) { var start = StartOfDay(from); q = q.Where(r => r.ReportedAt >= start); }
        if (f.To is { } to) { var end = StartOfDay(to.AddDays(1)); q = q.Where(r => r.ReportedAt < end); }
        return q;
    }

    public Task<Row?> RowAsync(Guid contractId, Guid id) => Project(Of(contractId).Where(r => r.Id == id)).FirstOrDefaultAsync();

    public sealed record Extra(Guid CategoryId, string Description, DateTimeOffset ObservedAt, IncidentSource Source, int? DuplicateOfNumber);

    /// <summary>What the detail shows beyond a row (the description is members-only text).</summary>
    public Task<Extra> ExtraAsync(Guid contractId, Guid id) =>
        db.Incidents.AsNoTracking().Where(i => i.ContractId == contractId && i.Id == id)
            .Select(i => new Extra(i.CategoryId, i.Description, i.ObservedAt, i.Source,
                db.Incidents.Where(o => o.Id == i.DuplicateOfId).Select(o => (int?)o.Number).FirstOrDefault())).FirstAsync();

    /// <summary>Incidents of the same category within 100 m reported within 30 days of <paramref name="at"/>, not closed, nearest first.</summary>
    public async Task<IReadOnlyList<Candidate>> DuplicateCandidatesAsync(Guid contractId, Guid categoryId, GeoPoint point, DateTimeOffset at, Guid? exclude)
    {
        var (minLat, maxLat, minLon, maxLon) = GeoMath.Box(point, DuplicateMetres);
        var since = at.AddDays(-DuplicateDays);
        var until = at.AddDays(DuplicateDays);
        var near = await db.Incidents.AsNoTracking()
            .Where(i => i.CategoryId == categoryId && i.ContractId == contractId && i.Latitude >= minLat && i.Latitude <= maxLat
                && i.Longitude >= minLon && i.Longitude <= maxLon && i.ReportedAt >= since && i.ReportedAt <= until && i.Status != IncidentStatus.Cloture)
            .Select(i => new { i.Id, i.Number, i.ReportedAt, i.Status, i.Latitude, i.Longitude }).ToListAsync();
        return near.Where(i => i.Id != exclude)
            .Select(i => new Candidate(i.Id, i.Number, (int)Math.Round(GeoMath.DistanceMetres(point, new GeoPoint(i.Latitude!.Value, i.Longitude!.Value))), i.ReportedAt, i.Status))
            .Where(c => c.DistanceMetres <= DuplicateMetres).OrderBy(c => c.DistanceMetres).ThenBy(c => c.Number).ToList();
    }

    /// <summary>
    /// Hot spots: at least 3 incidents of one category within 100 m of one of them, reported over the last 30 days.
    /// Greedy: the incident with the most neighbours first, its neighbours are taken, and so on.
    /// </summary>
    public async Task<IReadOnlyList<HotSpot>> HotSpotsAsync(Guid contractId, DateTimeOffset now)
    {
        var since = now.AddDays(-DuplicateDays);
        var points = await db.Incidents.AsNoTracking()
            .Where(i => i.ContractId == contractId && i.ReportedAt >= since && i.Latitude != null && i.Longitude != null && i.DuplicateOfId == null)
            .Select(i => new { i.Number, i.CategoryId, i.Category!.Code, i.Category.Name, Lat = i.Latitude!.Value, Lon = i.Longitude!.Value }).ToListAsync();
        var spots = new List<HotSpot>();
        foreach (var group in points.GroupBy(p => p.CategoryId))
        {
            var left = group.ToList();
            while (left.Count >= HotSpotCount)
            {
                var best = left.Select(c => new
                {
                    Centre = c,
                    Near = left.Where(o => GeoMath.DistanceMetres(new GeoPoint(c.Lat, c.Lon), new GeoPoint(o.Lat, o.Lon)) <= DuplicateMetres).ToList(),
                }).OrderByDescending(x => x.Near.Count).ThenBy(x => x.Centre.Number).First();
                if (best.Near.Count < HotSpotCount) break;
                spots.Add(new HotSpot(best.Centre.Code, best.Centre.Name, best.Near.Average(n => n.Lat), best.Near.Average(n => n.Lon),
                    best.Near.Select(n => n.Number).Order().ToList()));
                left.RemoveAll(best.Near.Contains);
            }
        }
        return spots.OrderByDescending(s => s.Numbers.Count).ThenBy(s => s.CategoryCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>A partner's inbox: its incidents not closed, overdue ones first, then by deadline.</summary>
    public const int InboxPageSize = 50;
    public const int InboxPageSizeMax = 200;

    /// <summary>One page of an inbox; <see cref="Total"/> and <see cref="Overdue"/> count the whole inbox.</summary>
    public sealed record InboxPage(IReadOnlyList<Row> Rows, int Page, int PageSize, int Total, int Overdue)
    {
        public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    /// <summary>
    /// A partner's incidents not closed, overdue first across pages (the order is computed by the database: overdue,
    /// then by deadline, then by number), <paramref name="pageSize"/> at a time.
    /// </summary>
    public async Task<InboxPage> InboxAsync(Guid contractId, Guid organisationId, DateTimeOffset now, int page = 1, int pageSize = InboxPageSize)
    {
        var open = Of(contractId).Where(r => r.PilotOrganisationId == organisationId && r.Status != IncidentStatus.Cloture);
        var total = await open.CountAsync();
        var isOverdue = OverdueAt(now);
        var overdue = await open.CountAsync(isOverdue);
        // Overdue ? 0 : 1 (a CASE: an unknown deadline is "not overdue" whatever the database does with NULL in a sort).
        var overdueFirst = Expression.Lambda<Func<Incident, int>>(
            Expression.Condition(isOverdue.Body, Expression.Constant(0), Expression.Constant(1)), isOverdue.Parameters);
        var rows = await Project(open
            .OrderBy(overdueFirst)
            .ThenBy(r => r.DueAt == null ? 1 : 0).ThenBy(r => r.DueAt).ThenBy(r => r.Number)
            .Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync();
        return new InboxPage(rows, page, pageSize, total, overdue);
    }

    /// <summary>
    /// <see cref="Row.IsOverdue"/> as the database computes it: awaiting take-up (<see cref="IncidentStatusMachine.AwaitsTakeUp"/>)
    /// past its deadline. One expression for the inbox's count and order.
    /// </summary>
    private static Expression<Func<Incident, bool>> OverdueAt(DateTimeOffset now) =>
        r => (r.Status == IncidentStatus.Nouveau || r.Status == IncidentStatus.Qualifie || r.Status == IncidentStatus.Transmis
            || r.Status == IncidentStatus.Reoriente) && r.DueAt < now;

    public sealed record PartnerLine(Guid OrganisationId, string Name, int Received, int TakenUp, int Resolved, double? MedianDelayHours);

    public sealed record Weekly(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<Row> OpenTranquillite, IReadOnlyList<Row> ClosedLastWeek,
        IReadOnlyList<Row> PastSla, IReadOnlyList<HotSpot> HotSpots, IReadOnlyList<PartnerLine> Partners);

    /// <summary>
    /// The weekly meeting's view (specs §3.4) over the 7 days before <paramref name="now"/>: every open "tranquillité" item,
    /// items closed in the week, items past their first-response SLA, hot spots, and per partner the items received
    /// (routed to it in the week), taken up and resolved in the week, and the median delay from routing to take-up.
    /// </summary>
    public async Task<Weekly> WeeklyAsync(Guid contractId, DateTimeOffset now)
    {
        var from = now.AddDays(-7);
        var open = await Project(Of(contractId).Where(r => r.Status != IncidentStatus.Cloture && (r.Category!.Group == IncidentCategoryCatalog.TranquilliteGroup || r.DueAt < now))
            .OrderBy(r => r.Number).Take(MaxRows)).ToListAsync();
        var closed = await Project(Of(contractId).Where(r => r.Status == IncidentStatus.Cloture && r.ClosedAt >= from).OrderBy(r => r.Number).Take(MaxRows)).ToListAsync();
        var active = await Project(Of(contractId).Where(r => r.PilotOrganisationId != null && (r.RoutedAt >= from || r.TakenUpAt >= from || r.ResolvedAt >= from))
            .Take(MaxRows * 4)).ToListAsync();
        var partners = active.GroupBy(r => (r.PilotId!.Value, r.PilotName ?? "")).Select(g =>
        {
            var delays = g.Where(r => r.TakenUpAt >= from && r.RoutedAt is not null && r.TakenUpAt >= r.RoutedAt)
                .Select(r => (r.TakenUpAt!.Value - r.RoutedAt!.Value).TotalHours).Order().ToList();
            double? median = delays.Count == 0 ? null : delays.Count % 2 == 1 ? delays[delays.Count / 2] : (delays[delays.Count / 2 - 1] + delays[delays.Count / 2]) / 2;
            return new PartnerLine(g.Key.Item1, g.Key.Item2, g.Count(r => r.RoutedAt >= from), g.Count(r => r.TakenUpAt >= from), g.Count(r => r.ResolvedAt >= from), median);
        }).OrderBy(p => p.Name, StringComparer.Create(Culture.French, false)).ToList();
        return new Weekly(from, now, open.Where(r => r.Group == IncidentCategoryCatalog.TranquilliteGroup).ToList(), closed,
            open.Where(r => r.IsOverdue(now)).ToList(), await HotSpotsAsync(contractId, now), partners);
    }

    public sealed record HistoryLine(DateTimeOffset At, IncidentEventKind Kind, IncidentStatus? From, IncidentStatus? To, string? Organisation, string? Note, bool IsPublic, string? By);

    public async Task<IReadOnlyList<HistoryLine>> HistoryAsync(Guid contractId, Guid incidentId) =>
        await db.IncidentEvents.AsNoTracking().Where(e => e.ContractId == contractId && e.IncidentId == incidentId).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new HistoryLine(e.At, e.Kind, e.FromStatus, e.ToStatus,
                db.Organisations.Where(o => o.Id == e.OrganisationId).Select(o => o.Name).FirstOrDefault(), e.Note, e.IsPublic,
                db.Users.Where(u => u.Id == e.ByUserId).Select(u => u.FullName).FirstOrDefault()))
            .ToListAsync();

    /// <summary>Partners a coordinator can route to: the contract's signatories and the organisations seated in its bodies.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> PartnersAsync(Guid contractId)
    {
        var ids = await db.Signatories.Where(s => s.ContractId == contractId).Select(s => s.OrganisationId)
            .Concat(db.BodyMemberships.Where(m => m.ContractId == contractId && m.OrganisationId != null).Select(m => m.OrganisationId!.Value))
            .Concat(db.IncidentCategories.Where(c => c.ContractId == contractId && c.PilotOrganisationId != null).Select(c => c.PilotOrganisationId!.Value))
            .Concat(db.RoutingZones.Where(z => z.ContractId == contractId).Select(z => z.OrganisationId))
            .Concat(db.Memberships.Where(m => m.ContractId == contractId).Select(m => m.User!.OrganisationId))
            .Distinct().ToListAsync();
        var orgs = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id) && !o.IsArchived).Select(o => new { o.Id, o.Name }).ToListAsync();
        return orgs.OrderBy(o => o.Name, StringComparer.Create(Culture.French, false)).Select(o => (o.Id, o.Name)).ToList();
    }
}
