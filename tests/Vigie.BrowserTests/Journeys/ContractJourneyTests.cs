using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigie.BrowserTests.Infrastructure;

namespace Vigie.BrowserTests.Journeys;

/// <summary>
/// The Foundation journey: log in → create a contract for a real commune → add two signatories →
/// put it in force → add an avenant → see its history. Every page visited is scanned with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContractJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task Coordinator_CreatesSignsAndAmendsContract_ThenReadsHistory()
    {
        var (email, password) = await app.CreateAdminAsync();
        var (mairie, prefecture) = await app.CreateSignatoryOrganisationsAsync();
        var page = await app.NewPageAsync();
        var step = 0;
        async Task Check(string name) => await Accessibility.AssertAccessibleAsync(page, $"contrat-{++step:00}-{name}");

        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();

        // Create the contract for a real commune: Lomme (59355), an associated commune of Lille.
        await page.GetByRole(AriaRole.Link, new() { Name = "Contrats", Exact = true }).First.ClickAsync();
        await Check("liste");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau contrat" }).ClickAsync();
        await Check("nouveau");
        // Submitting empty first shows the French errors, accessibly.
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le contrat" }).ClickAsync();
        await Assertions.Expect(page.Locator("#resume-erreurs")).ToContainTextAsync("L'intitulé est obligatoire.");
        await Check("nouveau-erreurs");
        await page.GetByLabel("Intitulé").FillAsync("Contrat local de sécurité de Lomme 2025-2028");
        await page.GetByLabel("Date de début").FillAsync("2025-01-01");
        await page.GetByLabel("Date de fin").FillAsync("2028-12-31");
        await page.GetByLabel("Territoire").FillAsync("59355");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le contrat" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contrat local de sécurité de Lomme 2025-2028", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Lomme");
        await Check("detail-brouillon");
        var contractUrl = page.Url;

        // Two signatories, each with the date they signed.
        foreach (var (organisation, representative, position) in new[] { (mairie, "Camille Martin", "Maire"), (prefecture, "Dominique Bernard", "Préfet du Nord") })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un signataire" }).ClickAsync();
            if (step < 5) await Check("signataire");
            // Not yet a partner of the contract: found by searching the directory (issue 11 B).
            await page.GetByLabel("Organisation absente des listes ? Cherchez-la dans l'annuaire").FillAsync(organisation);
            await page.GetByRole(AriaRole.Button, new() { Name = "Chercher dans l'annuaire" }).ClickAsync();
            await page.GetByLabel("Institution signataire").SelectOptionAsync(new SelectOptionValue { Label = organisation });
            await page.GetByLabel("Nom du représentant").FillAsync(representative);
            await page.GetByLabel("Fonction du représentant").FillAsync(position);
            await page.GetByLabel("Date de signature").FillAsync("2025-01-15");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
            await Assertions.Expect(page.Locator("table").First).ToContainTextAsync(representative);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Passer à « En signature »" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Passer à « En vigueur »" }).ClickAsync();
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToContainTextAsync("En vigueur");
        await Check("detail-en-vigueur");

        // An avenant: one more year.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un avenant" }).ClickAsync();
        await Check("avenant");
        await page.GetByLabel("Objet de l'avenant").FillAsync("Prolongation d'un an");
        await page.GetByLabel("Date d'effet").FillAsync("2026-06-01");
        await page.GetByLabel("Ce que l'avenant modifie").FillAsync("Le contrat est prolongé jusqu'au 31 décembre 2029.");
        await page.GetByLabel("Nouvelle date de fin").FillAsync("2029-12-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'avenant" }).ClickAsync();

        // The history shows each version, the avenant on top with what changed.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/historique$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Historique du contrat" })).ToBeVisibleAsync();
        var first = page.Locator("ol.vigie-history > li").First;
        await Assertions.Expect(first).ToContainTextAsync("Avenant n° 1 : Prolongation d'un an");
        await Assertions.Expect(first).ToContainTextAsync("31/12/2028");
        await Assertions.Expect(first).ToContainTextAsync("31/12/2029");
        await Assertions.Expect(page.Locator("ol.vigie-history > li").Last).ToContainTextAsync("Création");
        Assert.True(await page.Locator("ol.vigie-history > li").CountAsync() >= 6, "création, 2 signataires, 2 statuts, avenant");
        await Check("historique");

        await page.GotoAsync(contractUrl);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("du 01/01/2025 au 31/12/2029");
        Assert.True(app.ConsoleErrors.Count == 0, "Erreurs de la console :\n" + string.Join("\n", app.ConsoleErrors));
    }
}
