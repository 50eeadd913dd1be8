namespace Vigie.Web.Features.Cases;

/// <summary>What the collective notice of one group says: its name, kind and sections (title, text).</summary>
public sealed record CaseNoticeGroup(string Name, CaseGroupKind Kind, IReadOnlyList<(string Title, string Text)> Sections);

/// <summary>The contract's public information page on the follow-up (§1.7): no name, no person, no member; groups that exist only.</summary>
public sealed record CasePublicNotice(Guid ContractId, string ContractTitle, string Controller, string? ControllerAddress, string Dpo, IReadOnlyList<CaseNoticeGroup> Groups);

/// <summary>The controller and DPO settings as the API and the form show them; <see cref="Saved"/> false while the defaults apply.</summary>
public sealed record CaseNoticeSettingsDto(string? ControllerName, string? ControllerAddress, string? DpoName, string? DpoContact, int Version, bool Saved);

/// <summary>
/// The collective notice of §1.7 (CNIL 2020 "double niveau"): controller, purpose, legal basis, data categories,
/// recipients by institution, retention, rights and their contact (the DPO), the right to complain to the CNIL. Printed in
/// the individual letter and the person's export, and published per group on the contract's public page.
/// </summary>
public static class CaseNotice
{
    public const string DefaultController = "Le maire de la commune, qui préside le conseil local de sécurité et de prévention de la délinquance";
    public const string DefaultDpo = "le délégué à la protection des données de la commune";

    public static string Controller(CaseNoticeSettings? settings) => settings?.ControllerName ?? DefaultController;

    /// <summary>The DPO as the notice names them: name (when given) and contact.</summary>
    public static string Dpo(CaseNoticeSettings? settings) => settings is null ? DefaultDpo
        : $"le délégué à la protection des données{(settings.DpoName is { } n ? $" ({n})" : "")} : {settings.DpoContact}";

    public static IReadOnlyList<(string Title, string Text)> Sections(CaseGroup group, CaseNoticeSettings? settings, IReadOnlyCollection<CaseInstitution> institutions) =>
    [
        ("Responsable du traitement", Controller(settings) + (settings?.ControllerAddress is { } a ? $", {a}" : "") + "."),
        ("Finalité", group.Kind == CaseGroupKind.Cddf
            ? "L'accompagnement des familles par le conseil pour les droits et devoirs des familles : le suivi individualisé des situations qui lui sont soumises."
            : "Le suivi individualisé de prévention des personnes exposées à la délinquance ou en difficulté, au sein des groupes de travail et d'échange d'informations "
              + "à vocation territoriale ou thématique du conseil local de sécurité et de prévention de la délinquance."),
        ("Base légale", "L'exécution d'une mission d'intérêt public (article 6-1-e du RGPD) confiée par "
            + (group.Kind == CaseGroupKind.Cddf ? "l'article L141-1 du code de l'action sociale et des familles" : "l'article L132-5 du code de la sécurité intérieure")
            + ", dans le cadre de l'autorisation unique AU-038 de la CNIL."),
        ("Données traitées", "Identité, coordonnées, représentants légaux, situation scolaire ou professionnelle, difficultés repérées (liste fermée), actions proposées et leurs résultats, "
            + "mesures judiciaires sans mention d'infraction."),
        ("Destinataires", "Les seuls membres du dispositif, professionnels tenus au secret et signataires de sa charte déontologique, selon leur besoin d'en connaître"
            + (institutions.Count == 0 ? "." : " : " + string.Join(", ", institutions.Select(CaseLabels.Institution).Order(StringComparer.Create(Culture.French, true))) + ".")),
        ("Durée de conservation", $"Le temps du suivi, réexaminé tous les six mois ; une situation non retenue est conservée {group.NotRetainedMonths} mois au plus ; "
            + $"puis {group.ArchiveMonths} mois d'archive après la fin du suivi"
            + (group.CohortMaxAge is { } max ? $", et au plus tard jusqu'à la veille des {max} ans de la personne" : "") + ", avant suppression définitive."),
        ("Vos droits", "Vous pouvez accéder aux données vous concernant, les faire rectifier, demander leur effacement ou la limitation de leur traitement, et vous opposer au traitement, "
            + $"par écrit auprès de {Dpo(settings)}. Une réponse vous est apportée dans un délai d'un mois, prolongeable de deux mois."),
        ("Réclamation", "Vous pouvez adresser une réclamation à la Commission nationale de l'informatique et des libertés (CNIL), 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, www.cnil.fr."),
    ];
}

/// <summary>
/// Loads what the collective notice needs (the contract's settings, the institutions of a group's active members —
/// never their names) and edits the settings (a coordinator of the contract, with the version check of ADR 0019).
/// </summary>
public sealed class CaseNoticeService(AppDbContext db, Infrastructure.ContractViewers viewers, Auditor auditor, TimeProvider clock)
{
    private const string Entity = nameof(CaseNoticeSettings);

    private DateOnly Today => Culture.ParisDate(clock.GetUtcNow());

