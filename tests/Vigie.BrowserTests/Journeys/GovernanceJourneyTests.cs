using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigie.BrowserTests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.Admin;

namespace Vigie.BrowserTests.Journeys;

/// <summary>
/// The governance journey (issue #5): a monthly watch-cell series and a plenary; the plenary is convened (the
/// e-mail and its .ics land in the pickup folder), attendance, minutes with two decisions and a task are recorded;
/// the owner sees the task in their list and on the next agenda; the public plenary report PDF is downloaded and
/// read back. Every page state is scanned with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class GovernanceJourneyTests(BrowserFixture app)
{
    private const string Password = "Navigateur-9-solide";

    [Fact]
    public async Task Coordinator_RunsAPlenary_OwnerSeesTask_PublicReportPdfReadsBack()
    {
        var (email, password) = await app.CreateAdminAsync();
        var setup = await SetupAsync(email);
        var page = await app.NewPageAsync();
        var step = 0;
        async Task Check(IPage p, string name) => await Accessibility.AssertAccessibleAsync(p, $"gouvernance-{++step:00}-{name}");
        var contract = $"/contrats/{setup.ContractId}";

        await SignInAsync(page, email, password);

        // Two bodies: the monthly watch cell and the public plenary.
        await page.GotoAsync($"{contract}/instances");
        await Check(page, "instances-vide");
        await CreateBodyAsync(page, "Cellule de veille du centre", "Cellule de veille", "Membres du contrat");
        await Check(page, "instance-cellule");
        await page.GotoAsync($"{contract}/instances");
        await CreateBodyAsync(page, "CLSPD – séance plénière", "CLSPD – formation plénière", "Public");
        // The partner's account sits in the plenary (its e-mail receives the convocation).
        await page.GetByLabel(Exactly("Partenaire")).SelectOptionAsync(new SelectOptionValue { Label = setup.Landlord });
        await page.GetByLabel("Compte Vigie (membre du contrat)").SelectOptionAsync(new SelectOptionValue { Label = $"Paul Bailleur ({setup.Landlord})" });
        await page.GetByLabel("Rôle dans l'instance").FillAsync("Membre de droit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le membre" }).ClickAsync();
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToContainTextAsync("Le membre a été ajouté");
        await Check(page, "instance-pleniere-membres");

        // A monthly series for the watch cell: first Tuesday of each month, January to June 2027.
        await page.GotoAsync($"{contract}/reunions/nouvelle");
        await Check(page, "planifier");
        var series = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Créer la série" }) });
        await series.GetByLabel("Instance").SelectOptionAsync(new SelectOptionValue { Label = "Cellule de veille du centre" });
        await series.GetByLabel("Intitulé des réunions").FillAsync("Cellule de veille mensuelle");
        await series.GetByLabel("Fréquence").SelectOptionAsync(new SelectOptionValue { Label = "Chaque mois" });
        await series.GetByLabel("Semaine du mois (série mensuelle ou tous les N mois)").SelectOptionAsync(new SelectOptionValue { Label = "premier" });
        await series.GetByLabel("Jour").SelectOptionAsync(new SelectOptionValue { Label = "mardi" });
        await series.GetByLabel("Heure de début").FillAsync("14:00");
        await series.GetByLabel("À partir du").FillAsync("2027-01-01");
        await series.GetByLabel("Jusqu'au").FillAsync("2027-06-30");
        await series.GetByRole(AriaRole.Button, new() { Name = "Créer la série" }).ClickAsync();
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToContainTextAsync("6 réunion(s) planifiée(s)");
        await page.GotoAsync($"{contract}/reunions?mois=2027-02");
        await Assertions.Expect(page.Locator(".vigie-calendar")).ToContainTextAsync("14:00 Cellule de veille mensuelle");
        await Check(page, "calendrier-mois");

        // The plenary, then a later one (the "next meeting" whose agenda carries the open task).
        var plenary = await PlanMeetingAsync(page, contract, "Plénière du CLSPD – premier semestre", "2027-02-10");
        await Check(page, "pleniere");
        var nextPlenary = await PlanMeetingAsync(page, contract, "Plénière du CLSPD – second semestre", "2027-06-15");
        await page.GotoAsync(plenary);

        foreach (var (title, minutes) in new[] { ("Bilan du plan d'action", "20"), ("Prévention des rixes", "30") })
        {
            await page.GetByLabel("Intitulé du point").FillAsync(title);
            await page.GetByLabel("Durée (minutes)").FillAsync(minutes);
            await page.GetByLabel("Intervenant").FillAsync("La coordinatrice");
            await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le point" }).ClickAsync();
            await Assertions.Expect(page.Locator("table").First).ToContainTextAsync(title);
        }

        // Convene: the e-mail with its .ics invitation lands in the pickup folder.
        await page.GetByRole(AriaRole.Button, new() { Name = "Convoquer les membres" }).ClickAsync();
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToContainTextAsync("1 destinataire(s)");
        await Check(page, "convoquee");
        var ics = ConvocationIcs(setup.PartnerEmail);
        Assert.Contains("METHOD:REQUEST\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20270210T170000Z\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Plénière du CLSPD – premier semestre", ics.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // Attendance.
        await page.GetByLabel(Exactly("Partenaire")).SelectOptionAsync(new SelectOptionValue { Label = setup.Landlord });
        await page.Locator("#Attendance_PersonName").FillAsync("Paul Bailleur");
        await page.GetByLabel(Exactly("Présence")).SelectOptionAsync(new SelectOptionValue { Label = "Présent" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la présence" }).ClickAsync();
        await page.GetByLabel(Exactly("Partenaire")).SelectOptionAsync(new SelectOptionValue { Label = setup.Mairie });
        await page.GetByLabel(Exactly("Présence")).SelectOptionAsync(new SelectOptionValue { Label = "Représenté" });
        await page.GetByLabel("Représenté par").FillAsync("L'adjoint à la sécurité");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la présence" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Représenté par L'adjoint à la sécurité");

        // Minutes (public) with an injection attempt that must stay inert.
        await page.GetByLabel("Compte rendu (Markdown)").FillAsync("# Synthèse\n\nLe plan avance **comme prévu**.\n\n<script>alert('x')</script> [lien](javascript:alert(1))");
        await page.GetByLabel(Exactly("Visibilité")).SelectOptionAsync(new SelectOptionValue { Label = "Public" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le compte rendu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".vigie-minutes strong")).ToHaveTextAsync("comme prévu");
        Assert.Equal(0, await page.Locator(".vigie-minutes script, .vigie-minutes a[href^='javascript']").CountAsync());

        // Two decisions and a task.
        await RecordOutcomeAsync(page, "1. Bilan du plan d'action", "Décision", "Prolonger la médiation de nuit jusqu'en décembre");
        await RecordOutcomeAsync(page, "2. Prévention des rixes", "Décision", "Créer un groupe de travail sur les rixes entre quartiers");
        await page.GetByLabel("Point de l'ordre du jour").SelectOptionAsync(new SelectOptionValue { Label = "2. Prévention des rixes" });
        await page.GetByLabel("Nature").SelectOptionAsync(new SelectOptionValue { Label = "Tâche" });
        await page.GetByLabel(Exactly("Texte")).FillAsync("Recenser les lieux de rassemblement");
        await page.GetByLabel("Partenaire responsable").SelectOptionAsync(new SelectOptionValue { Label = setup.Landlord });
        await page.GetByLabel("Échéance").FillAsync("2027-04-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la suite" }).ClickAsync();
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToContainTextAsync("La tâche a été enregistrée");
        await page.GetByRole(AriaRole.Button, new() { Name = "Marquer comme tenue" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Tenue");
        await Check(page, "pleniere-tenue");

        // The task is on the next plenary's agenda.
        await page.GotoAsync(nextPlenary);
        await Assertions.Expect(page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Tâches en cours à suivre" }) })).ToContainTextAsync("Recenser les lieux de rassemblement");
        await Check(page, "pleniere-suivante");

        // The owner sees it in "Mes tâches".
        var partner = await app.NewPageAsync();
        await SignInAsync(partner, setup.PartnerEmail, Password);
        await partner.GotoAsync("/mes-taches");
        await Assertions.Expect(partner.Locator("table")).ToContainTextAsync("Recenser les lieux de rassemblement");
        await Check(partner, "mes-taches");

        // The public report (anonymous) and its PDF, read back.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync($"/public/contrats/{setup.ContractId}/bilan?du=2027-01-01&au=2027-06-30");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Prolonger la médiation de nuit jusqu'en décembre");
        await Check(visitor, "bilan-public");
        var download = await visitor.RunAndWaitForDownloadAsync(() => visitor.GetByRole(AriaRole.Link, new() { Name = "Télécharger le bilan (PDF accessible)" }).ClickAsync());
        var path = Path.Combine(BrowserFixture.ArtifactsFolder, "gouvernance-bilan.pdf");
        await download.SaveAsAsync(path);
        var text = await PdfToText.ReadAsync(path);
        Assert.Contains("Bilan du CLSPD", text, StringComparison.Ordinal);
        Assert.Contains("Prolonger la médiation de nuit jusqu'en décembre", text, StringComparison.Ordinal);
        Assert.Contains("Créer un groupe de travail sur les rixes entre quartiers", text, StringComparison.Ordinal);
        Assert.Contains(setup.Landlord, text, StringComparison.Ordinal);
        Assert.Contains("Sources", text, StringComparison.Ordinal);

        Assert.True(app.ConsoleErrors.Count == 0, "Erreurs de la console :\n" + string.Join("\n", app.ConsoleErrors));
    }

    private sealed record Setup(Guid ContractId, string Landlord, string Mairie, string PartnerEmail);

    /// <summary>A published contract coordinated by the admin, with a landlord's partner member (the task owner).</summary>
    private async Task<Setup> SetupAsync(string adminEmail)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var landlord = new Organisation { Name = $"Habitat du Nord {suffix}", Type = PartnerType.BailleurSocial };
        var mairie = new Organisation { Name = $"Ville de Lille {suffix}", Type = PartnerType.Commune };
        db.Organisations.AddRange(landlord, mairie);
        await db.SaveChangesAsync();
        var partnerEmail = $"bailleur-{suffix}@example.test";
        var partner = await Bootstrap.CreateUserAsync(scope.ServiceProvider, partnerEmail, "Paul Bailleur", Password, landlord.Id, []);
        var admin = db.Users.Single(u => u.Email == adminEmail);
        var commune = db.Territories.First(t => t.Kind == TerritoryKind.Commune && t.Code == "59350"); // Lille
        var contract = new SecurityContract
        {
            Title = $"CLS de Lille {suffix}", Kind = ContractKind.Cls, Status = ContractStatus.InForce, IsPublished = true,
            StartDate = new DateOnly(2026, 1, 1), EndDate = new DateOnly(2029, 12, 31),
        };
        contract.Territories.Add(new ContractTerritory { TerritoryId = commune.Id });
        contract.Memberships.Add(new ContractMembership { UserId = admin.Id, Role = ContractRole.Coordinator });
        contract.Memberships.Add(new ContractMembership { UserId = partner.Id, Role = ContractRole.PartnerMember });
        // The town signed the contract: a partner of it, so the governance lists offer it (issue 11 B).
        contract.Signatories.Add(new Signatory { OrganisationId = mairie.Id, RepresentativeName = "Représentant", Order = 1 });
        db.Contracts.Add(contract);
        await db.SaveChangesAsync();
        return new Setup(contract.Id, landlord.Name, mairie.Name, partnerEmail);
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();
    }

    private static async Task CreateBodyAsync(IPage page, string name, string kind, string visibility)
    {
        await page.GetByLabel("Nom de l'instance").FillAsync(name);
        await page.GetByLabel("Type d'instance").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await page.GetByLabel("Visibilité par défaut des comptes rendus").SelectOptionAsync(new SelectOptionValue { Label = visibility });
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer l'instance" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
    }

    private static async Task<string> PlanMeetingAsync(IPage page, string contract, string title, string date)
    {
        await page.GotoAsync($"{contract}/reunions/nouvelle");
        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Planifier la réunion" }) });
        await form.GetByLabel("Instance").SelectOptionAsync(new SelectOptionValue { Label = "CLSPD – séance plénière" });
        await form.GetByLabel("Intitulé").FillAsync(title);
        await form.GetByLabel(Exactly("Date")).FillAsync(date);
        await form.GetByLabel("Heure de début").FillAsync("18:00");
        await form.GetByLabel("Heure de fin").FillAsync("20:00");
        await form.GetByLabel("Lieu").FillAsync("Hôtel de ville, salle du conseil");
        await form.GetByRole(AriaRole.Button, new() { Name = "Planifier la réunion" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        return new Uri(page.Url).PathAndQuery;
    }

    private static async Task RecordOutcomeAsync(IPage page, string item, string kind, string text)
    {
        await page.GetByLabel("Point de l'ordre du jour").SelectOptionAsync(new SelectOptionValue { Label = item });
        await page.GetByLabel("Nature").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await page.GetByLabel(Exactly("Texte")).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la suite" }).ClickAsync();
        await Assertions.Expect(page.Locator("table").First).ToContainTextAsync(text);
    }

    /// <summary>The text/calendar part of the convocation .eml sent to the address (base64 as SmtpClient writes it).</summary>
    private string ConvocationIcs(string address)
    {
        app.DrainOutbox();
        var eml = Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText)
            .Single(t => t.Contains($"To: {address}", StringComparison.OrdinalIgnoreCase) && t.Contains("text/calendar", StringComparison.Ordinal));
        Assert.Contains("invitation.ics", eml, StringComparison.Ordinal);
        var part = eml[eml.IndexOf("text/calendar", StringComparison.Ordinal)..];
        var body = part[(part.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        body = body[..body.IndexOf("\r\n--", StringComparison.Ordinal)];
        return Encoding.UTF8.GetString(Convert.FromBase64String(WhitespaceRegex().Replace(body, "")));
    }

    /// <summary>A label matched whole, with or without the required-field asterisk.</summary>
    private static Regex Exactly(string label) => new($"^{Regex.Escape(label)}( \\*)?$");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
