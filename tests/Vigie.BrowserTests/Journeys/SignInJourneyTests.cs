using Microsoft.Playwright;
using Vigie.BrowserTests.Infrastructure;

namespace Vigie.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class SignInJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task SignIn_ThenSignOut_InRealBrowser()
    {
        var (email, password) = await app.CreateAdminAsync();
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/compte/connexion"));
        await Accessibility.AssertAccessibleAsync(page, "00-connexion");

        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(page, "01-tableau-de-bord");

        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/compte/connexion"));
    }
}
