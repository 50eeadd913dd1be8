using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Documentation;

/// <summary>
/// The account addresses configured before routing exists (<see cref="AccountPaths"/>: cookie login/logout/access-denied
/// paths, the two-factor redirect) must be the routes of their pages: renaming one French URL without the other fails here.
/// </summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed class AccountPathsTests
{
    [Theory]
    [InlineData("/Account/Login", AccountPaths.Login)]
    [InlineData("/Account/Logout", AccountPaths.Logout)]
    [InlineData("/Account/AccessDenied", AccountPaths.AccessDenied)]
    [InlineData("/Account/TwoFactor", AccountPaths.TwoFactorSetup)]
    public void EachAccountPath_IsTheRouteOfItsPage(string page, string path)
    {
        var pages = PageLinksTests.Pages();
        Assert.True(pages.TryGetValue(page, out var route), $"La page {page} n'existe plus.");
        Assert.Equal(route, path);
    }

    [Fact]
    public void TheTwoFactorRedirect_UsesTheSetupPageRoute() =>
        Assert.Equal(TwoFactorEnforcement.SetupPath, PageLinksTests.Pages()["/Account/TwoFactor"]);
}