    public Task<CaseNoticeSettings?> SettingsAsync(Guid contractId) =>
        db.CaseNoticeSettings.AsNoTracking().FirstOrDefaultAsync(s => s.ContractId == contractId);

    /// <summary>The institutions of the group's members active today (the notice's recipients), distinct.</summary>
    public async Task<IReadOnlyList<CaseInstitution>> InstitutionsAsync(Guid groupId) =>
        await ActiveMembers().Where(m => m.GroupId == groupId).Select(m => m.Institution).Distinct().ToListAsync();

    private IQueryable<CaseGroupMember> ActiveMembers()
    {
        var today = Today;
        return db.CaseGroupMembers.AsNoTracking().Where(m => m.Status == CaseMemberStatus.Active && m.From <= today && (m.To == null || m.To >= today));
    }

    /// <summary>The sections printed in a letter or an export about a sheet of <paramref name="group"/>.</summary>
    public async Task<IReadOnlyList<(string Title, string Text)>> SectionsAsync(CaseGroup group) =>
        CaseNotice.Sections(group, await SettingsAsync(group.ContractId), await InstitutionsAsync(group.Id));

    /// <summary>The public page of a published contract (null otherwise): one notice per existing group.</summary>
    public async Task<CasePublicNotice?> PublicAsync(Guid contractId)
    {
        var title = await db.Contracts.AsNoTracking().Where(c => c.Id == contractId && c.IsPublished).Select(c => c.Title).FirstOrDefaultAsync();
        if (title is null) return null;
        var settings = await SettingsAsync(contractId);
        var groups = await db.CaseGroups.AsNoTracking().Where(g => g.ContractId == contractId).OrderBy(g => g.Name).ToListAsync();
        // One query for the institutions of every group (not one per group).
        var ids = groups.Select(g => g.Id).ToList();
        var institutions = (await ActiveMembers().Where(m => ids.Contains(m.GroupId)).Select(m => new { m.GroupId, m.Institution }).Distinct().ToListAsync())
            .ToLookup(x => x.GroupId, x => x.Institution);
        var notices = groups.Select(g => new CaseNoticeGroup(g.Name, g.Kind, CaseNotice.Sections(g, settings, [.. institutions[g.Id]]))).ToList();
        return new CasePublicNotice(contractId, title, CaseNotice.Controller(settings), settings?.ControllerAddress, CaseNotice.Dpo(settings), notices);
    }

    /// <summary>The settings for their form: a coordinator of the contract (member), 403 for other members, 404 when the contract is not visible.</summary>
    public async Task<CommandResult<CaseNoticeSettingsDto>> GetAsync(Guid contractId)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<CaseNoticeSettingsDto>.Missing();
        if (!v.IsCoordinatorMember) return CommandResult<CaseNoticeSettingsDto>.Denied(Refusal);
        var s = await SettingsAsync(contractId);
        return CommandResult<CaseNoticeSettingsDto>.Ok(s is null
            ? new CaseNoticeSettingsDto(null, null, null, null, 0, false)
            : new CaseNoticeSettingsDto(s.ControllerName, s.ControllerAddress, s.DpoName, s.DpoContact, s.Version, true));
    }

    /// <summary>Saves the settings (created on the first save); a stale version answers the conflict naming the stored values.</summary>
    public async Task<CommandResult<int>> SaveAsync(Guid contractId, CaseNoticeSettingsInput input)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<int>.Missing();
        if (!v.IsCoordinatorMember) return CommandResult<int>.Denied(Refusal);
        var (controller, address, dpo, contact) = (input.ControllerName!.Trim(), CaseCommands.Clean(input.ControllerAddress), CaseCommands.Clean(input.DpoName), input.DpoContact!.Trim());
        var s = await db.CaseNoticeSettings.FirstOrDefaultAsync(x => x.ContractId == contractId);
        if (s is null)
        {
            s = new CaseNoticeSettings { ContractId = contractId, ControllerName = controller, DpoContact = contact };
            db.CaseNoticeSettings.Add(s);
        }
        else if (await EditConflicts.CheckAsync(db, s, input.Version, Fields(s.ControllerName, s.ControllerAddress, s.DpoName, s.DpoContact),
                     Fields(controller, address, dpo, contact)) is { } conflict)
            return CommandResult<int>.Stale(conflict);
        (s.ControllerName, s.ControllerAddress, s.DpoName, s.DpoContact) = (controller, address, dpo, contact);
        auditor.Record(AuditKinds.CaseNoticeSettingsSaved, Entity, s.Id, contractId, new { version = s.Version });
        await db.SaveChangesAsync();
        return CommandResult<int>.Ok(s.Version);
    }

    private const string Refusal = "Seul un coordinateur du contrat renseigne le responsable du traitement et le délégué à la protection des données.";

    private static Dictionary<string, string?> Fields(string controller, string? address, string? dpo, string contact) => new()
    {
        ["Responsable du traitement"] = controller,
        ["Adresse du responsable"] = address,
        ["Délégué à la protection des données"] = dpo,
        ["Contact du délégué"] = contact,
    };
}
