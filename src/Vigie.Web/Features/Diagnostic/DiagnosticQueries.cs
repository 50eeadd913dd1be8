using Microsoft.Extensions.DependencyInjection;
using Vigie.Web.Features.Shared;

namespace Vigie.Web.Features.Diagnostic;

/// <summary>
/// Reads of diagnostics, always inside the contracts the user may see (<see cref="ContractAccess.Contracts"/>): the live
/// document (sections, findings with the priorities citing them, sources, figures read now), its frozen versions, the
/// findings no priority answers and the priorities no finding justifies, and the public parts of a published version.
/// </summary>
public sealed class DiagnosticQueries(AppDbContext db, ContractAccess access, DiagnosticDrafts drafts, ActionPlan.PlanQueries plan, IServiceProvider services)
{
    public sealed record DiagnosticListRow(Guid Id, string Title, Guid? AreaId, string? Area, int LastVersion, bool Published);

    public sealed record DiagnosticSectionRow(Guid Id, DiagnosticSectionKind Kind, DiagnosticAxis? Axis, Guid? OrganisationId, string? Organisation, string Title,
        string? Body, DiagnosticSectionStatus Status, MinutesVisibility Visibility, string? Author);

    public sealed record DiagnosticFindingRow(Guid Id, Guid? SectionId, DiagnosticAxis? Axis, string Text, MinutesVisibility Visibility, IReadOnlyList<DiagnosticPlanRef> Priorities);

    public sealed record DiagnosticPlanRef(Guid Id, string Reference, string Title);

    public sealed record DiagnosticSourceRow(Guid Id, DiagnosticSourceKind Kind, string Title, DateOnly? Date, Guid? MeetingId, Guid? FileId, string? FileName, string? Edition, string? Notes);

    public sealed record DiagnosticVersionRow(Guid Id, int Number, bool IsValidated, string Sha256, DateTimeOffset FrozenAt, bool Published);

    public sealed record DiagnosticDetail(Guid Id, Guid ContractId, string ContractTitle, string Title, Guid? AreaId, string? Area, IReadOnlyList<DiagnosticSectionRow> Sections,
        IReadOnlyList<DiagnosticFindingRow> Findings, IReadOnlyList<DiagnosticSourceRow> Sources, IReadOnlyList<DiagnosticFigureTable> Figures,
        IReadOnlyList<SurveyWaveSummary> Surveys, IReadOnlyList<DiagnosticVersionRow> Versions, IReadOnlyList<DiagnosticPlanRef> UnjustifiedPriorities)
    {
        public IEnumerable<DiagnosticFindingRow> Unanswered => Findings.Where(f => f.Priorities.Count == 0);
    }

    private IQueryable<SecurityDiagnostic> Visible(Guid contractId) =>
        db.Diagnostics.AsNoTracking().Where(d => d.ContractId == contractId && access.Contracts.Any(c => c.Id == contractId));

    public async Task<IReadOnlyList<DiagnosticListRow>> ListAsync(Guid contractId) =>
        await Visible(contractId).OrderBy(d => d.AreaId != null).ThenBy(d => d.Title)
            .Select(d => new DiagnosticListRow(d.Id, d.Title, d.AreaId, d.Area != null ? d.Area.Name : null, d.LastVersion, d.PublishedVersionId != null)).ToListAsync();

    /// <summary>
    /// What a frozen version may cite of the plan: every reader of the contract reads the version, so a plan item restricted
    /// to a body's members (ADR 0006) is never copied into it.
    /// </summary>
    private static readonly Entitlement VersionReaders = new(Members: true, AllRestricted: false, new HashSet<Guid>());

    /// <summary>
    /// The live document. Priorities cited by findings are the plan items <paramref name="entitlement"/> may read (default:
    /// the signed-in reader's, as on the plan's own pages).
    /// </summary>
    public async Task<DiagnosticDetail?> DetailAsync(Guid contractId, Guid diagnosticId, Entitlement? entitlement = null)
    {
        var d = await Visible(contractId).Where(x => x.Id == diagnosticId)
            .Select(x => new { x.Id, x.Title, x.AreaId, Area = x.Area != null ? x.Area.Name : null, x.PublishedVersionId }).FirstOrDefaultAsync();
        if (d is null) return null;
        var contractTitle = await db.Contracts.AsNoTracking().Where(c => c.Id == contractId).Select(c => c.Title).FirstAsync();
        var sections = await (from s in db.DiagnosticSections.AsNoTracking()
                              where s.DiagnosticId == d.Id
                              orderby s.Position
                              select new DiagnosticSectionRow(s.Id, s.Kind, s.Axis, s.OrganisationId, s.Organisation != null ? s.Organisation.Name : null, s.Title, s.Body,
                                  s.Status, s.Visibility, db.Users.Where(u => u.Id == s.AuthorId).Select(u => u.FullName).FirstOrDefault())).ToListAsync();
        var readable = await plan.VisibleItemIdsAsync(contractId, entitlement ?? await plan.ReaderEntitlementAsync(contractId));
        var findings = await FindingsAsync(contractId, d.Id, readable);
        var sources = await db.DiagnosticSources.AsNoTracking().Where(s => s.DiagnosticId == d.Id)
            .OrderBy(s => s.Kind).ThenBy(s => s.Date).ThenBy(s => s.Title)
            .Select(s => new DiagnosticSourceRow(s.Id, s.Kind, s.Title, s.Date, s.MeetingId, s.FileId, s.File != null ? s.File.FileName : null, s.Edition, s.Notes)).ToListAsync();
        var versions = await db.DiagnosticVersions.AsNoTracking().Where(v => v.DiagnosticId == d.Id).OrderByDescending(v => v.Number)
            .Select(v => new DiagnosticVersionRow(v.Id, v.Number, v.IsValidated, v.Sha256, v.FrozenAt, v.Id == d.PublishedVersionId)).ToListAsync();
        var figures = (await drafts.ForContractAsync(contractId, d.AreaId))?.Content.Figures ?? [];
        return new DiagnosticDetail(d.Id, contractId, contractTitle, d.Title, d.AreaId, d.Area, sections, findings, sources, figures,
            await SurveysAsync(contractId), versions, await UnjustifiedPrioritiesAsync(contractId, readable));
    }

