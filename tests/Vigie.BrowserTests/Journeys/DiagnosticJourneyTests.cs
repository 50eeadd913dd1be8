using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigie.BrowserTests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.Observatory.Ssmsi;

namespace Vigie.BrowserTests.Journeys;

/// <summary>
/// The diagnostic journey (issue 12, "Done when" line 1): Paris 13e's diagnostic local de sécurité. The coordination creates
/// it from the data (75113's recorded delinquency with Paris and France beside it), records the 21 working meetings of
/// late 2001 – mid 2002 as sources, runs the association survey (400 responses imported from a §2.7 CSV generated here,
/// 10 answered on the public page by 10 devices), publishes the weighted results with their intervals, writes findings
/// on the four axes and links them to the plan's priorities, freezes version 1, imports a newer SSMSI edition through the
/// observatory's upload page, and checks that version 1 still shows its figures while the live document shows the new
/// ones; the version's PDF is downloaded and read back. Every page visited is scanned with axe-core.
/// <para>
/// Editions: the "first" edition is the real Paris extract and the real département base (produced 2025-06-04) filed
/// under 2025-07-01; the "newer" edition (2025-11-14) is the same files with one revision, 75113's 2024 "Vols violents
/// sans arme" going from 347 to 362 (a revision like SSMSI's yearly ones). Both are later than the editions other journeys
/// import, and change nothing those journeys read (burglaries, Paris 6e, the map), whatever order the journeys run in.
/// </para>
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DiagnosticJourneyTests(BrowserFixture app)
{
    private static readonly string SsmsiFolder = Path.Combine(BrowserFixture.SharedData, "ssmsi");
    private static readonly string ParisExtract = Path.Combine(SsmsiFolder, "communal_extract_paris", "delinquance_paris.csv");
    private static readonly string DepartementFile = Path.Combine(SsmsiFolder, "donnee-dep-data.gouv-2024-geographie2025-produit-le2025-06-04.csv");
    private static readonly DateOnly FirstEdition = new(2025, 7, 1), NewerEdition = new(2025, 11, 14);
    private const string Revised = "Vols violents sans arme";
    private const long RevisedBefore = 347, RevisedAfter = 362;
    private const string Password = "Navigateur-9-solide";

    private static readonly (string Reference, string Title, string Axis, string Finding)[] Priorities =
    [
        ("P1", "Prévenir la délinquance des mineurs", "prévention", "Aucune structure n'accueille les 12-17 ans du secteur après 18 heures."),
        ("P2", "Sécuriser les abords des stations de métro", "dissuasion", "Les vols violents sans arme se concentrent aux abords de deux stations de métro."),
        ("P3", "Renforcer la réponse pénale de proximité", "sanction", "Les suites données aux plaintes ne reviennent pas vers les partenaires du contrat."),
        ("P4", "Mieux accompagner les victimes", "réparation", "Une victime de cambriolage sur trois seulement est orientée vers l'aide aux victimes."),
    ];
    private const string UnjustifiedPriority = "P5 Réduire les nuisances sonores nocturnes";

    [Fact]
    public async Task Coordinator_BuildsParis13Diagnostic_Survey_Findings_Freezes_NewEditionLeavesVersionUnchanged_PdfReadsBack()
    {
        var setup = await SetupAsync();
        var page = await app.NewPageAsync();
        var step = 0;
        async Task Check(IPage p, string name) => await Accessibility.AssertAccessibleAsync(p, $"diagnostic-{++step:00}-{name}");
        await SignInAsync(page, setup.Email);
        var contract = $"/contrats/{setup.ContractId}";

        // ---- The diagnostic, created from the data: 75113 with Paris and France beside it.
        await page.GotoAsync($"{contract}/diagnostic");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Diagnostic local de sécurité", Level = 1 })).ToBeVisibleAsync();
        await Check(page, "liste");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer à partir des données" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/diagnostic/[0-9a-f-]{36}$"));
        var diagnosticUrl = new Uri(page.Url).AbsolutePath;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Diagnostic local de sécurité");
        var figures = page.Locator("table.diagnostic-figures").First;
        await Assertions.Expect(figures.Locator("caption")).ToContainTextAsync($"édition du {Day(FirstEdition)}");
        await Assertions.Expect(figures.Locator("thead")).ToContainTextAsync("Paris (‰)");
        await Assertions.Expect(figures.Locator("thead")).ToContainTextAsync("France (‰)");
        var row = FigureRow(figures, Revised);
        Assert.Equal(RevisedBefore, Digits(await row.Locator("td").Nth(0).InnerTextAsync()));
        var burglaries = FigureRow(figures, "Cambriolages de logement");
        Assert.Equal(Published("75113", 2024, "Cambriolages de logement"), Digits(await burglaries.Locator("td").Nth(0).InnerTextAsync()));
        Assert.Matches(@"^\d+,\d+$", (await burglaries.Locator("td").Nth(2).InnerTextAsync()).Trim()); // Paris
        Assert.Matches(@"^\d+,\d+$", (await burglaries.Locator("td").Nth(3).InnerTextAsync()).Trim()); // France
        await Check(page, "diagnostic-cree");

        // ---- The 21 working meetings (late 2001 – mid 2002) in the sources register.
        for (var i = 0; i < 21; i++)
        {
            await page.Locator("#Input_Kind").SelectOptionAsync(new SelectOptionValue { Label = "Réunion de travail" });
            await page.Locator("#Input_Title").FillAsync($"Réunion de travail n° {i + 1} — groupe « {Topics[i % Topics.Length]} »");
            await page.Locator("#Input_Date").FillAsync(new DateOnly(2001, 11, 20).AddDays(11 * i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "Inscrire" }).ClickAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("La source est inscrite au registre.");
        }
        var meetings = page.Locator("#sources ~ .fr-table tbody tr").Filter(new() { HasText = "Réunion de travail" });
        await Assertions.Expect(meetings).ToHaveCountAsync(21);
        await Assertions.Expect(meetings.First).ToContainTextAsync("20/11/2001");
        await Assertions.Expect(meetings.Last).ToContainTextAsync("28/06/2002");
        await Check(page, "sources");

        // ---- The association survey: a wave, its sampling plan, 400 imported responses.
        await page.GotoAsync($"{contract}/enquetes");
        await Check(page, "enquetes");
        await page.Locator("#Input_Title").FillAsync("Enquête des associations sur la tranquillité publique");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer avec le questionnaire par défaut" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enquête des associations sur la tranquillité publique", Level = 1 })).ToBeVisibleAsync();
        await Check(page, "questionnaire");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var (fieldStart, fieldEnd) = (today.AddDays(-30), today.AddDays(30));
        var waveCode = $"{today.Year}-T0";
        await page.Locator("#Wave_Code").FillAsync(waveCode);
        await page.Locator("#Wave_Title").FillAsync("État initial (T0)");
        await page.Locator("#Wave_FieldStart").FillAsync(Iso(fieldStart));
        await page.Locator("#Wave_FieldEnd").FillAsync(Iso(fieldEnd));
        await page.Locator("#Wave_PlannedSize").FillAsync("400");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la vague" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Vague {waveCode} — État initial (T0)", Level = 1 })).ToBeVisibleAsync();
        var waveUrl = new Uri(page.Url).AbsolutePath;
        await page.Locator("#Input_Strata").FillAsync(Strata);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le plan de sondage" }).ClickAsync();
        await Assertions.Expect(page.Locator("table").Filter(new() { HasText = "Entretiens prévus" })).ToContainTextAsync("Maison-Blanche");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la collecte en ligne" }).ClickAsync();
        await Assertions.Expect(page.Locator("a[href^='/enquete/']")).ToBeVisibleAsync();
        await Check(page, "vague");

        var csv = Path.Combine(BrowserFixture.ArtifactsFolder, "reponses-associations-13e.csv");
        await File.WriteAllTextAsync(csv, ResponsesCsv(400, waveCode, fieldStart), new UTF8Encoding(false));
        await page.GetByLabel("Fichier de réponses").SetInputFilesAsync(csv);
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/imports/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("Terminé", new() { Timeout = 120_000 });
        Assert.Equal(400, Digits(await page.Locator("#import-rows-imported").InnerTextAsync()));
        await Check(page, "import-reponses");

        // ---- 10 residents answer on the public page, each from their own device (no account).
        await page.GotoAsync(waveUrl);
        var answerPath = new Uri(new Uri(app.BaseUrl), await page.Locator("a[href^='/enquete/']").GetAttributeAsync("href")).AbsolutePath;
        for (var i = 0; i < 10; i++)
        {
            var resident = await app.NewPageAsync();
            await resident.GotoAsync(answerPath);
            if (i == 0) await Check(resident, "reponse-en-ligne");
            await AnswerAsync(resident, i, today.Year);
            await Assertions.Expect(resident.GetByText("Merci : votre réponse est enregistrée.")).ToBeVisibleAsync();
            if (i == 0) await Check(resident, "reponse-merci");
            await resident.Context.CloseAsync();
        }
        await page.GotoAsync(waveUrl);
        await Assertions.Expect(page.Locator("dl")).ToContainTextAsync("410 dont 10 en ligne");
        await page.GetByRole(AriaRole.Button, new() { Name = "Clore la collecte" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier les résultats" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retirer la publication" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("dl")).Not.ToContainTextAsync("non publiés");

        // Weighted results with their intervals (Wilson on the effective size).
        await page.GetByRole(AriaRole.Link, new() { Name = "Voir les résultats redressés" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Résultats de la vague");
        // One bar chart per question, each followed by its data table.
        await Assertions.Expect(page.Locator("svg[role=img]").First).ToBeVisibleAsync();
        var results = page.Locator("table").Filter(new() { HasText = "Données du graphique" }).First;
        await Assertions.Expect(results.Locator("tbody tr").First).ToBeVisibleAsync();
        Assert.Matches(@"\[\d+–\d+\]", await results.Locator("tbody").InnerTextAsync());
        await Assertions.Expect(page.Locator("table").Filter(new() { HasText = "Pondération par quartier" })).ToContainTextAsync("Maison-Blanche");
        await Check(page, "resultats-enquete");

        // ---- Findings on the four axes, each linked to a priority of the plan.
        await page.GotoAsync(diagnosticUrl);
        var surveyTable = page.Locator("table").Filter(new() { HasText = "Enquête des associations sur la tranquillité publique" });
        await Assertions.Expect(surveyTable.Locator("caption")).ToContainTextAsync("réponses");
        Assert.Matches(@"\d+ – \d+ %", await surveyTable.Locator("tbody").InnerTextAsync());
        foreach (var p in Priorities)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = $"Rédiger la section « Axe {p.Axis} »" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Axe {p.Axis}", Level = 1 })).ToBeVisibleAsync();
            if (p.Reference == "P1") await Check(page, "section-axe");
            await page.Locator("#Body").FillAsync($"Réponses actuelles sur l'axe {p.Axis}, d'après les réunions de travail de 2001-2002.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
            await page.Locator("#FindingText").FillAsync(p.Finding);
            await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le constat" }).ClickAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync(p.Finding);
            await page.GetByRole(AriaRole.Link, new() { Name = "Retour au diagnostic" }).ClickAsync();
        }
        var unanswered = page.Locator("#constats-sans-priorite > li");
        await Assertions.Expect(unanswered).ToHaveCountAsync(4);
        await Check(page, "constats-a-relier");
        foreach (var p in Priorities)
        {
            var item = page.Locator("#constats-sans-priorite > li").Filter(new() { HasText = p.Finding });
            await item.GetByLabel("Priorité du plan qui répond à ce constat").SelectOptionAsync(new SelectOptionValue { Label = $"{p.Reference} {p.Title}" });
            await item.GetByRole(AriaRole.Button, new() { Name = "Relier" }).ClickAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Le constat est relié à la priorité.");
        }
        await Assertions.Expect(page.Locator("p#constats-sans-priorite")).ToHaveTextAsync("Chaque constat est cité par au moins une priorité.");
        foreach (var p in Priorities)
            await Assertions.Expect(page.Locator(".diagnostic-section li").Filter(new() { HasText = p.Finding })).ToContainTextAsync($"justifie : {p.Reference} {p.Title}");
        await Assertions.Expect(page.Locator("#priorites-sans-constat")).ToHaveTextAsync(UnjustifiedPriority);
        await Check(page, "constats-relies");
        // The plan side: the priority's page shows the finding justifying it, the plan lists the priority nothing justifies.
        await page.GotoAsync($"{contract}/plan/elements/{setup.FirstPriorityId}");
        await Assertions.Expect(page.Locator("#constats-justificatifs")).ToContainTextAsync(Priorities[0].Finding);
        await Check(page, "priorite-et-constat");
        await page.GotoAsync($"{contract}/plan");
        await Assertions.Expect(page.Locator("#plan-priorites-sans-constat")).ToHaveTextAsync(UnjustifiedPriority);
        await Check(page, "plan-priorites-sans-constat");
        await page.GotoAsync(diagnosticUrl);

        // ---- Freeze version 1.
        await page.GetByRole(AriaRole.Button, new() { Name = "Figer une version" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("La version 1 est figée");
        await page.GetByRole(AriaRole.Link, new() { Name = "Version 1", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("version 1");
        var sha = (await page.Locator("#empreinte").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9a-f]{64}$", sha);
        var versionUrl = new Uri(page.Url).AbsolutePath;
        await AssertFrozenAsync(page);
        await Check(page, "version-1");

        // ---- A newer SSMSI edition through the observatory's upload page.
        await ImportDepartementAsync(NewerEdition);
        var revised = Path.Combine(BrowserFixture.ArtifactsFolder, "delinquance_paris_revisee.csv");
        await File.WriteAllTextAsync(revised, RevisedExtract(), new UTF8Encoding(false));
        await page.GotoAsync("/observatoire/imports");
        await page.GetByLabel("Fichier SSMSI").SetInputFilesAsync(revised);
        await page.GetByLabel("Édition (date de production)").FillAsync(Iso(NewerEdition));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer le fichier" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("Terminé", new() { Timeout = 120_000 });
        await Check(page, "import-nouvelle-edition");

        // The live document reads the newer edition…
        await page.GotoAsync(diagnosticUrl);
        figures = page.Locator("table.diagnostic-figures").First;
        await Assertions.Expect(figures.Locator("caption")).ToContainTextAsync($"édition du {Day(NewerEdition)}");
        Assert.Equal(RevisedAfter, Digits(await FigureRow(figures, Revised).Locator("td").Nth(0).InnerTextAsync()));
        await Check(page, "document-vivant-nouvelle-edition");
        // …version 1 still shows what it showed, with the same fingerprint.
        await page.GotoAsync(versionUrl);
        await AssertFrozenAsync(page);
        Assert.Equal(sha, (await page.Locator("#empreinte").InnerTextAsync()).Trim());

        // ---- The PDF of version 1, read back.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le PDF" }).ClickAsync());
        var pdf = Path.Combine(BrowserFixture.ArtifactsFolder, "diagnostic-paris-13-v1.pdf");
        await download.SaveAsAsync(pdf);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(File.ReadAllBytes(pdf).AsSpan(0, 5)));
        var text = await PdfToText.ReadAsync(pdf);
        var compact = text.Replace(" ", "", StringComparison.Ordinal); // table cells and long words may wrap
        Assert.Contains("Diagnostic local de sécurité", text, StringComparison.Ordinal);
        Assert.Contains($"édition du {Day(FirstEdition)}", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"édition du {Day(NewerEdition)}", text, StringComparison.Ordinal);
        Assert.Contains("n°21", compact, StringComparison.Ordinal);
        Assert.Contains("Enquêtedesassociationssurlatranquillitépublique", compact, StringComparison.Ordinal);
        foreach (var p in Priorities)
        {
            Assert.Contains(p.Finding.Replace(" ", "", StringComparison.Ordinal), compact, StringComparison.Ordinal);
            Assert.Contains($"{p.Reference}{p.Title}".Replace(" ", "", StringComparison.Ordinal), compact, StringComparison.Ordinal);
        }
        Assert.Contains(sha, compact, StringComparison.Ordinal);

        Assert.True(app.ConsoleErrors.Count == 0, "Erreurs de la console :\n" + string.Join("\n", app.ConsoleErrors));
    }

    /// <summary>Version 1: the first edition's figures, the survey and the four linked findings.</summary>
    private static async Task AssertFrozenAsync(IPage page)
    {
        var figures = page.Locator("table.diagnostic-figures").First;
        await Assertions.Expect(figures.Locator("caption")).ToContainTextAsync($"édition du {Day(FirstEdition)}");
        Assert.Equal(RevisedBefore, Digits(await FigureRow(figures, Revised).Locator("td").Nth(0).InnerTextAsync()));
        await Assertions.Expect(page.Locator("table").Filter(new() { HasText = "Enquête des associations sur la tranquillité publique" })).ToBeVisibleAsync();
        foreach (var p in Priorities)
            await Assertions.Expect(page.Locator(".diagnostic-section li").Filter(new() { HasText = p.Finding })).ToContainTextAsync($"{p.Reference} {p.Title}");
    }

    private static readonly string[] Topics = ["prévention de la délinquance des mineurs", "sécurité dans les transports", "tranquillité des ensembles d'habitat social", "aide aux victimes"];

    /// <summary>The sampling plan: two quartiers of the 13e × sex × age band (orders of magnitude of the census).</summary>
    private static readonly string Strata = string.Join('\n',
        from q in new[] { ("Q1", "Maison-Blanche", 1.0), ("Q2", "Gare", 0.9) }
        from s in new[] { ("F", 1.08), ("H", 1.0) }
        from b in new[] { ("15-29", 7200), ("30-44", 6900), ("45-59", 5600), ("60-74", 4300), ("75+", 2100) }
        select $"{q.Item1};{q.Item2};{s.Item1};{b.Item1};{(int)(b.Item2 * q.Item3 * s.Item2)}");

    /// <summary>The §2.7 CSV of <paramref name="count"/> respondents (the generator the in-memory survey tests use).</summary>
    private static string ResponsesCsv(int count, string wave, DateOnly fieldStart) =>
        string.Join('\n', Vigie.Tests.Survey.SurveyResponseRows.Generate(count, wave, fieldStart, seed: 13, prefix: "A13-")
            .Prepend(Vigie.Tests.Survey.SurveyResponseRows.Header).Select(r => string.Join(';', r))) + "\n";

    /// <summary>
    /// One resident's answers, typed into the public form: quartier, sex, birth year, one option of every other question
    /// (a different one per resident), one reason ticked.
    /// </summary>
    private static async Task AnswerAsync(IPage page, int resident, int year)
    {
        await page.Locator("#quartier").SelectOptionAsync(resident % 2 == 0 ? "Q1" : "Q2");
        await page.Locator("#A2").FillAsync((year - 20 - 6 * resident).ToString(CultureInfo.InvariantCulture));
        var groups = await page.EvaluateAsync<string[]>("() => [...new Set([...document.querySelectorAll('input[type=radio]')].map(r => r.name))]");
        foreach (var (name, index) in groups.Select((n, k) => (n, k)))
        {
            var options = page.Locator($"input[type=radio][name='{name}']");
            var count = await options.CountAsync();
            var pick = name == "A1" ? resident % 2 : (resident + index) % Math.Min(count, 4);
            await TickAsync(page, (await options.Nth(pick).GetAttributeAsync("id"))!);
        }
        await TickAsync(page, (await page.Locator("input[type=checkbox]").Nth(resident % 5).GetAttributeAsync("id"))!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mes réponses" }).ClickAsync();
    }

    /// <summary>A DSFR radio or checkbox: its label covers the input, so the label is what a person clicks.</summary>
    private static async Task TickAsync(IPage page, string id)
    {
        await page.Locator($"label[for='{id}']").ClickAsync();
        await Assertions.Expect(page.Locator($"[id='{id}']")).ToBeCheckedAsync();
    }

    private sealed record Setup(string Email, Guid ContractId, Guid FirstPriorityId);

    /// <summary>
    /// An administrator who coordinates a CLSPD on Paris 13e with five priorities in its plan; the first edition of the
    /// figures (commune extract and département base, so Paris and France stand beside 75113).
    /// </summary>
    private async Task<Setup> SetupAsync()
    {
        var (email, _) = await app.CreateAdminAsync();
        await ImportDepartementAsync(FirstEdition);
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<SsmsiImporter>().ImportAsync(new SsmsiSource("delinquance_paris.csv", () => File.OpenRead(ParisExtract)), FirstEdition);
        var db = sp.GetRequiredService<AppDbContext>();
        var territory = db.Territories.First(t => t.Code == "75113");
        var user = db.Users.Single(u => u.Email == email);
        var contract = new SecurityContract
        {
            Title = $"CLSPD du 13e arrondissement {Guid.NewGuid().ToString("N")[..6]}", Kind = ContractKind.Cls, Status = ContractStatus.InForce,
            StartDate = new DateOnly(2002, 10, 1), EndDate = new DateOnly(2005, 12, 31),
        };
        contract.Territories.Add(new ContractTerritory { TerritoryId = territory.Id });
        contract.Memberships.Add(new ContractMembership { UserId = user.Id, Role = ContractRole.Coordinator });
        db.Contracts.Add(contract);
        db.PlanStatuses.AddRange(Vigie.Web.Features.ActionPlan.PlanCommandKit.DefaultStatuses(contract.Id));
        var items = Priorities.Select(p => (p.Reference, p.Title)).Append(("P5", UnjustifiedPriority[3..]))
            .Select((p, k) => new PlanItem { Id = Guid.NewGuid(), ContractId = contract.Id, Kind = PlanItemKind.Priority, Reference = p.Item1, Title = p.Item2, Position = k })
            .ToList();
        db.PlanItems.AddRange(items);
        await db.SaveChangesAsync();
        return new Setup(email, contract.Id, items[0].Id);
    }

    /// <summary>The real département base filed under <paramref name="edition"/> (the département and France rates of that edition).</summary>
    private async Task ImportDepartementAsync(DateOnly edition)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SsmsiImporter>().ImportAsync(
            new SsmsiSource(Path.GetFileName(DepartementFile), () => File.OpenRead(DepartementFile)), edition);
    }

    /// <summary>The real Paris extract with 75113's 2024 "Vols violents sans arme" revised from 347 to 362 (rate recomputed).</summary>
    private static string RevisedExtract()
    {
        var sb = new StringBuilder();
        foreach (var line in File.ReadLines(ParisExtract))
        {
            if (!line.StartsWith($"75113,2024,{Revised},", StringComparison.Ordinal)) { sb.Append(line).Append('\n'); continue; }
            var cells = line.Split(',');
            Assert.Equal("347.0", cells[4]);
            var population = decimal.Parse(cells[8], CultureInfo.InvariantCulture);
            var rate = (RevisedAfter * 1000m / population).ToString("0.0000000", CultureInfo.GetCultureInfo("fr-FR"));
            // The quoted rate "1,9523448" spans two comma-separated cells.
            var revised = line.Replace("347.0,\"1,9523448\"", $"{RevisedAfter}.0,\"{rate}\"", StringComparison.Ordinal);
            Assert.NotEqual(line, revised);
            sb.Append(revised).Append('\n');
        }
        return sb.ToString();
    }

    private static ILocator FigureRow(ILocator table, string label) =>
        table.Locator("tbody tr").Filter(new() { Has = table.Page.GetByRole(AriaRole.Rowheader, new() { NameRegex = new Regex(Regex.Escape(label) + "$") }) });

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();
    }

    /// <summary>The count as published in the extract ("436.0"), read rather than hard-coded.</summary>
    private static long Published(string code, int year, string indicator)
    {
        var prefix = $"{code},{year},{indicator},";
        var line = File.ReadLines(ParisExtract).Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return (long)decimal.Parse(line[prefix.Length..].Split(',')[1], CultureInfo.InvariantCulture);
    }

    private static long Digits(string text) => long.Parse(new string(text.Split('(')[0].Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture);

    private static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

}
