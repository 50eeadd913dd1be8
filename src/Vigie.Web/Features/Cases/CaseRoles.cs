using System.ComponentModel.DataAnnotations;

namespace Vigie.Web.Features.Cases;

/// <summary>A member's institution and function in a group, as the coordinator corrects them.</summary>
public sealed class CaseMemberRoleInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez l'institution du membre.")]
    public CaseInstitution? Institution { get; set; }

    [StringLength(200, ErrorMessage = "La fonction ne doit pas dépasser 200 caractères.")]
    public string? Function { get; set; }
}

/// <summary>The member who becomes the group's coordonnateur.</summary>
public sealed class CaseCoordinatorInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez le nouveau coordonnateur parmi les membres du dispositif.")]
    public Guid? MemberId { get; set; }
}

/// <summary>The référent de parcours of a sheet: an active member of the group, or none.</summary>
public sealed class CaseReferentInput : IValidatableInput
{
    public Guid? UserId { get; set; }
}

/// <summary>
/// Role changes in a group (shared/specs §1.4 A8 "role changes … are logged", §1.5 ROLE_CHANGED), by the group's
/// coordinator: a member's institution or function, the coordonnateur handed over to another member, a sheet's référent.
/// Each change is one <see cref="AuditKinds.CaseRoleChanged"/> event (ids, field names and closed-list values; never the
/// free-text function). The DPO designations are in <see cref="CaseAuditLog.SetDposAsync"/>.
/// </summary>
public sealed class CaseRoles(AppDbContext db, CaseCommands commands, CaseAccess access, Auditor auditor)
{
    public async Task<CommandResult<Guid>> UpdateMemberAsync(Guid contractId, Guid groupId, Guid memberId, CaseMemberRoleInput input)
    {
        if (await commands.CoordinatorAsync(contractId, groupId) is null) return await commands.RefusalAsync<Guid>(contractId, groupId);
        var member = await db.CaseGroupMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.GroupId == groupId);
        if (member is null) return CommandResult<Guid>.Missing();
        var function = CaseCommands.Clean(input.Function);
        var fields = new List<string>();
        var oldInstitution = member.Institution;
        if (member.Institution != input.Institution!.Value) fields.Add("institution");
        if (member.Function != function) fields.Add("function");
        if (fields.Count == 0) return CommandResult<Guid>.Ok(member.Id);
        member.Institution = input.Institution.Value;
        member.Function = function;
        auditor.Record(AuditKinds.CaseRoleChanged, CaseAudit.GroupEntity, groupId, contractId, new
        {
            role = "member", change = "updated", member = member.Id, user = member.UserId, fields,
            from = fields.Contains("institution") ? oldInstitution.ToString() : null, to = fields.Contains("institution") ? member.Institution.ToString() : null,
        });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(member.Id);
    }

    /// <summary>Hands the coordination over to an active member who signed the current charter; the former coordinator stays a member.</summary>
    public async Task<CommandResult<Guid>> ChangeCoordinatorAsync(Guid contractId, Guid groupId, CaseCoordinatorInput input)
    {
        if (await commands.CoordinatorAsync(contractId, groupId) is not { } v) return await commands.RefusalAsync<Guid>(contractId, groupId);
        var member = await db.CaseGroupMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == input.MemberId && m.GroupId == groupId);
        var today = access.Today;
        if (member is null) return CommandResult<Guid>.Invalid("memberId", "Ce membre n'appartient pas au dispositif.");
        if (member.UserId == v.Group.CoordinatorUserId) return CommandResult<Guid>.Invalid("memberId", "Ce membre est déjà le coordonnateur du dispositif.");
        if (member.Status != CaseMemberStatus.Active || member.From > today || member.To < today || member.SignedCharterVersion != v.Group.CharterVersion)
            return CommandResult<Guid>.Invalid("memberId", "Le nouveau coordonnateur doit être un membre actif du dispositif qui a signé la charte en vigueur.");
        var group = await db.CaseGroups.FirstAsync(g => g.Id == groupId);
        var former = group.CoordinatorUserId;
        group.CoordinatorUserId = member.UserId;
        auditor.Record(AuditKinds.CaseRoleChanged, CaseAudit.GroupEntity, groupId, contractId, new { role = "coordinator", change = "handed-over", from = former, to = member.UserId });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(member.Id);
    }

    /// <summary>Names (or removes) a sheet's référent de parcours, who reads its tiers 1 to 3 (A2, A3).</summary>
    public async Task<CommandResult<Guid>> SetReferentAsync(Guid contractId, Guid groupId, Guid sheetId, CaseReferentInput input)
    {
        if (await commands.CoordinatorSheetAsync(contractId, groupId, sheetId) is not { } found) return await commands.SheetRefusalAsync<Guid>(contractId, groupId, sheetId);
        var today = access.Today;
        if (input.UserId is { } uid && !await db.CaseGroupMembers.AnyAsync(m => m.GroupId == groupId && m.UserId == uid && m.Status == CaseMemberStatus.Active
                && m.From <= today && (m.To == null || m.To >= today)))
            return CommandResult<Guid>.Invalid("userId", "Le référent de parcours doit être un membre actif du dispositif.");
        var sheet = await db.CaseSheets.FirstAsync(s => s.Id == found.Item2.Id);
        if (sheet.ReferentUserId == input.UserId) return CommandResult<Guid>.Ok(sheet.Id);
        var former = sheet.ReferentUserId;
        sheet.ReferentUserId = input.UserId;
        auditor.Record(AuditKinds.CaseRoleChanged, CaseAudit.SheetEntity, sheet.Id, contractId, new
        {
            group = groupId, tier = "T1", role = "referent", change = input.UserId is null ? "removed" : "designated", from = former, to = input.UserId,
        });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(sheet.Id);
    }
}
