using System.Security.Claims;

namespace Vigie.Web.Features.Partners;

/// <summary>
/// Who may read an organisation's contacts and change its generic address (docs/adr/0003-authorization-model.md).
///
/// An organisation record is shared by every contract it takes part in, and its generic address receives those contracts'
/// convocations and packs (never restricted content: see <c>Features.Shared.Egress</c>). Letting any member of the
/// organisation, or any contract creator, change that address let one person redirect another contract's mail. So the
/// address is set when the organisation is created and, once a contract uses the organisation, changed by platform administrators only — the people who
/// already manage accounts and can check the request with the institution — and every change is audited and e-mailed to
/// the coordinators of the contracts that use the organisation, so that an unexpected change is seen by those who rely on it.
/// Members of the organisation keep editing its other fields and its contacts.
///
/// Contacts are personal data: readable by administrators, members of that organisation, and members of a contract in
/// which the organisation takes part (signatory, body seat, attendance, task owner, plan lead, partner or commitment).
/// </summary>
public sealed class PartnerAccess(AppDbContext db, IMailer mailer, Auditor auditor, TimeProvider clock, ILogger<PartnerAccess> logger)
{
    public const string EmailChangeRefused =
        "Seuls les administrateurs de la plateforme peuvent modifier l'adresse électronique d'une organisation : elle reçoit les convocations de tous les contrats qui l'utilisent. Demandez ce changement à un administrateur.";

    public static bool CanChangeEmail(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator);

    /// <summary>The contracts in which an organisation takes part.</summary>
    public async Task<List<Guid>> ContractsUsingAsync(Guid organisationId, CancellationToken ct = default) =>
        await db.Signatories.Where(s => s.OrganisationId == organisationId).Select(s => s.ContractId)
            .Union(db.BodyMemberships.Where(s => s.OrganisationId == organisationId).Select(s => s.ContractId))
            .Union(db.Attendances.Where(s => s.OrganisationId == organisationId).Select(s => s.ContractId))
            .Union(db.FollowUpTasks.Where(s => s.OwnerOrganisationId == organisationId).Select(s => s.ContractId))
            .Union(db.PlanItems.Where(s => s.LeadOrganisationId == organisationId).Select(s => s.ContractId))
            .Union(db.PlanItemPartners.Where(s => s.OrganisationId == organisationId).Select(s => s.ContractId))
            .Union(db.Commitments.Where(s => s.OrganisationId == organisationId).Select(s => s.ContractId))
            .ToListAsync(ct);

    public async Task<bool> CanReadContactsAsync(ClaimsPrincipal user, Guid organisationId, CancellationToken ct = default)
    {
        if (user.IsInRole(Roles.Administrator) || user.OrganisationId() == organisationId) return true;
        if (user.UserId() is not { } uid) return false;
        var contracts = await ContractsUsingAsync(organisationId, ct);
        return await db.Memberships.AnyAsync(m => m.UserId == uid && contracts.Contains(m.ContractId), ct);
    }

    /// <summary>
    /// Editing or removing an existing contact shows it, so it needs the right to edit the organisation and to read its
    /// contacts — except while no contract uses the organisation (its creator completing a new record).
    /// </summary>
    public async Task<bool> CanManageContactsAsync(ClaimsPrincipal user, Guid organisationId, CancellationToken ct = default) =>
        PartnerRules.CanEdit(user, organisationId)
        && (await CanReadContactsAsync(user, organisationId, ct) || (await ContractsUsingAsync(organisationId, ct)).Count == 0);

    /// <summary>
    /// Null when the change is allowed; otherwise the French refusal. Call before saving. An unchanged address is always
    /// fine; so is a change while the organisation takes part in no contract (nobody's mail can be redirected yet — e.g. a
    /// typo fixed right after creating it). Once a contract uses it, administrators only.
    /// </summary>
    public async Task<string?> CheckEmailChangeAsync(ClaimsPrincipal user, Organisation org, PartnerInput input, CancellationToken ct = default) =>
        string.Equals(PartnerRules.Clean(input.Email), org.Email, StringComparison.OrdinalIgnoreCase) || CanChangeEmail(user)
            || (await ContractsUsingAsync(org.Id, ct)).Count == 0 ? null : EmailChangeRefused;

    /// <summary>Records the audit event (in the caller's save) and, after it, e-mails the coordinators of the contracts that use the organisation.</summary>
    public async Task<Func<Task>> RecordEmailChangeAsync(Organisation org, CancellationToken ct = default)
    {
        var contracts = await ContractsUsingAsync(org.Id, ct);
        var coordinators = await db.Memberships.AsNoTracking()
            .Where(m => contracts.Contains(m.ContractId) && m.Role == ContractRole.Coordinator && m.User!.Email != null && !m.User.IsDisabled)
            .Select(m => new { m.User!.Email, m.User.FullName, Contract = db.Contracts.Where(c => c.Id == m.ContractId).Select(c => c.Title).First() })
            .ToListAsync(ct);
        auditor.Record(AuditKinds.PartnerEmailChanged, nameof(Organisation), org.Id, data: new { contracts = contracts.Count, notified = coordinators.Count });
        var name = org.Name;
        var address = org.Email ?? "(aucune)";
        var on = Culture.Date(Culture.ParisDate(clock.GetUtcNow()));
        return async () =>
        {
            foreach (var c in coordinators)
            {
                var text = $"Bonjour {c.FullName},\n\nL'adresse électronique de l'organisation « {name} », partenaire du contrat « {c.Contract} », a été modifiée le {on} par un administrateur de Vigie.\n"
                    + $"Nouvelle adresse : {address}\n\nLes convocations et dossiers des réunions non restreintes adressés à cette organisation partiront désormais vers cette adresse. "
                    + "Si ce changement vous surprend, signalez-le à l'administrateur de la plateforme.\n\n— Vigie\n";
                try { await mailer.SendAsync(c.Email!, $"Adresse de l'organisation « {name} » modifiée", text, (string?)null, ct); }
                catch (Exception e) when (e is IOException or InvalidOperationException)
                {
                    logger.LogWarning(e, "Partner e-mail change notice could not be sent for organisation {OrganisationId}", org.Id);
                }
            }
        };
    }
}
