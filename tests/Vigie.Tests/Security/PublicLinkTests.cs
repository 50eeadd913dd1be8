using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Security;

/// <summary>
/// Absolute links come from App:PublicBaseUrl, never from the request's Host header. This app accepts any Host
/// (AllowedHosts "*", as behind a proxy that passes Host through) so that a forged Host reaches the handlers.
/// </summary>
public sealed partial class PublicLinkTests : IAsyncLifetime
{
    private const string Public = "https://vigie.example.fr";
    private const string Evil = "http://evil.example";
    private readonly VigieFactory _factory = new();

    public PublicLinkTests()
    {
        _factory.Settings["App:PublicBaseUrl"] = Public;
        _factory.Settings["AllowedHosts"] = "*";
    }

    public Task InitializeAsync() => _factory.InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    private PageClient EvilClient() => new(_factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(Evil), AllowAutoRedirect = false, HandleCookies = true,
    }));

    private async Task<PageClient> EvilSignedInAsync(TestUser user)
    {
        var client = EvilClient();
        var response = await client.PostFormAsync("/compte/connexion", new() { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static void AssertOnlyPublicLinks(string text)
    {
        Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
        var links = UrlRegex().Matches(text).Select(m => m.Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.StartsWith(Public + "/", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PasswordReset_WithForgedHost_MailsALinkToTheConfiguredAddress()
    {
        var user = await _factory.UserAsync();
        var response = await EvilClient().PostFormAsync("/compte/mot-de-passe-oublie", new() { ["Input.Email"] = user.Email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var mail = Assert.Single(_factory.MailsTo(user.Email));
        Assert.StartsWith(Public + "/compte/reinitialiser?", mail.Link("/compte/reinitialiser"), StringComparison.Ordinal);
        AssertOnlyPublicLinks(mail.Body);
    }

    [Fact]
    public async Task Invitation_WithForgedHost_MailsALinkToTheConfiguredAddress()
    {
        var admin = await _factory.AdminAsync();
        var org = await _factory.OrganisationAsync();
        var client = await EvilSignedInAsync(admin);
        var email = $"{TestData.Unique("invite")}@example.test";
        var response = await client.PostFormAsync("/admin/utilisateurs/nouveau", new()
        {
            ["Input.FullName"] = "Camille Invitée", ["Input.Email"] = email, ["Input.OrganisationId"] = org.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var mail = Assert.Single(_factory.MailsTo(email));
        Assert.StartsWith(Public + "/compte/reinitialiser?", mail.Link("/compte/reinitialiser"), StringComparison.Ordinal);
        AssertOnlyPublicLinks(mail.Body);
    }

    [Fact]
    public async Task Convocation_WithForgedHost_LinksTheMeetingAtTheConfiguredAddress()
    {
        var s = await _factory.SetupAsync();
        var body = await s.BodyAsync("plenary", "public");
        await s.SeatAsync(body, s.Reader.Id);
        var meeting = await s.MeetingAsync(body, "2026-06-16", "Plénière");

        // Through the page and through the API, both on the forged host.
        var page = await EvilSignedInAsync(s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/reunions/{meeting}";
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(url + "?handler=Convene", [], formPageUrl: url)).StatusCode);
        var api = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(Evil) });
        api.DefaultRequestHeaders.Authorization = s.CoordinatorApi.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"{s.Base}/meetings/{meeting}/convocation", null)).StatusCode);

        var mails = _factory.RawMailsTo(s.Reader.Email);
        Assert.Equal(2, mails.Count);
        foreach (var mail in mails)
        {
            Assert.Contains($"{Public}/contrats/{s.Contract.Id}/reunions/{meeting}", mail.TextBody, StringComparison.Ordinal);
            AssertOnlyPublicLinks(mail.TextBody);
            var ics = mail.Attachments.Single(a => a.FileName == "invitation.ics").Text.Replace("\r\n ", "", StringComparison.Ordinal);
            Assert.Contains($"URL:{Public}/contrats/{s.Contract.Id}/reunions/{meeting}", ics, StringComparison.Ordinal);
            Assert.DoesNotContain("evil.example", ics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CalendarFeed_WithForgedHost_ShowsAndServesConfiguredAddresses()
    {
        var s = await _factory.SetupAsync();
        var body = await s.BodyAsync("watchCell");
        var soon = TestDates.Today.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var meeting = await s.MeetingAsync(body, soon, "Cellule de veille");

        var client = await EvilSignedInAsync(s.Reader);
        var html = await (await client.PostFormAsync("/mon-agenda?handler=Create", [], formPageUrl: "/mon-agenda")).Content.ReadAsStringAsync();
        var feedUrl = FeedUrlRegex().Match(html);
        Assert.True(feedUrl.Success, html);
        Assert.StartsWith(Public + "/", feedUrl.Value, StringComparison.Ordinal);

        var feed = (await EvilClient().Http.GetStringAsync(new Uri(feedUrl.Value).PathAndQuery)).Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains($"URL:{Public}/contrats/{s.Contract.Id}/reunions/{meeting}", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", feed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://vigie.example.fr", true)]
    [InlineData("http://localhost:5080/", true)]
    [InlineData("", false)]
    [InlineData("vigie.example.fr", false)]
    [InlineData("ftp://vigie.example.fr", false)]
    [InlineData("https://vigie.example.fr/app", false)]
    [InlineData("https://vigie.example.fr/?x=1", false)]
    public void PublicBaseUrl_Validation(string value, bool valid) =>
        Assert.Equal(valid, PublicLinks.Validate(value) is null);

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex UrlRegex();

    [GeneratedRegex(@"https?://[^""<\s]+/calendrier/[^""<\s]+\.ics")]
    private static partial Regex FeedUrlRegex();
}

/// <summary>Defaults: only loopback host names are accepted; production must configure its address and hosts.</summary>
[Collection(AppCollection.Name)]
public sealed class AllowedHostsTests(VigieFactory factory)
{
    [Fact]
    public async Task ForgedHost_IsRefused_AndNoMailLeaves()
    {
        var user = await factory.UserAsync();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/compte/mot-de-passe-oublie");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(factory.MailsTo(user.Email));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/compte/mot-de-passe-oublie")).StatusCode);
    }

    [Fact]
    public void Production_WithoutPublicBaseUrl_RefusesToStart()
    {
        using var production = new VigieFactory { EnvironmentName = "Production" };
        // Everything else production requires is given (the key-ring certificate), so the missing address is what stops it.
        var pfx = Path.Combine(Path.GetTempPath(), $"vigie-dp-{Guid.NewGuid():N}.pfx");
        Vigie.Web.Infrastructure.KeyProtection.CreateSelfSignedPfx(pfx, "mot-de-passe-du-pfx");
        production.Settings["DataProtection:CertificatePath"] = pfx;
        production.Settings["DataProtection:CertificatePassword"] = "mot-de-passe-du-pfx";
        var casesKey = Path.Combine(Path.GetTempPath(), $"vigie-cases-{Guid.NewGuid():N}.key");
        Vigie.Web.Features.Cases.CaseCipher.CreateKeyFile(casesKey);
        production.Settings["Cases:EncryptionKeyFile"] = casesKey;
        var error = Assert.ThrowsAny<Exception>(() => production.Services);
        Assert.Contains("App:PublicBaseUrl", error.ToString(), StringComparison.Ordinal);
    }
}
