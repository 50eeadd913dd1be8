using System.Security.Cryptography;

namespace Vigie.Web.Features.Diagnostic;

/// <summary>A document uploaded to the sources register.</summary>
public sealed record DiagnosticUpload(string FileName, byte[] Content);

/// <summary>A source to record: a working meeting (a governance meeting or a dated one), an interview, a document, statistics.</summary>
public sealed record NewDiagnosticSource(string? Kind, string? Title, DateOnly? Date, Guid? MeetingId, string? Edition, string? Notes, DiagnosticUpload? File);

/// <summary>
/// Every change of a diagnostic, shared by the pages and the API. Coordinators (by role) change everything; a partner
/// member writes only the contribution of their own organisation (text, status up to "à relire", its findings); readers
/// change nothing. Frozen versions are never changed (no update path exists).
/// </summary>
public sealed class DiagnosticCommands(AppDbContext db, TimeProvider clock, Auditor auditor, ContractViewers viewers, ICurrentUser user,
    DiagnosticDrafts drafts, DiagnosticQueries queries)
{
    public const int TitleMax = 300;
    public const int BodyMax = 100_000;
    public const int FindingMax = 2000;
    public const int NotesMax = 4000;
    public const long FileMax = 20 * 1024 * 1024;

    private async Task<ContractViewer?> CoordinatorAsync(Guid contractId) =>
        await viewers.ForAsync(contractId) is { IsCoordinator: true } v ? v : null;

    /// <summary>Creates a diagnostic of the contract or of one of its sub-areas, with the generated statistical sections.</summary>
    public async Task<CommandResult<Guid>> CreateAsync(Guid contractId, Guid? areaId, string? title)
    {
        var viewer = await viewers.ForAsync(contractId);
        if (viewer is null) return CommandResult<Guid>.Missing();
        if (!viewer.IsCoordinator) return CommandResult<Guid>.Denied("Seule la coordination du contrat crée un diagnostic.");
        if (areaId is { } a && !await db.Areas.AnyAsync(x => x.Id == a && x.ContractId == contractId))
            return CommandResult<Guid>.Invalid("areaId", "Ce secteur n'appartient pas au contrat.");
        title = title?.Trim();
        if (title is { Length: > TitleMax }) return CommandResult<Guid>.Invalid("title", $"Le titre ne doit pas dépasser {TitleMax} caractères.");
        if (await drafts.ForContractAsync(contractId, areaId) is not { } draft) return CommandResult<Guid>.Missing();

        var diagnostic = new SecurityDiagnostic { Id = Guid.NewGuid(), ContractId = contractId, AreaId = areaId, Title = string.IsNullOrEmpty(title) ? draft.Content.Title : title };
        var position = 0;
        void Add(DiagnosticSectionKind kind, string sectionTitle, string? body, DiagnosticAxis? axis = null, Guid? organisation = null) =>
            diagnostic.Sections.Add(new DiagnosticSection
            {
                Id = Guid.NewGuid(), ContractId = contractId, DiagnosticId = diagnostic.Id, Kind = kind, Axis = axis, OrganisationId = organisation,
                Position = position++, Title = sectionTitle, Body = body, Status = DiagnosticSectionStatus.Draft,
                Visibility = organisation is null ? MinutesVisibility.Public : MinutesVisibility.Members,
            });
        foreach (var s in draft.Content.Sections.Where(s => s.Kind is nameof(DiagnosticSectionKind.Territory) or nameof(DiagnosticSectionKind.Delinquency)))
            Add(Enum.Parse<DiagnosticSectionKind>(s.Kind), s.Title, s.Body);
        var partners = await db.Signatories.AsNoTracking().Where(s => s.ContractId == contractId)
            .Select(s => new { s.OrganisationId, s.Organisation!.Name, s.Order }).ToListAsync();
        foreach (var p in partners.DistinctBy(p => p.OrganisationId).OrderBy(p => p.Order).ThenBy(p => p.Name, StringComparer.Ordinal))
            Add(DiagnosticSectionKind.PartnerContribution, "Contribution — " + p.Name, null, organisation: p.OrganisationId);
        Add(DiagnosticSectionKind.Survey, "Sentiment d'insécurité : résultats d'enquête", null);
        foreach (var axis in Enum.GetValues<DiagnosticAxis>())
            Add(DiagnosticSectionKind.Axis, "Axe " + DiagnosticLabels.Axis(axis), null, axis);
        Add(DiagnosticSectionKind.Conclusions, "Conclusions", null);
        db.Diagnostics.Add(diagnostic);
        foreach (var s in draft.Content.Sources)
            db.DiagnosticSources.Add(new DiagnosticSource
            {
                Id = Guid.NewGuid(), ContractId = contractId, DiagnosticId = diagnostic.Id, Kind = DiagnosticSourceKind.Statistics, Title = s.Title, Edition = s.Edition,
            });
        auditor.Record(AuditKinds.DiagnosticCreated, "Diagnostic", diagnostic.Id, contractId, new { sections = diagnostic.Sections.Count, area = areaId is not null });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(diagnostic.Id);
    }

    /// <summary>Who may write a section: the coordination, or a partner member on their organisation's contribution.</summary>
    private static bool MayWrite(ContractViewer viewer, DiagnosticSection section) =>
        viewer.IsCoordinator || (viewer.Role == ContractRole.PartnerMember && section.OrganisationId is { } o && o == viewer.OrganisationId);

    private async Task<(ContractViewer? Viewer, DiagnosticSection? Section)> SectionAsync(Guid contractId, Guid diagnosticId, Guid sectionId) =>
        (await viewers.ForAsync(contractId), await db.DiagnosticSections.FirstOrDefaultAsync(s => s.Id == sectionId && s.DiagnosticId == diagnosticId && s.ContractId == contractId));

    /// <summary>Writes a section's text (Markdown); a validated section goes back to draft.</summary>
    public async Task<CommandResult<Guid>> WriteSectionAsync(Guid contractId, Guid diagnosticId, Guid sectionId, string? title, string? body)
    {
        var (viewer, section) = await SectionAsync(contractId, diagnosticId, sectionId);
        if (viewer is null || section is null) return CommandResult<Guid>.Missing();
        if (!MayWrite(viewer, section))
            return CommandResult<Guid>.Denied(section.OrganisationId is null
                ? "Seule la coordination rédige cette section."
                : "Seuls les membres de l'organisation concernée (et la coordination) rédigent cette contribution.");
        var errors = new ErrorBag();
        title = title?.Trim();
        if (title is not null && title.Length == 0) errors.Add("title", "Le titre de la section ne peut pas être vide.");
        else if (title is { Length: > TitleMax }) errors.Add("title", $"Le titre ne doit pas dépasser {TitleMax} caractères.");
        if (body is { Length: > BodyMax }) errors.Add("body", $"Le texte ne doit pas dépasser {BodyMax} caractères (il en compte {body.Length}).");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        if (title is not null) section.Title = title;
        section.Body = string.IsNullOrWhiteSpace(body) ? null : body;
        section.AuthorId = viewer.UserId;
        section.Status = DiagnosticSectionStatus.Draft;
        auditor.Record(AuditKinds.DiagnosticSectionWritten, "DiagnosticSection", section.Id, contractId, new { diagnostic = diagnosticId, length = body?.Length ?? 0 });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(section.Id);
    }

    /// <summary>brouillon ↔ à relire for the section's writers; "validé" by the coordination only.</summary>
    public async Task<CommandResult<Guid>> SetStatusAsync(Guid contractId, Guid diagnosticId, Guid sectionId, string? status)
    {
        var (viewer, section) = await SectionAsync(contractId, diagnosticId, sectionId);
        if (viewer is null || section is null) return CommandResult<Guid>.Missing();
        if (DiagnosticLabels.Parse<DiagnosticSectionStatus>(status) is not { } s)
            return CommandResult<Guid>.Invalid("status", "L'état doit valoir Draft (brouillon), ToReview (à relire) ou Validated (validé).");
        if (!MayWrite(viewer, section)) return CommandResult<Guid>.Denied("Vous ne pouvez pas changer l'état de cette section.");
        if (s == DiagnosticSectionStatus.Validated && !viewer.IsCoordinator)
            return CommandResult<Guid>.Denied("Seule la coordination valide une section.");
        section.Status = s;
        auditor.Record(AuditKinds.DiagnosticSectionStatusChanged, "DiagnosticSection", section.Id, contractId, new { status = s.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(section.Id);
    }

    /// <summary>
    /// Public or members-only (coordination). Raising it raises the section's findings with it (derived records inherit
    /// restriction, ADR 0006); lowering it is a declassification of the section only, audited.
    /// </summary>
    public async Task<CommandResult<Guid>> SetVisibilityAsync(Guid contractId, Guid diagnosticId, Guid sectionId, string? visibility)
    {
        var (viewer, section) = await SectionAsync(contractId, diagnosticId, sectionId);
        if (viewer is null || section is null) return CommandResult<Guid>.Missing();
        if (!viewer.IsCoordinator) return CommandResult<Guid>.Denied("Seule la coordination change la visibilité d'une section.");
        if (DiagnosticLabels.Parse<MinutesVisibility>(visibility) is not { } v || v == MinutesVisibility.Restricted)
            return CommandResult<Guid>.Invalid("visibility", "La visibilité doit valoir Public (page publique) ou Members (membres du contrat).");
        var previous = section.Visibility;
        section.Visibility = v;
        if (v > previous)
            foreach (var f in await db.DiagnosticFindings.Where(f => f.SectionId == section.Id && f.Visibility < v).ToListAsync())
                f.Visibility = v;
        auditor.Record(v < previous ? AuditKinds.ContentDeclassified : AuditKinds.DiagnosticSectionVisibilityChanged, "DiagnosticSection", section.Id, contractId,
            new { from = previous.ToString(), to = v.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(section.Id);
    }

    /// <summary>Adds a finding (constat) on an axis, from a section; it takes the section's visibility.</summary>
    public async Task<CommandResult<Guid>> AddFindingAsync(Guid contractId, Guid diagnosticId, Guid? sectionId, string? axis, string? text)
    {
        var viewer = await viewers.ForAsync(contractId);
        if (viewer is null || !await db.Diagnostics.AnyAsync(d => d.Id == diagnosticId && d.ContractId == contractId)) return CommandResult<Guid>.Missing();
        DiagnosticSection? section = null;
        if (sectionId is { } sid && (section = await db.DiagnosticSections.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid && s.DiagnosticId == diagnosticId)) is null)
            return CommandResult<Guid>.Invalid("sectionId", "Cette section n'appartient pas au diagnostic.");
        if (!(viewer.IsCoordinator || (section is not null && MayWrite(viewer, section))))
            return CommandResult<Guid>.Denied("Un partenaire ajoute des constats à sa propre contribution ; la coordination, partout.");
        var errors = new ErrorBag();
        DiagnosticAxis? parsedAxis = null;
        if (!string.IsNullOrWhiteSpace(axis) && (parsedAxis = DiagnosticLabels.Parse<DiagnosticAxis>(axis)) is null)
            errors.Add("axis", "L'axe doit valoir Prevention, Dissuasion, Sanction ou Reparation.");
        parsedAxis ??= section?.Axis;
        text = text?.Trim() ?? "";
        if (text.Length == 0) errors.Add("text", "Le constat est obligatoire.");
        else if (text.Length > FindingMax) errors.Add("text", $"Le constat ne doit pas dépasser {FindingMax} caractères.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var position = await db.DiagnosticFindings.CountAsync(f => f.DiagnosticId == diagnosticId);
        var finding = new DiagnosticFinding
        {
            Id = Guid.NewGuid(), ContractId = contractId, DiagnosticId = diagnosticId, SectionId = section?.Id, Axis = parsedAxis, Text = text,
            Visibility = section?.Visibility ?? MinutesVisibility.Public, Position = position,
        };
        db.DiagnosticFindings.Add(finding);
        auditor.Record(AuditKinds.DiagnosticFindingAdded, "DiagnosticFinding", finding.Id, contractId, new { diagnostic = diagnosticId });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(finding.Id);
    }

    /// <summary>A plan item (priority, objective or action) of the same contract cites a finding that justifies it (coordination).</summary>
    public async Task<CommandResult<Guid>> LinkAsync(Guid contractId, Guid planItemId, Guid? findingId, bool link = true)
    {
        var viewer = await viewers.ForAsync(contractId);
        if (viewer is null || !await db.PlanItems.AnyAsync(i => i.Id == planItemId && i.ContractId == contractId)) return CommandResult<Guid>.Missing();
        if (!viewer.IsCoordinator) return CommandResult<Guid>.Denied("Seule la coordination relie les priorités du plan aux constats du diagnostic.");
        if (findingId is not { } fid || !await db.DiagnosticFindings.AnyAsync(f => f.Id == fid && f.ContractId == contractId))
            return CommandResult<Guid>.Invalid("findingId", "Ce constat n'existe pas dans les diagnostics du contrat.");
        var existing = await db.DiagnosticFindingLinks.FirstOrDefaultAsync(l => l.FindingId == fid && l.PlanItemId == planItemId);
        if (link && existing is null) db.DiagnosticFindingLinks.Add(new DiagnosticFindingLink { ContractId = contractId, FindingId = fid, PlanItemId = planItemId });
        else if (!link && existing is not null) db.DiagnosticFindingLinks.Remove(existing);
        else return CommandResult<Guid>.Ok(fid);
        auditor.Record(link ? AuditKinds.DiagnosticFindingLinked : AuditKinds.DiagnosticFindingUnlinked, "PlanItem", planItemId, contractId, new { finding = fid });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(fid);
    }

    /// <summary>Records a source (coordination). Statistics need their edition; a document needs its file (PDF).</summary>
    public async Task<CommandResult<Guid>> AddSourceAsync(Guid contractId, Guid diagnosticId, NewDiagnosticSource input)
    {
        if (await CoordinatorAsync(contractId) is null)
            return await viewers.ForAsync(contractId) is null ? CommandResult<Guid>.Missing() : CommandResult<Guid>.Denied("Seule la coordination tient le registre des sources.");
        if (!await db.Diagnostics.AnyAsync(d => d.Id == diagnosticId && d.ContractId == contractId)) return CommandResult<Guid>.Missing();
        var errors = new ErrorBag();
        var kind = DiagnosticLabels.Parse<DiagnosticSourceKind>(input.Kind);
        if (kind is null) errors.Add("kind", "Le type de source doit valoir Meeting (réunion de travail), Interview (entretien), Document ou Statistics (statistiques).");
        var title = input.Title?.Trim() ?? "";
        string? meetingTitle = null;
        DateOnly? date = input.Date;
        if (input.MeetingId is { } mid)
        {
            var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == mid && m.ContractId == contractId).Select(m => new { m.Title, m.StartsAt }).FirstOrDefaultAsync();
            if (meeting is null) errors.Add("meetingId", "Cette réunion n'existe pas dans le contrat.");
            else
            {
                meetingTitle = meeting.Title;
                date ??= Culture.ParisDate(meeting.StartsAt);
            }
            if (kind is not null and not DiagnosticSourceKind.Meeting) errors.Add("meetingId", "Seule une réunion de travail se relie à une réunion du contrat.");
        }
        if (title.Length == 0) title = meetingTitle ?? input.File?.FileName ?? "";
        if (title.Length == 0) errors.Add("title", "L'intitulé de la source est obligatoire.");
        else if (title.Length > TitleMax) errors.Add("title", $"L'intitulé ne doit pas dépasser {TitleMax} caractères.");
        if (kind == DiagnosticSourceKind.Meeting && date is null) errors.Add("date", "Indiquez la date de la réunion de travail (ou reliez-la à une réunion du contrat).");
        if (date is { } d && (d.Year < 1950 || d > Culture.ParisDate(clock.GetUtcNow()).AddYears(1)))
            errors.Add("date", "La date doit être comprise entre 1950 et l'an prochain.");
        var edition = input.Edition?.Trim();
        if (kind == DiagnosticSourceKind.Statistics && string.IsNullOrEmpty(edition)) errors.Add("edition", "Indiquez l'édition (ou le millésime) des statistiques.");
        else if (edition is { Length: > 200 }) errors.Add("edition", "L'édition ne doit pas dépasser 200 caractères.");
        var notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        if (notes is { Length: > NotesMax }) errors.Add("notes", $"Les notes ne doivent pas dépasser {NotesMax} caractères.");
        if (kind == DiagnosticSourceKind.Document && input.File is null) errors.Add("file", "Joignez le document (PDF).");
        if (input.File is { } file)
        {
            if (kind is not null and not DiagnosticSourceKind.Document) errors.Add("file", "Seule une source de type document porte un fichier.");
            else if (file.Content.Length == 0) errors.Add("file", "Le fichier est vide.");
            else if (file.Content.Length > FileMax) errors.Add("file", "Le fichier ne doit pas dépasser 20 Mo.");
            else if (!file.Content.AsSpan().StartsWith("%PDF-"u8)) errors.Add("file", "Le document doit être un PDF.");
        }
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var source = new DiagnosticSource
        {
            Id = Guid.NewGuid(), ContractId = contractId, DiagnosticId = diagnosticId, Kind = kind!.Value, Title = title, Date = date,
            MeetingId = input.MeetingId, Edition = string.IsNullOrEmpty(edition) ? null : edition, Notes = notes,
        };
        if (input.File is { } f)
        {
            var stored = new StoredFile
            {
                Id = Guid.NewGuid(), FileName = f.FileName.Length > 200 ? f.FileName[^200..] : f.FileName, ContentType = "application/pdf",
                Length = f.Content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(f.Content)), Content = f.Content,
                UploadedAt = clock.GetUtcNow(), UploadedById = user.Id,
            };
            db.Files.Add(stored);
            source.FileId = stored.Id;
        }
        db.DiagnosticSources.Add(source);
        auditor.Record(AuditKinds.DiagnosticSourceAdded, "DiagnosticSource", source.Id, contractId, new { kind = source.Kind.ToString(), file = source.FileId is not null });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(source.Id);
    }

    /// <summary>Freezes the diagnostic as it reads now: content, findings, sources and the figures snapshot, with its SHA-256.</summary>
    public async Task<CommandResult<DiagnosticVersion>> FreezeAsync(Guid contractId, Guid diagnosticId)
    {
        if (await CoordinatorAsync(contractId) is null)
            return await viewers.ForAsync(contractId) is null ? CommandResult<DiagnosticVersion>.Missing() : CommandResult<DiagnosticVersion>.Denied("Seule la coordination fige une version.");
        var diagnostic = await db.Diagnostics.FirstOrDefaultAsync(d => d.Id == diagnosticId && d.ContractId == contractId);
        if (diagnostic is null || await queries.ContentAsync(contractId, diagnosticId) is not { } content) return CommandResult<DiagnosticVersion>.Missing();
        var json = DiagnosticHash.Json(content);
        var version = new DiagnosticVersion
        {
            Id = Guid.NewGuid(), ContractId = contractId, DiagnosticId = diagnosticId, Number = diagnostic.LastVersion + 1,
            IsValidated = content.Sections.All(s => s.Status == nameof(DiagnosticSectionStatus.Validated)),
            Content = json, Sha256 = DiagnosticHash.Sha256(json), FrozenAt = clock.GetUtcNow(), FrozenById = user.Id,
        };
        diagnostic.LastVersion = version.Number;
        db.DiagnosticVersions.Add(version);
        auditor.Record(AuditKinds.DiagnosticFrozen, "DiagnosticVersion", version.Id, contractId, new { diagnostic = diagnosticId, number = version.Number, validated = version.IsValidated });
        await db.SaveChangesAsync();
        return CommandResult<DiagnosticVersion>.Ok(version);
    }

    /// <summary>Publishes a validated version on the public pages (its public parts only), or withdraws it (null).</summary>
    public async Task<CommandResult<Guid>> PublishAsync(Guid contractId, Guid diagnosticId, int? versionNumber)
    {
        if (await CoordinatorAsync(contractId) is null)
            return await viewers.ForAsync(contractId) is null ? CommandResult<Guid>.Missing() : CommandResult<Guid>.Denied("Seule la coordination publie le diagnostic.");
        var diagnostic = await db.Diagnostics.FirstOrDefaultAsync(d => d.Id == diagnosticId && d.ContractId == contractId);
        if (diagnostic is null) return CommandResult<Guid>.Missing();
        if (versionNumber is null)
        {
            diagnostic.PublishedVersionId = null;
            auditor.Record(AuditKinds.DiagnosticUnpublished, "Diagnostic", diagnosticId, contractId);
            await db.SaveChangesAsync();
            return CommandResult<Guid>.Ok(diagnosticId);
        }
        var version = await db.DiagnosticVersions.AsNoTracking().Where(v => v.DiagnosticId == diagnosticId && v.Number == versionNumber)
            .Select(v => new { v.Id, v.IsValidated }).FirstOrDefaultAsync();
        if (version is null) return CommandResult<Guid>.Invalid("version", $"La version {versionNumber} n'existe pas.");
        if (!version.IsValidated)
            return CommandResult<Guid>.Invalid("version", "Seule une version dont toutes les sections étaient validées peut être publiée.");
        diagnostic.PublishedVersionId = version.Id;
        auditor.Record(AuditKinds.DiagnosticPublished, "DiagnosticVersion", version.Id, contractId, new { diagnostic = diagnosticId, number = versionNumber });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(version.Id);
    }
}
