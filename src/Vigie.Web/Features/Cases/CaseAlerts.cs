namespace Vigie.Web.Features.Cases;

/// <summary>
/// Rule A7 (shared/specs §1.4): when a member is excluded or suspended, the access is already gone (every read checks
/// the member row, <see cref="CaseAccess"/>) and the group's coordonnateur gets an alert by mail. The mail carries the
/// group's name, the member row's id, the date and a link, never a person's name (a mailbox is outside Vigie).
/// Vigie has no "maire" account role: the coordonnateur forwards the alert to the mayor's office.
/// </summary>
public sealed class CaseAlerts(AppDbContext db, IMailer mailer, PublicLinks links, ILogger<CaseAlerts> logger)
{
    public async Task MemberRevokedAsync(CaseGroup group, Guid memberId, CaseMemberStatus status, DateOnly day)
    {
        var email = await db.Users.Where(u => u.Id == group.CoordinatorUserId && !u.IsDisabled).Select(u => u.Email).FirstOrDefaultAsync();
        if (email is null) return;
        var what = status == CaseMemberStatus.Excluded ? "exclu" : "suspendu";
        var link = links.ToPage("/Cases/Group", new { id = group.ContractId, groupId = group.Id });
        try
        {
            await mailer.SendAsync(email, $"Suivi individuel : un membre du dispositif « {group.Name} » a été {what}",
                $"Bonjour,\n\nLe {Culture.Date(day)}, un membre du dispositif « {group.Name} » a été {what} (référence de la participation : {memberId}). "
                + "Son accès aux situations individuelles est retiré immédiatement, y compris pour une session déjà ouverte (charte déontologique, règle A7).\n\n"
                + $"Transmettez cette alerte au maire si la charte le prévoit. Le dispositif : {link}\n\nVigie", htmlBody: null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exclusion is saved and effective; only the alert failed. Logged with ids only.
            logger.LogError(e, "A7 alert for member {MemberId} of case group {GroupId} could not be sent", memberId, group.Id);
        }
    }
}
