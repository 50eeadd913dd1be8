using Microsoft.AspNetCore.Authorization;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// Every policy of the app, named in one place (docs/adr/0003-authorization-model.md).
/// Platform policies check roles; contract requirements are stated at the door of each page and API endpoint
/// (<see cref="ContractRequirementAttribute"/>, <see cref="ContractRequirementExtensions.RequireContract"/>).
/// </summary>
public static class Policies
{
    public const string Administrator = "Administrator";
    public const string CreateContract = "CreateContract";
    /// <summary>API endpoints: authenticated by a personal access token holding the scope the verb needs.</summary>
    public const string Api = "Api";
    /// <summary>The audit log and its export: data-protection officers and administrators.</summary>
    public const string AuditRead = "AuditRead";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Administrator, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(CreateContract, p => p.RequireRole(Roles.Administrator, Roles.ContractCreator));
        // Scopes are checked here, once for every API endpoint: GET/HEAD need "read", other verbs "write".
        options.AddPolicy(Api, p => p.AddAuthenticationSchemes(AccessTokenAuthentication.SchemeName).RequireAuthenticatedUser()
            .AddRequirements(new TokenScopeRequirement()));
        options.AddPolicy(AuditRead, p => p.RequireRole(Roles.DataProtectionOfficer, Roles.Administrator));
    }
}

/// <summary>
/// Contract scoping applied inside queries: a user only ever sees the contracts they are a member of
/// (administrators see all). Pages and APIs start their queries from <see cref="Contracts"/>.
/// </summary>
public sealed class ContractAccess(AppDbContext db, ICurrentUser user, ContractViewers viewers)
{
    public IQueryable<SecurityContract> Contracts
    {
        get
        {
            if (user.IsAdministrator) return db.Contracts;
            var uid = user.Id ?? Guid.Empty;
            return db.Contracts.Where(c => c.Memberships.Any(m => m.UserId == uid));
        }
    }

    /// <summary>The user's effective role in a contract (administrators act as coordinators); null = no access.
    /// A projection of <see cref="ContractViewers.ForAsync"/>, resolved once per request.</summary>
    public async Task<ContractRole?> RoleInAsync(Guid contractId) => (await viewers.ForAsync(contractId))?.Role;

    /// <summary>Coordinator, or a partner member acting on what their own organisation owns.</summary>
    public async Task<bool> CanEditOwnedByAsync(Guid contractId, Guid organisationId)
    {
        var role = await RoleInAsync(contractId);
        return role == ContractRole.Coordinator
            || (role == ContractRole.PartnerMember && user.OrganisationId == organisationId);
    }
}
