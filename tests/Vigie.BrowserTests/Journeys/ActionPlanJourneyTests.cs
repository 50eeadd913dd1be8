using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigie.BrowserTests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.Admin;

namespace Vigie.BrowserTests.Journeys;

/// <summary>
/// The action plan journey (issue #4): Lomme's four engagements with three actions each (the first engagement and
/// its first action through the pages, the rest through the import), two partners' commitments, an indicator fed
/// from the observatory, a partner member marking a milestone done and refused on the other partner's commitment,
/// and progress rolling up to the engagement and the plan. Every page state is scanned with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ActionPlanJourneyTests(BrowserFixture app)
{
    private static readonly string[] Engagements =
    [
        "Sécuriser les espaces publics", "Prévenir la délinquance des mineurs", "Accompagner les populations fragilisées", "Adapter les réponses judiciaires",
    ];

    [Fact]
    public async Task Coordinator_BuildsLommePlan_PartnerMarksMilestoneDone_ProgressRollsUp()
    {
        var (adminEmail, adminPassword) = await app.CreateAdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var bailleur = $"Bailleur social Lommois {suffix}";
        var police = $"Police municipale de Lomme {suffix}";
        const string partnerPassword = "Navigateur-9-solide";
        var partnerEmail = $"partenaire-{suffix}@example.test";
        Guid contractId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var b = new Organisation { Name = bailleur, Type = PartnerType.BailleurSocial };
            var p = new Organisation { Name = police, Type = PartnerType.PoliceMunicipale };
            db.Organisations.AddRange(b, p);
            var contract = new SecurityContract
            {
                Title = $"CLS de Lomme {suffix}", Kind = ContractKind.Cls, Status = ContractStatus.InForce,
                StartDate = new DateOnly(2025, 1, 1), EndDate = new DateOnly(2028, 12, 31),
            };
            db.Contracts.Add(contract);
            await db.SaveChangesAsync();
            contractId = contract.Id;
            var partner = await Bootstrap.CreateUserAsync(scope.ServiceProvider, partnerEmail, "Paul Partenaire", partnerPassword, b.Id, []);
            var admin = db.Users.Single(u => u.Email == adminEmail);
            db.Memberships.AddRange(
                new ContractMembership { ContractId = contractId, UserId = admin.Id, Role = ContractRole.Coordinator },
                new ContractMembership { ContractId = contractId, UserId = partner.Id, Role = ContractRole.PartnerMember });
            // The police signed the contract: a partner of it, so the plan's lists offer it (issue 11 B).
            db.Signatories.Add(new Signatory { ContractId = contractId, OrganisationId = p.Id, RepresentativeName = "Représentant", Order = 1 });
            await db.SaveChangesAsync();
        }

        var page = await app.NewPageAsync();
        var step = 0;
        async Task Check(string name) => await Accessibility.AssertAccessibleAsync(page, $"plan-{++step:00}-{name}");
        await SignInAsync(page, adminEmail, adminPassword);
        var plan = $"/contrats/{contractId}/plan";

        // Engagement 1 and its first action through the pages.
        await page.GotoAsync(plan);
        await Check("plan-vide");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un axe prioritaire" }).ClickAsync();
        await Check("nouvel-axe");
        await page.GetByLabel("Intitulé").FillAsync(Engagements[0]);
        await page.GetByLabel("Référence").FillAsync("ENG1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "1 " + Engagements[0], Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un sous-élément" }).ClickAsync();
        await Check("nouvelle-action");
        await page.GetByLabel("Intitulé").FillAsync("Rencontres hebdomadaires « cadre de vie – tranquillité publique »");
        await page.GetByLabel("Référence").FillAsync("ENG1-A1");
        await page.GetByLabel("Statut").SelectOptionAsync(new SelectOptionValue { Label = "En cours" });
        await page.GetByLabel("Problème constaté").FillAsync("Incivilités et dégradations dans les halls et les espaces publics.");
        await page.GetByLabel("Pilote").SelectOptionAsync(new SelectOptionValue { Label = police });
        await page.Locator("#partenaires label", new() { HasText = bailleur }).ClickAsync();
        await page.GetByLabel("Début").FillAsync("2025-01-01");
        await page.GetByLabel("Fin").FillAsync("2026-12-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^1\\.1 Rencontres"), Level = 1 })).ToBeVisibleAsync();
        var actionUrl = page.Url;
        await Check("fiche");

        // Two partners' commitments, a milestone owned by the landlord, an indicator fed from the observatory.
        foreach (var (org, what) in new[] { (bailleur, "Signaler les dégradations chaque semaine"), (police, "Patrouilles ciblées le soir") })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un engagement" }).ClickAsync();
            if (org == bailleur) await Check("engagement");
            await page.GetByLabel("Organisation qui s'engage").SelectOptionAsync(new SelectOptionValue { Label = org });
            await page.Locator("#Input_What").FillAsync(what);
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
            await Assertions.Expect(page.Locator("#engagements")).ToContainTextAsync(what);
        }
        foreach (var (title, due) in new[] { ("Première rencontre", "2025-02-01"), ("Bilan à un an", "2026-01-31") })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un jalon" }).ClickAsync();
            if (step < 6) await Check("jalon");
            await page.Locator("#Input_Title").FillAsync(title);
            await page.GetByLabel("Échéance").FillAsync(due);
            await page.GetByLabel("Organisation responsable").SelectOptionAsync(new SelectOptionValue { Label = bailleur });
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
            await Assertions.Expect(page.Locator("#jalons")).ToContainTextAsync(title);
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un indicateur" }).ClickAsync();
        await Check("indicateur");
        await page.Locator("#Input_Name").FillAsync("Destructions et dégradations sur la commune");
        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Impact" });
        await page.GetByLabel("Unité").FillAsync("faits");
        await page.GetByLabel("Alimenter depuis l'observatoire").SelectOptionAsync("destructions-degradations");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Alimenté automatiquement par l'observatoire");
        await Check("fiche-complete");

        // The other engagements and their actions in bulk, through the import page (the export format).
        var csv = new System.Text.StringBuilder("Type;Référence;Parent;Niveau;Position;Intitulé;Statut\r\n");
        csv.Append("Élément;ENG1-A2;ENG1;Fiche action;2;Médiation sociale de proximité;planned\r\n");
        csv.Append("Élément;ENG1-A3;ENG1;Fiche action;3;Vidéoprotection des abords des équipements;planned\r\n");
        for (var e = 2; e <= 4; e++)
        {
            csv.Append($"Élément;ENG{e};;Axe prioritaire;{e};{Engagements[e - 1]};planned\r\n");
            for (var a = 1; a <= 3; a++) csv.Append($"Élément;ENG{e}-A{a};ENG{e};Fiche action;{a};Action {e}.{a} de l'engagement {e};planned\r\n");
        }
        var file = Path.Combine(Path.GetTempPath(), $"plan-{suffix}.csv");
        await File.WriteAllTextAsync(file, csv.ToString(), new System.Text.UTF8Encoding(true));
        await page.GotoAsync($"{plan}/import");
        await Check("import");
        await page.GetByLabel("Fichier du plan").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToContainTextAsync("14 créé(s)");
        Assert.Equal(16, await page.Locator("#plan tbody tr").CountAsync());
        await Check("plan-complet");

        // The partner member: marks the landlord's milestone done, is refused on the police's commitment.
        var partnerPage = await app.NewPageAsync();
        await SignInAsync(partnerPage, partnerEmail, partnerPassword);
        await partnerPage.GotoAsync(actionUrl);
        await partnerPage.GetByRole(AriaRole.Button, new() { Name = "Marquer réalisé : Première rencontre" }).ClickAsync();
        await Assertions.Expect(partnerPage.Locator(".fr-alert--success")).ToContainTextAsync("réalisé");
        await Accessibility.AssertAccessibleAsync(partnerPage, $"plan-{++step:00}-partenaire-fiche");
        var policeRow = partnerPage.Locator("#engagements tr", new() { HasText = police });
        Assert.Equal(0, await policeRow.GetByRole(AriaRole.Link).CountAsync());
        var commitmentId = await GetCommitmentIdAsync(page, actionUrl, police);
        Assert.NotEqual("", commitmentId);
        var refused = await partnerPage.GotoAsync($"{actionUrl}/engagements/{commitmentId}");
        Assert.Contains("/compte/acces-refuse", partnerPage.Url, StringComparison.Ordinal);
        Assert.NotNull(refused);
        // The access-denied page answers 403 on purpose; the browser logs that status as a console error.
        app.ConsoleErrors.RemoveAll(e => e.Contains(commitmentId, StringComparison.Ordinal) && e.Contains("403", StringComparison.Ordinal));
        await partnerPage.GotoAsync($"{plan}/engagements");
        await Assertions.Expect(partnerPage.Locator("#engagements")).ToContainTextAsync("Signaler les dégradations chaque semaine");
        await Accessibility.AssertAccessibleAsync(partnerPage, $"plan-{++step:00}-mes-engagements");

        // Progress rolled up: the action is at 50 % (one of two milestones), its engagement too; the plan shows it.
        await page.GotoAsync(plan);
        var actionRow = page.Locator("#plan tbody tr", new() { HasText = "Rencontres hebdomadaires" });
        await Assertions.Expect(actionRow).ToContainTextAsync("50 %");
        var engagementRow = page.Locator("#plan tbody tr").First;
        await Assertions.Expect(engagementRow).ToContainTextAsync(Engagements[0]);
        await Assertions.Expect(engagementRow).ToContainTextAsync("16,7 %"); // (50 + 0 + 0) / 3: the two planned actions count 0 %
        await Check("plan-avancement");
        await page.GotoAsync($"{plan}/calendrier?year=2025");
        await Check("calendrier");
        await page.GotoAsync($"{plan}/budget");
        await Check("budget");
        Assert.True(app.ConsoleErrors.Count == 0, "Erreurs de la console :\n" + string.Join("\n", app.ConsoleErrors));
    }

    private static async Task<string> GetCommitmentIdAsync(IPage page, string actionUrl, string organisation)
    {
        await page.GotoAsync(actionUrl);
        return await page.Locator("#engagements tr", new() { HasText = organisation }).GetAttributeAsync("data-commitment") ?? "";
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();
    }
}
