using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigie.BrowserTests.Infrastructure;

namespace Vigie.BrowserTests.Journeys;

/// <summary>
/// The observatory journey (issue 3): an administrator imports the SSMSI département base and the Paris commune
/// extract through the upload page, watches the job page follow the import to the end, then opens Paris 13e's
/// dashboard, an indicator chart and the map of Paris. Every page visited is scanned with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ObservatoryJourneyTests(BrowserFixture app)
{
    private static readonly string SsmsiFolder = Path.Combine(BrowserFixture.SharedData, "ssmsi");
    private static readonly string ParisExtract = Path.Combine(SsmsiFolder, "communal_extract_paris", "delinquance_paris.csv");
    private static readonly string DepartementFile = Path.Combine(SsmsiFolder, "donnee-dep-data.gouv-2024-geographie2025-produit-le2025-06-04.csv");

    [Fact]
    public async Task Administrator_ImportsThroughPage_WatchesProgress_ThenOpensDashboardChartAndMap()
    {
        var (email, password) = await app.CreateAdminAsync();
        var page = await app.NewPageAsync();
        var step = 0;
        async Task Check(string name) => await Accessibility.AssertAccessibleAsync(page, $"observatoire-{++step:00}-{name}");

        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();

        // From the main menu to the observatory, and from there (administrator) to the imports page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Observatoire", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Observatoire de la délinquance", Level = 1 })).ToBeVisibleAsync();
        await Check("accueil");
        await page.GetByRole(AriaRole.Link, new() { Name = "Importer des données SSMSI" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imports de l'observatoire", Level = 1 })).ToBeVisibleAsync();
        await Check("imports");

        // The worker is paused while both files are deposited: each job page first shows the job waiting.
        var worker = await app.PauseImportsAsync();
        string parisJobUrl;
        try
        {
            // The département base is named "produit-le2025-06-04": no edition to give.
            await page.GetByLabel("Fichier SSMSI").SetInputFilesAsync(DepartementFile);
            await page.GetByRole(AriaRole.Button, new() { Name = "Importer le fichier" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(JobUrl());
            await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("En attente");

            // The Paris extract was renamed: its edition is given on the page.
            await page.GotoAsync("/observatoire/imports");
            await page.GetByLabel("Fichier SSMSI").SetInputFilesAsync(ParisExtract);
            await page.GetByLabel("Édition (date de production)").FillAsync("2025-06-04");
            await page.GetByRole(AriaRole.Button, new() { Name = "Importer le fichier" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(JobUrl());
            parisJobUrl = page.Url;
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import du fichier « delinquance_paris.csv »", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("En attente");
            await Check("import-en-attente");
        }
        finally
        {
            await worker.DisposeAsync();
        }

        // No reload: the page's script polls the status handler and updates the text in place.
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };
        var polled = page.WaitForResponseAsync(r => r.Url.Contains("handler=Status", StringComparison.Ordinal) && r.Status == 200);
        await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("Terminé", new() { Timeout = 60_000 });
        await polled;
        Assert.Equal(0, navigations);
        Assert.Equal(parisJobUrl, page.Url);
        var expectedRows = File.ReadLines(ParisExtract).Skip(1).Count(l => l.Length > 0);
        await Assertions.Expect(page.Locator("#import-summary")).ToContainTextAsync("lignes importées");
        Assert.Equal(expectedRows, Digits(await page.Locator("#import-rows-imported").InnerTextAsync()));
        await Check("import-termine");
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour aux imports" }).ClickAsync();
        await Assertions.Expect(page.Locator("table tbody tr").Filter(new() { HasText = "donnee-dep-data.gouv-2024-geographie2025-produit-le2025-06-04.csv" }))
            .ToContainTextAsync("Terminé");

        // Paris 13e's dashboard, found by name from the observatory's search.
        await page.GotoAsync("/observatoire");
        await page.GetByLabel("Nom ou code du territoire").FillAsync("75113");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Paris 13e Arrondissement" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/observatoire/(commune|arrondissement)/75113"));
        await page.GetByLabel("Année").SelectOptionAsync("2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Assertions.Expect(page.Locator("caption").First).ToContainTextAsync("Délinquance enregistrée en 2024");
        var burglaries = page.Locator("tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Cambriolages de logement" }) });
        var published = Published("75113", 2024, "Cambriolages de logement");
        Assert.Equal(published.Count, Digits(await burglaries.Locator("td").Nth(0).InnerTextAsync()));
        Assert.Equal(published.Rate.ToString("N2", CultureInfo.GetCultureInfo("fr-FR")), (await burglaries.Locator("td").Nth(1).InnerTextAsync()).Split('\n')[0].Trim());
        // The département file was imported too: the département rate of Paris is shown beside it.
        Assert.Matches(@"\d+,\d\d", await burglaries.Locator("td").Nth(3).InnerTextAsync());
        await Check("tableau-75113");

        // A withheld cell (Paris 6e, "Vols avec armes" in 2024) is labelled as such with its estimate as an estimate.
        await page.GotoAsync("/observatoire/commune/75106?annee=2024");
        var armed = page.Locator("tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Vols avec armes" }) });
        await Assertions.Expect(armed).ToContainTextAsync("secret statistique");
        await Assertions.Expect(armed).ToContainTextAsync("estimation");
        var withheld = File.ReadLines(ParisExtract).Single(l => l.StartsWith("75106,2024,Vols avec armes,", StringComparison.Ordinal));
        var estimate = decimal.Parse(Regex.Match(withheld, "ndiff,.*?\"([0-9]+,[0-9]+)\"").Groups[1].Value, CultureInfo.GetCultureInfo("fr-FR"));
        await Assertions.Expect(armed).ToContainTextAsync(estimate.ToString("N1", CultureInfo.GetCultureInfo("fr-FR")) + " faits");
        await Check("tableau-75106-secret");

        // The evolution chart of burglaries in Paris 13e: a drawn canvas and its data table.
        await page.GotoAsync("/observatoire/commune/75113?annee=2024");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cambriolages de logement" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Paris 13e");
        var canvas = page.Locator("canvas#graphique-indicateur");
        await Assertions.Expect(canvas).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.Chart && Chart.getChart(document.getElementById('graphique-indicateur'))");
        var box = await canvas.BoundingBoxAsync();
        Assert.True(box is { Width: > 100, Height: > 100 }, "le graphique doit avoir une taille visible");
        var years = File.ReadLines(ParisExtract).Count(l => l.StartsWith("75113,", StringComparison.Ordinal) && l.Contains(",Cambriolages de logement,", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#donnees-indicateur tbody tr")).ToHaveCountAsync(years);
        await Assertions.Expect(page.Locator("#donnees-indicateur tbody tr").Filter(new() { HasText = "2024" })).ToContainTextAsync(published.Count.ToString(CultureInfo.InvariantCulture));
        await Check("graphique-cambriolages-75113");

        // Back to the dashboard and to the map of the communes of Paris.
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour au tableau" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Carte des communes du département" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/observatoire/carte/75"));
        await Assertions.Expect(page.Locator("#carte-communes.leaflet-container")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#carte-communes svg path").First).ToBeAttachedAsync(new() { Timeout = 15_000 });
        Assert.True(await page.Locator("#carte-communes svg path").CountAsync() > 0, "la carte doit dessiner les contours des communes");
        await Assertions.Expect(page.Locator(".vigie-map-legend")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".vigie-map-legend")).ToContainTextAsync("secret statistique");
        await Check("carte-75");

        // A contract on Paris 13e: its detail page leads to the contract territory's observatory.
        await page.GotoAsync("/contrats/nouveau");
        await page.GetByLabel("Intitulé").FillAsync("CLS du 13e arrondissement");
        await page.GetByLabel("Date de début").FillAsync("2025-01-01");
        await page.GetByLabel("Date de fin").FillAsync("2028-12-31");
        await page.GetByLabel("Territoire").FillAsync("75113");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le contrat" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "CLS du 13e arrondissement", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Délinquance enregistrée sur le territoire du contrat" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/contrats/[0-9a-f-]{36}/observatoire"));
        await page.GetByLabel("Année").SelectOptionAsync("2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        var contractBurglaries = page.Locator("tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Cambriolages de logement" }) });
        Assert.Equal(published.Count, Digits(await contractBurglaries.Locator("td").Nth(0).InnerTextAsync()));
        await Check("contrat-observatoire");

        Assert.True(app.ConsoleErrors.Count == 0, "Erreurs de la console :\n" + string.Join("\n", app.ConsoleErrors));
    }

    private static Regex JobUrl() => JobUrlRegex();

    [GeneratedRegex("/observatoire/imports/[0-9a-f-]{36}$")]
    private static partial Regex JobUrlRegex();

    private static long Digits(string text) => long.Parse(new string(text.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture);

    /// <summary>The figure as published in the file (count "436.0", rate "4,0784654"), read rather than hard-coded.</summary>
    private static (long Count, decimal Rate) Published(string code, int year, string indicator)
    {
        var prefix = $"{code},{year},{indicator},";
        var line = File.ReadLines(ParisExtract).Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        var count = line[prefix.Length..].Split(',')[1];
        var rate = Regex.Match(line[prefix.Length..], "\"([0-9]+,[0-9]+)\"").Groups[1].Value;
        return ((long)decimal.Parse(count, CultureInfo.InvariantCulture), decimal.Parse(rate, CultureInfo.GetCultureInfo("fr-FR")));
    }
}
