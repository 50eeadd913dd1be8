namespace Vigie.Web.Features.Cases;

/// <summary>A programme as the list shows it; <paramref name="Used"/> (named by a sheet or a statistics stub) for the contract's coordinators only.</summary>
public sealed record CaseProgrammeDto(Guid Id, string Code, string Label, bool Archived, int Version, bool? Used);

/// <summary>
/// The programmes of the confidential follow-up (shared/specs §1.2 "programme (enum, configured per CLSPD)"; AU-038 art. 3):
/// a closed list per contract kept by its coordinators (members), offered on the sheets, carried into the anonymous
/// statistics stub at the purge and into the aggregates. A programme named by a sheet or a stub is never deleted: it is
/// archived. The sheet's programme is changed by the coordinator or the référent with the sheet's version (ADR 0019).
/// </summary>
public sealed class CaseProgrammeService(AppDbContext db, ContractViewers viewers, CaseAccess access, CaseCommands commands, CaseAudit audit, Auditor auditor)
{
    private const string Entity = "CaseProgramme";
    private const string Refusal = "Seul un coordinateur du contrat tient la liste des programmes du suivi individuel.";

    /// <summary>The contract's programmes, in force first, by label: any member of the contract (a closed list, no personal data).</summary>
    public async Task<CommandResult<IReadOnlyList<CaseProgrammeDto>>> ListAsync(Guid contractId)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<IReadOnlyList<CaseProgrammeDto>>.Missing();
        var rows = await db.CaseProgrammes.AsNoTracking().Where(p => p.ContractId == contractId).ToListAsync();
        var used = v.IsCoordinatorMember ? await UsedAsync(contractId) : null;
        return CommandResult<IReadOnlyList<CaseProgrammeDto>>.Ok([.. rows.OrderBy(p => p.Archived).ThenBy(p => p.Label, StringComparer.Create(Culture.French, true))
            .Select(p => new CaseProgrammeDto(p.Id, p.Code, p.Label, p.Archived, p.Version, used?.Contains(p.Id)))]);
    }

    public async Task<CommandResult<Guid>> CreateAsync(Guid contractId, CaseProgrammeInput input)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<Guid>.Missing();
        if (!v.IsCoordinatorMember) return CommandResult<Guid>.Denied(Refusal);
        var (code, label) = (input.Code!.Trim().ToUpperInvariant(), input.Label!.Trim());
        if (await UniqueErrorsAsync(contractId, null, code, label) is { Any: true } errors) return CommandResult<Guid>.Invalid(errors.Errors);
        var programme = new CaseProgramme { Id = Guid.NewGuid(), ContractId = contractId, Code = code, Label = label, Archived = input.Archived };
        db.CaseProgrammes.Add(programme);
        auditor.Record(AuditKinds.CaseProgrammeCreated, Entity, programme.Id, contractId, new { code, archived = programme.Archived });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(programme.Id);
    }

    /// <summary>Changes the code, the label or the archived state; a stale version answers the conflict naming the stored values.</summary>
    public async Task<CommandResult<int>> UpdateAsync(Guid contractId, Guid programmeId, CaseProgrammeInput input)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<int>.Missing();
        if (!v.IsCoordinatorMember) return CommandResult<int>.Denied(Refusal);
        var programme = await db.CaseProgrammes.FirstOrDefaultAsync(p => p.Id == programmeId && p.ContractId == contractId);
        if (programme is null) return CommandResult<int>.Missing();
        var (code, label) = (input.Code!.Trim().ToUpperInvariant(), input.Label!.Trim());
        if (await UniqueErrorsAsync(contractId, programmeId, code, label) is { Any: true } errors) return CommandResult<int>.Invalid(errors.Errors);
        if (await EditConflicts.CheckAsync(db, programme, input.Version, Fields(programme.Code, programme.Label, programme.Archived), Fields(code, label, input.Archived)) is { } conflict)
            return CommandResult<int>.Stale(conflict);
        var changed = new (string Field, bool Changed)[] { ("code", code != programme.Code), ("label", label != programme.Label), ("archived", input.Archived != programme.Archived) }
            .Where(x => x.Changed).Select(x => x.Field).ToList();
        (programme.Code, programme.Label, programme.Archived) = (code, label, input.Archived);
        auditor.Record(AuditKinds.CaseProgrammeUpdated, Entity, programme.Id, contractId, new { version = programme.Version, fields = changed, archived = programme.Archived });
        await db.SaveChangesAsync();
        return CommandResult<int>.Ok(programme.Version);
    }

    /// <summary>Deletes a programme no sheet and no statistics stub names; a used one is refused (archive it instead).</summary>
    public async Task<CommandResult<Guid>> DeleteAsync(Guid contractId, Guid programmeId)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<Guid>.Missing();
        if (!v.IsCoordinatorMember) return CommandResult<Guid>.Denied(Refusal);
        var programme = await db.CaseProgrammes.FirstOrDefaultAsync(p => p.Id == programmeId && p.ContractId == contractId);
        if (programme is null) return CommandResult<Guid>.Missing();
        if (await db.CaseSheets.AnyAsync(s => s.ProgrammeId == programmeId) || await db.CaseStatsStubs.AnyAsync(s => s.ProgrammeId == programmeId))
            return CommandResult<Guid>.Invalid("programmeId",
                $"Le programme « {programme.Label} » est nommé par des fiches ou par les statistiques anonymes : il ne peut plus être supprimé. Archivez-le pour ne plus le proposer.");
        db.CaseProgrammes.Remove(programme);
        auditor.Record(AuditKinds.CaseProgrammeDeleted, Entity, programme.Id, contractId, new { code = programme.Code });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(programmeId);
    }

    /// <summary>
    /// The programme of a sheet (none when empty): the coordinator or the référent (tier 3), with the sheet's version; a
    /// member who reads the sheet is refused (403), a sheet outside their window is a 404; an archived sheet is read-only.
    /// </summary>
    public async Task<CommandResult<int>> SetSheetProgrammeAsync(Guid contractId, Guid groupId, Guid sheetId, CaseSheetProgrammeInput input)
    {
        if (await access.GroupAsync(contractId, groupId) is not { } v) return CommandResult<int>.Missing();
        var sheet = v.HasContentAccess ? await access.VisibleSheets(v).FirstOrDefaultAsync(s => s.Id == sheetId) : null;
        if (sheet is null) return await commands.SheetRefusalAsync<int>(contractId, groupId, sheetId);
        if (CaseAccess.TierOn(v, sheet) < CaseTier.T3)
        {
            await audit.DeniedAsync(contractId, groupId, sheetId, "not-entitled");
            return CommandResult<int>.Denied("Seuls le coordonnateur et le référent de parcours changent le programme de la fiche.");
        }
        var errors = new ErrorBag();
        await CheckChoiceAsync(db, contractId, input.ProgrammeId, sheet.ProgrammeId, errors);
        if (errors.Any) return CommandResult<int>.Invalid(errors.Errors);
        var labels = await db.CaseProgrammes.AsNoTracking().Where(p => p.ContractId == contractId).ToDictionaryAsync(p => p.Id, p => p.Label);
        string Label(Guid? id) => id is { } x && labels.TryGetValue(x, out var l) ? l : "aucun";
        if (await EditConflicts.CheckAsync(db, sheet, input.Version, new Dictionary<string, string?> { ["Programme"] = Label(sheet.ProgrammeId) },
                new Dictionary<string, string?> { ["Programme"] = Label(input.ProgrammeId) }) is { } conflict)
            return CommandResult<int>.Stale(conflict);
        // The field's name only, never its values: the log is read by the contract's DPO, who sees no sheet's content (§1.5).
        auditor.Record(AuditKinds.CaseSheetUpdated, CaseAudit.SheetEntity, sheetId, contractId,
            new { group = groupId, tier = "T1", change = "programme", fields = new[] { "programmeId" } });
        sheet.ProgrammeId = input.ProgrammeId;
        await db.SaveChangesAsync();
        return CommandResult<int>.Ok(sheet.Version);
    }

    /// <summary>A programme chosen for a sheet: one of the contract's, in force (an archived one is kept only by the sheet already naming it).</summary>
    internal static async Task CheckChoiceAsync(AppDbContext db, Guid contractId, Guid? programmeId, Guid? current, ErrorBag errors)
    {
        if (programmeId is not { } id) return;
        var archived = await db.CaseProgrammes.Where(p => p.Id == id && p.ContractId == contractId).Select(p => (bool?)p.Archived).FirstOrDefaultAsync();
        if (archived is null) errors.Add("programmeId", "Choisissez le programme dans la liste des programmes du contrat.");
        else if (archived.Value && id != current) errors.Add("programmeId", "Ce programme est archivé : choisissez un programme en cours.");
    }

    /// <summary>The choices of a sheet's programme select: the programmes in force, and the sheet's own if archived.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Label)>> ChoicesAsync(Guid contractId, Guid? current = null) =>
        [.. (await db.CaseProgrammes.AsNoTracking().Where(p => p.ContractId == contractId && (!p.Archived || p.Id == current)).ToListAsync())
            .OrderBy(p => p.Label, StringComparer.Create(Culture.French, true)).Select(p => (p.Id, p.Archived ? $"{p.Label} (archivé)" : p.Label))];

    private async Task<HashSet<Guid>> UsedAsync(Guid contractId)
    {
        var sheets = await db.CaseSheets.Where(s => s.ContractId == contractId && s.ProgrammeId != null).Select(s => s.ProgrammeId!.Value).Distinct().ToListAsync();
        var stubs = await db.CaseStatsStubs.Where(s => s.ContractId == contractId && s.ProgrammeId != null).Select(s => s.ProgrammeId!.Value).Distinct().ToListAsync();
        return [.. sheets, .. stubs];
    }

    private async Task<ErrorBag> UniqueErrorsAsync(Guid contractId, Guid? self, string code, string label)
    {
        var errors = new ErrorBag();
        var others = await db.CaseProgrammes.AsNoTracking().Where(p => p.ContractId == contractId && p.Id != self).Select(p => new { p.Code, p.Label }).ToListAsync();
        if (others.Any(p => p.Code == code)) errors.Add("code", $"Le code « {code} » est déjà celui d'un autre programme du contrat.");
        if (others.Any(p => string.Equals(p.Label, label, StringComparison.OrdinalIgnoreCase))) errors.Add("label", $"Un programme « {label} » existe déjà dans ce contrat.");
        return errors;
    }

    private static Dictionary<string, string?> Fields(string code, string label, bool archived) => new()
    {
        ["Code"] = code,
        ["Intitulé"] = label,
        ["État"] = archived ? "archivé" : "en cours",
    };
}
