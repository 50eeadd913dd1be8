using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigie.BrowserTests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;

namespace Vigie.BrowserTests.Journeys;

/// <summary>
/// The avenant journey (issue 15): Lomme's first CLS is attached to Lille's through the avenant workflow in the browser — a
/// draft with the attachment, its diff, the signature of each signatory with a date, then in force — after which Lomme's
/// contract page reads "Avenant au contrat CLS de Lille …". Every page is scanned with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AmendmentJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task Coordinator_AttachesLommesFirstClsToLille_ThroughASignedAvenant()
    {
        var (email, password) = await app.CreateAdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        Guid lille, lomme;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var admin = await db.Users.SingleAsync(u => u.Email == email);
            var villeLille = new Organisation { Name = $"Ville de Lille {suffix}", Type = PartnerType.Commune };
            var prefecture = new Organisation { Name = $"Préfecture du Nord {suffix}", Type = PartnerType.Prefecture };
            db.Organisations.AddRange(villeLille, prefecture);
            SecurityContract Contract(string title) => new()
            {
                Title = $"{title} {suffix}", Kind = ContractKind.Cls, Status = ContractStatus.InForce, Generation = 1,
                StartDate = new DateOnly(2000, 1, 1), EndDate = new DateOnly(2004, 12, 31),
            };
            var lilleContract = Contract("CLS de Lille");
            lilleContract.Signatories.Add(new Signatory { OrganisationId = villeLille.Id, RepresentativeName = "Martine Aubry", RepresentativePosition = "Maire", SignedOn = new DateOnly(2000, 2, 1), Order = 1 });
            lilleContract.Signatories.Add(new Signatory { OrganisationId = prefecture.Id, RepresentativeName = "Rémi Caron", RepresentativePosition = "Préfet", SignedOn = new DateOnly(2000, 2, 3), Order = 2 });
            var lommeContract = Contract("Premier CLS de Lomme");
            foreach (var c in new[] { lilleContract, lommeContract })
            {
                c.Memberships.Add(new ContractMembership { UserId = admin.Id, Role = ContractRole.Coordinator });
                db.Contracts.Add(c);
                db.PlanStatuses.AddRange(Vigie.Web.Features.ActionPlan.PlanCommandKit.DefaultStatuses(c.Id));
            }
            await db.SaveChangesAsync();
            (lille, lomme) = (lilleContract.Id, lommeContract.Id);
        }

        var page = await app.NewPageAsync();
        var step = 0;
        async Task Check(string name) => await Accessibility.AssertAccessibleAsync(page, $"amendment-{++step:00}-{name}");
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();

        // A draft avenant to Lille's contract that attaches Lomme's.
        await page.GotoAsync($"/contrats/{lille}/avenants/nouveau");
        await Check("nouvel-avenant");
        await page.GetByLabel(new Regex("^Objet de l'avenant")).FillAsync("Rattachement du CLS de Lomme");
        await page.GetByLabel(new Regex("^Date d'effet")).FillAsync("2002-01-01");
        await page.GetByLabel(new Regex("^Ce que l'avenant modifie")).FillAsync("Le contrat local de sécurité de Lomme devient un avenant à celui de Lille.");
        await page.GetByLabel(new Regex("^Rattacher le contrat d'une commune")).SelectOptionAsync(lomme.ToString());
        await page.Locator("label[for=Input_Draft]").ClickAsync(); // DSFR: the label covers the box
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'avenant" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Avenant n° 1 : Rattachement du CLS de Lomme", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("projet");

        // Its diff names the attached contract.
        var diff = page.GetByRole(AriaRole.Table, new() { Name = "Modifications apportées par l'avenant" });
        await Assertions.Expect(diff).ToContainTextAsync("Contrats rattachés");
        await Assertions.Expect(diff).ToContainTextAsync($"Premier CLS de Lomme {suffix}");
        await Check("projet");

        // Each signatory signs, with a date.
        foreach (var (who, on) in new[] { ($"Ville de Lille {suffix}", "2001-12-10"), ($"Préfecture du Nord {suffix}", "2001-12-12") })
        {
            await page.GetByLabel(new Regex("^Signataire")).SelectOptionAsync(new SelectOptionValue { Label = who + (who.StartsWith("Ville") ? " — Martine Aubry" : " — Rémi Caron") });
            await page.GetByLabel(new Regex("^Date de signature")).FillAsync(on);
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la signature" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Signatures de l'avenant par les signataires du contrat" }))
                .ToContainTextAsync($"{on[8..]}/{on[5..7]}/{on[..4]}");
        }
        var signatures = page.GetByRole(AriaRole.Table, new() { Name = "Signatures de l'avenant par les signataires du contrat" });
        await Assertions.Expect(signatures).ToContainTextAsync("10/12/2001");
        await Assertions.Expect(signatures).ToContainTextAsync("12/12/2001");
        await Check("signe");

        // In force: the attachment applies.
        await page.GetByRole(AriaRole.Button, new() { Name = "Mettre l'avenant en vigueur" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("L'avenant est entré en vigueur");
        await Assertions.Expect(page.Locator("main .fr-badge").First).ToContainTextAsync("en vigueur");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Modifications apportées par l'avenant" })).ToContainTextAsync($"Premier CLS de Lomme {suffix}");
        await Check("en-vigueur");

        await page.GotoAsync($"/contrats/{lomme}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Avenant au contrat CLS de Lille {suffix}");
        await Check("lomme");
        Assert.True(app.ConsoleErrors.Count == 0, "Erreurs de la console :\n" + string.Join("\n", app.ConsoleErrors));
    }
}
