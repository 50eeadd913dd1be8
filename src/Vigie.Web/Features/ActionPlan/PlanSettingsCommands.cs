using static Vigie.Web.Features.ActionPlan.PlanRules;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Comments on an item (any member but a reader) and the plan's settings (coordinator).</summary>
public sealed class PlanSettingsCommands(AppDbContext db, PlanCommandKit kit, Auditor auditor)
{
    public async Task<CommandResult<Guid>> AddCommentAsync(Guid contractId, Guid itemId, CommentInput input)
    {
        var role = await kit.RoleAsync(contractId);
        if (role is null || await kit.ItemAsync(contractId, itemId) is null) return CommandResult<Guid>.Missing();
        if (role == ContractRole.Reader) return CommandResult<Guid>.Denied();
        var c = new PlanComment { ContractId = contractId, PlanItemId = itemId, Text = input.Text.Trim() };
        db.PlanComments.Add(c);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(c.Id);
    }

    public async Task<CommandResult<Guid>> SaveSettingsAsync(Guid contractId, PlanSettingsInput input)
    {
        var role = await kit.RoleAsync(contractId);
        if (role is null) return CommandResult<Guid>.Missing();
        if (role != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        var s = await db.PlanSettings.FirstOrDefaultAsync(x => x.ContractId == contractId);
        var before = s is null ? null : Snapshot(s);
        if (s is null) db.PlanSettings.Add(s = new PlanSettings { ContractId = contractId });
        var changed = s.PublishBudget != input.PublishBudget;
        s.PublishBudget = input.PublishBudget;
        s.ReminderDaysBefore = input.ReminderDaysBefore;
        if (before is not null && await EditConflicts.CheckAsync(db, s, input.Version, before, Snapshot(s)) is { } conflict) return CommandResult<Guid>.Stale(conflict);
        if (changed) auditor.Record(AuditKinds.PlanSettingsChanged, nameof(PlanSettings), contractId, contractId, new { publishBudget = input.PublishBudget });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(contractId);
    }

    /// <summary>The settings as the conflict message names them (French labels, displayed values).</summary>
    private static Dictionary<string, string?> Snapshot(PlanSettings s) => new()
    {
        ["Publication du budget"] = s.PublishBudget ? "oui" : "non",
        ["Délai des rappels"] = $"{s.ReminderDaysBefore} jour(s)",
    };

    /// <summary>The form of the settings as stored (defaults when the contract has none yet), with their version.</summary>
    public async Task<PlanSettingsInput> CurrentAsync(Guid contractId) =>
        await db.PlanSettings.AsNoTracking().Where(x => x.ContractId == contractId)
            .Select(x => new PlanSettingsInput { PublishBudget = x.PublishBudget, ReminderDaysBefore = x.ReminderDaysBefore, Version = x.Version })
            .FirstOrDefaultAsync() ?? new PlanSettingsInput();
}