    private async Task<List<DiagnosticFindingRow>> FindingsAsync(Guid contractId, Guid diagnosticId, HashSet<Guid> readablePlanItems)
    {
        var findings = await db.DiagnosticFindings.AsNoTracking().Where(f => f.DiagnosticId == diagnosticId && f.ContractId == contractId)
            .OrderBy(f => f.Position).ToListAsync();
        var ids = findings.Select(f => f.Id).ToList();
        var links = await (from l in db.DiagnosticFindingLinks.AsNoTracking()
                           join i in db.PlanItems on l.PlanItemId equals i.Id
                           where ids.Contains(l.FindingId)
                           orderby i.Reference
                           select new { l.FindingId, i.Id, i.Reference, i.Title }).ToListAsync();
        return findings.Select(f => new DiagnosticFindingRow(f.Id, f.SectionId, f.Axis, f.Text, f.Visibility,
            links.Where(l => l.FindingId == f.Id && readablePlanItems.Contains(l.Id)).Select(l => new DiagnosticPlanRef(l.Id, l.Reference, l.Title)).ToList())).ToList();
    }

    /// <summary>The plan's priorities (axes) that cite no finding of any diagnostic of the contract.</summary>
    public async Task<IReadOnlyList<DiagnosticPlanRef>> UnjustifiedPrioritiesAsync(Guid contractId, HashSet<Guid>? readablePlanItems = null)
    {
        readablePlanItems ??= await plan.VisibleItemIdsAsync(contractId, await plan.ReaderEntitlementAsync(contractId));
        var rows = await db.PlanItems.AsNoTracking()
            .Where(i => i.ContractId == contractId && i.Kind == PlanItemKind.Priority && access.Contracts.Any(c => c.Id == contractId))
            .Where(i => !db.DiagnosticFindingLinks.Any(l => l.PlanItemId == i.Id))
            .OrderBy(i => i.Position).Select(i => new DiagnosticPlanRef(i.Id, i.Reference, i.Title)).ToListAsync();
        return rows.Where(r => readablePlanItems.Contains(r.Id)).ToList();
    }

    /// <summary>The findings a plan item cites (for the plan's pages and API).</summary>
    public async Task<IReadOnlyList<DiagnosticFindingRow>> FindingsOfPlanItemAsync(Guid contractId, Guid planItemId) =>
        await (from l in db.DiagnosticFindingLinks.AsNoTracking()
               join f in db.DiagnosticFindings on l.FindingId equals f.Id
               where l.PlanItemId == planItemId && l.ContractId == contractId && access.Contracts.Any(c => c.Id == contractId)
               orderby f.Position
               select new DiagnosticFindingRow(f.Id, f.SectionId, f.Axis, f.Text, f.Visibility, new List<DiagnosticPlanRef>())).ToListAsync();

    /// <summary>Published survey waves, through the port to the survey module when it is registered (optional: "aucune enquête publiée").</summary>
    public Task<IReadOnlyList<SurveyWaveSummary>> SurveysAsync(Guid contractId)
    {
        var port = services.GetService<ISurveyResultsForDiagnostic>();
        return port is null ? Task.FromResult<IReadOnlyList<SurveyWaveSummary>>([]) : port.PublishedWavesAsync(contractId, CancellationToken.None);
    }

