namespace Vigie.Web.Features.VideoProtection;

/// <summary>Reads of the register. The caller has checked the role at the door; every query is scoped to the contract.</summary>
public sealed class VideoQueries(AppDbContext db, TimeProvider clock, Egress egress, ICurrentUser user, ContractViewers viewers)
{
    public sealed record Overview(IReadOnlyList<VideoSystem> Systems, IReadOnlyList<VideoAuthorisation> Authorisations, IReadOnlyList<VideoCamera> Cameras,
        IReadOnlyList<VideoRecorder> Recorders, IReadOnlyList<VideoDiagnostic> Diagnostics, IReadOnlyList<VideoAuthorisationRequest> Requests,
        IReadOnlyList<VideoAlert> Alerts, IReadOnlyList<VideoCommitteeMember> Members, IReadOnlyList<VideoCommitteeOpinion> Opinions,
        IReadOnlyList<VideoCommitteeReport> Reports, IReadOnlyList<VideoCitizenReferral> Referrals, DateOnly Today, IReadOnlyList<VideoAlert> ResolvedAlerts)
    {
        public VideoAuthorisation? AuthorisationOf(VideoCamera c) => Authorisations.FirstOrDefault(a => a.Id == c.AuthorisationId);

        /// <summary>V3 D-0: a camera whose authorisation has expired (or is missing while in service) carries a warning.</summary>
        public string? Warning(VideoCamera c) => (c.State, AuthorisationOf(c)) switch
        {
            (VideoCameraState.EnService, null) => "En service sans autorisation",
            (_, { } a) when a.StatusOn(Today) is VideoAuthorisationStatus.Expiree or VideoAuthorisationStatus.Abrogee => $"Autorisation {VideoLabels.Status(a.StatusOn(Today)).ToLowerInvariant()}",
            _ => null,
        };
    }

    public DateOnly Today => Culture.ParisDate(clock.GetUtcNow());

    /// <summary>
    /// Whether the signed-in user may read the register's personal and judicial entries (requisitions, the extraction
    /// register, access requests, citizens' referrals): the contract's coordinators <em>by membership</em> — not a
    /// platform administrator as such, who acts as coordinator for non-restricted matters only (docs/security.md).
    /// </summary>
    public async Task<bool> MayReadJudicialAsync(Guid contractId) => (await viewers.ForAsync(contractId))?.IsCoordinatorMember == true;

    /// <summary>What the signed-in reader may read in the contract (ADR 0006).</summary>
    private Task<Entitlement> ReaderEntitlementAsync(Guid contractId) =>
        egress.EntitlementAsync(contractId, user.Id is { } u ? Audience.Reader(u, user.IsAdministrator) : Audience.Anonymous);

    /// <summary>
    /// An opinion's visibility: the stricter of its own (null for opinions older than the column) and its sitting's
    /// current one, public without a sitting. A sitting raised later (e.g. public → restricted) takes its opinions with it.
    /// </summary>
    public static MinutesVisibility OpinionVisibility(VideoCommitteeOpinion o, IReadOnlyDictionary<Guid, MinutesVisibility> sittings)
    {
        var sitting = o.MeetingId is { } m && sittings.TryGetValue(m, out var v) ? v : MinutesVisibility.Public;
        return o.Visibility is { } own && own > sitting ? own : sitting;
    }

