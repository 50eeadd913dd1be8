using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;
using static Vigie.Tests.Cases.CaseScenario;

namespace Vigie.Tests.Cases;

/// <summary>
/// Issue 13, rule A9 (shared/specs §1.4): two-factor authentication required to open a group's content, and a browser
/// session idle for more than 15 minutes in the follow-up area signs in again (server-side last activity, the app's
/// clock moved). Its own app: the test moves time and turns <c>Cases:RequireTwoFactor</c> on (the shared app has it off).
/// </summary>
public sealed class CaseSessionGuardTests : IAsyncLifetime
{
    private readonly VigieFactory _factory = new() { Settings = { ["Cases:RequireTwoFactor"] = "true" } };

    public Task InitializeAsync() => _factory.InitializeAsync();
    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    private static string CharterOf(string sheetApi) => sheetApi[..sheetApi.IndexOf("/sheets/", StringComparison.Ordinal)] + "/charter/signature";

    private Task EnableTwoFactorAsync(TestUser user) =>
        _factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(x => x.SetProperty(u => u.TwoFactorEnabled, true)));

    /// <summary>A group with its coordinator (2FA on) and a sheet whose référent is <paramref name="referent"/>; the référent's page session opened before.</summary>
    private async Task<(string SheetPage, string SheetApi, PageClient Referent, HttpClient ReferentApi)> SetupAsync(TestUser coordinator, TestUser referent)
    {
        var contract = await _factory.ContractAsync((coordinator, ContractRole.Coordinator), (referent, ContractRole.PartnerMember));
        var referentPages = await PageClient.SignedInAsync(_factory, referent);
        await EnableTwoFactorAsync(coordinator);
        var api = await _factory.ApiClientAsync(coordinator);
        var groups = $"/api/v1/contracts/{contract.Id}/case-groups";
        var group = await api.CreateAsync(groups, new { name = TestData.Unique("Cellule"), kind = "watchCell", coordinatorInstitution = "municipalService" });
        await Ok(api.PostAsJsonAsync($"{groups}/{group}/charter/signature", new { acceptedClauses = AllClauses }));
        await api.CreateAsync($"{groups}/{group}/members", new { userId = referent.Id, institution = "school" });
        var sheet = await api.CreateAsync($"{groups}/{group}/sheets", SheetBody(UniqueName("Nom"), UniqueName("Prenom"), referent.Id));
        return ($"/contrats/{contract.Id}/suivis/{group}/fiches/{sheet}", $"{groups}/{group}/sheets/{sheet}", referentPages, await _factory.ApiClientAsync(referent));
    }

    [Fact]
    public async Task WithoutTwoFactor_TheSheetIsRefused_WithTheSetUpPageAndAReason_AndOpensOnceItIsEnabled()
    {
        var coordinator = await _factory.UserAsync();
        var referent = await _factory.UserAsync();
        var (sheetPage, sheetApi, pages, api) = await SetupAsync(coordinator, referent);

        var refused = await pages.Http.GetAsync(sheetPage);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(Vigie.Tests.Accounts.TwoFactorSteps.SetupUrl, refused.Headers.Location!.OriginalString);
        var setup = PageClient.Parse(await pages.Http.GetStringAsync(refused.Headers.Location.OriginalString)).Body!.TextContent;
        Assert.Contains("exige la double authentification", setup, StringComparison.Ordinal);
        var apiRefused = await api.GetAsync(sheetApi);
        Assert.Equal(HttpStatusCode.Forbidden, apiRefused.StatusCode);
        Assert.Contains("double authentification", await apiRefused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await _factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.CasePermissionDenied && e.UserId == referent.Id
            && e.Data!.Contains("mfa-required"))));

        await EnableTwoFactorAsync(referent);
        await Ok(api.PostAsJsonAsync(CharterOf(sheetApi), new { acceptedClauses = AllClauses }));
        Assert.Equal(HttpStatusCode.OK, (await pages.Http.GetAsync(sheetPage)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(sheetApi)).StatusCode);
    }

    [Fact]
    public async Task TheAuditLog_PageApiAndCsv_AreGuardedToo_ThoughTheyHaveNoGroup()
    {
        var coordinator = await _factory.UserAsync();
        var referent = await _factory.UserAsync();
        var (sheetPage, _, pages, api) = await SetupAsync(coordinator, referent);
        var contractId = sheetPage.Split('/')[2];
        // The référent (no 2FA) designated the contract's DPO: the log is theirs to read, once two factors are on.
        await Ok((await _factory.ApiClientAsync(coordinator)).PutAsJsonAsync($"/api/v1/contracts/{contractId}/case-groups/dpos", new { userIds = new[] { referent.Id } }));
        var journal = $"/contrats/{contractId}/suivis/journal";
        var log = $"/api/v1/contracts/{contractId}/case-groups/audit-log";

        var page = await pages.Http.GetAsync(journal);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(Vigie.Tests.Accounts.TwoFactorSteps.SetupUrl, page.Headers.Location!.OriginalString);
        foreach (var url in new[] { log, $"{log}/csv" })
        {
            var refused = await api.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("double authentification", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await EnableTwoFactorAsync(referent);
        Assert.Equal(HttpStatusCode.OK, (await pages.Http.GetAsync(journal)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(log)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"{log}/csv")).StatusCode);
    }

    [Fact]
    public async Task ASessionIdleForSixteenMinutes_MustSignInAgain_WhileAnActiveOneKeepsGoing()
    {
        var coordinator = await _factory.UserAsync();
        var referent = await _factory.UserAsync();
        var (sheetPage, sheetApi, pages, api) = await SetupAsync(coordinator, referent);
        await EnableTwoFactorAsync(referent);
        await Ok(api.PostAsJsonAsync(CharterOf(sheetApi), new { acceptedClauses = AllClauses }));
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await pages.Http.GetAsync(sheetPage)).StatusCode);
            // Active: a request every 10 minutes keeps the session open (26 minutes in all).
            _factory.Clock.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(HttpStatusCode.OK, (await pages.Http.GetAsync(sheetPage)).StatusCode);
            _factory.Clock.Advance(TimeSpan.FromMinutes(14));
            Assert.Equal(HttpStatusCode.OK, (await pages.Http.GetAsync(sheetPage)).StatusCode);

            // Idle 16 minutes: refused, sent to the sign-in page with the reason, and the session is over (the same cookie stays refused).
            _factory.Clock.Advance(TimeSpan.FromMinutes(16));
            var idle = await pages.Http.GetAsync(sheetPage);
            Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
            Assert.StartsWith("/compte/connexion", idle.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.Contains("ReturnUrl=", idle.Headers.Location.OriginalString, StringComparison.Ordinal);
            var login = PageClient.Parse(await pages.Http.GetStringAsync(idle.Headers.Location.OriginalString)).Body!.TextContent;
            Assert.Contains("15 minutes sans activité", login, StringComparison.Ordinal);
            var again = await pages.Http.GetAsync(sheetPage);
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            Assert.Contains("/compte/connexion", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.True(await _factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.CasePermissionDenied && e.UserId == referent.Id && e.Data!.Contains("idle-timeout"))));

            // A personal access token is not a browser session: only the 2FA rule applies to it.
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(sheetApi)).StatusCode);
        }
        finally
        {
            _factory.Clock.Reset();
        }
    }
}
