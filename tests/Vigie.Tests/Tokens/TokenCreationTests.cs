using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Tokens;

/// <summary>Issue 9 finding 7: creation needs the password typed again, an expiry, and gives read-only by default.</summary>
[Collection(AppCollection.Name)]
public sealed class TokenCreationTests(VigieFactory factory)
{
    [Fact]
    public async Task Create_WithoutOrWithWrongPassword_IsRefusedAndSavesNothing()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);

        var missing = await client.CreateTokenOnPageAsync(user, "Sans mot de passe", password: "");
        var wrong = await client.CreateTokenOnPageAsync(user, "Mauvais mot de passe", password: "Pas-le-bon-1234!");

        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Saisissez votre mot de passe actuel", PageClient.Parse(await missing.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Le mot de passe saisi est incorrect.", PageClient.Parse(await wrong.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(0, await factory.WithDb(db => db.AccessTokens.CountAsync(t => t.UserId == user.Id)));
    }

    [Fact]
    public async Task Create_WithoutExpiry_IsRefused()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);

        var response = await client.PostFormAsync("/compte/jetons?handler=Create",
            new() { ["Input.Name"] = "Éternel", ["Input.ExpiresOn"] = "", ["Input.CurrentPassword"] = user.Password }, formPageUrl: "/compte/jetons");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La date d'expiration est obligatoire", PageClient.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(0, await factory.WithDb(db => db.AccessTokens.CountAsync(t => t.UserId == user.Id)));
    }

    [Fact]
    public async Task Form_ProposesNinetyDays_AndTokenIsReadOnlyByDefault()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);
        var form = await client.GetDocumentAsync("/compte/jetons");
        var proposed = form.QuerySelector("input[name='Input.ExpiresOn']")!.GetAttribute("value");
        Assert.Equal(TestDates.Today.AddDays(90).ToString("yyyy-MM-dd"), proposed);
        Assert.Null(form.QuerySelector("input[name='Input.Admin']")); // not an administrator: no such choice

        Assert.Equal(HttpStatusCode.Redirect, (await client.CreateTokenOnPageAsync(user, "Lecture seule")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.CreateTokenOnPageAsync(user, "Lecture et écriture", write: true)).StatusCode);

        var scopes = await factory.WithDb(db => db.AccessTokens.Where(t => t.UserId == user.Id).ToDictionaryAsync(t => t.Name, t => t.Scopes));
        Assert.Equal("read", scopes["Lecture seule"]);
        Assert.Equal("read write", scopes["Lecture et écriture"]);
        var table = (await client.GetDocumentAsync("/compte/jetons")).QuerySelector("table")!.TextContent;
        Assert.Contains("Lecture, Écriture", table);
    }

    [Fact]
    public async Task Create_AdminScope_OnlyForAdministrators()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);
        var refused = await client.CreateTokenOnPageAsync(user, "Pas admin", admin: true);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Seul un administrateur", PageClient.Parse(await refused.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(0, await factory.WithDb(db => db.AccessTokens.CountAsync(t => t.UserId == user.Id)));

        var admin = await factory.AdminAsync();
        var adminClient = await PageClient.SignedInAsync(factory, admin);
        Assert.NotNull((await adminClient.GetDocumentAsync("/compte/jetons")).QuerySelector("input[name='Input.Admin']"));
        Assert.Equal(HttpStatusCode.Redirect, (await adminClient.CreateTokenOnPageAsync(admin, "Admin", admin: true)).StatusCode);
        Assert.Equal("read admin", await factory.WithDb(db => db.AccessTokens.Where(t => t.UserId == admin.Id).Select(t => t.Scopes).SingleAsync()));
        Assert.Contains("Administration", (await adminClient.GetDocumentAsync("/admin/jetons")).QuerySelector("table")!.TextContent);
    }
}
