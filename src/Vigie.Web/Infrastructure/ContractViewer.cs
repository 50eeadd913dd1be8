using Microsoft.AspNetCore.Authorization;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// Who is looking at a contract: the one answer to "the viewer's role" (docs/adr/0003-authorization-model.md).
/// <see cref="Role"/> is the effective role: administrators act as coordinators of every contract for non-restricted
/// matters. <see cref="IsCoordinatorMember"/> is true only for a coordinator <em>by membership</em>: restricted content
/// (ADR 0006) and the self-grant rule depend on it, and an administrator as such is not one.
/// </summary>
public sealed record ContractViewer(Guid ContractId, ContractRole Role, Guid UserId, Guid? OrganisationId, bool IsCoordinatorMember,
    bool IsAdministrator = false)
{
    /// <summary>Effective coordinator (by membership, or an administrator acting as one).</summary>
    public bool IsCoordinator => Role == ContractRole.Coordinator;

    /// <summary>Whether the effective role is at least <paramref name="minimum"/> (Reader &lt; PartnerMember &lt; Coordinator).</summary>
    public bool AtLeast(ContractRole minimum) => Role >= minimum;
}

/// <summary>
/// Resolves the signed-in user's <see cref="ContractViewer"/> once per request and contract (scoped, cached):
/// the door (<see cref="ContractRoleHandler"/>), <see cref="ContractAccess"/>, governance and the commands all ask here.
/// </summary>
public sealed class ContractViewers(AppDbContext db, ICurrentUser user)
{
    private readonly Dictionary<(Guid Contract, Guid User, bool Admin), ContractViewer?> _cache = [];

    /// <summary>Null when the contract does not exist or is not visible to the user (callers answer 404).</summary>
    public async Task<ContractViewer?> ForAsync(Guid contractId)
    {
        var uid = user.Id ?? Guid.Empty;
        var admin = user.IsAdministrator;
        var key = (contractId, uid, admin);
        if (_cache.TryGetValue(key, out var cached)) return cached;
        var row = await db.Contracts.AsNoTracking().Where(c => c.Id == contractId)
            .Select(c => new { Member = c.Memberships.Where(m => m.UserId == uid).Select(m => (ContractRole?)m.Role).FirstOrDefault() })
            .FirstOrDefaultAsync();
        ContractViewer? viewer = null;
        if (row is not null && (admin || row.Member is not null))
            viewer = new ContractViewer(contractId, admin ? ContractRole.Coordinator : row.Member!.Value, uid, user.OrganisationId,
                row.Member == ContractRole.Coordinator, admin);
        _cache[key] = viewer;
        return viewer;
    }

    /// <summary>Drops what was resolved for a contract (after a membership change in the same request).</summary>
    public void Forget(Guid contractId)
    {
        foreach (var key in _cache.Keys.Where(k => k.Contract == contractId).ToList()) _cache.Remove(key);
    }
}

/// <summary>
/// The contract requirement of a page or an API endpoint, stated where the request enters: the route's contract id
/// must name a contract visible to the user (else 404, its existence is not revealed) in which their effective role is
/// at least <see cref="Minimum"/> (else 403). Evaluated by the authorization middleware (<see cref="ContractRoleHandler"/>);
/// business commands still re-check inside. On a page model: <c>[ContractRequirement(ContractRole.Reader)]</c>;
/// on an API group or endpoint: <c>.RequireContract(ContractRole.Reader)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class ContractRequirementAttribute(ContractRole minimum) : Attribute, IAuthorizationRequirementData
{
    public ContractRole Minimum { get; } = minimum;

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new ContractRoleRequirement(Minimum)];
}

/// <summary>An explicit statement that a route with a contract id has no contract requirement at the door, and why.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class NoContractRequirementAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}

public sealed record ContractRoleRequirement(ContractRole Minimum) : IAuthorizationRequirement
{
    /// <summary>Route values that carry the contract id, in order of preference (<c>/contrats/{contractId}/secteurs/{id}</c>).</summary>
    public static readonly string[] RouteKeys = ["contractId", "id"];
}

/// <summary>
/// Grants a <see cref="ContractRoleRequirement"/> when the route's contract is visible to the user and their role is
/// at least the minimum. A failure says why (<see cref="NotVisible"/> or <see cref="InsufficientRole"/>) so that
/// <see cref="ApiAuthorizationResultHandler"/> answers 404 or 403 as the pages and the API always did.
/// </summary>
public sealed class ContractRoleHandler(ContractViewers viewers) : AuthorizationHandler<ContractRoleRequirement>
{
    public const string NotVisible = "contract-not-visible";
    public const string InsufficientRole = "contract-role-insufficient";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ContractRoleRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true) return; // the challenge comes from the authenticated-user rule
        if (context.Resource is not HttpContext http) return;
        Guid? contractId = null;
        foreach (var key in ContractRoleRequirement.RouteKeys)
            if (http.GetRouteValue(key) is { } raw && Guid.TryParse(raw.ToString(), out var parsed)) { contractId = parsed; break; }
        if (contractId is not { } id || await viewers.ForAsync(id) is not { } viewer)
        {
            context.Fail(new AuthorizationFailureReason(this, NotVisible));
            return;
        }
        if (viewer.AtLeast(requirement.Minimum)) context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, InsufficientRole));
    }
}
