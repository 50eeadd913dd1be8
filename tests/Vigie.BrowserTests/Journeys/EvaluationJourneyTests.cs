using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigie.BrowserTests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;

namespace Vigie.BrowserTests.Journeys;

/// <summary>
/// The evaluation journey (issue 15), Lomme: the 2005 CLS (its first CLS of 2000 an avenant to Lille's) is evaluated —
/// "presque tous les objectifs atteints" computed from its plan —, the report validated in a sitting of the restricted
/// formation and presented in a plenary one, read on the public page and as a public PDF by an anonymous visitor; then the
/// contract is renewed as the 2009 CLS through the wizard, its actions carried over with their lineage, the chain of
/// generations on the contract page. Every page is scanned with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EvaluationJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task Coordinator_EvaluatesLomme2005_RenewsAs2009_FirstClsIsAvenantToLille()
    {
        var (email, password) = await app.CreateAdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        Guid lomme2005, lille, lomme2000, carriedFrom;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var admin = await db.Users.SingleAsync(u => u.Email == email);
            var ville = new Organisation { Name = $"Ville de Lomme {suffix}", Type = PartnerType.Commune };
            db.Organisations.Add(ville);
            SecurityContract Contract(string title, int from, int to, int generation) => new()
            {
                Title = $"{title} {suffix}", Kind = ContractKind.Cls, Status = ContractStatus.InForce, Generation = generation,
                StartDate = new DateOnly(from, 1, 1), EndDate = new DateOnly(to, 12, 31),
            };
            var lilleContract = Contract("CLS de Lille", 2000, 2004, 1);
            var first = Contract("Premier CLS de Lomme", 2000, 2004, 1);
            first.Status = ContractStatus.Ended;
            first.AmendsContract = lilleContract;
            var second = Contract("CLS de Lomme 2005", 2005, 2008, 2);
            second.Predecessor = first;
            second.IsPublished = true;
            second.Signatories.Add(new Signatory { OrganisationId = ville.Id, RepresentativeName = "Yves Durand", RepresentativePosition = "Député-maire", SignedOn = new DateOnly(2005, 3, 1), Order = 1 });
            foreach (var c in new[] { lilleContract, first, second })
            {
                c.Memberships.Add(new ContractMembership { UserId = admin.Id, Role = ContractRole.Coordinator });
                db.Contracts.Add(c);
            }
            db.PlanStatuses.AddRange(Vigie.Web.Features.ActionPlan.PlanCommandKit.DefaultStatuses(second.Id));
            // The CLSPD's two formations, each with a held sitting after the period: the restricted one validates the
            // report, the plenary one hears it presented.
            foreach (var (kind, name, month) in new[] { (BodyKind.Restricted, "Formation restreinte", 1), (BodyKind.Plenary, "Formation plénière", 2) })
            {
                var body = new Body { ContractId = second.Id, Name = $"{name} du CLSPD de Lomme", Kind = kind };
                db.Bodies.Add(body);
                db.Meetings.Add(new Meeting { ContractId = second.Id, BodyId = body.Id, Title = $"Séance {name.ToLowerInvariant()}", StartsAt = new DateTimeOffset(2009, month, 15, 9, 0, 0, TimeSpan.Zero), Status = MeetingStatus.Held });
            }
            // Five objectives of 2005 (seed 002), two actions each: nine reach their target, one only moves towards it.
            string[] objectives = ["Promouvoir la citoyenneté", "Renforcer la sécurité urbaine", "Prévenir les conflits par la médiation", "Accompagner les publics spécifiques", "Adapter les réponses judiciaires"];
            var n = 0;
            for (var o = 0; o < objectives.Length; o++)
            {
                var priority = new PlanItem { ContractId = second.Id, Kind = PlanItemKind.Priority, Position = o + 1, Reference = $"P-{suffix}{o}", Title = objectives[o] };
                db.PlanItems.Add(priority);
                for (var a = 1; a <= 2; a++)
                {
                    n++;
                    var action = new PlanItem { ContractId = second.Id, ParentId = priority.Id, Kind = PlanItemKind.Action, Position = a, Reference = $"A-{suffix}{n}", Title = $"Action {n} — {objectives[o].ToLowerInvariant()}", LeadOrganisationId = ville.Id };
                    db.PlanItems.Add(action);
                    var indicator = new PlanIndicator
                    {
                        ContractId = second.Id, PlanItemId = action.Id, Reference = $"I-{suffix}{n}", Name = "Faits traités", Unit = "faits", Kind = PlanIndicatorKind.Result,
                        BaselineValue = 100, BaselineDate = new DateOnly(2004, 12, 31), TargetValue = 80, TargetDate = new DateOnly(2008, 12, 31), Source = "Ville de Lomme",
                    };
                    db.PlanIndicators.Add(indicator);
                    db.PlanIndicatorValues.Add(new PlanIndicatorValue { ContractId = second.Id, IndicatorId = indicator.Id, On = new DateOnly(2008, 12, 31), Period = "2008", Value = n == 10 ? 90 : 78, Provenance = "bilan annuel" });
                }
            }
            await db.SaveChangesAsync();
            (lomme2005, lille, lomme2000) = (second.Id, lilleContract.Id, first.Id);
            carriedFrom = await db.PlanItems.Where(i => i.ContractId == second.Id && i.Title.StartsWith("Action 3 ")).Select(i => i.Id).SingleAsync();
        }

        var page = await app.NewPageAsync();
        var step = 0;
        async Task Check(string name) => await Accessibility.AssertAccessibleAsync(page, $"evaluation-{++step:00}-{name}");
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();

        // Lomme's first CLS is an avenant to Lille's.
        await page.GotoAsync($"/contrats/{lomme2000}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Avenant au contrat CLS de Lille {suffix}");
        await Check("premier-cls");

        // The 2005 CLS evaluated: the overall line computed from its plan.
        await page.GotoAsync($"/contrats/{lomme2005}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Évaluations, bilans annuels et renouvellement" }).ClickAsync();
        await Check("evaluations");
        await page.GetByLabel(new Regex("^Commanditaire")).FillAsync("Le maire, président du CLSPD");
        await page.GetByLabel(new Regex("^Approbation par le conseil municipal")).FillAsync("2008-06-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir l'évaluation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#overall")).ToContainTextAsync("presque tous les objectifs atteints : 9 sur 10");
        await Check("rapport");
        await page.GetByLabel(new Regex("^Recommandation( \\*)?$")).FillAsync("Sensibiliser les collégiens aux conduites addictives");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la recommandation" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Sensibiliser les collégiens aux conduites addictives");

        // Validated by the restricted formation in its sitting, then presented in plenary.
        var report = page.Url;
        await page.GetByLabel(new Regex("^Séance de la formation restreinte qui valide")).SelectOptionAsync(new SelectOptionValue { Label = "Séance formation restreinte du 15/01/2009 à 10:00" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider (formation restreinte)" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("validée par la formation restreinte");
        await Check("valide");
        await page.GetByLabel(new Regex("^Séance plénière où le rapport est présenté")).SelectOptionAsync(new SelectOptionValue { Label = "Séance formation plénière du 15/02/2009 à 10:00" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Marquer présenté en plénière" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("présentée en plénière");
        await Check("presente");

        // An anonymous visitor reads the public report and downloads its PDF.
        var publicUrl = $"/public/contrats/{lomme2005}/evaluations/{report.Split('/').Last().Split('?')[0]}";
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync(publicUrl);
        await Assertions.Expect(visitor.Locator("#overall")).ToContainTextAsync("presque tous les objectifs atteints");
        await Accessibility.AssertAccessibleAsync(visitor, $"evaluation-{++step:00}-page-publique");
        var publicPdf = await visitor.APIRequest.GetAsync(publicUrl + "?handler=Pdf");
        Assert.Equal(200, publicPdf.Status);
        Assert.StartsWith("application/pdf", publicPdf.Headers["content-type"]);
        await visitor.Context.CloseAsync();

        // Renewed as the 2009 CLS with the wizard: actions carried over, the recommendation as a draft action.
        await page.GotoAsync($"/contrats/{lomme2005}/renouvellement");
        await Check("assistant");
        await page.GetByLabel(new Regex("^Intitulé du nouveau contrat")).FillAsync($"CLS de Lomme 2009 {suffix}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le contrat suivant" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"CLS de Lomme 2009 {suffix}", Level = 1 })).ToBeVisibleAsync();
        var generations = page.Locator("ol.vigie-generations");
        await Assertions.Expect(generations).ToContainTextAsync($"CLS de Lomme 2005 {suffix}");
        await Assertions.Expect(generations).ToContainTextAsync("évalué");
        await Assertions.Expect(generations).ToContainTextAsync($"Premier CLS de Lomme {suffix}");
        await Check("cls-2009");
        var next = page.Url.Split('/').Last();
        await page.GotoAsync($"/contrats/{next}/plan");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Action 3 — renforcer la sécurité urbaine");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Sensibiliser les collégiens aux conduites addictives");
        await Check("plan-2009");

        Guid continuing;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.True(await db.PlanItems.AnyAsync(i => i.ContractId == Guid.Parse(next) && i.ContinuesItemId == carriedFrom), "l'action 3 de 2009 continue l'action 3 de 2005");
            continuing = await db.PlanItems.Where(i => i.ContractId == Guid.Parse(next) && i.ContinuesItemId == carriedFrom).Select(i => i.Id).SingleAsync();
        }

        // The 2009 action says which 2005 action it continues, with a link back.
        await page.GotoAsync($"/contrats/{next}/plan/elements/{continuing}");
        await Assertions.Expect(page.Locator("#lineage")).ToContainTextAsync("Continue l'action");
        await Assertions.Expect(page.Locator("#lineage")).ToContainTextAsync($"CLS de Lomme 2005 {suffix}");
        await Check("lignee");
        Assert.True(app.ConsoleErrors.Count == 0, "Erreurs de la console :\n" + string.Join("\n", app.ConsoleErrors));
    }
}
