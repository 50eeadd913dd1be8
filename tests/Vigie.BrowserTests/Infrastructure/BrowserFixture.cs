using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigie.Web;
using Vigie.Web.Features.Admin;
using Vigie.Web.Features.Territories;

namespace Vigie.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port (SQLite file in a temp folder) and Debian chromium driven by
/// Playwright. A missing browser is a failure, never a skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string[] ChromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly string _workDir = Directory.CreateTempSubdirectory("vigie-browser-").FullName;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    /// <summary>The OpenID Connect provider Vigie's ProConnect button leads to (OpenIddict on loopback).</summary>
    public Vigie.Tests.Infrastructure.TestOidcProvider Provider { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;
    /// <summary>The app's clock: system time unless a journey moves it forward (retention, purge).</summary>
    public Vigie.Tests.Infrastructure.TestClock Clock { get; } = new();
    public string MailFolder => Path.Combine(_workDir, "mail");
    public static string ArtifactsFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public async Task InitializeAsync()
    {
        // The host's environment is set below, after the options read it: the follow-up sheets' key is given explicitly.
        var casesKey = Path.Combine(_workDir, "cases.key");
        Vigie.Web.Features.Cases.CaseCipher.CreateKeyFile(casesKey);
        // The local OpenID Connect provider standing in for ProConnect (ProConnectJourneyTests); Vigie's own address is fixed
        // before it starts so that it is also App:PublicBaseUrl, the post-logout address registered at the provider.
        Provider = await Vigie.Tests.Infrastructure.TestOidcProvider.StartAsync();
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var address = $"http://127.0.0.1:{((System.Net.IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        _app = VigieApp.Build([], builder =>
        {
            builder.Environment.EnvironmentName = "Testing";
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Vigie"] = $"Data Source={Path.Combine(_workDir, "vigie.db")}",
                ["Database:MigrateOnStartup"] = "true",
                ["Demo:SeedOnFirstRun"] = "false",
                ["Mail:PickupDirectory"] = MailFolder,
                ["RateLimits:LoginPerMinute"] = "1000",
                ["Observatory:GeoFolder"] = Path.Combine(SharedData, "geo"),
                ["Observatory:UploadFolder"] = Path.Combine(_workDir, "uploads"),
                ["Cases:EncryptionKeyFile"] = casesKey,
                ["Cases:Retention:Enabled"] = "false", // the journey runs the daily job itself, after moving the clock
                ["VideoProtection:DailyJob:Enabled"] = "false", // the video journey runs the daily check itself, after moving the clock
                ["App:PublicBaseUrl"] = address,
                ["Cases:RequireTwoFactor"] = "false", // the journey does not set up an authenticator; rule A9 is tested by CaseSessionGuardTests
            });
            builder.Configuration.AddInMemoryCollection(Provider.VigieSettings());
            builder.WebHost.UseUrls(address);
            builder.Services.AddSingleton<TimeProvider>(Clock);
        });
        await VigieApp.PrepareAsync(_app);
        await ImportGeographyAsync();
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        await Provider.RegisterClientAsync(BaseUrl);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
                : throw new InvalidOperationException("Debian chromium is required (/usr/bin/chromium): run ./test.sh, which installs it."),
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Provider is not null) await Provider.DisposeAsync();
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Sends the mail outbox now (the background sender also does, a moment later), before reading <see cref="MailFolder"/>.</summary>
    public void DrainOutbox() =>
        Task.Run(() => Services.GetRequiredService<Vigie.Web.Infrastructure.OutboxSender>().RunOnceAsync()).GetAwaiter().GetResult();

    /// <summary>The shared real data folder (../shared/data): never copied into the repository.</summary>
    public static string SharedData { get; } = FindSharedData();

    private static string FindSharedData()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shared", "data");
            if (Directory.Exists(Path.Combine(candidate, "insee"))) return candidate;
        }
        throw new DirectoryNotFoundException("../shared/data introuvable.");
    }

    /// <summary>
    /// Stops the background import worker until the returned handle is disposed, so a journey sees a job
    /// queued first and then watches the page follow it to the end (the polling is then really exercised).
    /// </summary>
    public async Task<IAsyncDisposable> PauseImportsAsync()
    {
        var worker = Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Vigie.Web.Features.Imports.ImportJobWorker>().Single();
        await worker.StopAsync(CancellationToken.None);
        return new Resume(worker);
    }

    private sealed class Resume(Microsoft.Extensions.Hosting.IHostedService worker) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await worker.StartAsync(CancellationToken.None);
    }

    /// <summary>The real official geography (régions, départements, communes) so journeys use real communes.</summary>
    private async Task ImportGeographyAsync()
    {
        var folder = Path.Combine(SharedData, "insee");
        using var scope = Services.CreateScope();
        var files = GeographyImporter.FilesInFolder(folder).Where(f => GeographyImporter.RequiredFiles.Contains(f.Name)).ToList();
        await scope.ServiceProvider.GetRequiredService<GeographyImporter>().ImportAsync(files);
    }

    /// <summary>Partner institutions the journeys pick as signatories.</summary>
    public async Task<(string Mairie, string Prefecture)> CreateSignatoryOrganisationsAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Vigie.Web.Data.AppDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var mairie = new Vigie.Web.Domain.Organisation { Name = $"Ville de Lomme {suffix}", Type = Vigie.Web.Domain.PartnerType.Commune };
        var prefecture = new Vigie.Web.Domain.Organisation { Name = $"Préfecture du Nord {suffix}", Type = Vigie.Web.Domain.PartnerType.Prefecture };
        db.Organisations.AddRange(mairie, prefecture);
        await db.SaveChangesAsync();
        return (mairie.Name, prefecture.Name);
    }

    public async Task<(string Email, string Password)> CreateAdminAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Vigie.Web.Data.AppDbContext>();
        var org = await Bootstrap.PlatformOrganisationAsync(db);
        var email = $"admin-{Guid.NewGuid():N}"[..14] + "@example.test";
        const string password = "Navigateur-9-solide";
        await Bootstrap.CreateUserAsync(scope.ServiceProvider, email, "Claire Admin", password, org.Id,
            [Vigie.Web.Domain.Roles.Administrator, Vigie.Web.Domain.Roles.ContractCreator]);
        return (email, password);
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.Console += (_, msg) => { if (msg.Type == "error") ConsoleErrors.Add($"{page.Url}: {msg.Text}"); };
        return page;
    }

    /// <summary>Browser console errors (CSP violations included) seen during the journeys.</summary>
    public List<string> ConsoleErrors { get; } = [];
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>axe-core accessibility scan: evaluated through the DevTools protocol, so the page's CSP stays on.</summary>
public static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var path = Path.Combine(d.FullName, "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(path)) return File.ReadAllText(path);
        }
        throw new FileNotFoundException("axe-core introuvable : le build du projet de tests exécute npm ci.");
    });

    public sealed record Violation(string Id, string Impact, string Help, int Nodes, string Targets);

    /// <summary>
    /// Runs axe on the current page and returns the serious and critical violations. WCAG 2.2's target-size rule
    /// (2.5.8, 24 px) is off by default in axe-core; it is switched on here (issue 11, item 10).
    /// </summary>
    public static async Task<IReadOnlyList<Violation>> SeriousViolationsAsync(IPage page)
    {
        await page.EvaluateAsync(AxeSource.Value);
        var json = await page.EvaluateAsync<string>(@"async () => {
            const r = await axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } });
            return JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact || '', help: v.help, nodes: v.nodes.length,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(' | ') })));
        }");
        var all = JsonSerializer.Deserialize<List<Violation>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return all.Where(v => v.Impact is "serious" or "critical").ToList();
    }

    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        // Caret = Initial: hiding the caret makes Playwright inject an inline style, which the CSP (rightly) blocks.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, name + ".png"), FullPage = true, Caret = ScreenshotCaret.Initial });
        var violations = await SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0,
            $"axe : {violations.Count} violation(s) graves sur {page.Url} :\n" + string.Join("\n", violations.Select(v => $"- {v.Id} ({v.Impact}) {v.Help} → {v.Targets}")));
    }
}
