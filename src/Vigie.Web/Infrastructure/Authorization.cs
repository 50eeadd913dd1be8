using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Vigie.Web.Data;
using Vigie.Web.Domain;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// Every policy of the app, named in one place (docs/adr/0003-authorization-model.md).
/// Platform policies check roles; contract policies are resource-based: the resource is the contract id.
/// </summary>
public static class Policies
{
    public const string Administrator = "Administrator";
    public const string CreateContract = "CreateContract";
    /// <summary>API endpoints: authenticated by a personal access token holding the scope the verb needs.</summary>
    public const string Api = "Api";
    public const string ContractRead = "Contract.Read";
    public const string ContractEdit = "Contract.Edit";
    /// <summary>The audit log and its export: data-protection officers and administrators.</summary>
    public const string AuditRead = "AuditRead";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Administrator, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(CreateContract, p => p.RequireRole(Roles.Administrator, Roles.ContractCreator));
        // Scopes are checked here, once for every API endpoint: GET/HEAD need "read", other verbs "write".
        options.AddPolicy(Api, p => p.AddAuthenticationSchemes(AccessTokenAuthentication.SchemeName).RequireAuthenticatedUser()
            .AddRequirements(new TokenScopeRequirement()));
        options.AddPolicy(ContractRead, p => p.AddRequirements(new ContractRoleRequirement(ContractRole.Reader)));
        options.AddPolicy(ContractEdit, p => p.AddRequirements(new ContractRoleRequirement(ContractRole.Coordinator)));
        options.AddPolicy(AuditRead, p => p.RequireRole(Roles.DataProtectionOfficer, Roles.Administrator));
    }
}

public sealed record ContractRoleRequirement(ContractRole Minimum) : IAuthorizationRequirement;

/// <summary>Grants a contract requirement when the user's role in that contract is at least the minimum.</summary>
public sealed class ContractRoleHandler(ContractAccess access) : AuthorizationHandler<ContractRoleRequirement, Guid>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ContractRoleRequirement requirement, Guid contractId)
    {
        var role = await access.RoleInAsync(contractId);
        if (role is not null && role.Value >= requirement.Minimum) context.Succeed(requirement);
    }
}

/// <summary>
/// Contract scoping applied inside queries: a user only ever sees the contracts they are a member of
/// (administrators see all). Pages and APIs start their queries from <see cref="Contracts"/>.
/// </summary>
public sealed class ContractAccess(AppDbContext db, ICurrentUser user)
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

    /// <summary>The user's effective role in a contract; administrators act as coordinators; null = no access.</summary>
    public async Task<ContractRole?> RoleInAsync(Guid contractId)
    {
        if (user.IsAdministrator)
            return await db.Contracts.AnyAsync(c => c.Id == contractId) ? ContractRole.Coordinator : null;
        var uid = user.Id ?? Guid.Empty;
        var roles = await db.Memberships.Where(m => m.ContractId == contractId && m.UserId == uid)
            .Select(m => (ContractRole?)m.Role).ToListAsync();
        return roles.FirstOrDefault();
    }

    /// <summary>Coordinator, or a partner member acting on what their own organisation owns.</summary>
    public async Task<bool> CanEditOwnedByAsync(Guid contractId, Guid organisationId)
    {
        var role = await RoleInAsync(contractId);
        return role == ContractRole.Coordinator
            || (role == ContractRole.PartnerMember && user.OrganisationId == organisationId);
    }
}
