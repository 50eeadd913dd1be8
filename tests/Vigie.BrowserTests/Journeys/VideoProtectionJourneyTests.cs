using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigie.BrowserTests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.VideoProtection;

namespace Vigie.BrowserTests.Journeys;

/// <summary>
/// Puteaux (issue 15 "Done when"): the CLSPD's bodies, the video-protection ethics committee, a diagnostic before cameras
/// on two social-housing sites, an authorisation with a 15-day retention, cameras on the map, an extraction logged on a
/// requisition, the renewal reminder appearing when time moves forward, and the public information page. Every page is
/// scanned with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VideoProtectionJourneyTests(BrowserFixture app)
{
    private const string Perimeter = """{"type":"Polygon","coordinates":[[[2.230,48.880],[2.250,48.880],[2.250,48.890],[2.230,48.890],[2.230,48.880]]]}""";

    [Fact]
    public async Task Puteaux_CommitteeDiagnosticAuthorisationCamerasExtraction_ReminderAndPublicPage()
    {
        var (adminEmail, adminPassword) = await app.CreateAdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        Guid contractId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var contract = new SecurityContract
            {
                Title = $"CLSPD de Puteaux {suffix}", Kind = ContractKind.Cls, Status = ContractStatus.InForce, IsPublished = true,
                StartDate = new DateOnly(2024, 1, 1), EndDate = new DateOnly(2029, 12, 31),
            };
            db.Contracts.Add(contract);
            await db.SaveChangesAsync();
            contractId = contract.Id;
            db.Memberships.Add(new ContractMembership { ContractId = contractId, UserId = db.Users.Single(u => u.Email == adminEmail).Id, Role = ContractRole.Coordinator });
            db.Bodies.AddRange(
                new Body { ContractId = contractId, Name = "CLSPD — formation plénière", Kind = BodyKind.Plenary },
                new Body { ContractId = contractId, Name = "CLSPD — formation restreinte", Kind = BodyKind.Restricted },
                new Body { ContractId = contractId, Name = "Comité d'éthique de la vidéoprotection", Kind = BodyKind.VideoEthicsCommittee });
            await db.SaveChangesAsync();
        }

        var page = await app.NewPageAsync();
        var step = 0;
        async Task Check(string name) => await Accessibility.AssertAccessibleAsync(page, $"video-{++step:00}-{name}");
        await SignInAsync(page, adminEmail, adminPassword);

        // The CLSPD's bodies, the ethics committee among them.
        await page.GotoAsync($"/contrats/{contractId}/instances");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("CLSPD — formation plénière");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Comité d'éthique de la vidéoprotection");
        await Check("instances");

        // From the contract page to the (empty) register, then the entry forms.
        await page.GotoAsync($"/contrats/{contractId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Registre et comité d'éthique" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vidéoprotection", Exact = true })).ToBeVisibleAsync();
        await Check("registre-vide");
        await page.GetByRole(AriaRole.Link, new() { Name = "Saisir dans le registre" }).ClickAsync();
        await Check("saisie");

        // The system and its ethics committee (a governance body), then a member by quality.
        await page.Locator("#SystemForm_Commune").FillAsync("Puteaux");
        await page.Locator("#SystemForm_AccessContact").FillAsync("Mairie de Puteaux, service vidéoprotection, 131 rue de la République");
        await page.Locator("#SystemForm_CommitteeBodyId").SelectOptionAsync(new SelectOptionValue { Label = "Comité d'éthique de la vidéoprotection" });
        await page.Locator("#SystemForm_CharterVersion").FillAsync("2024");
        await page.Locator("#SystemForm_CharterText").FillAsync("Légalité, nécessité, proportionnalité, transparence, responsabilité, supervision indépendante, implication des citoyens.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le système" }).ClickAsync();
        await page.Locator("#MemberForm_Name").FillAsync("Élue de l'opposition");
        await page.Locator("#MemberForm_Quality").SelectOptionAsync(new SelectOptionValue { Value = "EluOpposition" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le membre" }).ClickAsync();

        // The référent sûreté's diagnostic before installing cameras on two social-housing sites.
        await page.Locator("#DiagnosticForm_Date").FillAsync(today.AddDays(-30).ToString("yyyy-MM-dd"));
        await page.Locator("#DiagnosticForm_Perimeter").FillAsync("Quartiers d'habitat social des Bergères et de la cité Lorilleux");
        await page.Locator("#RecommendationLines").FillAsync("Résidence des Bergères ; DomePTZ ; 5 ; 1\nCité Lorilleux ; Fixe ; 5 ; 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le diagnostic" }).ClickAsync();

        // A perimeter authorisation with a 15-day retention, about 400 days before its five years end.
        await page.Locator("#AuthorisationForm_OrderNumber").FillAsync($"2020-{suffix}");
        await page.Locator("#AuthorisationForm_OrderDate").FillAsync(today.AddYears(-5).AddDays(390).ToString("yyyy-MM-dd"));
        await page.Locator("#AuthorisationForm_Prefecture").FillAsync("Hauts-de-Seine");
        await page.Locator("label[for=AuthorisationForm_Purposes_5]").ClickAsync(); // the DSFR label covers its checkbox
        await Assertions.Expect(page.Locator("#AuthorisationForm_Purposes_5")).ToBeCheckedAsync();
        await page.Locator("#AuthorisationForm_PerimeterName").FillAsync("Les Bergères – Lorilleux");
        await page.Locator("#AuthorisationForm_PerimeterGeoJson").FillAsync(Perimeter);
        await page.Locator("#AuthorisationForm_RetentionDays").FillAsync("15");
        await page.Locator("#AuthorisationForm_EffectiveOn").FillAsync(today.AddYears(-5).AddDays(400).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'autorisation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#CameraForm_AuthorisationId")).ToContainTextAsync($"2020-{suffix}");

        // Two cameras in service, the préfet informed.
        foreach (var (code, site, lat, lon) in new[] { ("BER-01", "Résidence des Bergères", "48,8848", "2,2386"), ("LOR-01", "Cité Lorilleux", "48,8861", "2,2431") })
        {
            await page.Locator("#CameraForm_Code").FillAsync(code);
            await page.Locator("#CameraForm_Site").FillAsync(site);
            await page.Locator("#CameraForm_Latitude").FillAsync(lat);
            await page.Locator("#CameraForm_Longitude").FillAsync(lon);
            await page.Locator("#CameraForm_AuthorisationId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.Locator("#CameraForm_Purpose").FillAsync("5");
            await page.Locator("#CameraForm_Bearing").FillAsync("120");
            await page.Locator("#CameraForm_ViewAngle").FillAsync("70");
            await page.Locator("#CameraForm_State").SelectOptionAsync(new SelectOptionValue { Value = "EnService" });
            await page.Locator("#CameraForm_PrefectInformedOn").FillAsync(today.ToString("yyyy-MM-dd"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la caméra" }).ClickAsync();
            await Assertions.Expect(page.Locator("#ExtractionForm_CameraIds")).ToContainTextAsync(code);
        }

        // A requisition, and the extraction logged on it.
        var yesterday = today.AddDays(-1).ToString("yyyy-MM-dd");
        await page.Locator("#RequisitionForm_Number").FillAsync($"PV-{suffix}");
        await page.Locator("#RequisitionForm_ReceivedOn").FillAsync(today.ToString("yyyy-MM-dd"));
        await page.Locator("#RequisitionForm_PeriodFrom").FillAsync($"{yesterday}T21:00");
        await page.Locator("#RequisitionForm_PeriodTo").FillAsync($"{yesterday}T22:00");
        await page.Locator("#RequisitionForm_Site").FillAsync("Résidence des Bergères");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la réquisition" }).ClickAsync();
        await page.Locator("#ExtractionForm_OperatorName").FillAsync("Camille Opératrice");
        await page.Locator("#ExtractionForm_OperatorRole").FillAsync("Opératrice du CSU");
        await page.Locator("label", new() { HasTextRegex = new Regex("^BER-01") }).ClickAsync();
        await page.Locator("#ExtractionForm_From").FillAsync($"{yesterday}T21:10");
        await page.Locator("#ExtractionForm_To").FillAsync($"{yesterday}T21:40");
        await page.Locator("#ExtractionForm_Reason").SelectOptionAsync(new SelectOptionValue { Value = "RequisitionJudiciaire" });
        await page.Locator("#ExtractionForm_RequisitionId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("#ExtractionForm_Recipient").FillAsync("Commissariat de Puteaux, OPJ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inscrire l'extraction" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Extraction inscrite au registre");
        await Check("saisie-remplie");

        // The register: the diagnostic's two sites, the 15-day authorisation, both cameras on the map.
        await page.GotoAsync($"/contrats/{contractId}/videoprotection");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Cité Lorilleux (fixe, 5°, priorité 2)");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "15 jours" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#carte-cameras path.leaflet-interactive")).ToHaveCountAsync(3); // the perimeter and two cameras
        await Check("registre");
        await page.GetByRole(AriaRole.Link, new() { Name = "Réquisitions, extractions et demandes d'accès" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Camille Opératrice" })).ToContainTextAsync($"PV-{suffix}");
        await Check("registre-extractions");

        // Time moves forward 40 days: the daily check raises the D-365 renewal reminder.
        try
        {
            app.Clock.Advance(TimeSpan.FromDays(40));
            await app.Services.GetRequiredService<VideoDailyJob>().RunOnceAsync();
            var later = await app.NewPageAsync();
            await SignInAsync(later, adminEmail, adminPassword);
            await later.GotoAsync($"/contrats/{contractId}/videoprotection");
            await Assertions.Expect(later.Locator("#alertes + ul")).ToContainTextAsync("Renouvellement à J-365");
            await Assertions.Expect(later.Locator("#alertes + ul")).ToContainTextAsync($"2020-{suffix}");
            await Accessibility.AssertAccessibleAsync(later, $"video-{++step:00}-rappel");
        }
        finally
        {
            app.Clock.Reset();
        }

        // The public information page: perimeter, purpose, retention, right of access, charter; nothing of the register.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync($"/public/contrats/{contractId}/videoprotection");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Périmètre « Les Bergères – Lorilleux »");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Durée de conservation des images : 15 jours");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Exercer votre droit d'accès");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("supervision indépendante");
        await Assertions.Expect(visitor.Locator("main")).Not.ToContainTextAsync("Camille Opératrice");
        await Assertions.Expect(visitor.Locator("main")).Not.ToContainTextAsync($"PV-{suffix}");
        await Accessibility.AssertAccessibleAsync(visitor, $"video-{++step:00}-page-publique");
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
