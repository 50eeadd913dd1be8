using System.Text.RegularExpressions;

namespace Vigie.Web.Features.Incidents;

/// <summary>What a new incident says (a page, the internal API or an Open311 client).</summary>
public sealed record NewIncident(string? CategoryCode, string? Address, double? Latitude, double? Longitude, string? Description,
    DateTimeOffset? ObservedAt, IncidentSource Source, Guid? Open311ClientId = null);

/// <summary>A created incident and the incidents it may duplicate (same category, ≤ 100 m, ≤ 30 days).</summary>
public sealed record CreatedIncident(Incident Incident, IReadOnlyList<IncidentQueries.Candidate> PossibleDuplicates);

/// <summary>
/// Every change of an incident, shared by the pages, the internal API and Open311: checks everything first, then
/// changes the row, writes its history line and its audit event in one save. Coordinators make every move; the pilot
/// partner's members make the partner's moves of <see cref="IncidentStatusMachine"/>.
/// </summary>
public sealed partial class IncidentCommands(AppDbContext db, TimeProvider clock, Auditor auditor, ContractViewers viewers,
    IncidentCategoryCatalog categories, IncidentLocator locator, IncidentRouting routing, IncidentQueries queries)
{
    public const int DescriptionMax = 4000;
    public const int AddressMax = 300;
    public const int NoteMax = 2000;

    [GeneratedRegex(@"<\s*[a-zA-Z/!?]")]
    private static partial Regex HtmlTag();

    public static bool LooksLikeHtml(string? text) => text is not null && HtmlTag().IsMatch(text);

    /// <summary>Checks a new incident; <paramref name="userId"/> is null for an Open311 client. The caller checked the right to report.</summary>
    public async Task<CommandResult<CreatedIncident>> CreateAsync(Guid contractId, NewIncident input, Guid? userId)
    {
        var errors = new ErrorBag();
        var list = await categories.EnsureAsync(contractId);
        var code = input.CategoryCode?.Trim();
        var category = list.FirstOrDefault(c => !c.IsArchived && string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));
        if (string.IsNullOrEmpty(code)) errors.Add("categoryCode", "Choisissez la catégorie du signalement.");
        else if (category is null) errors.Add("categoryCode", $"La catégorie « {code} » n'existe pas dans ce contrat.");

        var address = string.IsNullOrWhiteSpace(input.Address) ? null : input.Address.Trim();
        if (address is { Length: > AddressMax }) errors.Add("address", $"L'adresse ne doit pas dépasser {AddressMax} caractères.");
        else if (LooksLikeHtml(address)) errors.Add("address", "L'adresse ne doit pas contenir de balises HTML.");
        GeoPoint? point = null;
        if (input.Latitude is null != input.Longitude is null)
            errors.Add(input.Latitude is null ? "latitude" : "longitude", "Indiquez la latitude et la longitude ensemble.");
        else if (input.Latitude is { } lat && input.Longitude is { } lon)
        {
            if (double.IsNaN(lat) || lat is < -90 or > 90) errors.Add("latitude", "La latitude doit être comprise entre -90 et 90.");
            else if (double.IsNaN(lon) || lon is < -180 or > 180) errors.Add("longitude", "La longitude doit être comprise entre -180 et 180.");
            else point = new GeoPoint(lat, lon);
        }
        if (address is null && input.Latitude is null && input.Longitude is null)
            errors.Add("address", "Indiquez le lieu : une adresse, ou un point (latitude et longitude).");

        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0 && input.Source != IncidentSource.Open311) errors.Add("description", "Décrivez ce qui a été constaté.");
        else if (description.Length > DescriptionMax) errors.Add("description", $"La description ne doit pas dépasser {DescriptionMax} caractères (elle en compte {description.Length}).");
        else if (LooksLikeHtml(description)) errors.Add("description", "La description ne doit pas contenir de balises HTML.");

        var now = clock.GetUtcNow();
        var observed = (input.ObservedAt ?? now).ToUniversalTime();
        if (observed > now.AddMinutes(5)) errors.Add("observedAt", "La date de constat ne peut pas être dans le futur.");
        else if (observed < now.AddYears(-1)) errors.Add("observedAt", "La date de constat ne peut pas remonter à plus d'un an.");

        IncidentPlace? place = null;
        if (point is { } p && !errors.Any)
        {
            var (located, error) = await locator.LocateAsync(contractId, p);
            if (error is not null) errors.Add("latitude", error);
            place = located;
        }
        if (errors.Any) return CommandResult<CreatedIncident>.Invalid(errors.Errors);

        var incident = new Incident
        {
            ContractId = contractId, CategoryId = category!.Id, Category = category, Address = address,
            Latitude = point?.Latitude, Longitude = point?.Longitude, CommuneCode = place?.CommuneCode, AreaId = place?.AreaId,
            Description = description, ObservedAt = observed, ReportedAt = now, Source = input.Source, Open311ClientId = input.Open311ClientId,
            Status = IncidentStatus.Nouveau,
        };
        incident.Events.Add(NewEvent(incident, IncidentEventKind.Created, userId, null, IncidentStatus.Nouveau));
        var pilot = await routing.PilotAsync(category, point, place?.AreaId, now);
        if (pilot is { } org)
        {
            incident.PilotOrganisationId = org;
            incident.RoutedAt = now;
            incident.Status = IncidentStatus.Transmis;
            var routed = NewEvent(incident, IncidentEventKind.Routed, userId, IncidentStatus.Nouveau, IncidentStatus.Transmis);
            routed.OrganisationId = org;
            routed.Note = "Routage automatique (catégorie et zone).";
            incident.Events.Add(routed);
        }
        incident.DueAt = IncidentCategoryCatalog.DueFrom(incident.RoutedAt ?? now, category.SlaValue, category.SlaUnit);
        var candidates = point is { } at ? await queries.DuplicateCandidatesAsync(contractId, category.Id, at, now, null) : [];

        for (var attempt = 0; ; attempt++)
        {
            incident.Number = (await db.Incidents.Where(i => i.ContractId == contractId).MaxAsync(i => (int?)i.Number) ?? 0) + 1;
            db.Incidents.Add(incident);
            auditor.Record(AuditKinds.IncidentCreated, "Incident", incident.Id, contractId,
                new { category = category.Code, source = input.Source.ToString(), routed = pilot is not null, duplicates = candidates.Count });
            try
            {
                await db.SaveChangesAsync();
                return CommandResult<CreatedIncident>.Ok(new CreatedIncident(incident, candidates));
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two reports took the same number at once: detach and take the next one.
                foreach (var e in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList()) e.State = EntityState.Detached;
            }
        }
    }

    /// <summary>Moves an incident through the state machine (closing needs a reason; the duplicate reason has its own command).</summary>
    public async Task<CommandResult<Incident>> ChangeStatusAsync(Guid contractId, Guid incidentId, string? to, string? closeReason, string? note, bool publicNote)
    {
        var (incident, viewer, denied) = await LoadAsync(contractId, incidentId);
        if (incident is null) return denied!;
        var coordinator = viewer!.IsCoordinator;
        if (!coordinator && !IsPilot(viewer, incident))
            return CommandResult<Incident>.Denied("Seuls la coordination et le partenaire pilote peuvent faire avancer ce signalement.");
        if (IncidentLabels.ParseStatus(to) is not { } target)
            return CommandResult<Incident>.Invalid("status", $"L'état demandé est inconnu. Valeurs possibles : {IncidentLabels.StatusValues}.");
        var allowed = IncidentStatusMachine.Next(incident.Status, coordinator);
        if (!allowed.Contains(target))
            return CommandResult<Incident>.Invalid("status",
                $"Un signalement « {IncidentLabels.Status(incident.Status)} » ne peut pas passer à « {IncidentLabels.Status(target)} »"
                + (allowed.Count > 0 ? $" (possible : {string.Join(", ", allowed.Select(IncidentLabels.Status))})." : "."));
        IncidentCloseReason? reason = null;
        if (target == IncidentStatus.Cloture)
        {
            reason = IncidentLabels.ParseCloseReason(closeReason);
            if (reason is null || reason == IncidentCloseReason.Doublon)
                return CommandResult<Incident>.Invalid("closeReason", "Indiquez le motif de clôture : Traite, NonFonde, HorsCompetence ou NonTraitable (un doublon se fusionne depuis le signalement).");
            if (incident.Status != IncidentStatus.Resolu && reason == IncidentCloseReason.Traite)
                return CommandResult<Incident>.Invalid("closeReason", "Un signalement ne peut être clos comme traité qu'une fois résolu.");
        }
        var now = clock.GetUtcNow();
        if (target == IncidentStatus.Reouvert)
        {
            var since = incident.ClosedAt ?? incident.ResolvedAt ?? now;
            if (now - since > TimeSpan.FromDays(IncidentStatusMachine.ReopenDays))
                return CommandResult<Incident>.Invalid("status", $"Un signalement ne peut être rouvert que dans les {IncidentStatusMachine.ReopenDays} jours qui suivent sa résolution ou sa clôture ; créez-en un nouveau.");
        }
        var noteError = CheckNote(note, required: target is IncidentStatus.Reoriente or IncidentStatus.Reouvert);
        if (noteError is not null) return CommandResult<Incident>.Invalid("note", noteError);

        var from = incident.Status;
        incident.Status = target;
        switch (target)
        {
            case IncidentStatus.PrisEnCharge or IncidentStatus.EnCours or IncidentStatus.Resolu:
                incident.TakenUpAt ??= now;
                if (target == IncidentStatus.Resolu) incident.ResolvedAt = now;
                break;
            case IncidentStatus.Cloture:
                incident.CloseReason = reason;
                incident.ClosedAt = now;
                break;
            case IncidentStatus.Reouvert:
                incident.CloseReason = null;
                incident.ClosedAt = null;
                incident.ResolvedAt = null;
                break;
        }
        var e = NewEvent(incident, target == IncidentStatus.Reouvert ? IncidentEventKind.Reopened : IncidentEventKind.StatusChanged, viewer.UserId, from, target);
        e.Note = Clean(note);
        e.IsPublic = publicNote && e.Note is not null;
        db.IncidentEvents.Add(e);
        auditor.Record(AuditKinds.IncidentStatusChanged, "Incident", incident.Id, contractId, new { from = from.ToString(), to = target.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<Incident>.Ok(incident);
    }

    /// <summary>One-click re-routing by the coordination: a new pilot and a reason; the SLA starts again.</summary>
    public async Task<CommandResult<Incident>> RerouteAsync(Guid contractId, Guid incidentId, Guid? organisationId, string? reason)
    {
        var (incident, viewer, denied) = await LoadAsync(contractId, incidentId);
        if (incident is null) return denied!;
        if (!viewer!.IsCoordinator) return CommandResult<Incident>.Denied("Seule la coordination du contrat réoriente un signalement.");
        if (!IncidentStatusMachine.MayReroute(incident.Status))
            return CommandResult<Incident>.Invalid("organisationId", "Un signalement résolu ou clos ne se réoriente plus.");
        if (organisationId is not { } org || !await db.Organisations.AnyAsync(o => o.Id == org && !o.IsArchived))
            return CommandResult<Incident>.Invalid("organisationId", "Choisissez le partenaire à qui transmettre le signalement.");
        if (org == incident.PilotOrganisationId)
            return CommandResult<Incident>.Invalid("organisationId", "Le signalement est déjà transmis à ce partenaire.");
        var noteError = CheckNote(reason, required: true);
        if (noteError is not null) return CommandResult<Incident>.Invalid("reason", noteError.Replace("la note", "le motif", StringComparison.Ordinal));

        var now = clock.GetUtcNow();
        var from = incident.Status;
        var kind = incident.PilotOrganisationId is null ? IncidentEventKind.Routed : IncidentEventKind.Rerouted;
        incident.PilotOrganisationId = org;
        incident.Status = IncidentStatus.Transmis;
        incident.RoutedAt = now;
        incident.TakenUpAt = null;
        var category = await db.IncidentCategories.AsNoTracking().FirstAsync(c => c.Id == incident.CategoryId);
        incident.DueAt = IncidentCategoryCatalog.DueFrom(now, category.SlaValue, category.SlaUnit);
        var e = NewEvent(incident, kind, viewer.UserId, from, IncidentStatus.Transmis);
        e.OrganisationId = org;
        e.Note = Clean(reason);
        db.IncidentEvents.Add(e);
        auditor.Record(AuditKinds.IncidentRerouted, "Incident", incident.Id, contractId, new { organisation = org });
        await db.SaveChangesAsync();
        return CommandResult<Incident>.Ok(incident);
    }

    /// <summary>An action or a note of the pilot or the coordination (public when it may become the Open311 status_notes).</summary>
    public async Task<CommandResult<Incident>> AddNoteAsync(Guid contractId, Guid incidentId, string? note, bool isPublic)
    {
        var (incident, viewer, denied) = await LoadAsync(contractId, incidentId);
        if (incident is null) return denied!;
        if (!viewer!.IsCoordinator && !IsPilot(viewer, incident))
            return CommandResult<Incident>.Denied("Seuls la coordination et le partenaire pilote notent les actions de ce signalement.");
        var noteError = CheckNote(note, required: true);
        if (noteError is not null) return CommandResult<Incident>.Invalid("note", noteError);
        var e = NewEvent(incident, IncidentEventKind.Note, viewer.UserId, null, null);
        e.Note = Clean(note);
        e.IsPublic = isPublic;
        db.IncidentEvents.Add(e);
        await db.SaveChangesAsync();
        return CommandResult<Incident>.Ok(incident);
    }

    /// <summary>Merges an incident into another of the contract: closed as a duplicate, pointing to the original.</summary>
    public async Task<CommandResult<Incident>> MarkDuplicateAsync(Guid contractId, Guid incidentId, int? originalNumber)
    {
        var (incident, viewer, denied) = await LoadAsync(contractId, incidentId);
        if (incident is null) return denied!;
        if (!viewer!.IsCoordinator) return CommandResult<Incident>.Denied("Seule la coordination du contrat fusionne les doublons.");
        if (IncidentStatusMachine.IsClosed(incident.Status))
            return CommandResult<Incident>.Invalid("originalNumber", "Ce signalement est déjà clos.");
        var original = originalNumber is { } n ? await db.Incidents.FirstOrDefaultAsync(i => i.ContractId == contractId && i.Number == n) : null;
        if (original is null) return CommandResult<Incident>.Invalid("originalNumber", "Indiquez le numéro du signalement d'origine, dans ce contrat.");
        if (original.Id == incident.Id) return CommandResult<Incident>.Invalid("originalNumber", "Un signalement ne peut pas être le doublon de lui-même.");
        if (original.DuplicateOfId is not null) return CommandResult<Incident>.Invalid("originalNumber", $"Le signalement n° {original.Number} est lui-même un doublon : choisissez l'original.");

        var now = clock.GetUtcNow();
        var from = incident.Status;
        incident.Status = IncidentStatus.Cloture;
        incident.CloseReason = IncidentCloseReason.Doublon;
        incident.DuplicateOfId = original.Id;
        incident.ClosedAt = now;
        var e = NewEvent(incident, IncidentEventKind.MarkedDuplicate, viewer.UserId, from, IncidentStatus.Cloture);
        e.Note = $"Doublon du signalement n° {original.Number}";
        e.IsPublic = true;
        db.IncidentEvents.Add(e);
        auditor.Record(AuditKinds.IncidentMarkedDuplicate, "Incident", incident.Id, contractId, new { original = original.Id });
        await db.SaveChangesAsync();
        return CommandResult<Incident>.Ok(incident);
    }

    public static bool IsPilot(ContractViewer viewer, Incident incident) =>
        viewer.Role == ContractRole.PartnerMember && viewer.OrganisationId is { } org && org == incident.PilotOrganisationId;

    private async Task<(Incident? Incident, ContractViewer? Viewer, CommandResult<Incident>? Denied)> LoadAsync(Guid contractId, Guid incidentId)
    {
        var viewer = await viewers.ForAsync(contractId);
        if (viewer is null) return (null, null, CommandResult<Incident>.Missing());
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.ContractId == contractId && i.Id == incidentId);
        if (incident is null) return (null, viewer, CommandResult<Incident>.Missing());
        if (viewer.Role == ContractRole.Reader) return (null, viewer, CommandResult<Incident>.Denied("Les lecteurs du contrat ne modifient pas les signalements."));
        return (incident, viewer, null);
    }

    private static string? CheckNote(string? note, bool required)
    {
        var text = note?.Trim() ?? "";
        if (text.Length == 0) return required ? "Saisissez la note (motif ou action menée)." : null;
        if (text.Length > NoteMax) return $"La note ne doit pas dépasser {NoteMax} caractères.";
        if (LooksLikeHtml(text)) return "La note ne doit pas contenir de balises HTML.";
        return null;
    }

    private static string? Clean(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    private IncidentEvent NewEvent(Incident incident, IncidentEventKind kind, Guid? userId, IncidentStatus? from, IncidentStatus? to) =>
        NewEvent(incident.ContractId, incident.Id, clock.GetUtcNow(), kind, userId, from, to);

    /// <summary>A line of an incident's history: every writer of the history (commands, automatic closure) builds it here.</summary>
    public static IncidentEvent NewEvent(Guid contractId, Guid incidentId, DateTimeOffset at, IncidentEventKind kind, Guid? userId, IncidentStatus? from, IncidentStatus? to) => new()
    {
        ContractId = contractId, IncidentId = incidentId, At = at, ByUserId = userId, Kind = kind, FromStatus = from, ToStatus = to,
    };
}
