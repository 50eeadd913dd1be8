using System.Text.RegularExpressions;
using Vigie.Web.Features.ActionPlan;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// A category as the page form and the API PUT/POST send it. On an update, a field left out (null) keeps its value,
/// except <see cref="PilotOrganisationId"/>: null means no default pilot (the coordination routes by hand).
/// </summary>
public sealed class IncidentCategoryInput : IValidatableInput
{
    /// <summary>Open311 service_code: capitals, digits and dashes (e.g. TAG-STD), unique in the contract.</summary>
    public string? Code { get; set; }
    public string? Name { get; set; }
    /// <summary>proprete, vehicules, voirie, eclairage, tranquillite, transports or autre.</summary>
    public string? Group { get; set; }
    /// <summary>Public or Partners.</summary>
    public string? Visibility { get; set; }
    public int? SlaValue { get; set; }
    /// <summary>Hours, Days or BusinessDays.</summary>
    public string? SlaUnit { get; set; }
    public Guid? PilotOrganisationId { get; set; }
    /// <summary>Secondary partner organisations (null on an update: unchanged).</summary>
    public List<Guid>? SecondaryPartnerIds { get; set; }
    /// <summary>Secondary partners in words (e.g. "PN/GN la nuit").</summary>
    public string? SecondaryPartners { get; set; }
    /// <summary>The version the writer started from (ADR 0019); absent: no check.</summary>
    public int? Version { get; set; }
    /// <summary>
    /// Making a partners-only category public is a declassification (ADR 0006): true once the warning was read
    /// (<see cref="IncidentCategoryEditor.DeclassificationWarning"/>); without it the change is refused (400 naming <c>confirm</c>).
    /// </summary>
    public bool Confirm { get; set; }
}

/// <summary>Creates and edits a contract's categories, with a field-level history (who, when, before/after) and optimistic concurrency.</summary>
public sealed partial class IncidentCategoryEditor(AppDbContext db, Auditor auditor, PlanHistory history, IncidentCategoryCatalog catalog)
{
    /// <summary>The entity type of the category's history rows (kept with the plan's change history, <see cref="PlanChange"/>).</summary>
    public const string HistoryEntity = nameof(IncidentCategory);