    /// <summary>The opinions the entitlement allows (restricted ones: readers of the committee's body or the coordinators).</summary>
    private async Task<List<VideoCommitteeOpinion>> ReadableOpinionsAsync(IQueryable<VideoCommitteeOpinion> opinions, Entitlement entitlement)
    {
        var list = await opinions.AsNoTracking().ToListAsync();
        var meetingIds = list.Where(o => o.MeetingId != null).Select(o => o.MeetingId!.Value).Distinct().ToList();
        var sittings = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Visibility);
        var systemIds = list.Select(o => o.SystemId).Distinct().ToList();
        var bodies = await db.VideoSystems.AsNoTracking().Where(s => systemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.CommitteeBodyId);
        foreach (var o in list) o.Visibility = OpinionVisibility(o, sittings); // untracked: filled in for the reader, never saved
        return [.. list.Where(o => entitlement.Allows(o.Visibility!.Value, bodies.GetValueOrDefault(o.SystemId)))];
    }

    /// <summary>How many closed alerts the register page keeps in view (the API lists them all).</summary>
    public const int ResolvedAlertsShown = 20;

    public async Task<Overview> OverviewAsync(Guid contractId)
    {
        // Open alerts are the register's list; the closed ones are history (the latest few shown under it).
        var alerts = (await db.VideoAlerts.AsNoTracking().Where(x => x.ContractId == contractId).ToListAsync()).OrderByDescending(x => x.RaisedAt).ToList();
        return new(
        await db.VideoSystems.AsNoTracking().Where(x => x.ContractId == contractId).OrderBy(x => x.Commune).ToListAsync(),
        await db.VideoAuthorisations.AsNoTracking().Where(x => x.ContractId == contractId).OrderByDescending(x => x.EffectiveOn).ToListAsync(),
        await db.VideoCameras.AsNoTracking().Where(x => x.ContractId == contractId).OrderBy(x => x.Site).ThenBy(x => x.Code).ToListAsync(),
        await db.VideoRecorders.AsNoTracking().Where(x => x.ContractId == contractId).OrderBy(x => x.Name).ToListAsync(),
        await db.VideoDiagnostics.AsNoTracking().Include(d => d.Recommendations).Where(x => x.ContractId == contractId).OrderByDescending(x => x.Date).ToListAsync(),
        await db.VideoAuthorisationRequests.AsNoTracking().Where(x => x.ContractId == contractId).OrderByDescending(x => x.FiledOn).ToListAsync(),
        [.. alerts.Where(a => a.ResolvedAt is null)],
        await db.VideoCommitteeMembers.AsNoTracking().Where(x => x.ContractId == contractId).OrderBy(x => x.Quality).ThenBy(x => x.Name).ToListAsync(),
        await ReadableOpinionsAsync(db.VideoCommitteeOpinions.Where(x => x.ContractId == contractId).OrderByDescending(x => x.Date), await ReaderEntitlementAsync(contractId)),
        await db.VideoCommitteeReports.AsNoTracking().Where(x => x.ContractId == contractId).OrderByDescending(x => x.Year).ToListAsync(),
        await ReferralsAsync(contractId),
        Today,
        [.. alerts.Where(a => a.ResolvedAt is not null).OrderByDescending(a => a.ResolvedAt).Take(ResolvedAlertsShown)]);
    }

    /// <summary>The citizens' referrals: counted for every reader, their subject and answer for the coordinators by membership only.</summary>
    private async Task<List<VideoCitizenReferral>> ReferralsAsync(Guid contractId)
    {
        var list = await db.VideoCitizenReferrals.AsNoTracking().Where(x => x.ContractId == contractId).OrderByDescending(x => x.ReceivedOn).ToListAsync();
        if (await MayReadJudicialAsync(contractId)) return list;
        foreach (var r in list) (r.Subject, r.Answer) = ("—", null); // untracked: blanked for the reader, never saved
        return list;
    }

    /// <summary>The restricted registers (coordinators): requisitions, extractions, access requests.</summary>
    public sealed record Registers(IReadOnlyList<VideoRequisition> Requisitions, IReadOnlyList<VideoExtraction> Extractions, IReadOnlyList<VideoAccessRequest> AccessRequests,
        IReadOnlyDictionary<Guid, string> CameraCodes);

    public async Task<Registers> RegistersAsync(Guid contractId)
    {
        // Scoped in the query too: whoever else reaches a caller (an administrator acting as coordinator) gets empty registers.
        if (!await MayReadJudicialAsync(contractId)) return new([], [], [], new Dictionary<Guid, string>());
        var since = clock.GetUtcNow().AddYears(-VideoExtraction.KeptYears);
        return new(
            await db.VideoRequisitions.AsNoTracking().Where(x => x.ContractId == contractId).OrderByDescending(x => x.ReceivedOn).ToListAsync(),
            (await db.VideoExtractions.AsNoTracking().Where(x => x.ContractId == contractId).ToListAsync()).Where(x => x.At >= since).OrderByDescending(x => x.At).ToList(),
            await db.VideoAccessRequests.AsNoTracking().Where(x => x.ContractId == contractId).OrderByDescending(x => x.ReceivedOn).ToListAsync(),
            await db.VideoCameras.AsNoTracking().Where(x => x.ContractId == contractId).ToDictionaryAsync(c => c.Id, c => c.Code));
    }

    /// <summary>One line of the yearly CLSPD summary: counts per site, no personal data (V8).</summary>
    public sealed record SiteCounts(string Site, int Cameras, int InService, int Requisitions, int Extractions, int AccessRequests);

    public async Task<IReadOnlyList<SiteCounts>> SummaryAsync(Guid contractId, int year)
    {
        var cameras = await db.VideoCameras.AsNoTracking().Where(c => c.ContractId == contractId).ToListAsync();
        var siteOf = cameras.ToDictionary(c => c.Id, c => c.Site);
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var requisitions = await db.VideoRequisitions.AsNoTracking().Where(r => r.ContractId == contractId && r.ReceivedOn >= from && r.ReceivedOn <= to).ToListAsync();
        var extractions = (await db.VideoExtractions.AsNoTracking().Where(e => e.ContractId == contractId).ToListAsync()).Where(e => Culture.ParisDate(e.At).Year == year).ToList(); // the Paris year: 31/12 23:30 in Paris is not next year's
        var access = await db.VideoAccessRequests.AsNoTracking().Where(a => a.ContractId == contractId && a.ReceivedOn >= from && a.ReceivedOn <= to).ToListAsync();
        const string none = "Sans site";
        string SiteOfExtraction(VideoExtraction e) => e.CameraIds.Select(id => siteOf.GetValueOrDefault(id)).FirstOrDefault(s => s is not null) ?? none;
        var sites = cameras.Select(c => c.Site).Concat(requisitions.Select(r => r.Site ?? none)).Concat(extractions.Select(SiteOfExtraction))
            .Concat(access.Select(a => a.CameraId is { } c ? siteOf.GetValueOrDefault(c) ?? none : none)).Distinct().Order(StringComparer.Create(Culture.French, true));
        return [.. sites.Select(s => new SiteCounts(s,
            cameras.Count(c => c.Site == s), cameras.Count(c => c.Site == s && c.State == VideoCameraState.EnService),
            requisitions.Count(r => (r.Site ?? none) == s), extractions.Count(e => SiteOfExtraction(e) == s),
            access.Count(a => (a.CameraId is { } c ? siteOf.GetValueOrDefault(c) ?? none : none) == s)))
            .Where(l => l.Cameras + l.Requisitions + l.Extractions + l.AccessRequests > 0)];
    }

    /// <summary>What the public information page shows of a published contract: no extraction, requisition or access request.</summary>
    public sealed record PublicSystem(VideoSystem System, IReadOnlyList<VideoAuthorisation> Authorisations, IReadOnlyList<(string Site, int Cameras)> Sites,
        IReadOnlyList<VideoCommitteeReport> Reports);

    public sealed record PublicView(Guid ContractId, string ContractTitle, IReadOnlyList<PublicSystem> Systems, DateOnly Today);

    /// <summary>The public page's own reads (four small queries, not the register's overview): systems, authorisations, in-service cameras per site, published reports.</summary>
    public async Task<PublicView?> PublicAsync(Guid contractId)
    {
        var title = await db.Contracts.AsNoTracking().Where(c => c.Id == contractId && c.IsPublished).Select(c => c.Title).FirstOrDefaultAsync();
        if (title is null) return null;
        var today = Today;
        var systems = await db.VideoSystems.AsNoTracking().Where(x => x.ContractId == contractId).OrderBy(x => x.Commune).ToListAsync();
        var authorisations = (await db.VideoAuthorisations.AsNoTracking().Where(a => a.ContractId == contractId && a.ExpiresOn > today && (a.RepealedOn == null || a.RepealedOn > today))
                .OrderByDescending(a => a.EffectiveOn).ToListAsync())
            .Where(a => a.StatusOn(today) is VideoAuthorisationStatus.EnVigueur or VideoAuthorisationStatus.ARenouveler).ToList();
        var sites = await db.VideoCameras.AsNoTracking().Where(c => c.ContractId == contractId && c.State == VideoCameraState.EnService)
            .GroupBy(c => new { c.SystemId, c.Site }).Select(g => new { g.Key.SystemId, g.Key.Site, Count = g.Count() }).ToListAsync();
        var reports = await db.VideoCommitteeReports.AsNoTracking().Where(r => r.ContractId == contractId && r.PublishedOn != null).OrderByDescending(r => r.Year).ToListAsync();
        return new PublicView(contractId, title, [.. systems.Select(s => new PublicSystem(s,
            [.. authorisations.Where(a => a.SystemId == s.Id)],
            [.. sites.Where(x => x.SystemId == s.Id).OrderBy(x => x.Site).Select(x => (x.Site, x.Count))],
            [.. reports.Where(r => r.SystemId == s.Id)]))], today);
    }

    /// <summary>The committee's members, opinions and sittings (meetings of its body) of a year, for its annual report.</summary>
    public sealed record CommitteeYear(IReadOnlyList<VideoCommitteeMember> Members, IReadOnlyList<VideoCommitteeOpinion> Opinions, int Sittings, int Referrals);

    public async Task<CommitteeYear> CommitteeYearAsync(VideoSystem system, int year, Entitlement entitlement)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var meetings = system.CommitteeBodyId is { } body
            ? (await db.Meetings.AsNoTracking().Where(m => m.BodyId == body).Select(m => m.StartsAt).ToListAsync()).Count(d => Culture.ParisDate(d).Year == year)
            : 0;
        return new(
            await db.VideoCommitteeMembers.AsNoTracking().Where(m => m.SystemId == system.Id).OrderBy(m => m.Quality).ThenBy(m => m.Name).ToListAsync(),
            // Only the opinions the report's audience may read: the public report prints public opinions only (an opinion
            // given at a sitting inherits that sitting's visibility, ADR 0006: derived records inherit visibility).
            await ReadableOpinionsAsync(db.VideoCommitteeOpinions.Where(o => o.SystemId == system.Id && o.Date >= from && o.Date <= to).OrderBy(o => o.Date), entitlement),
            meetings,
            await db.VideoCitizenReferrals.CountAsync(r => r.SystemId == system.Id && r.ReceivedOn >= from && r.ReceivedOn <= to));
    }

    /// <summary>The yearly CLSPD summary as a PDF (counts per site).</summary>
    public async Task<byte[]> SummaryPdfAsync(Guid contractId, int year)
    {
        var title = await db.Contracts.AsNoTracking().Where(x => x.Id == contractId).Select(x => x.Title).FirstAsync();
        return VideoPdf.ClspdSummary(title, year, await SummaryAsync(contractId, year));
    }

    /// <summary>
    /// The committee's annual report of a year and commune (system) as a PDF, with its id; null when there is none. Each
    /// commune's committee has its own report: without <paramref name="systemId"/> (older API callers) the report of the
    /// first commune in alphabetical order is served.
    /// </summary>
    public async Task<(Guid ReportId, byte[] Pdf)?> CommitteeReportPdfAsync(Guid contractId, int year, bool publishedOnly, Guid? systemId = null)
    {
        var found = await db.VideoCommitteeReports.AsNoTracking()
            .Where(r => r.ContractId == contractId && r.Year == year && (!publishedOnly || r.PublishedOn != null) && (systemId == null || r.SystemId == systemId))
            .Join(db.VideoSystems.AsNoTracking(), r => r.SystemId, s => s.Id, (r, s) => new { Report = r, System = s })
            .OrderBy(x => x.System.Commune).FirstOrDefaultAsync();
        if (found is null) return null;
        var title = await db.Contracts.AsNoTracking().Where(x => x.Id == contractId).Select(x => x.Title).FirstAsync();
        // The published report is the public one (also when a member downloads it from the public page); otherwise the reader's.
        var entitlement = publishedOnly ? Entitlement.PublicOnly : await ReaderEntitlementAsync(contractId);
        return (found.Report.Id, VideoPdf.CommitteeReport(title, found.System, found.Report, await CommitteeYearAsync(found.System, year, entitlement)));
    }
}