    /// <summary>The live content (everything, for members and for freezing).</summary>
    public async Task<DiagnosticContent?> ContentAsync(Guid contractId, Guid diagnosticId)
    {
        if (await DetailAsync(contractId, diagnosticId, VersionReaders) is not { } d) return null;
        var territory = (await drafts.ForContractAsync(contractId, d.AreaId))?.Content.Territory ?? "";
        var publicItems = await plan.VisibleItemIdsAsync(contractId, Entitlement.PublicOnly);
        static string Cite(DiagnosticPlanRef p) => $"{p.Reference} {p.Title}";
        return new DiagnosticContent(d.Title, territory,
            d.Sections.Select(s => new DiagnosticSectionContent(s.Kind.ToString(), s.Axis?.ToString(), s.Organisation, s.Title, s.Body ?? "", s.Status.ToString(), s.Visibility.ToString())).ToList(),
            d.Findings.Select(f => new DiagnosticFindingContent(f.Id, f.Axis?.ToString(), f.Text, f.Visibility.ToString(), f.Priorities.Select(Cite).ToList(),
                f.Priorities.Where(p => publicItems.Contains(p.Id)).Select(Cite).ToList())).ToList(),
            d.Sources.Select(s => new DiagnosticSourceContent(s.Kind.ToString(), s.Title, s.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), s.Edition)).ToList(),
            d.Figures, d.Surveys);
    }

    public sealed record DiagnosticVersionView(Guid Id, Guid DiagnosticId, int Number, bool IsValidated, string Sha256, DateTimeOffset FrozenAt, bool Published, DiagnosticContent Content);

    public async Task<DiagnosticVersionView?> VersionAsync(Guid contractId, Guid diagnosticId, int number)
    {
        var v = await db.DiagnosticVersions.AsNoTracking()
            .Where(x => x.DiagnosticId == diagnosticId && x.ContractId == contractId && x.Number == number && access.Contracts.Any(c => c.Id == contractId))
            .Select(x => new { x.Id, x.Number, x.IsValidated, x.Sha256, x.FrozenAt, x.Content, Published = db.Diagnostics.Any(d => d.PublishedVersionId == x.Id) })
            .FirstOrDefaultAsync();
        return v is null ? null : new DiagnosticVersionView(v.Id, diagnosticId, v.Number, v.IsValidated, v.Sha256, v.FrozenAt, v.Published, DiagnosticHash.Read<DiagnosticContent>(v.Content)!);
    }

    public sealed record DiagnosticComparisonView(string Title, DiagnosticComparison Comparison);

    /// <summary>
    /// Compares version <paramref name="from"/> (default: the last one) with version <paramref name="to"/> (default: the live
    /// document, as it would be frozen now). Null when the diagnostic or a version is not there.
    /// </summary>
    public async Task<DiagnosticComparisonView?> CompareAsync(Guid contractId, Guid diagnosticId, int? from, int? to)
    {
        var last = await Visible(contractId).Where(d => d.Id == diagnosticId).Select(d => (int?)d.LastVersion).FirstOrDefaultAsync();
        if (last is null or 0 || (from ?? last) is not { } f || await VersionAsync(contractId, diagnosticId, f) is not { } before) return null;
        DiagnosticContent after;
        string label;
        if (to is { } t)
        {
            if (await VersionAsync(contractId, diagnosticId, t) is not { } v) return null;
            (after, label) = (v.Content, $"la version {t}");
        }
        else if (await ContentAsync(contractId, diagnosticId) is { } live) (after, label) = (live, "le document en cours");
        else return null;
        return new DiagnosticComparisonView(before.Content.Title, DiagnosticCompare.Compare(before.Content, after, $"la version {f}", label));
    }

    /// <summary>
    /// The published versions of a published contract, reduced to what an anonymous reader may receive (the egress rule):
    /// public sections and findings only; interviews are counted, not named. Anonymous: no <see cref="ContractAccess"/>.
    /// </summary>
    public async Task<IReadOnlyList<DiagnosticVersionView>> PublicAsync(Guid contractId)
    {
        var rows = await (from d in db.Diagnostics.AsNoTracking()
                          join v in db.DiagnosticVersions on d.PublishedVersionId equals v.Id
                          where d.ContractId == contractId && db.Contracts.Any(c => c.Id == contractId && c.IsPublished)
                          orderby d.AreaId != null, d.Title
                          select new { v.Id, v.DiagnosticId, v.Number, v.IsValidated, v.Sha256, v.FrozenAt, v.Content }).ToListAsync();
        return rows.Select(v => new DiagnosticVersionView(v.Id, v.DiagnosticId, v.Number, v.IsValidated, v.Sha256, v.FrozenAt, true, PublicPart(DiagnosticHash.Read<DiagnosticContent>(v.Content)!))).ToList();
    }

    /// <summary>What leaves towards an anonymous reader (public page, public PDF): only public sections and findings.</summary>
    public static DiagnosticContent PublicPart(DiagnosticContent c)
    {
        static bool IsPublic(string visibility) => visibility == nameof(MinutesVisibility.Public);
        var interviews = c.Sources.Count(s => s.Kind == nameof(DiagnosticSourceKind.Interview));
        var sources = c.Sources.Where(s => s.Kind != nameof(DiagnosticSourceKind.Interview)).ToList();
        if (interviews > 0) sources.Add(new(nameof(DiagnosticSourceKind.Interview), $"{interviews} entretien(s) avec les partenaires", null, null));
        return c with
        {
            Sections = [.. c.Sections.Where(s => IsPublic(s.Visibility))],
            // A public finding names only the public priorities citing it (a members-level priority's title stays inside).
            Findings = [.. c.Findings.Where(f => IsPublic(f.Visibility)).Select(f => f with { Priorities = f.PublicPriorities ?? [] })],
            Sources = sources,
        };
    }
}
