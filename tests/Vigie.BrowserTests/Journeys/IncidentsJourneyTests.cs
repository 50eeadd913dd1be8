using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigie.BrowserTests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.Admin;
using Vigie.Web.Features.Incidents;

namespace Vigie.BrowserTests.Journeys;

/// <summary>
/// Lomme's weekly meeting (issue 14 "Done when"): a hall occupation reported by an agent is auto-routed to the landlord,
/// an abandoned car arrives through Open311 and is auto-routed to the police municipale, a second report of the same
/// car by an agent is merged as a duplicate, the hall occupation is re-routed to the police municipale, the weekly view
/// is pulled into the meeting's agenda, a decision on the hall becomes a task for the police municipale with a due
/// date, the police municipale closes the hall incident from its inbox, and the anonymous public map shows the car
/// (public category, coarse place, scrubbed text) but never the hall occupation. Every page is scanned with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IncidentsJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task LommeWeeklyMeeting_RoutesReroutesMergesDecidesAndPartnerCloses()
    {
        var (adminEmail, adminPassword) = await app.CreateAdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var bailleur = $"Bailleur lommois {suffix}";
        var police = $"Police municipale de Lomme {suffix}";
        const string partnerPassword = "Navigateur-9-solide";
        var policeEmail = $"pm-{suffix}@example.test";
        var jurisdiction = $"lomme-{suffix}.test";
        const string apiKey = "o311_parcours_navigateur_cle";
        Guid contractId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var commune = new Organisation { Name = $"Ville de Lomme {suffix}", Type = PartnerType.Commune };
            var b = new Organisation { Name = bailleur, Type = PartnerType.BailleurSocial };
            var p = new Organisation { Name = police, Type = PartnerType.PoliceMunicipale };
            db.Organisations.AddRange(commune, b, p);
            var contract = new SecurityContract
            {
                Title = $"CLS de Lomme {suffix}", Kind = ContractKind.Cls, Status = ContractStatus.InForce,
                StartDate = new DateOnly(2025, 1, 1), EndDate = new DateOnly(2028, 12, 31),
            };
            db.Contracts.Add(contract);
            await db.SaveChangesAsync();
            contractId = contract.Id;
            var order = 0;
            foreach (var o in new[] { commune, b, p })
                db.Signatories.Add(new Signatory { ContractId = contractId, OrganisationId = o.Id, RepresentativeName = "Représentant", Order = ++order });
            var partner = await Bootstrap.CreateUserAsync(scope.ServiceProvider, policeEmail, "Paula Police", partnerPassword, p.Id, []);
            var admin = db.Users.Single(u => u.Email == adminEmail);
            db.Memberships.AddRange(
                new ContractMembership { ContractId = contractId, UserId = admin.Id, Role = ContractRole.Coordinator },
                new ContractMembership { ContractId = contractId, UserId = partner.Id, Role = ContractRole.PartnerMember });
            var body = new Body { ContractId = contractId, Name = "Cadre de vie – tranquillité publique", Kind = BodyKind.LivingEnvironment };
            db.Bodies.Add(body);
            var starts = DateTimeOffset.UtcNow.AddDays(2);
            db.Meetings.Add(new Meeting { ContractId = contractId, BodyId = body.Id, Title = "Réunion hebdomadaire", StartsAt = starts, EndsAt = starts.AddHours(1), Status = MeetingStatus.Planned, Visibility = MinutesVisibility.Members });
            db.IncidentSettings.Add(new IncidentSettings { ContractId = contractId, Jurisdiction = jurisdiction });
            db.Open311Clients.Add(new Open311Client { ContractId = contractId, Name = "Application citoyenne", KeyHash = Open311Service.Hash(apiKey), Prefix = apiKey[..10] });
            await db.SaveChangesAsync();
        }

        var page = await app.NewPageAsync();
        var step = 0;
        async Task Check(string name) => await Accessibility.AssertAccessibleAsync(page, $"signalements-{++step:00}-{name}");
        await SignInAsync(page, adminEmail, adminPassword);
        var list = $"/contrats/{contractId}/signalements";

        // An agent reports a hall occupation: routed to the landlord.
        await page.GotoAsync(list);
        await Check("liste-vide");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau signalement" }).ClickAsync();
        await Check("formulaire");
        await page.GetByLabel("Catégorie").SelectOptionAsync(new SelectOptionValue { Value = "HALL-OCC" });
        await page.GetByLabel("Adresse ou lieu").FillAsync("Résidence du Marais, hall C");
        await page.Locator("#Input_Latitude").FillAsync("50,6445");
        await page.Locator("#Input_Longitude").FillAsync("2,9870");
        await page.GetByLabel("Ce qui a été constaté").FillAsync("Occupation du hall chaque soir après 22 h.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et transmettre" }).ClickAsync();
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToContainTextAsync("transmis à son pilote");
        await Assertions.Expect(page.Locator("dl")).ToContainTextAsync(bailleur);
        var hallUrl = page.Url;
        await Check("signalement-hall");

        // An abandoned car through Open311 (auto-routed to the police municipale), then the same car again by an agent:
        // proposed as a duplicate, merged.
        using (var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) })
        {
            var posted = await http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["jurisdiction_id"] = jurisdiction, ["api_key"] = apiKey, ["service_code"] = "EPAVE-VEH", ["lat"] = "50.6440", ["long"] = "2.9880",
                ["description"] = "Voiture sans roues depuis un mois, plaque AB-123-CD",
            }));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }
        await page.GotoAsync(list);
        await page.GetByRole(AriaRole.Link, new() { Name = "2", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("dl")).ToContainTextAsync(police);
        await Assertions.Expect(page.Locator("dl")).ToContainTextAsync("Client Open311");
        await page.GotoAsync($"/contrats/{contractId}/signalements/nouveau");
        await page.GetByLabel("Catégorie").SelectOptionAsync(new SelectOptionValue { Value = "EPAVE-VEH" });
        await page.Locator("#Input_Latitude").FillAsync("50,6441");
        await page.Locator("#Input_Longitude").FillAsync("2,9881");
        await page.GetByLabel("Ce qui a été constaté").FillAsync("Épave de voiture sur le parking.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et transmettre" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Doublons possibles" })).ToBeVisibleAsync();
        await Check("doublon-propose");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fusionner dans le n° 2" }).ClickAsync();
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToContainTextAsync("fusionné comme doublon");
        await Check("doublon-fusionne");

        // The hall occupation is re-routed to the police municipale.
        await page.GotoAsync(hallUrl);
        await page.GetByLabel("Nouveau partenaire pilote").SelectOptionAsync(new SelectOptionValue { Label = police });
        await page.GetByLabel("Motif", new() { Exact = true }).FillAsync("Rassemblement sur la voie publique devant le hall");
        await page.GetByRole(AriaRole.Button, new() { Name = "Réorienter" }).ClickAsync();
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToContainTextAsync("réorienté");
        await Check("reoriente");

        // The weekly view goes on the meeting's agenda.
        await page.GotoAsync($"/contrats/{contractId}/signalements/semaine");
        await Check("vue-hebdomadaire");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inscrire à l'ordre du jour" }).ClickAsync();
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToContainTextAsync("ajouté(s) à l'ordre du jour");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Signalement n° 1 — Occupation de hall" })).ToBeVisibleAsync();
        await Check("ordre-du-jour");

        // The meeting decides on the hall: a task for the police municipale with a due date.
        var point = page.GetByLabel("Point de l'ordre du jour");
        var hallPoint = await point.Locator("option", new() { HasText = "Signalement n° 1 — Occupation de hall" }).GetAttributeAsync("value");
        await point.SelectOptionAsync(new SelectOptionValue { Value = hallPoint! });
        await page.GetByLabel("Nature").SelectOptionAsync(new SelectOptionValue { Label = "Tâche" });
        await page.GetByLabel(new System.Text.RegularExpressions.Regex(@"^Texte( \*)?$")).FillAsync("Passage de la police municipale chaque soir devant le hall C");
        await page.GetByLabel("Partenaire responsable").SelectOptionAsync(new SelectOptionValue { Label = police });
        await page.GetByLabel("Échéance").FillAsync(DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la suite" }).ClickAsync();
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToContainTextAsync("La tâche a été enregistrée");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Passage de la police municipale chaque soir devant le hall C");
        await Check("decision-tache");

        // The map and its table alternative.
        await page.GotoAsync(list);
        await Assertions.Expect(page.Locator("#carte-signalements .leaflet-interactive, #carte-signalements .vigie-cluster").First).ToBeVisibleAsync();
        await Check("carte");

        // The police municipale takes it up from its inbox, resolves and closes it.
        var partnerPage = await app.NewPageAsync();
        await SignInAsync(partnerPage, policeEmail, partnerPassword);
        await partnerPage.GotoAsync($"/contrats/{contractId}/signalements/boite");
        await Accessibility.AssertAccessibleAsync(partnerPage, $"signalements-{++step:00}-boite-police");
        await partnerPage.GetByRole(AriaRole.Link, new() { Name = "1", Exact = true }).ClickAsync();
        foreach (var (state, reason) in new[] { ("Pris en charge", ""), ("Résolu", ""), ("Clôturé", "Traité") })
        {
            await partnerPage.GetByLabel("Nouvel état").SelectOptionAsync(new SelectOptionValue { Label = state });
            if (reason.Length > 0) await partnerPage.GetByLabel("Motif de clôture (si « Clôturé »)").SelectOptionAsync(new SelectOptionValue { Label = reason });
            await partnerPage.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'état" }).ClickAsync();
            await Assertions.Expect(partnerPage.Locator(".fr-alert--success")).ToContainTextAsync("mis à jour");
        }
        await Assertions.Expect(partnerPage.Locator(".fr-badge").First).ToContainTextAsync("Clôturé — Traité");
        await Accessibility.AssertAccessibleAsync(partnerPage, $"signalements-{++step:00}-clos-par-la-police");
        await partnerPage.GotoAsync($"/contrats/{contractId}/signalements/boite");
        await Assertions.Expect(partnerPage.GetByRole(AriaRole.Link, new() { Name = "2", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(partnerPage.GetByRole(AriaRole.Link, new() { Name = "1", Exact = true })).ToHaveCountAsync(0);

        // The task is the police municipale's.
        await partnerPage.GotoAsync("/mes-taches");
        await Assertions.Expect(partnerPage.Locator("table")).ToContainTextAsync("Passage de la police municipale chaque soir devant le hall C");

        // The public map (anonymous): the car, at a coarse place and without its plate; never the hall occupation.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync($"/public/contrats/{contractId}/signalements");
        await Assertions.Expect(visitor.Locator("#carte-signalements .leaflet-interactive, #carte-signalements .vigie-cluster").First).ToBeVisibleAsync();
        var table = visitor.Locator("table");
        await Assertions.Expect(table).ToContainTextAsync("Véhicule épave");
        await Assertions.Expect(table).Not.ToContainTextAsync("Occupation de hall");
        await Assertions.Expect(table).Not.ToContainTextAsync("AB-123-CD");
        await Accessibility.AssertAccessibleAsync(visitor, $"signalements-{++step:00}-carte-publique");
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
