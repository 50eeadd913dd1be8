using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Infrastructure;

/// <summary>Adds the user's organisation, full name and two-factor state to the sign-in cookie.</summary>
public sealed class VigieClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(VigieClaims.Organisation, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim(VigieClaims.FullName, user.FullName));
        identity.AddClaim(new Claim(VigieClaims.TwoFactor, user.TwoFactorEnabled ? "1" : "0"));
        return identity;
    }
}
