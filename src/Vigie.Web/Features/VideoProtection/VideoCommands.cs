using System.Text.RegularExpressions;
using Vigie.Web.Features.Incidents;

namespace Vigie.Web.Features.VideoProtection;

/// <summary>
/// Every change of the video-protection register, shared by the pages and the API: everything is checked first
/// (rules V1–V7 of specs §4.3, French messages naming the field), then the row and its audit event are saved together,
/// so a refused input saves nothing. Coordinators of the contract keep the register.
/// </summary>
public sealed partial class VideoCommands(AppDbContext db, TimeProvider clock, Auditor auditor, ContractViewers viewers)
{
    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Hex();

    public DateOnly Today => Culture.ParisDate(clock.GetUtcNow());

    private async Task<CommandResult<T>?> DenyAsync<T>(Guid contractId)
    {
        var viewer = await viewers.ForAsync(contractId);
        if (viewer is null) return CommandResult<T>.Missing();
        return viewer.IsCoordinator ? null : CommandResult<T>.Denied("Seule la coordination du contrat tient le registre de vidéoprotection.");
    }

    /// <summary>The system named, or the contract's only one; an error in <paramref name="errors"/> otherwise.</summary>
    private async Task<VideoSystem?> SystemAsync(Guid contractId, Guid? systemId, ErrorBag errors)
    {
        var systems = await db.VideoSystems.Where(s => s.ContractId == contractId && (systemId == null || s.Id == systemId)).Take(2).ToListAsync();
        if (systems.Count == 1) return systems[0];
        errors.Add("systemId", systemId is null && systems.Count > 1
            ? "Ce contrat a plusieurs systèmes de vidéoprotection : choisissez la commune."
            : "Ce système de vidéoprotection n'existe pas dans ce contrat (déclarez d'abord le système de la commune).");
        return null;
    }

