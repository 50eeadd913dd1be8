using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigie.BrowserTests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.Admin;
using Vigie.Web.Features.Cases;

namespace Vigie.BrowserTests.Journeys;

/// <summary>
/// Issue 13, "Done when": the coordinator creates a cellule de veille, three partners sign the charter (a fourth does not
/// and is refused), the school refers a minor with checkbox reasons, the case is examined at a meeting by its code,
/// actions are recorded and the sheet closed; the coordinator reads who saw the sheet; then the app's clock moves
/// forward and the daily job archives, announces and purges it, leaving only the anonymous stub and the elimination
/// slip. Every page is scanned with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CasesJourneyTests(BrowserFixture app)
{
    private const string Password = "Navigateur-9-solide";

    [Fact]
    public async Task WatchCell_FromCharterToPurge_LeavesOnlyTheAnonymousStub()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var surname = "Marchal" + string.Concat(suffix.Where(char.IsLetter)).ToUpperInvariant();
        Guid contractId;
        var people = new Dictionary<string, (string Email, string Name)>
        {
            ["coordinator"] = ($"coord-{suffix}@example.test", $"Corinne Coordo {suffix}"),
            ["school"] = ($"college-{suffix}@example.test", $"Sophie Collège {suffix}"),
            ["police"] = ($"police-{suffix}@example.test", $"Paul Police {suffix}"),
            ["landlord"] = ($"bailleur-{suffix}@example.test", $"Bernard Bailleur {suffix}"),
            ["refuser"] = ($"ccas-{suffix}@example.test", $"Rémi Réticent {suffix}"),
        };
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var commune = new Organisation { Name = $"Ville de Lomme {suffix}", Type = PartnerType.Commune };
            db.Organisations.Add(commune);
            var contract = new SecurityContract
            {
                Title = $"CLSPD de Lomme {suffix}", Kind = ContractKind.Cls, Status = ContractStatus.InForce,
                StartDate = new DateOnly(2025, 1, 1), EndDate = new DateOnly(2028, 12, 31),
            };
            db.Contracts.Add(contract);
            await db.SaveChangesAsync();
            contractId = contract.Id;
            foreach (var (key, (email, name)) in people)
            {
                var user = await Bootstrap.CreateUserAsync(scope.ServiceProvider, email, name, Password, commune.Id, []);
                db.Memberships.Add(new ContractMembership { ContractId = contractId, UserId = user.Id, Role = key == "coordinator" ? ContractRole.Coordinator : ContractRole.PartnerMember });
            }
            var body = new Body { ContractId = contractId, Name = $"Cellule de veille {suffix}", Kind = BodyKind.WatchCell };
            db.Bodies.Add(body);
            var starts = DateTimeOffset.UtcNow.AddDays(2);
            db.Meetings.Add(new Meeting { ContractId = contractId, BodyId = body.Id, Title = "Cellule de veille de mars", StartsAt = starts, EndsAt = starts.AddHours(2), Status = MeetingStatus.Planned, Visibility = MinutesVisibility.Restricted });
            await db.SaveChangesAsync();
        }

        var step = 0;
        async Task Check(IPage p, string name) => await Accessibility.AssertAccessibleAsync(p, $"suivis-{++step:00}-{name}");
        var home = $"/contrats/{contractId}/suivis";

        // The coordinator creates the watch cell, signs its charter and adds the four partners.
        var coordinator = await SignedInAsync(people["coordinator"].Email);
        await coordinator.GotoAsync(home);
        await Check(coordinator, "accueil");
        await coordinator.Locator("#Input_Name").FillAsync($"Cellule de veille jeunesse {suffix}");
        await coordinator.Locator("#Input_Kind").SelectOptionAsync(new SelectOptionValue { Label = "Cellule de veille" });
        await coordinator.Locator("#Input_BodyId").SelectOptionAsync(new SelectOptionValue { Label = $"Cellule de veille {suffix}" });
        await coordinator.Locator("#Input_CoordinatorInstitution").SelectOptionAsync(new SelectOptionValue { Label = "Service municipal" });
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Créer le dispositif" }).ClickAsync();
        await Assertions.Expect(coordinator.Locator(".fr-alert--success")).ToContainTextAsync("a été créé");
        var groupUrl = coordinator.Url;
        await SignCharterAsync(coordinator, groupUrl);
        await Check(coordinator, "charte-signee");
        foreach (var (key, institution) in new[] { ("school", "Établissement scolaire"), ("police", "Police nationale"), ("landlord", "Bailleur social"), ("refuser", "CCAS") })
        {
            await coordinator.GotoAsync(groupUrl);
            await coordinator.Locator("#Member_UserId").SelectOptionAsync(new SelectOptionValue { Label = people[key].Name });
            await coordinator.Locator("#Member_Institution").SelectOptionAsync(new SelectOptionValue { Label = institution });
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Ajouter le membre" }).ClickAsync();
            await Assertions.Expect(coordinator.Locator(".fr-alert--success")).ToContainTextAsync("a été ajouté");
        }
        await Check(coordinator, "dispositif-membres");

        // Three partners sign; the fourth ticks only some clauses, is refused the signature, then the situations.
        var partners = new Dictionary<string, IPage>();
        foreach (var key in new[] { "school", "police", "landlord" })
        {
            partners[key] = await SignedInAsync(people[key].Email);
            await SignCharterAsync(partners[key], groupUrl);
        }
        var refuser = await SignedInAsync(people["refuser"].Email);
        await refuser.GotoAsync(groupUrl + "/charte");
        await TickAsync(refuser, "clause-1");
        await refuser.GetByRole(AriaRole.Button, new() { Name = "Signer la charte" }).ClickAsync();
        await Assertions.Expect(refuser.Locator("#resume-erreurs")).ToBeVisibleAsync();
        await Check(refuser, "charte-incomplete");
        var refused = await refuser.GotoAsync(groupUrl + "/fiches/nouvelle");
        Assert.Equal(403, refused!.Status);
        await Assertions.Expect(refuser.GetByText("Signez la charte déontologique")).ToBeVisibleAsync();
        await Check(refuser, "refuse-sans-signature");

        // The school refers a minor: identity, then checkbox reasons (no free-text motive).
        var school = partners["school"];
        await school.GotoAsync(groupUrl);
        await school.GetByRole(AriaRole.Link, new() { Name = "Signaler une situation" }).ClickAsync();
        await Check(school, "signalement-formulaire");
        await school.Locator("#Input_Surname").FillAsync(surname);
        await school.Locator("#Input_FirstName").FillAsync("Kylian");
        await school.Locator("#Input_Sex").SelectOptionAsync(new SelectOptionValue { Label = "Masculin" });
        await school.Locator("#Input_BirthDate").FillAsync(DateTime.UtcNow.AddYears(-14).ToString("yyyy-MM-dd"));
        await school.Locator("#Input_SchoolLevel").SelectOptionAsync(new SelectOptionValue { Label = "Collège" });
        await school.Locator("#Input_Origin").SelectOptionAsync(new SelectOptionValue { Label = "Signalement d'un partenaire" });
        await school.Locator("#Input_ReferralSource").SelectOptionAsync(new SelectOptionValue { Label = "Établissement scolaire" });
        await TickAsync(school, "problem-AbsenteeismDropout");
        await TickAsync(school, "problem-SchoolExclusion");
        await school.GetByRole(AriaRole.Button, new() { Name = "Transmettre au coordonnateur" }).ClickAsync();
        var flash = school.Locator(".fr-alert--success");
        await Assertions.Expect(flash).ToContainTextAsync("a été transmise au coordonnateur");
        var code = System.Text.RegularExpressions.Regex.Match(await flash.InnerTextAsync(), "FS-[0-9A-Z]{6}").Value;
        Assert.NotEmpty(code);
        await Check(school, "fiche-transmise");
        // Not yet on an agenda: the school does not see it in the list (need to know), the coordinator does.
        await Assertions.Expect(school.GetByRole(AriaRole.Link, new() { Name = code })).ToHaveCountAsync(0);
        await coordinator.GotoAsync(groupUrl);
        await coordinator.GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await Assertions.Expect(coordinator.Locator("h1")).ToContainTextAsync($"Fiche {code} — Kylian {surname}");
        var sheetUrl = coordinator.Url;
        var sheetId = Guid.Parse(sheetUrl.Split('?')[0].TrimEnd('/').Split('/')[^1]);

        // The coordinator places it on the meeting by its code, and records the decision taken there.
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Inscrire à l'ordre du jour" }).ClickAsync();
        await Assertions.Expect(coordinator.Locator(".fr-alert--success")).ToContainTextAsync("sous son code");
        await coordinator.Locator("#decision-value").SelectOptionAsync(new SelectOptionValue { Label = "Ouverture du suivi" });
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Assertions.Expect(coordinator.Locator(".fr-badge").First).ToContainTextAsync("En suivi");
        await Check(coordinator, "fiche-en-suivi");
        using (var scope = app.Services.CreateScope())
        {
            var titles = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AgendaItems.Where(a => a.ContractId == contractId).Select(a => a.Title).ToListAsync();
            Assert.Contains($"Situation {code}", titles);
            Assert.DoesNotContain(titles, t => t.Contains(surname, StringComparison.OrdinalIgnoreCase));
        }

        // The police reads it (on the agenda, inside the need-to-know window): first name and initial only.
        var police = partners["police"];
        await police.GotoAsync(sheetUrl);
        await Assertions.Expect(police.Locator("h1")).ToContainTextAsync($"Kylian {surname[0]}.");
        await Assertions.Expect(police.Locator("body")).Not.ToContainTextAsync(surname);
        await Check(police, "fiche-vue-membre");

        // Actions: the school's, then the coordinator's; then the coordinator closes the sheet.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        foreach (var p in new[] { school, coordinator })
        {
            await p.GotoAsync(sheetUrl);
            await p.Locator("#Action_Type").SelectOptionAsync(new SelectOptionValue { Label = "Accompagnement scolaire / raccrochage" });
            await p.Locator("#Action_StartedOn").FillAsync(today);
            await p.Locator("#Action_Result").SelectOptionAsync(new SelectOptionValue { Label = "Réalisée" });
            await p.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'action" }).ClickAsync();
            await Assertions.Expect(p.Locator(".fr-alert--success")).ToContainTextAsync("action a été enregistrée");
        }
        await coordinator.Locator("#StatusInput_Status").SelectOptionAsync(new SelectOptionValue { Label = "Clôturée" });
        await coordinator.Locator("#StatusInput_ClosureReason").SelectOptionAsync(new SelectOptionValue { Label = "Objectifs atteints" });
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Changer le statut" }).ClickAsync();
        await Assertions.Expect(coordinator.Locator(".fr-badge").First).ToContainTextAsync("Clôturée");

        // The refuser tries the sheet's address: refused, and that refusal is in the trail too.
        Assert.Equal(403, (await refuser.GotoAsync(sheetUrl))!.Status);

        // Who saw this sheet: the school, the police, the coordinator, and the refusal.
        await coordinator.GotoAsync(sheetUrl + "?voir=acces");
        var trail = coordinator.Locator("table:has(caption:text('Traçabilité de la fiche'))");
        foreach (var key in new[] { "school", "police", "coordinator", "refuser" })
            await Assertions.Expect(trail).ToContainTextAsync(people[key].Name);
        await Assertions.Expect(trail).ToContainTextAsync("fiche consultée");
        await Assertions.Expect(trail).ToContainTextAsync("refusé");
        await Check(coordinator, "qui-a-consulte");

        // The contract's programmes (a closed list kept by its coordinators), the group's register of rights requests, the yearly charter review.
        await coordinator.GotoAsync(home + "/programmes");
        await coordinator.Locator("#Input_Code").FillAsync("PRE");
        await coordinator.Locator("#Input_Label").FillAsync("Prévention de la récidive");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Ajouter le programme" }).ClickAsync();
        await Assertions.Expect(coordinator.Locator(".fr-alert--success")).ToContainTextAsync("est ajouté");
        await Check(coordinator, "programmes");
        await coordinator.GotoAsync(groupUrl + "/droits");
        await Assertions.Expect(coordinator.Locator("h1")).ToContainTextAsync("Demandes d'exercice des droits");
        await Check(coordinator, "registre-des-droits");
        await coordinator.GotoAsync(groupUrl);
        var reviewDay = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await coordinator.Locator("#Review_HeldOn").FillAsync(reviewDay);
        await TickAsync(coordinator, "review-institution-School");
        await TickAsync(coordinator, "review-institution-NationalPolice");
        await coordinator.Locator("#Review_Findings").FillAsync("Charte appliquée par les partenaires présents ; un refus de signature.");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le bilan" }).ClickAsync();
        await Assertions.Expect(coordinator.Locator(".fr-alert--success")).ToContainTextAsync("bilan annuel");
        await Check(coordinator, "bilan-charte");

        // Time moves on through the app's clock: archived the next day, announced three months after the end, purged seven days later.
        var retention = app.Services.GetRequiredService<CaseRetention>();
        try
        {
            app.Clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal(1, (await retention.RunOnceAsync())!.Archived);
            app.Clock.Advance(TimeSpan.FromDays(92));
            Assert.True((await retention.RunOnceAsync())!.Previewed >= 1);
            coordinator = await SignedInAsync(people["coordinator"].Email); // the old session has expired meanwhile
            await coordinator.GotoAsync(groupUrl + "/conservation");
            await Assertions.Expect(coordinator.Locator("table:has(caption:text('Suppressions prévues'))")).ToContainTextAsync(code);
            await Check(coordinator, "purge-annoncee");
            app.Clock.Advance(TimeSpan.FromDays(7));
            Assert.True((await retention.RunOnceAsync())!.Purged >= 1);

            coordinator = await SignedInAsync(people["coordinator"].Email);
            Assert.Equal(404, (await coordinator.GotoAsync(sheetUrl))!.Status);
            await coordinator.GotoAsync(groupUrl + "/conservation");
            await Assertions.Expect(coordinator.Locator("table:has(caption:text('Bordereaux'))")).ToContainTextAsync("1");
            await Check(coordinator, "bordereau");
            await coordinator.GotoAsync(home + "/registre");
            // The register's anonymous statistics: the reports' per group × year tables, the stub's cells under 5 suppressed.
            await Assertions.Expect(coordinator.GetByRole(AriaRole.Cell, new() { Name = "< 5", Exact = true }).First).ToBeVisibleAsync();
            await Check(coordinator, "registre");
        }
        finally
        {
            app.Clock.Reset();
        }

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.False(await db.CaseSheets.AnyAsync(s => s.Id == sheetId));
            Assert.False(await db.CaseActions.AnyAsync(a => a.SheetId == sheetId));
            var stub = await db.CaseStatsStubs.SingleAsync(s => s.ContractId == contractId);
            Assert.Equal(CaseClosureReason.GoalsReached, stub.ClosureReason);
            Assert.Equal(CaseAgeBand.From14To15, stub.AgeBand);
        }
        // The three refusals above (403, 403, 404) are the only console messages of these pages.
        Assert.DoesNotContain(app.ConsoleErrors, e => e.Contains("/suivis", StringComparison.Ordinal) && !e.Contains("Failed to load resource", StringComparison.Ordinal));
        // The list is shared by every journey of the run (each asserts it is empty): the expected refusals leave it.
        app.ConsoleErrors.RemoveAll(e => e.Contains("/suivis", StringComparison.Ordinal) && e.Contains("Failed to load resource", StringComparison.Ordinal));
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A DSFR checkbox: its label covers the input, so the label is what a person clicks.</summary>
    private static async Task TickAsync(IPage page, string id)
    {
        await page.Locator($"label[for='{id}']").ClickAsync();
        await Assertions.Expect(page.Locator($"#{id}")).ToBeCheckedAsync();
    }

    private static async Task SignCharterAsync(IPage page, string groupUrl)
    {
        await page.GotoAsync(groupUrl + "/charte");
        for (var n = 1; n <= CaseLabels.CharterClauses.Count; n++) await TickAsync(page, $"clause-{n}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Signer la charte" }).ClickAsync();
        await Assertions.Expect(page.Locator(".fr-alert--success").First).ToBeVisibleAsync();
    }
}
