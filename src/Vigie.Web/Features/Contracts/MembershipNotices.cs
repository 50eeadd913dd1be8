namespace Vigie.Web.Features.Contracts;

/// <summary>
/// Every change of a contract's membership is e-mailed to its coordinators (before and after the change), at the
/// personal address of their account: who may read the contract's content never changes silently — not even
/// when an administrator makes the change.
/// </summary>
public sealed class MembershipNotices(AppDbContext db, IMailer mailer, ICurrentUser user, ILogger<MembershipNotices> log)
{
    public Task<List<Guid>> CoordinatorIdsAsync(Guid contractId) =>
        db.Memberships.Where(m => m.ContractId == contractId && m.Role == ContractRole.Coordinator).Select(m => m.UserId).ToListAsync();

    public async Task SendAsync(Guid contractId, IReadOnlyList<Guid> coordinatorsBefore, Guid memberId, ContractRole? from, ContractRole? to)
    {
        var recipients = (await CoordinatorIdsAsync(contractId)).Union(coordinatorsBefore).ToList();
        var people = await db.Users.AsNoTracking().Where(u => recipients.Contains(u.Id) || u.Id == memberId || u.Id == user.Id)
            .Select(u => new { u.Id, u.Email, u.FullName, u.IsDisabled }).ToListAsync();
        var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == contractId).Select(c => c.Title).FirstAsync();
        var member = people.First(p => p.Id == memberId);
        var actor = people.FirstOrDefault(p => p.Id == user.Id);
        var actorText = actor is null ? "Vigie" : user.IsAdministrator && !coordinatorsBefore.Contains(actor.Id)
            ? $"{actor.FullName} (administrateur de la plateforme, non coordinateur du contrat)"
            : actor.FullName;
        var change = (from, to) switch
        {
            (null, { } r) => $"a ajouté {member.FullName} comme « {Labels.Role(r)} »",
            ({ } f, null) => $"a retiré {member.FullName} (« {Labels.Role(f)} ») des membres",
            ({ } f, { } r) => $"a changé le rôle de {member.FullName} : « {Labels.Role(f)} » → « {Labels.Role(r)} »",
            _ => "a modifié les membres",
        };
        var text = $"""
            Bonjour,

            Vous êtes coordinateur du contrat « {contract} » dans Vigie.
            {actorText} {change}.

            Les membres d'un contrat peuvent lire ses données selon leur rôle. Si ce changement n'est pas prévu,
            vérifiez la page « Membres du contrat » et prévenez le référent sécurité de la plateforme.

            — Vigie
            """;
        foreach (var r in people.Where(p => recipients.Contains(p.Id) && !p.IsDisabled && !string.IsNullOrEmpty(p.Email)))
        {
            try { await mailer.SendAsync(r.Email!, $"Vigie : membres du contrat « {contract} » modifiés", text); }
            // The change is saved and audited; a mail relay failure must not undo it nor hide it: it is logged.
            catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException or InvalidOperationException)
            {
                log.LogWarning(e, "Membership notice for contract {ContractId} could not be sent to user {UserId}", contractId, r.Id);
            }
        }
    }
}
