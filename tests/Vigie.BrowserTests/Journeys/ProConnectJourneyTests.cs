using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigie.BrowserTests.Infrastructure;

namespace Vigie.BrowserTests.Journeys;

/// <summary>Issue 16 item 4: an agent logs in through ProConnect (the local OpenID Connect provider's login form) and out again.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProConnectJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task Agent_LogsInWithProConnect_ThenLogsOutOfBoth()
    {
        var (email, _) = await app.CreateAdminAsync();
        // An administrator: the provider must assert two factors (acr eidas2).
        var agent = app.Provider.Add(email, acr: "eidas2", "pwd", "otp");
        var page = await app.NewPageAsync();

        await page.GotoAsync("/compte/connexion");
        await Accessibility.AssertAccessibleAsync(page, "proconnect-00-connexion");
        await page.GetByRole(AriaRole.Button, new() { Name = "S'identifier avec ProConnect" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fournisseur d'identité de test" })).ToBeVisibleAsync();
        await page.GetByLabel("Identifiant").FillAsync(agent.Login);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter au fournisseur" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord", Level = 1 })).ToBeVisibleAsync();
        Assert.StartsWith(app.BaseUrl, page.Url);
        await Accessibility.AssertAccessibleAsync(page, "proconnect-01-tableau-de-bord");

        var endSessions = app.Provider.EndSessions.Count;
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/compte/connexion"));
        Assert.StartsWith(app.BaseUrl, page.Url);
        Assert.Equal(endSessions + 1, app.Provider.EndSessions.Count);

        // Logged out at the provider too: the button leads to its login form again.
        await page.GetByRole(AriaRole.Button, new() { Name = "S'identifier avec ProConnect" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Identifiant")).ToBeVisibleAsync();
    }
}
