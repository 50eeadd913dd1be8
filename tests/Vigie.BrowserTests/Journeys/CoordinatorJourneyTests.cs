using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigie.BrowserTests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.Admin;
using Vigie.Web.Features.Observatory.Ssmsi;

namespace Vigie.BrowserTests.Journeys;

/// <summary>
/// The coordinator's path without dead ends (issue 11 A–F), walked by a coordinator who is NOT a platform administrator:
/// a 1998 contract (planned signature date, a partner found in the directory, another added to it from the signatory
/// form, 1998 budget lines) and a running one (progress headline, public plenary report with burglaries and an
/// observatory-fed indicator for the report's year); every page reached from the navigation and the contract's page;
/// the 375 px checks of the signatories' links, the observatory's comparison columns and "Ajouter un axe prioritaire".
/// Every page state is scanned with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CoordinatorJourneyTests(BrowserFixture app)
{
    private const string Password = "Navigateur-9-solide";

    private sealed record Setup(string Email, string OwnOrganisation, string Prefecture, string Demo, string Historic, string Running, Guid RunningId);

    [Fact]
    public async Task NonAdministratorCoordinator_Walks1998AndRunningContracts_WithoutDeadEnds()
    {
        var s = await SetupAsync();
        var page = await app.NewPageAsync();
        var step = 0;
        async Task Check(string name) => await Accessibility.AssertAccessibleAsync(page, $"coordination-{++step:00}-{name}");
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(s.Email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();

        // C: the 1998 contract, reached from the dashboard; its planned signature date.
        await page.GetByRole(AriaRole.Link, new() { Name = s.Historic }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = s.Historic, Level = 1 })).ToBeVisibleAsync();
        var historicUrl = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier", Exact = true }).ClickAsync();
        await page.GetByLabel("Date de signature prévue").FillAsync("1997-12-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("prévue le 15/12/1997 (pas encore signé)");
        await Check("contrat-1998");

        // B: the signatory list offers the contract's partners; the directory only on demand, without demo or platform.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un signataire" }).ClickAsync();
        var options = page.Locator("#Input_OrganisationId option");
        Assert.Contains(s.OwnOrganisation, await options.AllInnerTextsAsync());
        Assert.DoesNotContain(s.Prefecture, await options.AllInnerTextsAsync());
        await page.GetByLabel("Organisation absente des listes ? Cherchez-la dans l'annuaire").FillAsync(s.Prefecture.Split(' ')[^1]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Chercher dans l'annuaire" }).ClickAsync();
        var found = await options.AllInnerTextsAsync();
        Assert.Contains(s.Prefecture, found);
        Assert.DoesNotContain(s.Demo, found);
        Assert.DoesNotContain(found, o => o.Contains("plateforme", StringComparison.Ordinal));
        await Check("signataire-recherche");

        // A: a partner missing from the directory, added from the signatory form, comes back chosen.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter une organisation à l'annuaire" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ajouter une organisation", Level = 1 })).ToBeVisibleAsync();
        await Check("nouvelle-organisation");
        var police = $"Police municipale du 13e {s.Prefecture.Split(' ')[^1]}";
        await page.Locator("#Input_Name").FillAsync(police);
        await page.GetByLabel("Type de partenaire").SelectOptionAsync("policeMunicipale");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_OrganisationId option:checked")).ToHaveTextAsync(police);
        await page.GetByLabel("Nom du représentant").FillAsync("Marc Lefort");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.Locator("main table").First).ToContainTextAsync(police);

        // F: at 375 px the signatory's action link is reachable (scrolling table region), not clipped.
        await page.SetViewportSizeAsync(375, 800);
        await AssertWithinViewportAsync(page.GetByRole(AriaRole.Link, new() { Name = $"Modifier le signataire {police}" }));
        await Check("signataires-375");
        await page.SetViewportSizeAsync(1280, 900);

        // A: every page of the contract from its page: sub-areas, état 4001, partner series.
        foreach (var (link, heading) in new[] { ("Secteurs et quartiers prioritaires (QPV) du contrat", "Secteurs"), ("État 4001 des services", "4001"), ("Séries des partenaires", "Séries") })
        {
            await page.GotoAsync(historicUrl);
            await page.GetByRole(AriaRole.Link, new() { Name = link }).First.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);
            await Check("lien-" + heading.ToLowerInvariant());
        }

        // C: a 1998 budget line on a 1998 action; F: "Ajouter un axe prioritaire" keeps its visible name at 375 px.
        await page.GotoAsync(historicUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Axes, fiches action, engagements des partenaires" }).ClickAsync();
        await page.SetViewportSizeAsync(375, 800);
        var addAxis = page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un axe prioritaire" });
        await Assertions.Expect(addAxis).ToBeVisibleAsync();
        Assert.Equal("Ajouter un axe prioritaire", (await addAxis.InnerTextAsync()).Trim());
        await AssertWithinViewportAsync(addAxis);
        await page.SetViewportSizeAsync(1280, 900);
        await AddItemAsync(page, addAxis, "Prévention 1998", null);
        await AddItemAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un sous-élément" }), "Îlotage 1998", "Réalisée");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter une ligne de budget" }).ClickAsync();
        await page.GetByLabel("Financeur").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Année").FillAsync("1998");
        await page.GetByLabel("Montant prévu (€)").FillAsync("12000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("1998");
        await Check("fiche-1998-budget"); // axe's target-size on the fiche's "Modifier" links

        // E and D on the running contract: headline, observatory-fed indicator, public plenary report for 2024.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = s.Running }).First.ClickAsync();
        var runningUrl = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "Axes, fiches action, engagements des partenaires" }).ClickAsync();
        await AddItemAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un axe prioritaire" }), "Tranquillité résidentielle", null);
        var axisUrl = page.Url;
        await AddItemAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un sous-élément" }), "Prévention des cambriolages", "Réalisée");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un indicateur" }).ClickAsync();
        await page.Locator("#Input_Name").FillAsync("Cambriolages enregistrés");
        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Impact" });
        await page.GetByLabel("Unité").FillAsync("faits");
        await page.GetByLabel("Alimenter depuis l'observatoire").SelectOptionAsync("cambriolages-logement");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Alimenté automatiquement par l'observatoire");
        await page.GotoAsync(axisUrl);
        await AddItemAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un sous-élément" }), "Vidéoprotection des halls", "En cours");
        await page.GotoAsync($"/contrats/{s.RunningId}/plan");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("1 action sur 2 renseignée : 100 %");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("1 action sans avancement renseigné n'est pas comptée");
        await Check("plan-en-cours");

        await page.GotoAsync(runningUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "plan d'action public" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("1 action sur 2 renseignée : 100 %");
        await Check("plan-public");
        await page.GotoAsync(runningUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "bilan public" }).First.ClickAsync();
        await page.GetByLabel("Début de la période").FillAsync("2024-01-01");
        await page.GetByLabel("Fin de la période").FillAsync("2024-12-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher le bilan" }).ClickAsync();
        await Assertions.Expect(page.Locator("caption", new() { HasText = "année 2024" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Cambriolages de logement" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Cambriolages enregistrés" })).ToContainTextAsync("(2024)");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("1 action sur 2 renseignée : 100 %");
        await Check("bilan-2024");

        // F: at 375 px the observatory's comparison columns are reachable in their named scrolling region.
        await page.GotoAsync(runningUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Délinquance enregistrée sur le territoire du contrat" }).ClickAsync();
        await page.GetByLabel("Année").SelectOptionAsync("2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await page.SetViewportSizeAsync(375, 800);
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Délinquance enregistrée en 2024") })).ToBeVisibleAsync();
        await AssertWithinViewportAsync(page.Locator(".vigie-obs-table thead th").Last);
        await Check("observatoire-375");
        await page.SetViewportSizeAsync(1280, 900);

        Assert.True(app.ConsoleErrors.Count == 0, "Erreurs de la console :\n" + string.Join("\n", app.ConsoleErrors));
    }

    /// <summary>Scrolls the element into view (inside its scrolling region if any) and checks it lies within the 375 px viewport.</summary>
    private static async Task AssertWithinViewportAsync(ILocator element)
    {
        await element.ScrollIntoViewIfNeededAsync();
        var box = await element.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 375 && box.Width > 0, $"hors de l'écran de 375 px : x = {box.X}, largeur = {box.Width}");
    }

    private static async Task AddItemAsync(IPage page, ILocator link, string title, string? status)
    {
        await link.ClickAsync();
        await page.GetByLabel("Intitulé").FillAsync(title);
        if (status is not null) await page.GetByLabel("Statut").SelectOptionAsync(new SelectOptionValue { Label = status });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);
    }

    /// <summary>
    /// A coordinator without platform role, her own organisation, an unrelated prefecture and a demonstration organisation
    /// in the directory, Paris 13e's recorded delinquency (its own edition date, so the observatory journey's imports are
    /// untouched), a draft 1998 contract and a published running one.
    /// </summary>
    private async Task<Setup> SetupAsync()
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var own = new Organisation { Name = $"Mairie du 13e arrondissement {suffix}", Type = PartnerType.Commune };
        var prefecture = new Organisation { Name = $"Préfecture de police {suffix}", Type = PartnerType.Prefecture };
        var demo = new Organisation { Name = $"Préfecture de Valbourg {suffix} ({DemoSeed.Label})", Type = PartnerType.Prefecture };
        db.Organisations.AddRange(own, prefecture, demo);
        await db.SaveChangesAsync();
        await Bootstrap.PlatformOrganisationAsync(db);
        var email = $"coordinatrice-{suffix}@example.test";
        var user = await Bootstrap.CreateUserAsync(sp, email, "Nadia Coordinatrice", Password, own.Id, []);

        var paris = Path.Combine(BrowserFixture.SharedData, "ssmsi", "communal_extract_paris", "delinquance_paris.csv");
        await sp.GetRequiredService<SsmsiImporter>().ImportAsync(new SsmsiSource("delinquance_paris.csv", () => File.OpenRead(paris)), new DateOnly(2025, 6, 3));
        var territory = await db.Territories.FirstAsync(t => t.Code == "75113");

        SecurityContract Contract(string title, int start, ContractStatus status, bool published)
        {
            var c = new SecurityContract
            {
                Title = title, Kind = ContractKind.Cls, Status = status, IsPublished = published,
                StartDate = new DateOnly(start, 1, 1), EndDate = new DateOnly(start + 3, 12, 31),
            };
            c.Territories.Add(new ContractTerritory { TerritoryId = territory.Id });
            c.Memberships.Add(new ContractMembership { UserId = user.Id, Role = ContractRole.Coordinator });
            db.Contracts.Add(c);
            db.PlanStatuses.AddRange(Vigie.Web.Features.ActionPlan.PlanCommandKit.DefaultStatuses(c.Id));
            return c;
        }
        var historic = Contract($"CLSPD du 13e 1998 {suffix}", 1998, ContractStatus.Draft, false);
        var running = Contract($"CLSPD du 13e 2024 {suffix}", 2024, ContractStatus.InForce, true);
        await db.SaveChangesAsync();
        return new Setup(email, own.Name, prefecture.Name, demo.Name, historic.Title, running.Title, running.Id);
    }
}
