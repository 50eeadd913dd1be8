namespace Vigie.Web.Features.Evaluation.Sections;

/// <summary>
/// §5.3 "Mise en œuvre": the video-protection register per commune (issue 15) — cameras in service, authorisations in
/// force or to renew, requisitions and extractions per year of the period, committee sittings and opinions. Counts only,
/// public-safe: requisitions, extractions and opinions under <see cref="EvaluationSectionContext.SmallCell"/> are masked;
/// sittings and opinions are counted only when the audience may read them (their visibility, ADR 0006).
/// </summary>
public sealed class VideoEvaluationSection(AppDbContext db) : IEvaluationSection
{
    public int Order => 40;

    public async Task<EvaluationSectionContent?> BuildAsync(EvaluationSectionContext context, CancellationToken ct)
    {
        var id = context.ContractId;
        var systems = await db.VideoSystems.AsNoTracking().Where(s => s.ContractId == id).OrderBy(s => s.Commune)
            .Select(s => new { s.Id, s.Commune, s.CommitteeBodyId }).ToListAsync(ct);
        if (systems.Count == 0) return null;
        var (start, end, today) = (context.PeriodStart, context.PeriodEnd, context.Today);
        var from = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var cameras = await db.VideoCameras.AsNoTracking().Where(c => c.ContractId == id && c.State == VideoCameraState.EnService)
            .GroupBy(c => c.SystemId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var authorisations = await db.VideoAuthorisations.AsNoTracking().Where(a => a.ContractId == id).ToListAsync(ct);
        var requisitions = await db.VideoRequisitions.AsNoTracking().Where(r => r.ContractId == id && r.ReceivedOn >= start && r.ReceivedOn <= end)
            .Select(r => new { r.SystemId, r.ReceivedOn.Year }).ToListAsync(ct);
        var extractions = (await db.VideoExtractions.AsNoTracking().Where(e => e.ContractId == id && e.At >= from && e.At < to)
            .Select(e => new { e.SystemId, e.At }).ToListAsync(ct)).Select(e => new { e.SystemId, e.At.Year }).ToList();
        var bodies = systems.Where(s => s.CommitteeBodyId != null).Select(s => s.CommitteeBodyId!.Value).ToList();
        var sittings = (await db.Meetings.AsNoTracking().Where(m => bodies.Contains(m.BodyId) && m.StartsAt >= from && m.StartsAt < to)
            .Select(m => new { m.Id, m.BodyId, m.Visibility }).ToListAsync(ct)).Where(m => context.Entitlement.Allows(m.Visibility, m.BodyId)).ToList();
        var allOpinions = await db.VideoCommitteeOpinions.AsNoTracking().Where(o => o.ContractId == id && o.Date >= start && o.Date <= end).ToListAsync(ct);
        var opinionSittings = allOpinions.Where(o => o.MeetingId != null).Select(o => o.MeetingId!.Value).Distinct().ToList();
        var sittingVisibility = await db.Meetings.AsNoTracking().Where(m => opinionSittings.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Visibility, ct);
        var bodyOf = systems.ToDictionary(s => s.Id, s => s.CommitteeBodyId);
        var opinions = allOpinions.Where(o => context.Entitlement.Allows(VideoProtection.VideoQueries.OpinionVisibility(o, sittingVisibility), bodyOf.GetValueOrDefault(o.SystemId))).ToList();

        string Plain(int n) => n.ToString(Culture.French);
        var perSystem = systems.Select(s =>
        {
            var auths = authorisations.Where(a => a.SystemId == s.Id).Select(a => a.StatusOn(today)).ToList();
            return (IReadOnlyList<string>)[s.Commune, Plain(cameras.GetValueOrDefault(s.Id)), Plain(auths.Count(a => a == VideoAuthorisationStatus.EnVigueur)),
                Plain(auths.Count(a => a == VideoAuthorisationStatus.ARenouveler)),
                Plain(sittings.Count(m => m.BodyId == s.CommitteeBodyId)), EvaluationSectionContext.Count(opinions.Count(o => o.SystemId == s.Id))];
        }).ToList();
        var years = Enumerable.Range(start.Year, end.Year - start.Year + 1).ToList();
        var perYear = systems.SelectMany(s => years.Select(y => (IReadOnlyList<string>)[s.Commune, y.ToString(System.Globalization.CultureInfo.InvariantCulture),
            EvaluationSectionContext.Count(requisitions.Count(r => r.SystemId == s.Id && r.Year == y)),
            EvaluationSectionContext.Count(extractions.Count(e => e.SystemId == s.Id && e.Year == y))])).ToList();
        const string source = "registre de vidéoprotection du contrat dans Vigie";
        return new EvaluationSectionContent("Vidéoprotection",
            [$"Situation au {Culture.Date(today)} pour les caméras et les autorisations ; réquisitions, extractions, séances et avis du comité d'éthique sur la période. "
                + $"Réquisitions, extractions et avis inférieurs à {EvaluationSectionContext.SmallCell} masqués."],
            [
                new EvaluationTable("Caméras, autorisations et comité d'éthique par commune",
                    ["Commune", "Caméras en service", "Autorisations en vigueur", "Autorisations à renouveler", "Séances du comité", "Avis du comité"], perSystem, source, today),
                // Requisitions and extractions are members' figures (docs/security.md: refused to anonymous readers).
                .. (context.IsPublic ? Array.Empty<EvaluationTable>() :
                    new[] { new EvaluationTable("Réquisitions et extractions par année", ["Commune", "Année", "Réquisitions", "Extractions"], perYear, source, today) }),
            ]);
    }
}