    /// <summary>What a partners-only category made public exposes (ADR 0006): the page's warning and the refusal's text.</summary>
    public const string DeclassificationWarning =
        "Rendre cette catégorie publique affiche ses signalements sur la carte publique du contrat et dans l'API Open311, lisibles par tous : vérifiez qu'ils ne portent sur aucune situation confidentielle ni nominative.";

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,39}$")]
    private static partial Regex CodePattern();

    public async Task<CommandResult<IncidentCategory>> CreateAsync(Guid contractId, IncidentCategoryInput input)
    {
        await catalog.EnsureAsync(contractId);
        var category = new IncidentCategory { ContractId = contractId, Code = "", Name = "", Group = "autre", Visibility = IncidentVisibility.Partners, SlaValue = 3, SlaUnit = SlaUnit.BusinessDays };
        var errors = new ErrorBag();
        var partners = await ValidateAsync(contractId, null, input, category, errors, creating: true);
        if (errors.Any) return CommandResult<IncidentCategory>.Invalid(errors.Errors);
        category.Position = (await db.IncidentCategories.Where(c => c.ContractId == contractId).MaxAsync(c => (int?)c.Position) ?? 0) + 1;
        foreach (var p in partners!) category.Partners.Add(new IncidentCategoryPartner { OrganisationId = p, ContractId = contractId });
        db.IncidentCategories.Add(category);
        history.Record(contractId, null, HistoryEntity, category.Id, null, await SnapshotAsync(category, partners));
        auditor.Record(AuditKinds.IncidentCategoryCreated, "IncidentCategory", category.Id, contractId, new { code = category.Code });
        await db.SaveChangesAsync();
        return CommandResult<IncidentCategory>.Ok(category);
    }

    public async Task<CommandResult<IncidentCategory>> UpdateAsync(Guid contractId, string code, IncidentCategoryInput input)
    {
        await catalog.EnsureAsync(contractId);
        var category = await db.IncidentCategories.Include(c => c.Partners).FirstOrDefaultAsync(c => c.ContractId == contractId && c.Code == code);
        if (category is null) return CommandResult<IncidentCategory>.Missing();
        var before = await SnapshotAsync(category, category.Partners.Select(p => p.OrganisationId));
        var visibleBefore = category.Visibility;
        var errors = new ErrorBag();
        var partners = await ValidateAsync(contractId, category.Id, input, category, errors, creating: false);
        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return CommandResult<IncidentCategory>.Invalid(errors.Errors);
        }
        foreach (var p in category.Partners.Where(p => !partners!.Contains(p.OrganisationId)).ToList()) category.Partners.Remove(p);
        foreach (var o in partners!.Where(o => category.Partners.All(p => p.OrganisationId != o)))
            category.Partners.Add(new IncidentCategoryPartner { CategoryId = category.Id, OrganisationId = o, ContractId = contractId });
        var after = await SnapshotAsync(category, partners!);
        if (await EditConflicts.CheckAsync(db, category, input.Version, before, after) is { } conflict) return CommandResult<IncidentCategory>.Stale(conflict);
        // A partners-only category made public puts its reports on the public map and Open311: an explicit step (ADR 0006).
        if (Shared.Declassification.Unconfirmed<IncidentCategory>(
                visibleBefore == IncidentVisibility.Partners && category.Visibility == IncidentVisibility.Public, input.Confirm, DeclassificationWarning) is { } unconfirmed)
        {
            db.ChangeTracker.Clear();
            return unconfirmed;
        }
        history.Record(contractId, null, HistoryEntity, category.Id, before, after);
        auditor.Record(AuditKinds.IncidentCategoryUpdated, "IncidentCategory", category.Id, contractId, new { code = category.Code, visibility = category.Visibility.ToString() });
        // The declassification confirmed above is audited (raising it back: a reclassification).
        if (category.Visibility != visibleBefore)
            auditor.Record(category.Visibility == IncidentVisibility.Public ? AuditKinds.ContentDeclassified : AuditKinds.ContentReclassified, "IncidentCategory", category.Id, contractId,
                new { from = visibleBefore.ToString(), to = category.Visibility.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<IncidentCategory>.Ok(category);
    }

    /// <summary>The category's history, newest first: one row per changed field.</summary>
    public async Task<IReadOnlyList<ChangeView>> HistoryAsync(Guid contractId, Guid categoryId)
    {
        var key = categoryId.ToString();
        var rows = await db.PlanChanges.AsNoTracking().Where(c => c.ContractId == contractId && c.PlanItemId == null && c.EntityType == HistoryEntity && c.EntityId == key)
            .OrderByDescending(c => c.Id).Take(500).ToListAsync();
        var userIds = rows.Where(r => r.ChangedById is not null).Select(r => r.ChangedById!.Value).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
        return rows.Select(r => new ChangeView(r.ChangeGroup, r.ChangedAt, r.ChangedById is { } u && names.TryGetValue(u, out var n) ? n : null,
            r.EntityType, r.Operation, r.Field, r.Before, r.After)).ToList();
    }

    /// <summary>Checks the input and applies it to <paramref name="category"/>; returns the secondary partners to keep.</summary>
    private async Task<List<Guid>?> ValidateAsync(Guid contractId, Guid? currentId, IncidentCategoryInput input, IncidentCategory category, ErrorBag errors, bool creating)
    {
        var code = input.Code?.Trim().ToUpperInvariant();
        if (creating && string.IsNullOrEmpty(code)) errors.Add("code", "Le code de la catégorie est obligatoire (par exemple TAG-STD).");
        else if (code is { Length: > 0 } && code != category.Code)
        {
            if (!CodePattern().IsMatch(code)) errors.Add("code", "Le code de la catégorie ne contient que des lettres majuscules, des chiffres et des tirets (40 caractères au plus).");
            else if (await db.IncidentCategories.AnyAsync(c => c.ContractId == contractId && c.Code == code && c.Id != currentId))
                errors.Add("code", $"Le code « {code} » est déjà celui d'une autre catégorie du contrat.");
            else category.Code = code;
        }
        var name = input.Name?.Trim();
        if (creating && string.IsNullOrEmpty(name)) errors.Add("name", "Le libellé de la catégorie est obligatoire.");
        else if (name is { Length: > 200 }) errors.Add("name", "Le libellé de la catégorie ne doit pas dépasser 200 caractères.");
        else if (!string.IsNullOrEmpty(name)) category.Name = name;
        if (input.Group is { } group)
        {
            if (IncidentCategoryCatalog.Groups.ContainsKey(group.Trim())) category.Group = group.Trim();
            else errors.Add("group", "Le groupe doit être l'un de : " + string.Join(", ", IncidentCategoryCatalog.Groups.Keys) + ".");
        }
        if (input.Visibility is { } visibility)
        {
            if (Enum.TryParse<IncidentVisibility>(visibility, true, out var v) && Enum.IsDefined(v)) category.Visibility = v;
            else errors.Add("visibility", "La visibilité doit être Public (publique) ou Partners (partenaires seulement).");
        }
        if (category.Visibility == IncidentVisibility.Public && category.Group == IncidentCategoryCatalog.TranquilliteGroup)
            errors.Add("visibility", "Une catégorie de tranquillité publique n'est jamais publique (specs §3.3) : choisissez « partenaires seulement ».");
        if (input.SlaValue is { } sla)
        {
            if (sla is < 1 or > 365) errors.Add("slaValue", "Le délai de prise en charge doit être un nombre entier supérieur à zéro (365 au plus).");
            else category.SlaValue = sla;
        }
        else if (creating) errors.Add("slaValue", "Le délai de prise en charge est obligatoire.");
        if (input.SlaUnit is { } unit)
        {
            if (Enum.TryParse<SlaUnit>(unit, true, out var u) && Enum.IsDefined(u)) category.SlaUnit = u;
            else errors.Add("slaUnit", "L'unité du délai doit être Hours (heures), Days (jours) ou BusinessDays (jours ouvrés).");
        }
        if (input.PilotOrganisationId is { } pilot && !await db.Organisations.AnyAsync(o => o.Id == pilot && !o.IsArchived))
            errors.Add("pilotOrganisationId", "Le partenaire pilote choisi n'existe pas.");
        else category.PilotOrganisationId = input.PilotOrganisationId;
        var secondary = (input.SecondaryPartnerIds ?? category.Partners.Select(p => p.OrganisationId).ToList()).Distinct().ToList();
        if (input.SecondaryPartnerIds is { Count: > 0 } && await db.Organisations.CountAsync(o => secondary.Contains(o.Id) && !o.IsArchived) != secondary.Count)
            errors.Add("secondaryPartnerIds", "Un des partenaires secondaires choisis n'existe pas.");
        if (input.SecondaryPartners is { } words)
        {
            if (words.Trim().Length > 400) errors.Add("secondaryPartners", "Les partenaires secondaires (en toutes lettres) ne doivent pas dépasser 400 caractères.");
            else category.SecondaryPartners = words.Trim().Length == 0 ? null : words.Trim();
        }
        return errors.Any ? null : secondary;
    }

    private async Task<Dictionary<string, string?>> SnapshotAsync(IncidentCategory c, IEnumerable<Guid> partnerIds)
    {
        var partners = new List<string>();
        foreach (var p in partnerIds) partners.Add(await history.OrganisationNameAsync(p) ?? "");
        partners.Sort(StringComparer.Ordinal);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Code"] = c.Code,
            ["Libellé"] = c.Name,
            ["Groupe"] = IncidentLabels.Group(c.Group),
            ["Visibilité"] = IncidentLabels.Visibility(c.Visibility),
            ["Délai de prise en charge"] = IncidentCategoryCatalog.SlaText(c.SlaValue, c.SlaUnit),
            ["Pilote par défaut"] = await history.OrganisationNameAsync(c.PilotOrganisationId),
            ["Partenaires secondaires"] = partners.Count == 0 ? null : string.Join(", ", partners),
            ["Partenaires secondaires (en toutes lettres)"] = c.SecondaryPartners,
        };
    }
}