    private static T? ParseEnum<T>(string? value, string field, string label, ErrorBag errors, T? fallback = null) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value) && fallback is not null) return fallback;
        if (VideoLabels.Parse<T>(value) is { } v) return v;
        errors.Add(field, $"{label} est inconnu(e) ou manquant(e). Valeurs possibles : {VideoLabels.Values<T>()}.");
        return null;
    }

    private static List<VideoPurpose> Purposes(List<int> numbers, ErrorBag errors)
    {
        if (numbers.Count == 0)
        {
            errors.Add("purposes", "Choisissez au moins une finalité parmi les 11 de l'article L251-2 du code de la sécurité intérieure.");
            return [];
        }
        var bad = numbers.Where(n => n is < 1 or > 11).ToList();
        if (bad.Count > 0) errors.Add("purposes", $"Les finalités sont numérotées de 1 à 11 (article L251-2) : {string.Join(", ", bad)} n'en est pas une.");
        return [.. numbers.Where(n => n is >= 1 and <= 11).Distinct().Order().Select(n => (VideoPurpose)n)];
    }

    private async Task<CommandResult<Guid>> SaveAsync(Guid id)
    {
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(id);
    }

    public async Task<CommandResult<Guid>> SaveSystemAsync(Guid contractId, Guid? systemId, VideoSystemInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var errors = new ErrorBag();
        var op = ParseEnum<VideoOperator>(input.Operator, "operator", "L'exploitant du centre de supervision", errors, VideoOperator.Municipal);
        var commune = input.Commune?.Trim() ?? "";
        if (commune.Length == 0) errors.Add("commune", "La commune est obligatoire.");
        if (string.IsNullOrWhiteSpace(input.Responsible)) errors.Add("responsible", "Le responsable du système est obligatoire.");
        if (input.CommitteeBodyId is { } bodyId && !await db.Bodies.AnyAsync(b => b.Id == bodyId && b.ContractId == contractId && b.Kind == BodyKind.VideoEthicsCommittee))
            errors.Add("committeeBodyId", "Le comité d'éthique doit être une instance de ce contrat de type « comité d'éthique de la vidéoprotection ».");
        var system = systemId is { } sid ? await db.VideoSystems.FirstOrDefaultAsync(s => s.Id == sid && s.ContractId == contractId) : null;
        if (systemId is not null && system is null) return CommandResult<Guid>.Missing();
        if (await db.VideoSystems.AnyAsync(s => s.ContractId == contractId && s.Commune == commune && s.Id != systemId))
            errors.Add("commune", $"Un système est déjà déclaré pour « {commune} » dans ce contrat.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        if (system is null)
        {
            system = new VideoSystem { ContractId = contractId, Commune = commune, Responsible = "" };
            db.VideoSystems.Add(system);
        }
        system.Commune = commune;
        system.Responsible = input.Responsible!.Trim();
        system.AccessContact = input.AccessContact?.Trim();
        system.HasCsu = input.HasCsu;
        system.Operator = op!.Value;
        system.AipdDate = input.AipdDate;
        system.CommitteeBodyId = input.CommitteeBodyId;
        system.CharterText = input.CharterText?.Trim();
        system.CharterVersion = input.CharterVersion?.Trim();
        auditor.Record(AuditKinds.VideoSystemSaved, nameof(VideoSystem), system.Id, contractId, new { committee = system.CommitteeBodyId });
        return await SaveAsync(system.Id);
    }

    public async Task<CommandResult<Guid>> CreateDiagnosticAsync(Guid contractId, VideoDiagnosticInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var errors = new ErrorBag();
        var system = await SystemAsync(contractId, input.SystemId, errors);
        var author = ParseEnum<VideoDiagnosticAuthor>(input.Author, "author", "L'auteur du diagnostic", errors);
        var opinion = ParseEnum<VideoDiagnosticOpinion>(input.Opinion, "opinion", "L'avis", errors);
        if (input.Date is null) errors.Add("date", "La date du diagnostic est obligatoire.");
        else if (input.Date > Today) errors.Add("date", "La date du diagnostic ne peut pas être dans le futur.");
        if (string.IsNullOrWhiteSpace(input.Perimeter)) errors.Add("perimeter", "Le périmètre étudié est obligatoire.");
        var recommendations = new List<VideoRecommendation>();
        foreach (var (r, i) in input.Recommendations.Select((r, i) => (r, i + 1)))
        {
            var kind = ParseEnum<VideoCameraKind>(r.CameraKind, "recommendations", $"Le type de caméra de la préconisation {i}", errors, VideoCameraKind.Fixe);
            if (string.IsNullOrWhiteSpace(r.Site)) errors.Add("recommendations", $"La préconisation {i} doit nommer son site.");
            else if (r.Site.Trim().Length > 200) errors.Add("recommendations", $"Le site de la préconisation {i} ne doit pas dépasser 200 caractères.");
            if (r.Purpose is not (>= 1 and <= 11)) errors.Add("recommendations", $"La finalité de la préconisation {i} doit être un numéro de 1 à 11 (article L251-2).");
            if (r.Priority is < 1 or > 3) errors.Add("recommendations", $"La priorité de la préconisation {i} doit être 1, 2 ou 3.");
            if (!errors.Any) recommendations.Add(new VideoRecommendation { ContractId = contractId, Site = r.Site!.Trim(), CameraKind = kind!.Value, Purpose = (VideoPurpose)r.Purpose!.Value, Priority = r.Priority });
        }
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var d = new VideoDiagnostic
        {
            ContractId = contractId, SystemId = system!.Id, Date = input.Date!.Value, Author = author!.Value, Perimeter = input.Perimeter!.Trim(),
            Findings = input.Findings?.Trim(), Opinion = opinion!.Value, Recommendations = recommendations,
        };
        db.VideoDiagnostics.Add(d);
        auditor.Record(AuditKinds.VideoDiagnosticCreated, nameof(VideoDiagnostic), d.Id, contractId, new { recommendations = recommendations.Count, opinion = d.Opinion.ToString() });
        return await SaveAsync(d.Id);
    }

    public async Task<CommandResult<Guid>> CreateRequestAsync(Guid contractId, VideoRequestInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var errors = new ErrorBag();
        var system = await SystemAsync(contractId, input.SystemId, errors);
        var kind = ParseEnum<VideoRequestKind>(input.Kind, "kind", "Le type de demande", errors, VideoRequestKind.Initiale);
        var mode = ParseEnum<VideoAuthorisationMode>(input.Mode, "mode", "Le mode d'autorisation", errors);
        var status = ParseEnum<VideoRequestStatus>(input.Status, "status", "L'état de la demande", errors, VideoRequestStatus.Brouillon);
        var purposes = Purposes(input.Purposes, errors);
        if (input.VideoVerbalisation && !purposes.Contains(VideoPurpose.InfractionsRoutieres))
            errors.Add("purposes", "La vidéo-verbalisation doit figurer parmi les finalités (4° : constatation des infractions routières).");
        if (status is not (null or VideoRequestStatus.Brouillon) && input.FiledOn is null)
            errors.Add("filedOn", "Une demande déposée doit avoir sa date de dépôt.");
        if (status == VideoRequestStatus.RejetImplicite)
            errors.Add("status", "Le rejet implicite se constate à la date calculée (dépôt + 4 mois) : il ne se saisit pas.");
        else if (status is { } st && !NewRequestStatuses.Contains(st))
            errors.Add("status", $"Une nouvelle demande s'enregistre « Brouillon » ou « Déposée », pas « {VideoLabels.RequestStatus(st)} » : elle avance ensuite étape par étape (instruction, avis de la commission, décision).");
        var opinion = input.CommissionOpinion is null ? null : ParseEnum<VideoCommissionOpinion>(input.CommissionOpinion, "commissionOpinion", "L'avis de la commission", errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var r = new VideoAuthorisationRequest
        {
            ContractId = contractId, SystemId = system!.Id, Kind = kind!.Value, Mode = mode!.Value, Purposes = purposes, VideoVerbalisation = input.VideoVerbalisation,
            FiledOn = input.FiledOn, Status = status!.Value, CommissionSittingOn = input.CommissionSittingOn, CommissionOpinion = opinion, CommissionReserves = input.CommissionReserves?.Trim(),
        };
        db.VideoAuthorisationRequests.Add(r);
        auditor.Record(AuditKinds.VideoRequestSaved, nameof(VideoAuthorisationRequest), r.Id, contractId, new { status = r.Status.ToString() });
        return await SaveAsync(r.Id);
    }

    /// <summary>The states a request may be created in; it then moves on through <see cref="RequestSteps"/>.</summary>
    public static readonly VideoRequestStatus[] NewRequestStatuses = [VideoRequestStatus.Brouillon, VideoRequestStatus.Deposee];

    /// <summary>The steps a request may take from each state (the implicit rejection is computed, never entered).</summary>
    private static readonly Dictionary<VideoRequestStatus, VideoRequestStatus[]> RequestSteps = new()
    {
        [VideoRequestStatus.Brouillon] = [VideoRequestStatus.Deposee],
        [VideoRequestStatus.Deposee] = [VideoRequestStatus.EnInstruction],
        [VideoRequestStatus.EnInstruction] = [VideoRequestStatus.AvisCommissionRendu],
        [VideoRequestStatus.AvisCommissionRendu] = [VideoRequestStatus.Accordee, VideoRequestStatus.Refusee],
        [VideoRequestStatus.Accordee] = [],
        [VideoRequestStatus.Refusee] = [],
        [VideoRequestStatus.RejetImplicite] = [],
    };

    private static Dictionary<string, string?> RequestFields(VideoRequestStatus status, DateOnly? filedOn, DateOnly? sittingOn, VideoCommissionOpinion? opinion, string? reserves) => new()
    {
        ["État"] = VideoLabels.RequestStatus(status),
        ["Déposée le"] = filedOn is { } f ? Culture.Date(f) : null,
        ["Séance de la commission"] = sittingOn is { } d ? Culture.Date(d) : null,
        ["Avis de la commission"] = opinion is { } o ? VideoLabels.CommissionOpinion(o) : null,
        ["Réserves"] = reserves,
    };

    /// <summary>
    /// Moves a request on (Déposée → En instruction → Avis de la commission rendu → Accordée/Refusée) or corrects the
    /// dates and opinion of its current step; any other move is refused in French. The implicit rejection is computed.
    /// </summary>
    public async Task<CommandResult<Guid>> ProgressRequestAsync(Guid contractId, Guid requestId, VideoRequestProgressInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        if (await db.VideoAuthorisationRequests.FirstOrDefaultAsync(x => x.Id == requestId && x.ContractId == contractId) is not { } r) return CommandResult<Guid>.Missing();
        var errors = new ErrorBag();
        var status = ParseEnum<VideoRequestStatus>(input.Status, "status", "L'état de la demande", errors);
        var from = r.Status;
        if (status == VideoRequestStatus.RejetImplicite)
            errors.Add("status", "Le rejet implicite se constate à la date calculée (dépôt + 4 mois) : il ne se saisit pas.");
        else if (status is { } to && to != from && !RequestSteps[from].Contains(to))
            errors.Add("status", $"Une demande « {VideoLabels.RequestStatus(from)} » ne peut pas passer à « {VideoLabels.RequestStatus(to)} » : "
                + (RequestSteps[from].Length == 0 ? "elle est close." : $"étape suivante possible : {string.Join(" ou ", RequestSteps[from].Select(x => $"« {VideoLabels.RequestStatus(x)} »"))}."));
        var filedOn = input.FiledOn ?? r.FiledOn;
        if (status is not (null or VideoRequestStatus.Brouillon) && filedOn is null) errors.Add("filedOn", "Une demande déposée doit avoir sa date de dépôt.");
        else if (filedOn > Today) errors.Add("filedOn", "La date de dépôt ne peut pas être dans le futur.");
        var opinion = input.CommissionOpinion is { Length: > 0 } ? ParseEnum<VideoCommissionOpinion>(input.CommissionOpinion, "commissionOpinion", "L'avis de la commission", errors) : r.CommissionOpinion;
        var sittingOn = input.CommissionSittingOn ?? r.CommissionSittingOn;
        var reserves = input.CommissionReserves is null ? r.CommissionReserves : input.CommissionReserves.Trim() is { Length: > 0 } t ? t : null;
        if (status is VideoRequestStatus.AvisCommissionRendu or VideoRequestStatus.Accordee or VideoRequestStatus.Refusee)
        {
            if (opinion is null) errors.Add("commissionOpinion", "L'avis de la commission départementale de vidéoprotection est obligatoire à cette étape.");
            if (sittingOn is null) errors.Add("commissionSittingOn", "La date de la séance de la commission est obligatoire à cette étape.");
        }
        if (sittingOn is { } sat && (sat > Today || filedOn is { } fo && sat < fo))
            errors.Add("commissionSittingOn", "La séance de la commission ne peut ni précéder le dépôt de la demande ni être dans le futur.");
        if (opinion == VideoCommissionOpinion.FavorableAvecReserves && reserves is null)
            errors.Add("commissionReserves", "Un avis favorable avec réserves doit citer ses réserves.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        if (await EditConflicts.CheckAsync(db, r, input.Version, RequestFields(r.Status, r.FiledOn, r.CommissionSittingOn, r.CommissionOpinion, r.CommissionReserves),
                RequestFields(status!.Value, filedOn, sittingOn, opinion, reserves)) is { } conflict)
            return CommandResult<Guid>.Stale(conflict);
        r.Status = status!.Value;
        r.FiledOn = filedOn;
        r.CommissionSittingOn = sittingOn;
        r.CommissionOpinion = opinion;
        r.CommissionReserves = reserves;
        auditor.Record(AuditKinds.VideoRequestSaved, nameof(VideoAuthorisationRequest), r.Id, contractId, new { status = r.Status.ToString(), from = from.ToString() });
        return await SaveAsync(r.Id);
    }

    /// <summary>The state of a request as of today: a filed request unanswered 4 months after filing is implicitly rejected.</summary>
    public static VideoRequestStatus EffectiveStatus(VideoAuthorisationRequest r, DateOnly today) =>
        r.Status is VideoRequestStatus.Deposee or VideoRequestStatus.EnInstruction or VideoRequestStatus.AvisCommissionRendu
            && r.ImplicitRejectionOn is { } limit && today > limit ? VideoRequestStatus.RejetImplicite : r.Status;

    public async Task<CommandResult<Guid>> CreateAuthorisationAsync(Guid contractId, VideoAuthorisationInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var errors = new ErrorBag();
        var system = await SystemAsync(contractId, input.SystemId, errors);
        var (mode, purposes) = CheckAuthorisation(input, errors);
        VideoAuthorisationRequest? request = null;
        if (input.RequestId is { } rid)
        {
            request = await db.VideoAuthorisationRequests.FirstOrDefaultAsync(r => r.Id == rid && r.ContractId == contractId);
            if (request is null) errors.Add("requestId", "Cette demande d'autorisation n'existe pas dans ce contrat.");
            else if (EffectiveStatus(request, Today) != VideoRequestStatus.AvisCommissionRendu)
                errors.Add("requestId", $"La demande est « {VideoLabels.RequestStatus(EffectiveStatus(request, Today))} » : une autorisation ne s'enregistre sur une demande qu'une fois « Avis de la commission rendu ».");
        }
        if (system is not null) await CheckRenewalAsync(contractId, null, system.Id, input.RenewsAuthorisationId, input.EffectiveOn, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var a = new VideoAuthorisation
        {
            ContractId = contractId, SystemId = system!.Id, RequestId = input.RequestId, OrderNumber = input.OrderNumber!.Trim(), OrderDate = input.OrderDate!.Value,
            Prefecture = input.Prefecture!.Trim(), Mode = mode!.Value, Purposes = purposes, VideoVerbalisation = input.VideoVerbalisation,
            PerimeterName = input.PerimeterName?.Trim(), PerimeterGeoJson = mode == VideoAuthorisationMode.Perimetre ? input.PerimeterGeoJson : null,
            AuthorisedCameras = input.AuthorisedCameras ?? 0, RetentionDays = input.RetentionDays!.Value, MinimumRetentionDays = input.MinimumRetentionDays,
            Prescriptions = input.Prescriptions?.Trim(), EffectiveOn = input.EffectiveOn!.Value, ExpiresOn = input.EffectiveOn!.Value.AddYears(VideoAuthorisation.Years),
            RenewsAuthorisationId = input.RenewsAuthorisationId,
        };
        db.VideoAuthorisations.Add(a);
        if (request is not null) request.Status = VideoRequestStatus.Accordee;
        auditor.Record(AuditKinds.VideoAuthCreated, nameof(VideoAuthorisation), a.Id, contractId, new { purposes = purposes.Count, retention = a.RetentionDays, expires = a.ExpiresOn });
        return await SaveAuthorisationAsync(a);
    }

    /// <summary>
    /// The "renouvelle l'autorisation n° …" link: an authorisation of the same contract and system, not this one, not
    /// already renewed by another (one successor at most), not somewhere down this one's own chain of renewals (no cycle,
    /// walked up to <see cref="MaxRenewalChain"/> links), and taking effect (hence expiring) after the one it renews. On an
    /// edit, this one's own successor must still take effect after it.
    /// </summary>
    private async Task CheckRenewalAsync(Guid contractId, Guid? selfId, Guid systemId, Guid? renewsId, DateOnly? effectiveOn, ErrorBag errors)
    {
        if (selfId is { } self && effectiveOn is { } own
            && await db.VideoAuthorisations.AsNoTracking().Where(a => a.RenewsAuthorisationId == self).Select(a => new { a.OrderNumber, a.EffectiveOn }).FirstOrDefaultAsync() is { } next
            && next.EffectiveOn <= own)
            errors.Add("effectiveOn", $"L'autorisation n° {next.OrderNumber} renouvelle celle-ci et prend effet le {Culture.Date(next.EffectiveOn)} : la date d'effet de celle-ci doit la précéder.");
        if (renewsId is not { } rid) return;
        var renewed = await db.VideoAuthorisations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == rid && a.ContractId == contractId);
        if (renewed is null) errors.Add("renewsAuthorisationId", "L'autorisation renouvelée n'existe pas dans ce contrat.");
        else if (renewed.Id == selfId || renewed.RenewsAuthorisationId == selfId && selfId is not null)
            errors.Add("renewsAuthorisationId", "Une autorisation ne peut pas renouveler elle-même ni celle qui la renouvelle.");
        else if (renewed.SystemId != systemId)
            errors.Add("renewsAuthorisationId", $"L'autorisation n° {renewed.OrderNumber} relève d'un autre système (commune) : elle ne peut pas être renouvelée par celle-ci.");
        else if (await db.VideoAuthorisations.AsNoTracking().Where(a => a.RenewsAuthorisationId == rid && a.Id != selfId).Select(a => a.OrderNumber).FirstOrDefaultAsync() is { } successor)
            errors.Add("renewsAuthorisationId", AlreadyRenewed(renewed.OrderNumber, successor));
        else if (selfId is not null && await RenewalChainReachesAsync(renewed, selfId.Value) is { } through)
            errors.Add("renewsAuthorisationId", $"L'autorisation n° {renewed.OrderNumber} descend déjà de celle-ci par renouvellements (via n° {through}) : ce lien formerait une boucle.");
        else if (effectiveOn is { } on && (on <= renewed.EffectiveOn || on.AddYears(VideoAuthorisation.Years) <= renewed.ExpiresOn))
            errors.Add("renewsAuthorisationId", $"L'autorisation n° {renewed.OrderNumber} prend effet le {Culture.Date(renewed.EffectiveOn)} et expire le {Culture.Date(renewed.ExpiresOn)} : celle qui la renouvelle doit prendre effet et expirer après elle.");
    }

    /// <summary>The longest chain of renewals walked when looking for a cycle (far more than any real register holds).</summary>
    private const int MaxRenewalChain = 64;

    /// <summary>The order number through which <paramref name="start"/>'s chain of renewed authorisations reaches <paramref name="target"/>, or null (bounded walk).</summary>
    private async Task<string?> RenewalChainReachesAsync(VideoAuthorisation start, Guid target)
    {
        var current = start;
        for (var i = 0; i < MaxRenewalChain && current.RenewsAuthorisationId is { } up; i++)
        {
            if (up == target) return current.OrderNumber;
            if (await db.VideoAuthorisations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == up) is not { } next) return null;
            current = next;
        }
        return null;
    }

    private static string AlreadyRenewed(string order, string successor) => $"L'autorisation n° {order} est déjà renouvelée par l'autorisation n° {successor}.";

    /// <summary>
    /// Saves an authorisation whose renewal link passed <see cref="CheckRenewalAsync"/>: a concurrent save that took the
    /// same renewed authorisation first trips the unique index, answered with the same French 400, nothing saved.
    /// </summary>
    private async Task<CommandResult<Guid>> SaveAuthorisationAsync(VideoAuthorisation a)
    {
        try
        {
            return await SaveAsync(a.Id);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && a.RenewsAuthorisationId is { } rid)
        {
            db.ChangeTracker.Clear();
            var order = await db.VideoAuthorisations.AsNoTracking().Where(x => x.Id == rid).Select(x => x.OrderNumber).FirstOrDefaultAsync() ?? "";
            var successor = await db.VideoAuthorisations.AsNoTracking().Where(x => x.RenewsAuthorisationId == rid && x.Id != a.Id).Select(x => x.OrderNumber).FirstOrDefaultAsync() ?? "une autre";
            return CommandResult<Guid>.Invalid("renewsAuthorisationId", AlreadyRenewed(order, successor));
        }
    }

    /// <summary>The authorisation's own rules (V1, purposes, mode, order): shared by creation and edit; errors go to <paramref name="errors"/>.</summary>
    private static (VideoAuthorisationMode? Mode, List<VideoPurpose> Purposes) CheckAuthorisation(VideoAuthorisationInput input, ErrorBag errors)
    {
        var mode = ParseEnum<VideoAuthorisationMode>(input.Mode, "mode", "Le mode d'autorisation", errors);
        var purposes = Purposes(input.Purposes, errors);
        if (input.VideoVerbalisation && !purposes.Contains(VideoPurpose.InfractionsRoutieres))
            errors.Add("purposes", "La vidéo-verbalisation doit figurer parmi les finalités (4° : constatation des infractions routières).");
        CheckRetention(input.RetentionDays, VideoAuthorisation.MaxRetentionDays, "la durée maximale légale (article L252-5)", errors);
        if (input.MinimumRetentionDays is { } min && (min < 1 || input.RetentionDays is { } max && min > max))
            errors.Add("minimumRetentionDays", "La durée minimale de conservation doit être comprise entre 1 jour et la durée de conservation.");
        if (mode == VideoAuthorisationMode.Perimetre)
        {
            if (string.IsNullOrWhiteSpace(input.PerimeterName)) errors.Add("perimeterName", "Un périmètre vidéoprotégé doit avoir un nom.");
            if (GeoShape.Parse(input.PerimeterGeoJson) is null) errors.Add("perimeterGeoJson", "Le périmètre doit être un polygone GeoJSON (Polygon ou MultiPolygon, WGS84).");
        }
        else if (mode == VideoAuthorisationMode.ParCamera && input.AuthorisedCameras is not (>= 1 and <= 10000))
            errors.Add("authorisedCameras", "Une autorisation par caméra doit indiquer le nombre de caméras autorisées (1 à 10 000).");
        if (input.EffectiveOn is null) errors.Add("effectiveOn", "La date d'effet est obligatoire.");
        if (input.OrderDate is null) errors.Add("orderDate", "La date de l'arrêté est obligatoire.");
        if (string.IsNullOrWhiteSpace(input.OrderNumber)) errors.Add("orderNumber", "Le numéro de l'arrêté est obligatoire.");
        if (string.IsNullOrWhiteSpace(input.Prefecture)) errors.Add("prefecture", "La préfecture est obligatoire.");
        return (mode, purposes);
    }

    /// <summary>
    /// Edits an authorisation (order, purposes, retention, perimeter or camera count, dates): its own rules are re-checked,
    /// then what already hangs on it — recorders keep a retention within the new one, cameras in service keep their purpose
    /// covered, cameras stay inside the new perimeter or within the new count. A refused edit saves nothing; the audit
    /// event names the fields changed.
    /// </summary>
    public async Task<CommandResult<Guid>> UpdateAuthorisationAsync(Guid contractId, Guid authorisationId, VideoAuthorisationInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        if (await db.VideoAuthorisations.FirstOrDefaultAsync(a => a.Id == authorisationId && a.ContractId == contractId) is not { } a) return CommandResult<Guid>.Missing();
        var errors = new ErrorBag();
        var (mode, purposes) = CheckAuthorisation(input, errors);
        // V1 for every recorder that hangs on it: attached to it, or recording one of its cameras.
        var related = await db.VideoRecorders.AsNoTracking()
            .Where(r => r.AuthorisationId == a.Id || db.VideoCameras.Any(c => c.RecorderId == r.Id && c.AuthorisationId == a.Id && c.State != VideoCameraState.Deposee))
            .Select(r => new { r.Name, r.RetentionDays }).ToListAsync();
        if (input.RetentionDays is { } retention && related.Where(r => r.RetentionDays > retention).Select(r => r.Name).Order().ToList() is { Count: > 0 } longer)
            errors.Add("retentionDays", $"Des enregistreurs de cette autorisation ou de ses caméras conservent les images plus longtemps ({string.Join(", ", longer)}) : réduisez d'abord leur durée de conservation.");
        if (input.MinimumRetentionDays is { } minimum && related.Where(r => r.RetentionDays < minimum).Select(r => r.Name).Order().ToList() is { Count: > 0 } shorter)
            errors.Add("minimumRetentionDays", $"Des enregistreurs de cette autorisation ou de ses caméras conservent les images moins longtemps que la nouvelle durée minimale ({string.Join(", ", shorter)}) : allongez d'abord leur durée de conservation.");
        var cameras = await db.VideoCameras.AsNoTracking().Where(c => c.AuthorisationId == a.Id && c.State != VideoCameraState.Deposee).ToListAsync();
        var uncovered = cameras.Where(c => c.State == VideoCameraState.EnService && purposes.Count > 0 && !purposes.Contains(c.Purpose)).Select(c => c.Code).ToList();
        if (uncovered.Count > 0) errors.Add("purposes", $"Des caméras en service ont une finalité que l'autorisation ne couvrirait plus ({string.Join(", ", uncovered)}).");
        if (mode == VideoAuthorisationMode.Perimetre && GeoShape.Parse(input.PerimeterGeoJson) is { } shape
            && cameras.Where(c => !shape.Contains(new GeoPoint(c.Latitude, c.Longitude))).Select(c => c.Code).ToList() is { Count: > 0 } outside)
            errors.Add("perimeterGeoJson", $"Des caméras de cette autorisation seraient hors du nouveau périmètre ({string.Join(", ", outside)}).");
        if (mode == VideoAuthorisationMode.ParCamera && input.AuthorisedCameras is { } count && cameras.Count > count)
            errors.Add("authorisedCameras", $"{cameras.Count} caméra(s) sont déjà inscrites sous cette autorisation : le nombre autorisé ne peut pas être inférieur.");
        if (a.RepealedOn is { } repealed && input.EffectiveOn is { } effective && effective > repealed)
            errors.Add("effectiveOn", $"La date d'effet ne peut pas suivre la date d'abrogation ({Culture.Date(repealed)}).");
        await CheckRenewalAsync(contractId, a.Id, a.SystemId, input.RenewsAuthorisationId, input.EffectiveOn, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var before = new object?[] { a.OrderNumber, a.OrderDate, a.Prefecture, a.Mode, string.Join(",", a.Purposes), a.VideoVerbalisation, a.PerimeterName, a.PerimeterGeoJson, a.AuthorisedCameras, a.RetentionDays, a.MinimumRetentionDays, a.Prescriptions, a.EffectiveOn, a.RenewsAuthorisationId };
        a.OrderNumber = input.OrderNumber!.Trim(); a.OrderDate = input.OrderDate!.Value; a.Prefecture = input.Prefecture!.Trim(); a.Mode = mode!.Value;
        a.Purposes = purposes; a.VideoVerbalisation = input.VideoVerbalisation; a.PerimeterName = input.PerimeterName?.Trim();
        a.PerimeterGeoJson = mode == VideoAuthorisationMode.Perimetre ? input.PerimeterGeoJson : null; a.AuthorisedCameras = input.AuthorisedCameras ?? 0;
        a.RetentionDays = input.RetentionDays!.Value; a.MinimumRetentionDays = input.MinimumRetentionDays; a.Prescriptions = input.Prescriptions?.Trim();
        a.EffectiveOn = input.EffectiveOn!.Value; a.ExpiresOn = a.EffectiveOn.AddYears(VideoAuthorisation.Years); a.RenewsAuthorisationId = input.RenewsAuthorisationId;
        var after = new object?[] { a.OrderNumber, a.OrderDate, a.Prefecture, a.Mode, string.Join(",", a.Purposes), a.VideoVerbalisation, a.PerimeterName, a.PerimeterGeoJson, a.AuthorisedCameras, a.RetentionDays, a.MinimumRetentionDays, a.Prescriptions, a.EffectiveOn, a.RenewsAuthorisationId };
        string[] names = ["orderNumber", "orderDate", "prefecture", "mode", "purposes", "videoVerbalisation", "perimeterName", "perimeterGeoJson", "authorisedCameras", "retentionDays", "minimumRetentionDays", "prescriptions", "effectiveOn", "renewsAuthorisationId"];
        var changed = names.Where((_, n) => !Equals(before[n], after[n])).ToArray();
        auditor.Record(AuditKinds.VideoAuthUpdated, nameof(VideoAuthorisation), a.Id, contractId, new { changed, retention = a.RetentionDays, expires = a.ExpiresOn });
        return await SaveAuthorisationAsync(a);
    }

    private static void CheckRetention(int? days, int limit, string what, ErrorBag errors)
    {
        if (days is null) errors.Add("retentionDays", "La durée de conservation est obligatoire.");
        else if (days < 1) errors.Add("retentionDays", "La durée de conservation doit être d'au moins 1 jour.");
        else if (days > limit) errors.Add("retentionDays", $"La durée de conservation ({days} jours) dépasse {what} : {limit} jours au plus.");
    }

    public async Task<CommandResult<Guid>> CreateRecorderAsync(Guid contractId, VideoRecorderInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var errors = new ErrorBag();
        var system = await SystemAsync(contractId, input.SystemId, errors);
        var auth = await RecorderAuthorisationAsync(contractId, system?.Id, input, errors);
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", "Le nom de l'enregistreur est obligatoire.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var r = new VideoRecorder { ContractId = contractId, SystemId = system!.Id, AuthorisationId = auth!.Id, Name = input.Name!.Trim(), RetentionDays = input.RetentionDays!.Value };
        db.VideoRecorders.Add(r);
        auditor.Record(AuditKinds.VideoRecorderSaved, nameof(VideoRecorder), r.Id, contractId, new { retention = r.RetentionDays });
        return await SaveAsync(r.Id);
    }

    /// <summary>
    /// V1 for a recorder: its authorisation is of the contract and of the recorder's system, and its retention lies
    /// between the authorisation's minimum and its maximum.
    /// </summary>
    private async Task<VideoAuthorisation?> RecorderAuthorisationAsync(Guid contractId, Guid? systemId, VideoRecorderInput input, ErrorBag errors)
    {
        var auth = await db.VideoAuthorisations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == input.AuthorisationId && a.ContractId == contractId);
        if (auth is null) errors.Add("authorisationId", "L'autorisation dont relève l'enregistreur n'existe pas dans ce contrat.");
        else if (systemId is { } sid && auth.SystemId != sid)
            errors.Add("authorisationId", $"L'autorisation n° {auth.OrderNumber} relève d'un autre système (commune) que l'enregistreur.");
        else
        {
            CheckRetention(input.RetentionDays, auth.RetentionDays, $"celle de l'autorisation n° {auth.OrderNumber}", errors);
            if (auth.MinimumRetentionDays is { } min && input.RetentionDays is { } days && days >= 1 && days < min)
                errors.Add("retentionDays", $"La durée de conservation ({days} jours) est inférieure à la durée minimale fixée par l'autorisation n° {auth.OrderNumber} : {min} jours au moins.");
        }
        return auth;
    }

    private static Dictionary<string, string?> RecorderFields(string name, string? order, int retention) => new()
    {
        ["Nom"] = name,
        ["Autorisation"] = order is null ? null : $"n° {order}",
        ["Conservation configurée"] = $"{retention} jours",
    };

    /// <summary>
    /// Edits a recorder (name, authorisation, retention): V1 re-checked against its authorisation (maximum and minimum)
    /// and against the authorisations of the cameras it records; a stale version is refused (ADR 0019).
    /// </summary>
    public async Task<CommandResult<Guid>> UpdateRecorderAsync(Guid contractId, Guid recorderId, VideoRecorderInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        if (await db.VideoRecorders.FirstOrDefaultAsync(x => x.Id == recorderId && x.ContractId == contractId) is not { } r) return CommandResult<Guid>.Missing();
        var errors = new ErrorBag();
        var auth = await RecorderAuthorisationAsync(contractId, r.SystemId, input, errors);
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", "Le nom de l'enregistreur est obligatoire.");
        if (input.RetentionDays is { } retention)
        {
            var shorter = await (from c in db.VideoCameras
                                 join a in db.VideoAuthorisations on c.AuthorisationId equals (Guid?)a.Id
                                 where c.RecorderId == r.Id && c.State != VideoCameraState.Deposee && a.RetentionDays < retention
                                 select c.Code).ToListAsync();
            if (shorter.Count > 0)
                errors.Add("retentionDays", $"Des caméras enregistrées par « {r.Name} » relèvent d'une autorisation qui fixe une conservation plus courte ({string.Join(", ", shorter.Order())}) (règle V1).");
        }
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var storedOrder = await db.VideoAuthorisations.Where(a => a.Id == r.AuthorisationId).Select(a => a.OrderNumber).FirstOrDefaultAsync();
        if (await EditConflicts.CheckAsync(db, r, input.Version, RecorderFields(r.Name, storedOrder, r.RetentionDays),
                RecorderFields(input.Name!.Trim(), auth!.OrderNumber, input.RetentionDays!.Value)) is { } conflict)
            return CommandResult<Guid>.Stale(conflict);
        var from = r.RetentionDays;
        r.Name = input.Name!.Trim();
        r.AuthorisationId = auth.Id;
        r.RetentionDays = input.RetentionDays!.Value;
        auditor.Record(AuditKinds.VideoRecorderSaved, nameof(VideoRecorder), r.Id, contractId, new { retention = r.RetentionDays, from });
        return await SaveAsync(r.Id);
    }

    public async Task<CommandResult<Guid>> RecordPurgeCheckAsync(Guid contractId, Guid recorderId, VideoPurgeCheckInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var r = await db.VideoRecorders.FirstOrDefaultAsync(x => x.Id == recorderId && x.ContractId == contractId);
        if (r is null) return CommandResult<Guid>.Missing();
        if (input.CheckedOn is null || input.CheckedOn > Today) return CommandResult<Guid>.Invalid("checkedOn", "La date du contrôle est obligatoire et ne peut pas être dans le futur.");
        if (input.OldestImageAt is null || input.OldestImageAt > clock.GetUtcNow()) return CommandResult<Guid>.Invalid("oldestImageAt", "La date de la plus ancienne image est obligatoire et ne peut pas être dans le futur.");
        r.LastPurgeCheckOn = input.CheckedOn;
        r.OldestImageAt = input.OldestImageAt.Value.ToUniversalTime();
        auditor.Record(AuditKinds.VideoRecorderSaved, nameof(VideoRecorder), r.Id, contractId, new { retention = r.RetentionDays });
        return await SaveAsync(r.Id);
    }

    /// <summary>The camera described by <paramref name="input"/> (not yet placed: state and authorisation are <see cref="PlaceAsync"/>'s), or null with the errors.</summary>
    private async Task<(VideoCamera? Camera, VideoCameraState? State)> DescribeCameraAsync(Guid contractId, Guid systemId, Guid? cameraId, VideoCameraInput input,
        VideoCameraState fallbackState, ErrorBag errors)
    {
        var kind = ParseEnum<VideoCameraKind>(input.Kind, "kind", "Le type de caméra", errors, VideoCameraKind.Fixe);
        var field = ParseEnum<VideoCameraField>(input.Field, "field", "Le champ filmé", errors, VideoCameraField.VoiePublique);
        var state = ParseEnum<VideoCameraState>(input.State, "state", "L'état de la caméra", errors, fallbackState);
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0) errors.Add("code", "Le code de la caméra est obligatoire.");
        else if (await db.VideoCameras.AnyAsync(c => c.ContractId == contractId && c.Code == code && c.Id != cameraId)) errors.Add("code", $"Une caméra porte déjà le code « {code} » dans ce contrat.");
        if (string.IsNullOrWhiteSpace(input.Site)) errors.Add("site", "Le site est obligatoire.");
        if (input.Latitude is not { } lat || double.IsNaN(lat) || lat is < -90 or > 90) errors.Add("latitude", "La latitude doit être comprise entre -90 et 90.");
        if (input.Longitude is not { } lon || double.IsNaN(lon) || lon is < -180 or > 180) errors.Add("longitude", "La longitude doit être comprise entre -180 et 180.");
        if (input.Purpose is not (>= 1 and <= 11)) errors.Add("purpose", "La finalité de la caméra doit être un numéro de 1 à 11 (article L251-2).");
        if (input.Bearing is not (null or (>= 0 and < 360))) errors.Add("bearing", "L'orientation doit être comprise entre 0 et 359 degrés.");
        if (input.ViewAngle is not (null or (>= 1 and <= 360))) errors.Add("viewAngle", "L'angle de vue doit être compris entre 1 et 360 degrés.");
        if (input.SignCheckedOn > Today) errors.Add("signCheckedOn", "La date de vérification du panneau ne peut pas être dans le futur.");
        await CheckCameraRecorderAsync(contractId, systemId, input.RecorderId, input.AuthorisationId, errors);
        if (errors.Any) return (null, null);
        return (new VideoCamera
        {
            ContractId = contractId, SystemId = systemId, Code = code, Site = input.Site!.Trim(), Address = input.Address?.Trim(), Latitude = input.Latitude!.Value,
            Longitude = input.Longitude!.Value, Kind = kind!.Value, Field = field!.Value, Bearing = input.Bearing, ViewAngle = input.ViewAngle,
            Purpose = (VideoPurpose)input.Purpose!.Value, PrivacyMasking = input.PrivacyMasking, PrivacyMaskingNote = input.PrivacyMaskingNote?.Trim() is { Length: > 0 } note ? note : null,
            RecorderId = input.RecorderId, SignPresent = input.SignPresent, SignCheckedOn = input.SignCheckedOn, State = VideoCameraState.Projetee,
        }, state);
    }

    /// <summary>
    /// V1 through the recorder: a camera's recorder is of the contract and of the camera's system, and keeps images no
    /// longer than the camera's authorisation allows.
    /// </summary>
    private async Task CheckCameraRecorderAsync(Guid contractId, Guid systemId, Guid? recorderId, Guid? authorisationId, ErrorBag errors)
    {
        if (recorderId is not { } rid) return;
        var recorder = await db.VideoRecorders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == rid && r.ContractId == contractId);
        if (recorder is null)
        {
            errors.Add("recorderId", "Cet enregistreur n'existe pas dans ce contrat.");
            return;
        }
        if (recorder.SystemId != systemId) errors.Add("recorderId", $"L'enregistreur « {recorder.Name} » relève d'un autre système (commune) que la caméra.");
        if (authorisationId is { } aid && await db.VideoAuthorisations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == aid && a.ContractId == contractId) is { } auth)
        {
            if (auth.SystemId != recorder.SystemId)
                errors.Add("recorderId", $"L'enregistreur « {recorder.Name} » et l'autorisation n° {auth.OrderNumber} relèvent de systèmes (communes) différents.");
            else if (recorder.RetentionDays > auth.RetentionDays)
                errors.Add("recorderId", $"L'enregistreur « {recorder.Name} » conserve les images {recorder.RetentionDays} jours, plus que les {auth.RetentionDays} jours de l'autorisation n° {auth.OrderNumber} dont relève la caméra (règle V1).");
        }
    }

    public async Task<CommandResult<Guid>> CreateCameraAsync(Guid contractId, VideoCameraInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var errors = new ErrorBag();
        var system = await SystemAsync(contractId, input.SystemId, errors);
        if (system is null) return CommandResult<Guid>.Invalid(errors.Errors);
        var (camera, state) = await DescribeCameraAsync(contractId, system.Id, null, input, VideoCameraState.Projetee, errors);
        if (camera is null) return CommandResult<Guid>.Invalid(errors.Errors);
        if (await PlaceAsync(contractId, camera, input.AuthorisationId, state!.Value, input.InServiceOn, input.PrefectInformedOn, errors) is false)
            return CommandResult<Guid>.Invalid(errors.Errors);
        db.VideoCameras.Add(camera);
        auditor.Record(AuditKinds.VideoCameraSaved, nameof(VideoCamera), camera.Id, contractId, new { state = camera.State.ToString() });
        return await SaveAsync(camera.Id);
    }

    /// <summary>The camera's fields as the conflict message shows them (French labels, displayed values).</summary>
    private static Dictionary<string, string?> CameraFields(VideoCamera c, string? authorisation, string? recorder) => new()
    {
        ["Code"] = c.Code, ["Site"] = c.Site, ["Adresse"] = c.Address,
        ["Position"] = string.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), $"{c.Latitude} ; {c.Longitude}"),
        ["Type"] = c.Kind.ToString(), ["Champ filmé"] = VideoLabels.Field(c.Field), ["Orientation"] = c.Bearing?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Angle de vue"] = c.ViewAngle?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Finalité"] = VideoLabels.PurposeShort(c.Purpose),
        ["Masquage des zones privées"] = c.PrivacyMasking ? "oui" : "non", ["Description du masquage"] = c.PrivacyMaskingNote,
        ["Panneau posé"] = c.SignPresent ? "oui" : "non", ["Panneau vérifié le"] = c.SignCheckedOn is { } d ? Culture.Date(d) : null,
        ["État"] = VideoLabels.State(c.State), ["Autorisation"] = authorisation, ["Enregistreur"] = recorder,
        ["Information du préfet"] = c.PrefectInformedOn is { } p ? Culture.Date(p) : null, ["Mise en service"] = c.InServiceOn is { } s ? Culture.Date(s) : null,
    };

    private async Task<(string? Authorisation, string? Recorder)> CameraLinksAsync(Guid? authorisationId, Guid? recorderId) => (
        authorisationId is { } a ? await db.VideoAuthorisations.Where(x => x.Id == a).Select(x => "n° " + x.OrderNumber).FirstOrDefaultAsync() : null,
        recorderId is { } r ? await db.VideoRecorders.Where(x => x.Id == r).Select(x => x.Name).FirstOrDefaultAsync() : null);

    /// <summary>
    /// Edits a camera (authorisation, recorder, position, bearing and angle, site, purpose, privacy masking, sign, state):
    /// V1 (recorder) and V2/V4 (<see cref="PlaceAsync"/>: perimeter or count, authorisation in force covering its purpose,
    /// préfet informed) re-checked as on creation; a stale version is refused (ADR 0019). This is how a camera planned
    /// before its authorisation goes into service, and how cameras move to the authorisation that renews theirs.
    /// </summary>
    public async Task<CommandResult<Guid>> UpdateCameraAsync(Guid contractId, Guid cameraId, VideoCameraInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var camera = await db.VideoCameras.FirstOrDefaultAsync(c => c.Id == cameraId && c.ContractId == contractId);
        if (camera is null) return CommandResult<Guid>.Missing();
        var errors = new ErrorBag();
        var (proposed, state) = await DescribeCameraAsync(contractId, camera.SystemId, camera.Id, input, camera.State, errors);
        if (proposed is null) return CommandResult<Guid>.Invalid(errors.Errors);
        proposed.State = state!.Value;
        proposed.PrefectInformedOn = input.PrefectInformedOn;
        proposed.InServiceOn = input.InServiceOn;
        var (storedAuth, storedRecorder) = await CameraLinksAsync(camera.AuthorisationId, camera.RecorderId);
        var (newAuth, newRecorder) = await CameraLinksAsync(input.AuthorisationId, input.RecorderId);
        var stored = CameraFields(camera, storedAuth, storedRecorder);
        var submitted = CameraFields(proposed, newAuth, newRecorder);
        // V2/V4 on the proposed copy: the tracked camera is touched only once everything holds.
        (proposed.Id, proposed.AuthorisationId, proposed.InServiceOn) = (camera.Id, camera.AuthorisationId, camera.InServiceOn);
        var placed = await PlaceAsync(contractId, proposed, input.AuthorisationId, state!.Value, input.InServiceOn, input.PrefectInformedOn, errors);
        // A stale edit is refused whatever the rules would say of it (the person reads what changed); the version is bumped only for a valid edit.
        if (placed || IsStale(camera, input.Version))
        {
            if (await EditConflicts.CheckAsync(db, camera, input.Version, stored, submitted) is { } conflict) return CommandResult<Guid>.Stale(conflict);
        }
        if (!placed) return CommandResult<Guid>.Invalid(errors.Errors);
        var from = camera.State;
        (camera.Code, camera.Site, camera.Address, camera.Latitude, camera.Longitude) = (proposed.Code, proposed.Site, proposed.Address, proposed.Latitude, proposed.Longitude);
        (camera.Kind, camera.Field, camera.Bearing, camera.ViewAngle, camera.Purpose) = (proposed.Kind, proposed.Field, proposed.Bearing, proposed.ViewAngle, proposed.Purpose);
        (camera.PrivacyMasking, camera.PrivacyMaskingNote, camera.SignPresent, camera.SignCheckedOn, camera.RecorderId) =
            (proposed.PrivacyMasking, proposed.PrivacyMaskingNote, proposed.SignPresent, proposed.SignCheckedOn, proposed.RecorderId);
        (camera.AuthorisationId, camera.State, camera.PrefectInformedOn, camera.InServiceOn) = (proposed.AuthorisationId, proposed.State, proposed.PrefectInformedOn, proposed.InServiceOn);
        var changed = stored.Where(kv => kv.Value != CameraFields(camera, newAuth, newRecorder).GetValueOrDefault(kv.Key)).Select(kv => kv.Key).ToArray();
        auditor.Record(AuditKinds.VideoCameraUpdated, nameof(VideoCamera), camera.Id, contractId, new { changed = changed.Length, from = from.ToString(), to = camera.State.ToString(), authorisation = camera.AuthorisationId });
        if (from != camera.State)
            auditor.Record(AuditKinds.VideoCameraStateChanged, nameof(VideoCamera), camera.Id, contractId, new { from = from.ToString(), to = camera.State.ToString() });
        return await SaveAsync(camera.Id);
    }

    public async Task<CommandResult<Guid>> ChangeCameraStateAsync(Guid contractId, Guid cameraId, VideoCameraStateInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var camera = await db.VideoCameras.FirstOrDefaultAsync(c => c.Id == cameraId && c.ContractId == contractId);
        if (camera is null) return CommandResult<Guid>.Missing();
        var errors = new ErrorBag();
        var state = ParseEnum<VideoCameraState>(input.State, "state", "L'état de la caméra", errors);
        var authorisationId = input.AuthorisationId ?? camera.AuthorisationId;
        await CheckCameraRecorderAsync(contractId, camera.SystemId, camera.RecorderId, authorisationId, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var from = camera.State;
        var (storedAuth, _) = await CameraLinksAsync(camera.AuthorisationId, null);
        var (newAuth, _) = await CameraLinksAsync(authorisationId, null);
        // V2/V4 on a copy first: nothing (not even the version) changes on the tracked camera before the rules hold.
        var probe = new VideoCamera
        {
            Id = camera.Id, ContractId = camera.ContractId, SystemId = camera.SystemId, Code = camera.Code, Site = camera.Site, Latitude = camera.Latitude, Longitude = camera.Longitude,
            Purpose = camera.Purpose, AuthorisationId = camera.AuthorisationId, InServiceOn = camera.InServiceOn, State = camera.State,
        };
        var placed = await PlaceAsync(contractId, probe, authorisationId, state!.Value, input.InServiceOn ?? camera.InServiceOn, input.PrefectInformedOn ?? camera.PrefectInformedOn, errors);
        if (placed || IsStale(camera, input.Version))
        {
            if (await EditConflicts.CheckAsync(db, camera, input.Version,
                    new Dictionary<string, string?> { ["État"] = VideoLabels.State(camera.State), ["Autorisation"] = storedAuth },
                    new Dictionary<string, string?> { ["État"] = VideoLabels.State(state!.Value), ["Autorisation"] = newAuth }) is { } conflict)
                return CommandResult<Guid>.Stale(conflict);
        }
        if (!placed) return CommandResult<Guid>.Invalid(errors.Errors);
        (camera.AuthorisationId, camera.State, camera.PrefectInformedOn, camera.InServiceOn) = (probe.AuthorisationId, probe.State, probe.PrefectInformedOn, probe.InServiceOn);
        auditor.Record(AuditKinds.VideoCameraStateChanged, nameof(VideoCamera), camera.Id, contractId, new { from = from.ToString(), to = camera.State.ToString() });
        return await SaveAsync(camera.Id);
    }

    private static bool IsStale(VideoCamera camera, int? startedFrom) => startedFrom is { } v && v != camera.Version;

    /// <summary>
    /// V2 and V4: a camera under an authorisation lies inside its perimeter (or within its camera count); in service
    /// only under an authorisation in force whose purposes cover the camera's, with the préfet informed. Applies the
    /// state to <paramref name="camera"/> only when everything holds.
    /// </summary>
    private async Task<bool> PlaceAsync(Guid contractId, VideoCamera camera, Guid? authorisationId, VideoCameraState state, DateOnly? inServiceOn, DateOnly? prefectInformedOn, ErrorBag errors)
    {
        VideoAuthorisation? auth = null;
        if (authorisationId is { } aid)
        {
            auth = await db.VideoAuthorisations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == aid && a.ContractId == contractId);
            if (auth is null) errors.Add("authorisationId", "Cette autorisation n'existe pas dans ce contrat.");
            else if (auth.SystemId != camera.SystemId)
            {
                errors.Add("authorisationId", $"L'autorisation n° {auth.OrderNumber} relève d'un autre système (commune) que la caméra.");
                auth = null;
            }
        }
        if (auth is { Mode: VideoAuthorisationMode.Perimetre } && GeoShape.Parse(auth.PerimeterGeoJson) is { } shape
            && !shape.Contains(new GeoPoint(camera.Latitude, camera.Longitude)))
            errors.Add("latitude", $"La caméra est hors du périmètre autorisé « {auth.PerimeterName} » (arrêté n° {auth.OrderNumber}) : déplacez-la ou demandez une modification de l'autorisation.");
        if (auth is { Mode: VideoAuthorisationMode.ParCamera } && camera.AuthorisationId != auth.Id
            && await db.VideoCameras.CountAsync(c => c.AuthorisationId == auth.Id && c.State != VideoCameraState.Deposee) >= auth.AuthorisedCameras)
            errors.Add("authorisationId", $"L'autorisation n° {auth.OrderNumber} couvre {auth.AuthorisedCameras} caméra(s), toutes déjà inscrites : demandez une modification de l'autorisation.");
        if (state == VideoCameraState.EnService)
        {
            if (auth is null) errors.Add("authorisationId", "Une caméra ne peut être mise en service que sous une autorisation préfectorale.");
            else
            {
                var status = auth.StatusOn(Today);
                if (status is VideoAuthorisationStatus.Expiree or VideoAuthorisationStatus.Abrogee || auth.EffectiveOn > Today)
                    errors.Add("state", $"L'autorisation n° {auth.OrderNumber} n'est pas en vigueur ({VideoLabels.Status(status).ToLowerInvariant()}) : la caméra ne peut pas être mise en service.");
                if (!auth.Purposes.Contains(camera.Purpose))
                    errors.Add("purpose", $"La finalité de la caméra ({(int)camera.Purpose}°) n'est pas couverte par l'autorisation n° {auth.OrderNumber}.");
            }
            if (prefectInformedOn > Today) errors.Add("prefectInformedOn", "La date d'information du préfet ne peut pas être dans le futur.");
            if (prefectInformedOn is null) errors.Add("prefectInformedOn", "Le préfet doit être informé de la date de mise en service avant qu'une caméra soit en service : indiquez la date d'information du préfet.");
        }
        if (errors.Any) return false;
        camera.AuthorisationId = auth?.Id;
        camera.State = state;
        camera.PrefectInformedOn = prefectInformedOn;
        camera.InServiceOn = state == VideoCameraState.EnService ? inServiceOn ?? camera.InServiceOn ?? Today : inServiceOn;
        return true;
    }

    /// <summary>The longest retention (days) configured for a system: its recorders', else its authorisations'.</summary>
    public async Task<int?> RetentionWindowAsync(Guid systemId)
    {
        var recorders = await db.VideoRecorders.Where(r => r.SystemId == systemId).Select(r => (int?)r.RetentionDays).MaxAsync();
        return recorders ?? await db.VideoAuthorisations.Where(a => a.SystemId == systemId && a.RepealedOn == null).Select(a => (int?)a.RetentionDays).MaxAsync();
    }

    public async Task<CommandResult<VideoRequisition>> CreateRequisitionAsync(Guid contractId, VideoRequisitionInput input)
    {
        if (await DenyAsync<VideoRequisition>(contractId) is { } denied) return denied;
        var errors = new ErrorBag();
        var system = await SystemAsync(contractId, input.SystemId, errors);
        var authority = ParseEnum<VideoRequisitionAuthority>(input.Authority, "authority", "L'autorité requérante", errors);
        var frame = ParseEnum<VideoRequisitionFrame>(input.Frame, "frame", "Le cadre de la réquisition", errors);
        if (string.IsNullOrWhiteSpace(input.Number)) errors.Add("number", "Le numéro de la réquisition est obligatoire.");
        if (input.ReceivedOn is null || input.ReceivedOn > Today) errors.Add("receivedOn", "La date de réception est obligatoire et ne peut pas être dans le futur.");
        if (input.PeriodFrom is null || input.PeriodTo is null || input.PeriodFrom >= input.PeriodTo) errors.Add("periodTo", "La fin de la période demandée doit suivre son début.");
        if (errors.Any) return CommandResult<VideoRequisition>.Invalid(errors.Errors);
        var now = clock.GetUtcNow();
        var r = new VideoRequisition
        {
            ContractId = contractId, SystemId = system!.Id, Number = input.Number!.Trim(), Authority = authority!.Value, Frame = frame!.Value, ReceivedOn = input.ReceivedOn!.Value,
            PeriodFrom = input.PeriodFrom!.Value.ToUniversalTime(), PeriodTo = input.PeriodTo!.Value.ToUniversalTime(), Site = input.Site?.Trim(),
        };
        db.VideoRequisitions.Add(r);
        auditor.Record(AuditKinds.VideoRequisitionReceived, nameof(VideoRequisition), r.Id, contractId, new { authority = r.Authority.ToString(), frame = r.Frame.ToString() });
        // V6: a period entirely older than the retention window is answered "images détruites" at once, with the purge's time.
        if (await RetentionWindowAsync(system.Id) is { } window && r.PeriodTo.AddDays(window) < now)
        {
            r.Response = VideoRequisitionResponse.ImagesDetruites;
            r.AnsweredOn = Today;
            r.PurgedAt = r.PeriodTo.AddDays(window);
            auditor.Record(AuditKinds.VideoRequisitionAnswered, nameof(VideoRequisition), r.Id, contractId, new { response = r.Response.ToString(), automatic = true });
        }
        await db.SaveChangesAsync();
        return CommandResult<VideoRequisition>.Ok(r);
    }

    public async Task<CommandResult<Guid>> AnswerRequisitionAsync(Guid contractId, Guid requisitionId, VideoRequisitionAnswerInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var r = await db.VideoRequisitions.FirstOrDefaultAsync(x => x.Id == requisitionId && x.ContractId == contractId);
        if (r is null) return CommandResult<Guid>.Missing();
        var errors = new ErrorBag();
        var response = ParseEnum<VideoRequisitionResponse>(input.Response, "response", "La réponse", errors);
        if (response is VideoRequisitionResponse.Fournie or VideoRequisitionResponse.Partielle
            && !await db.VideoExtractions.AnyAsync(e => e.RequisitionId == r.Id))
            errors.Add("response", "Des images fournies doivent d'abord être inscrites au registre des extractions (article R252-11 ancien, règle V5).");
        if (input.AnsweredOn > Today) errors.Add("answeredOn", "La date de la réponse ne peut pas être dans le futur.");
        else if (input.AnsweredOn < r.ReceivedOn) errors.Add("answeredOn", $"La réponse ne peut pas précéder la réception de la réquisition ({Culture.Date(r.ReceivedOn)}).");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        r.Response = response;
        r.AnsweredOn = input.AnsweredOn ?? Today;
        auditor.Record(AuditKinds.VideoRequisitionAnswered, nameof(VideoRequisition), r.Id, contractId, new { response = r.Response.ToString(), automatic = false });
        return await SaveAsync(r.Id);
    }

    public async Task<CommandResult<Guid>> CreateExtractionAsync(Guid contractId, VideoExtractionInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var errors = new ErrorBag();
        var system = await SystemAsync(contractId, input.SystemId, errors);
        var reason = ParseEnum<VideoExtractionReason>(input.Reason, "reason", "Le motif de l'extraction", errors);
        var medium = ParseEnum<VideoExtractionMedium>(input.Medium, "medium", "Le support", errors);
        if (string.IsNullOrWhiteSpace(input.OperatorName)) errors.Add("operatorName", "Le nom et le prénom de l'opérateur sont obligatoires.");
        if (string.IsNullOrWhiteSpace(input.OperatorRole)) errors.Add("operatorRole", "La fonction de l'opérateur est obligatoire.");
        if (string.IsNullOrWhiteSpace(input.Recipient)) errors.Add("recipient", "Le destinataire est obligatoire.");
        var cameras = input.CameraIds.Distinct().ToList();
        if (cameras.Count == 0) errors.Add("cameraIds", "Indiquez au moins une caméra dont les images sont extraites.");
        else if (await db.VideoCameras.CountAsync(c => c.ContractId == contractId && cameras.Contains(c.Id)) != cameras.Count)
            errors.Add("cameraIds", "Une des caméras indiquées n'existe pas dans ce contrat.");
        if (input.From is null || input.To is null || input.From >= input.To) errors.Add("to", "La fin de la plage extraite doit suivre son début.");
        var now = clock.GetUtcNow();
        if (input.At is { } at && at > now.AddMinutes(5)) errors.Add("at", "L'horodatage de l'extraction ne peut pas être dans le futur.");
        if (input.Sha256 is { Length: > 0 } sha && !Sha256Hex().IsMatch(sha.Trim())) errors.Add("sha256", "L'empreinte SHA-256 doit compter 64 caractères hexadécimaux.");
        VideoRequisition? requisition = null;
        if (input.RequisitionId is { } rid)
        {
            requisition = await db.VideoRequisitions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == rid && r.ContractId == contractId);
            if (requisition is null) errors.Add("requisitionId", "Cette réquisition n'existe pas dans ce contrat.");
        }
        else if (reason == VideoExtractionReason.RequisitionJudiciaire) errors.Add("requisitionId", "Une extraction sur réquisition judiciaire doit citer la réquisition.");
        if (input.AccessRequestId is { } arid && !await db.VideoAccessRequests.AnyAsync(r => r.Id == arid && r.ContractId == contractId))
            errors.Add("accessRequestId", "Cette demande d'accès n'existe pas dans ce contrat.");
        CheckCopyDates(Culture.ParisDate(input.At ?? now), input.CopyDestroyedOn, input.ParquetTransmittedOn, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var e = new VideoExtraction
        {
            ContractId = contractId, SystemId = system!.Id, At = (input.At ?? now).ToUniversalTime(), OperatorName = input.OperatorName!.Trim(), OperatorRole = input.OperatorRole!.Trim(),
            CameraIds = cameras, From = input.From!.Value.ToUniversalTime(), To = input.To!.Value.ToUniversalTime(), Reason = reason!.Value, RequisitionId = requisition?.Id,
            AccessRequestId = input.AccessRequestId, Recipient = input.Recipient!.Trim(), Medium = medium!.Value, Sha256 = input.Sha256?.Trim().ToLowerInvariant(),
            ParquetTransmittedOn = input.ParquetTransmittedOn, CopyDestroyedOn = input.CopyDestroyedOn,
        };
        db.VideoExtractions.Add(e);
        auditor.Record(AuditKinds.VideoExtractionCreated, nameof(VideoExtraction), e.Id, contractId, new { cameras = cameras.Count, reason = e.Reason.ToString(), requisition = e.RequisitionId });
        return await SaveAsync(e.Id);
    }

    /// <summary>V5/V8: a copy is destroyed, or transmitted to the parquet, on or after the extraction and never in the future.</summary>
    private void CheckCopyDates(DateOnly extractedOn, DateOnly? destroyedOn, DateOnly? transmittedOn, ErrorBag errors)
    {
        foreach (var (date, field, what) in new[] { (destroyedOn, "copyDestroyedOn", "de destruction de la copie"), (transmittedOn, "parquetTransmittedOn", "de transmission au parquet") })
        {
            if (date is not { } d) continue;
            if (d > Today) errors.Add(field, $"La date {what} ne peut pas être dans le futur.");
            else if (d < extractedOn) errors.Add(field, $"La date {what} ne peut pas précéder l'extraction ({Culture.Date(extractedOn)}).");
        }
    }

    private static Dictionary<string, string?> CopyFields(DateOnly? destroyedOn, DateOnly? transmittedOn) => new()
    {
        ["Copie détruite le"] = destroyedOn is { } d ? Culture.Date(d) : null,
        ["Transmise au parquet le"] = transmittedOn is { } t ? Culture.Date(t) : null,
    };

    /// <summary>
    /// Records what became of the copy handed over with an extraction (V5/V8): destroyed on, transmitted to the parquet on.
    /// A date absent from the input is kept; dates are checked (not before the extraction, not in the future).
    /// </summary>
    public async Task<CommandResult<Guid>> UpdateExtractionCopyAsync(Guid contractId, Guid extractionId, VideoExtractionCopyInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        if (await db.VideoExtractions.FirstOrDefaultAsync(x => x.Id == extractionId && x.ContractId == contractId) is not { } e) return CommandResult<Guid>.Missing();
        var errors = new ErrorBag();
        if (input.CopyDestroyedOn is null && input.ParquetTransmittedOn is null)
            errors.Add("copyDestroyedOn", "Indiquez la date de destruction de la copie ou celle de sa transmission au parquet.");
        CheckCopyDates(Culture.ParisDate(e.At), input.CopyDestroyedOn, input.ParquetTransmittedOn, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var destroyed = input.CopyDestroyedOn ?? e.CopyDestroyedOn;
        var transmitted = input.ParquetTransmittedOn ?? e.ParquetTransmittedOn;
        if (await EditConflicts.CheckAsync(db, e, input.Version, CopyFields(e.CopyDestroyedOn, e.ParquetTransmittedOn), CopyFields(destroyed, transmitted)) is { } conflict)
            return CommandResult<Guid>.Stale(conflict);
        e.CopyDestroyedOn = destroyed;
        e.ParquetTransmittedOn = transmitted;
        auditor.Record(AuditKinds.VideoExtractionCopyUpdated, nameof(VideoExtraction), e.Id, contractId,
            new { copyDestroyed = e.CopyDestroyedOn is not null, parquetTransmitted = e.ParquetTransmittedOn is not null });
        return await SaveAsync(e.Id);
    }

    public async Task<CommandResult<Guid>> CreateAccessRequestAsync(Guid contractId, VideoAccessRequestInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var errors = new ErrorBag();
        var system = await SystemAsync(contractId, input.SystemId, errors);
        var obj = ParseEnum<VideoAccessObject>(input.Object, "object", "L'objet de la demande", errors, VideoAccessObject.Visionnage);
        if (string.IsNullOrWhiteSpace(input.Reference)) errors.Add("reference", "La référence du dossier est obligatoire.");
        if (input.ReceivedOn is null || input.ReceivedOn > Today) errors.Add("receivedOn", "La date de réception est obligatoire et ne peut pas être dans le futur.");
        if (input.SlotFrom is null || input.SlotTo is null || input.SlotFrom >= input.SlotTo) errors.Add("slotTo", "La fin du créneau doit suivre son début.");
        if (input.CameraId is { } cid && !await db.VideoCameras.AnyAsync(c => c.Id == cid && c.ContractId == contractId)) errors.Add("cameraId", "Cette caméra n'existe pas dans ce contrat.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var r = new VideoAccessRequest
        {
            ContractId = contractId, SystemId = system!.Id, Reference = input.Reference!.Trim(), ReceivedOn = input.ReceivedOn!.Value, IdentityChecked = input.IdentityChecked,
            CameraId = input.CameraId, SlotFrom = input.SlotFrom!.Value.ToUniversalTime(), SlotTo = input.SlotTo!.Value.ToUniversalTime(), Object = obj!.Value,
            ThirdPartiesVisible = input.ThirdPartiesVisible, ReferredToCommittee = input.ReferredToCommittee,
        };
        db.VideoAccessRequests.Add(r);
        auditor.Record(AuditKinds.VideoAccessRequestReceived, nameof(VideoAccessRequest), r.Id, contractId, new { @object = r.Object.ToString() });
        return await SaveAsync(r.Id);
    }

    /// <summary>V7: identity checked before granting; third parties visible → blurring done and the decision "avec floutage"; a refusal states its ground.</summary>
    public async Task<CommandResult<Guid>> DecideAccessRequestAsync(Guid contractId, Guid accessRequestId, VideoAccessDecisionInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var r = await db.VideoAccessRequests.FirstOrDefaultAsync(x => x.Id == accessRequestId && x.ContractId == contractId);
        if (r is null) return CommandResult<Guid>.Missing();
        var errors = new ErrorBag();
        var decision = ParseEnum<VideoAccessDecision>(input.Decision, "decision", "La décision", errors);
        // Third parties once seen stay seen: the API may add the flag, never clear it (V7).
        var thirdParties = r.ThirdPartiesVisible || input.ThirdPartiesVisible == true;
        var answeredOn = input.AnsweredOn ?? Today;
        if (answeredOn > Today) errors.Add("answeredOn", "La date de la réponse ne peut pas être dans le futur.");
        else if (answeredOn < r.ReceivedOn) errors.Add("answeredOn", $"La réponse ne peut pas précéder la réception de la demande ({Culture.Date(r.ReceivedOn)}).");
        VideoAccessRefusal? refusal = null;
        if (decision == VideoAccessDecision.Refuse) refusal = ParseEnum<VideoAccessRefusal>(input.RefusalReason, "refusalReason", "Le motif de refus", errors);
        if (decision is VideoAccessDecision.Accorde or VideoAccessDecision.AccordeAvecFloutage && !r.IdentityChecked)
            errors.Add("decision", "L'identité du demandeur doit être vérifiée avant de lui montrer des images.");
        if (decision == VideoAccessDecision.Accorde && thirdParties)
            errors.Add("decision", "Des tiers sont visibles : l'accès ne peut être accordé qu'avec floutage (avis de la CNIL du 15 juin 2023).");
        if (decision == VideoAccessDecision.AccordeAvecFloutage && !input.BlurringDone)
            errors.Add("blurringDone", "Le floutage des tiers doit être fait avant de montrer les images.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        r.Decision = decision;
        r.RefusalReason = refusal;
        r.BlurringDone = input.BlurringDone;
        r.ThirdPartiesVisible = thirdParties;
        r.AnsweredOn = answeredOn;
        auditor.Record(AuditKinds.VideoAccessRequestDecided, nameof(VideoAccessRequest), r.Id, contractId, new { decision = r.Decision.ToString(), referred = r.ReferredToCommittee });
        return await SaveAsync(r.Id);
    }

    public async Task<CommandResult<Guid>> AddCommitteeMemberAsync(Guid contractId, VideoCommitteeMemberInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var errors = new ErrorBag();
        var system = await SystemAsync(contractId, input.SystemId, errors);
        var quality = ParseEnum<VideoCommitteeQuality>(input.Quality, "quality", "La qualité du membre", errors);
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", "Le nom du membre est obligatoire.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var m = new VideoCommitteeMember { ContractId = contractId, SystemId = system!.Id, Name = input.Name!.Trim(), Quality = quality!.Value };
        db.VideoCommitteeMembers.Add(m);
        return await CommitteeSavedAsync(contractId, system.Id, m.Id, "member");
    }

    private static Dictionary<string, string?> MemberFields(string name, VideoCommitteeQuality quality) => new() { ["Nom"] = name, ["Qualité"] = VideoLabels.Quality(quality) };

    /// <summary>Edits a committee member's name or quality (a stale version is refused, ADR 0019).</summary>
    public async Task<CommandResult<Guid>> UpdateCommitteeMemberAsync(Guid contractId, Guid memberId, VideoCommitteeMemberInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        if (await db.VideoCommitteeMembers.FirstOrDefaultAsync(x => x.Id == memberId && x.ContractId == contractId) is not { } m) return CommandResult<Guid>.Missing();
        var errors = new ErrorBag();
        var quality = ParseEnum<VideoCommitteeQuality>(input.Quality, "quality", "La qualité du membre", errors);
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", "Le nom du membre est obligatoire.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        if (await EditConflicts.CheckAsync(db, m, input.Version, MemberFields(m.Name, m.Quality), MemberFields(input.Name!.Trim(), quality!.Value)) is { } conflict)
            return CommandResult<Guid>.Stale(conflict);
        m.Name = input.Name!.Trim();
        m.Quality = quality!.Value;
        return await CommitteeSavedAsync(contractId, m.SystemId, m.Id, "member-updated");
    }

    /// <summary>Removes a committee member (who left the committee); a stale version is refused (ADR 0019).</summary>
    public async Task<CommandResult<Guid>> RemoveCommitteeMemberAsync(Guid contractId, Guid memberId, int? version)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        if (await db.VideoCommitteeMembers.FirstOrDefaultAsync(x => x.Id == memberId && x.ContractId == contractId) is not { } m) return CommandResult<Guid>.Missing();
        var stored = MemberFields(m.Name, m.Quality);
        if (await EditConflicts.CheckAsync(db, m, version, stored, stored) is { } conflict) return CommandResult<Guid>.Stale(conflict);
        db.VideoCommitteeMembers.Remove(m);
        return await CommitteeSavedAsync(contractId, m.SystemId, m.Id, "member-removed");
    }

    public async Task<CommandResult<Guid>> AddCommitteeOpinionAsync(Guid contractId, VideoCommitteeOpinionInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var errors = new ErrorBag();
        var system = await SystemAsync(contractId, input.SystemId, errors);
        var sitting = input.MeetingId is { } mid && system is not null
            ? await db.Meetings.Where(m => m.Id == mid && m.ContractId == contractId && m.BodyId == system.CommitteeBodyId).Select(m => (MinutesVisibility?)m.Visibility).FirstOrDefaultAsync()
            : null;
        if (input.MeetingId is not null && system is not null && sitting is null)
            errors.Add("meetingId", "Cette séance n'est pas une réunion du comité d'éthique de ce système.");
        var visibility = ParseEnum<MinutesVisibility>(input.Visibility, "visibility", "La visibilité de l'avis", errors, sitting ?? MinutesVisibility.Members);
        if (visibility is { } v && sitting is { } sv && v < sv)
            errors.Add("visibility", "La visibilité de l'avis ne peut pas être plus large que celle de sa séance.");
        if (input.Date is null) errors.Add("date", "La date de l'avis est obligatoire.");
        if (string.IsNullOrWhiteSpace(input.Subject)) errors.Add("subject", "L'objet de l'avis est obligatoire.");
        if (string.IsNullOrWhiteSpace(input.Text)) errors.Add("text", "Le texte de l'avis est obligatoire.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var o = new VideoCommitteeOpinion { ContractId = contractId, SystemId = system!.Id, MeetingId = input.MeetingId, Date = input.Date!.Value, Subject = input.Subject!.Trim(), Text = input.Text!.Trim(), Visibility = visibility };
        db.VideoCommitteeOpinions.Add(o);
        return await CommitteeSavedAsync(contractId, system.Id, o.Id, "opinion");
    }

    public async Task<CommandResult<Guid>> SaveCommitteeReportAsync(Guid contractId, VideoCommitteeReportInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var errors = new ErrorBag();
        var system = await SystemAsync(contractId, input.SystemId, errors);
        if (input.Year is not (>= 2000 and <= 2100)) errors.Add("year", "L'année du rapport doit être comprise entre 2000 et 2100.");
        if (string.IsNullOrWhiteSpace(input.Text)) errors.Add("text", "Le texte du rapport est obligatoire.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var report = await db.VideoCommitteeReports.FirstOrDefaultAsync(r => r.SystemId == system!.Id && r.Year == input.Year);
        if (report is null)
        {
            report = new VideoCommitteeReport { ContractId = contractId, SystemId = system!.Id, Year = input.Year!.Value, Text = "" };
            db.VideoCommitteeReports.Add(report);
        }
        report.Text = input.Text!.Trim();
        report.PublishedOn = input.Publish ? report.PublishedOn ?? Today : null;
        return await CommitteeSavedAsync(contractId, system!.Id, report.Id, "report");
    }

    public async Task<CommandResult<Guid>> AddCitizenReferralAsync(Guid contractId, VideoCitizenReferralInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        var errors = new ErrorBag();
        var system = await SystemAsync(contractId, input.SystemId, errors);
        if (string.IsNullOrWhiteSpace(input.Reference)) errors.Add("reference", "La référence de la saisine est obligatoire.");
        if (input.ReceivedOn is null || input.ReceivedOn > Today) errors.Add("receivedOn", "La date de réception est obligatoire et ne peut pas être dans le futur.");
        if (string.IsNullOrWhiteSpace(input.Subject)) errors.Add("subject", "L'objet de la saisine est obligatoire.");
        if (input.AccessRequestId is { } arid && !await db.VideoAccessRequests.AnyAsync(r => r.Id == arid && r.ContractId == contractId))
            errors.Add("accessRequestId", "Cette demande d'accès n'existe pas dans ce contrat.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var r = new VideoCitizenReferral { ContractId = contractId, SystemId = system!.Id, Reference = input.Reference!.Trim(), ReceivedOn = input.ReceivedOn!.Value, Subject = input.Subject!.Trim(), AccessRequestId = input.AccessRequestId };
        db.VideoCitizenReferrals.Add(r);
        return await CommitteeSavedAsync(contractId, system.Id, r.Id, "referral");
    }

    /// <summary>Records the préfet's repeal of an authorisation (date and motive); its cameras still in service are flagged by the daily job.</summary>
    public async Task<CommandResult<Guid>> RepealAuthorisationAsync(Guid contractId, Guid authorisationId, VideoAuthorisationRepealInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        if (await db.VideoAuthorisations.FirstOrDefaultAsync(a => a.Id == authorisationId && a.ContractId == contractId) is not { } a) return CommandResult<Guid>.Missing();
        var errors = new ErrorBag();
        if (a.RepealedOn is not null) errors.Add("repealedOn", $"Cette autorisation a déjà été abrogée le {Culture.Date(a.RepealedOn.Value)}.");
        else if (input.RepealedOn is not { } on) errors.Add("repealedOn", "La date d'abrogation est obligatoire.");
        else if (on < a.EffectiveOn) errors.Add("repealedOn", $"La date d'abrogation ne peut pas précéder la date d'effet de l'autorisation ({Culture.Date(a.EffectiveOn)}).");
        if (string.IsNullOrWhiteSpace(input.Motive)) errors.Add("motive", "Le motif de l'abrogation est obligatoire.");
        else if (input.Motive.Trim().Length > 1000) errors.Add("motive", "Le motif ne doit pas dépasser 1 000 caractères.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        a.RepealedOn = input.RepealedOn!.Value;
        a.RepealMotive = input.Motive!.Trim();
        var cameras = await db.VideoCameras.CountAsync(c => c.AuthorisationId == a.Id && c.State == VideoCameraState.EnService);
        auditor.Record(AuditKinds.VideoAuthRepealed, nameof(VideoAuthorisation), a.Id, contractId, new { repealedOn = a.RepealedOn, camerasInService = cameras });
        return await SaveAsync(a.Id);
    }

    /// <summary>The committee's answer to a citizen's referral.</summary>
    public async Task<CommandResult<Guid>> AnswerCitizenReferralAsync(Guid contractId, Guid referralId, VideoReferralAnswerInput input)
    {
        if (await DenyAsync<Guid>(contractId) is { } denied) return denied;
        if (await db.VideoCitizenReferrals.FirstOrDefaultAsync(r => r.Id == referralId && r.ContractId == contractId) is not { } r) return CommandResult<Guid>.Missing();
        var errors = new ErrorBag();
        if (input.AnsweredOn is not { } on || on > Today) errors.Add("answeredOn", "La date de la réponse est obligatoire et ne peut pas être dans le futur.");
        else if (on < r.ReceivedOn) errors.Add("answeredOn", $"La réponse ne peut pas précéder la réception de la saisine ({Culture.Date(r.ReceivedOn)}).");
        if (string.IsNullOrWhiteSpace(input.Answer)) errors.Add("answer", "La réponse du comité est obligatoire.");
        else if (input.Answer.Trim().Length > 4000) errors.Add("answer", "La réponse ne doit pas dépasser 4 000 caractères.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        r.AnsweredOn = input.AnsweredOn!.Value;
        r.Answer = input.Answer!.Trim();
        return await CommitteeSavedAsync(contractId, r.SystemId, r.Id, "referral-answer");
    }

    private async Task<CommandResult<Guid>> CommitteeSavedAsync(Guid contractId, Guid systemId, Guid id, string what)
    {
        auditor.Record(AuditKinds.VideoCommitteeChanged, nameof(VideoSystem), systemId, contractId, new { what, id });
        return await SaveAsync(id);
    }
}
