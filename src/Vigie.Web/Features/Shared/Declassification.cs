using System.ComponentModel.DataAnnotations;
using Vigie.Web.Features.Governance;

namespace Vigie.Web.Features.Shared;

/// <summary>A new visibility for a derived record; lowering it needs <see cref="Confirm"/> (the warning was read).</summary>
public sealed class VisibilityInput : IValidatableInput
{
    [Required(ErrorMessage = "Choisissez la visibilité : public, membres ou restreint.")]
    public MinutesVisibility? Visibility { get; set; }

    /// <summary>"I understand that this content will be readable by more people, and that e-mails or the public page may carry it."</summary>
    public bool Confirm { get; set; }
}

/// <summary>
/// Changing the visibility of a record derived from meeting content (a follow-up task, a plan item created or amended by a
/// decision). Raising it is an ordinary change (a coordinator, or someone entitled). Lowering it — a declassification, e.g.
/// turning a restricted decision into a public plan action — is explicit: the caller confirms a warning, must be entitled to
/// the content (a coordinator of the contract by membership, or a current member of the source body: never a platform
/// administrator as such), and the change is audited (<see cref="AuditKinds.ContentDeclassified"/>).
/// </summary>
public sealed class Declassification(AppDbContext db, GovernanceAccess governance, Infrastructure.ContractViewers viewers, ActionPlan.PlanQueries plan, Auditor auditor)
{
    public const string Warning =
        "Abaisser la visibilité rend ce contenu lisible par davantage de personnes (membres du contrat, ou tout public sur la page publique et le bilan) : vérifiez qu'il ne contient aucune information confidentielle ni nominative.";

    public async Task<CommandResult<Guid>> SetTaskVisibilityAsync(Guid contractId, Guid taskId, VisibilityInput input)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<Guid>.Missing();
        var task = await governance.VisibleTasks(v).FirstOrDefaultAsync(t => t.Id == taskId);
        if (task is null) return CommandResult<Guid>.Missing();
        var to = input.Visibility!.Value;
        // The owner may read a restricted task, not spread it: entitlement comes from the body or the coordination.
        var entitled = await governance.EntitledToBodyAsync(v, task.BodyId);
        var result = Check(task.Visibility, to, entitled, v.IsCoordinator && (task.Visibility != MinutesVisibility.Restricted || entitled), input.Confirm);
        if (result is not null) return result;
        Record(nameof(FollowUpTask), task.Id, contractId, task.Visibility, to);
        task.Visibility = to;
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(task.Id);
    }

    public async Task<CommandResult<Guid>> SetPlanItemVisibilityAsync(Guid contractId, Guid itemId, VisibilityInput input)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<Guid>.Missing();
        var visible = await plan.VisibleItemIdsAsync(contractId, await plan.ReaderEntitlementAsync(contractId));
        var item = visible.Contains(itemId) ? await db.PlanItems.FirstOrDefaultAsync(i => i.Id == itemId && i.ContractId == contractId) : null;
        if (item is null) return CommandResult<Guid>.Missing();
        var to = input.Visibility!.Value;
        var sourceBody = await db.Meetings.Where(m => m.Id == item.SourceMeetingId).Select(m => (Guid?)m.BodyId).FirstOrDefaultAsync();
        var entitled = await governance.EntitledToBodyAsync(v, sourceBody);
        var result = Check(item.Visibility, to, entitled, v.IsCoordinator && (item.Visibility != MinutesVisibility.Restricted || entitled), input.Confirm);
        if (result is not null) return result;
        Record(nameof(PlanItem), item.Id, contractId, item.Visibility, to);
        item.Visibility = to;
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(item.Id);
    }

    /// <summary>Null when the change may go ahead.</summary>
    private static CommandResult<Guid>? Check(MinutesVisibility from, MinutesVisibility to, bool entitled, bool mayRaise, bool confirmed)
    {
        if (to == from) return null;
        if (to > from) return mayRaise || entitled ? null : CommandResult<Guid>.Denied();
        if (!entitled) return CommandResult<Guid>.Denied();
        return Unconfirmed<Guid>(lowering: true, confirmed);
    }

    /// <summary>
    /// The explicit step every lowering of visibility needs (ADR 0006), for this class and for the other records that carry a
    /// visibility of their own (an incident category made public): null when nothing is lowered or the warning was confirmed,
    /// else the French error on <c>confirm</c> that repeats the warning (<paramref name="warning"/>, or the general one).
    /// </summary>
    public static CommandResult<T>? Unconfirmed<T>(bool lowering, bool confirmed, string warning = Warning) =>
        !lowering || confirmed ? null : CommandResult<T>.Invalid("confirm", "Confirmez la déclassification : " + warning);

    private void Record(string type, Guid id, Guid contractId, MinutesVisibility from, MinutesVisibility to)
    {
        if (from == to) return;
        auditor.Record(to < from ? AuditKinds.ContentDeclassified : AuditKinds.ContentReclassified, type, id, contractId,
            new { from = from.ToString(), to = to.ToString() });
    }
}
