namespace Vigie.Web.Features.Cases;

/// <summary>
/// Audit of the follow-up module (§1.5) through the hash-chained log (ADR 0008): every read and every refusal is one
/// insert of its own (like <see cref="ReadAudit"/>, with an outcome); writes go through <see cref="Auditor.Record"/> in
/// the same save. Events carry ids, the group, the tier and field names, never a value.
/// </summary>
public sealed class CaseAudit(Auditor auditor, IServiceScopeFactory scopes)
{
    public const string SheetEntity = "CaseSheet";
    public const string GroupEntity = "CaseGroup";

    public static string TierCode(CaseTier tier) => tier == CaseTier.None ? "-" : tier.ToString();

    /// <summary>A read (or a refusal) of a sheet, at a tier, saved at once: no audit, no read.</summary>
    public Task SheetReadAsync(string kind, Guid contractId, Guid groupId, Guid sheetId, CaseTier tier, string outcome = AuditOutcomes.Success) =>
        InsertAsync(auditor.Create(kind, SheetEntity, sheetId, contractId, new { group = groupId, tier = TierCode(tier) }, outcome: outcome));

    /// <summary>A refusal on a group (A1): not a member, unsigned, suspended, excluded.</summary>
    public Task DeniedAsync(Guid contractId, Guid groupId, Guid? sheetId, string reason) =>
        InsertAsync(auditor.Create(AuditKinds.CasePermissionDenied, sheetId is null ? GroupEntity : SheetEntity, (object?)sheetId ?? groupId, contractId,
            new { group = groupId, reason }, outcome: AuditOutcomes.Denied));

    public Task RecordNowAsync(string kind, string entityType, Guid entityId, Guid contractId, object data) =>
        InsertAsync(auditor.Create(kind, entityType, entityId, contractId, data));

    private async Task InsertAsync(AuditEvent e)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AuditEvents.Add(e);
        await db.SaveChangesAsync();
    }
}
