using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class UserAdminTests(VigieFactory factory)
{
    private const string ListUrl = "/admin/utilisateurs";
    private const string CreateUrl = "/admin/utilisateurs/nouveau";

    [Fact]
    public async Task Users_NonAdmin_Gets403()
    {
        var user = await factory.UserAsync(null, Roles.ContractCreator);
        var client = await PageClient.SignedInAsync(factory, user);

        var response = await client.Http.GetAsync(ListUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var denied = await client.Http.GetAsync(response.Headers.Location!);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Accès refusé", await denied.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Create_ByAdmin_WritesInvitationAndInviteeChoosesPassword()
    {
        var admin = await factory.AdminAsync();
        var org = await factory.OrganisationAsync();
        var client = await PageClient.SignedInAsync(factory, admin);
        var email = $"{TestData.Unique("invite")}@example.test";

        var response = await client.PostFormAsync(CreateUrl, new()
        {
            ["Input.FullName"] = "Camille Invitée",
            ["Input.Email"] = email,
            ["Input.OrganisationId"] = org.Id.ToString(),
            ["Input.Roles"] = Roles.ContractCreator,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var created = await factory.WithDb(db => db.Users.Where(u => u.Email == email)
            .Select(u => new { u.Id, u.FullName, u.OrganisationId, u.PasswordHash }).SingleAsync());
        Assert.Equal($"/admin/utilisateurs/{created.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(org.Id, created.OrganisationId);
        Assert.Null(created.PasswordHash);
        Assert.True(await factory.WithDb(db => db.UserRoles.AnyAsync(ur => ur.UserId == created.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.ContractCreator))));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.UserCreated && e.EntityId == created.Id.ToString() && e.UserId == admin.Id)));

        var mail = Assert.Single(factory.MailsTo(email));
        Assert.Contains("Camille Invitée", mail.Body);
        var link = new Uri(mail.Link("/compte/reinitialiser")).PathAndQuery;
        Assert.Contains("invitation=1", link);
        const string password = "Mon-propre-mdp-42";
        var set = await PageClient.Create(factory).PostFormAsync(link, new() { ["Input.Password"] = password, ["Input.ConfirmPassword"] = password });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var invitee = await PageClient.SignedInAsync(factory, new TestUser(created.Id, email, password, org.Id));
        Assert.Equal("Camille Invitée", (await invitee.GetDocumentAsync("/compte")).QuerySelector("#nom")?.TextContent);

        var list = await client.GetDocumentAsync(ListUrl + "?q=" + Uri.EscapeDataString(email.ToUpperInvariant()));
        var rows = list.QuerySelectorAll("tbody tr");
        Assert.Single(rows);
        Assert.Contains("Créateur de contrats", rows[0].TextContent);
        Assert.Contains(org.Name, rows[0].TextContent);
    }

    [Fact]
    public async Task Create_WithMissingFieldsOrTakenEmail_ShowsFrenchErrorsAndSavesNothing()
    {
        var admin = await factory.AdminAsync();
        var existing = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, admin);

        var empty = await client.PostFormAsync(CreateUrl, new() { ["Input.FullName"] = "", ["Input.Email"] = "pas-une-adresse" });
        var emptyText = PageClient.Parse(await empty.Content.ReadAsStringAsync()).Body!.TextContent;
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Saisissez le nom complet.", emptyText);
        Assert.Contains("L'adresse électronique n'est pas valide.", emptyText);
        Assert.Contains("Choisissez l'organisation de la personne.", emptyText);

        var taken = await client.PostFormAsync(CreateUrl, new()
        {
            ["Input.FullName"] = "Doublon", ["Input.Email"] = existing.Email, ["Input.OrganisationId"] = existing.OrganisationId.ToString(),
        });
        Assert.Contains("Un compte utilise déjà cette adresse électronique.", PageClient.Parse(await taken.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(1, await factory.WithDb(db => db.Users.CountAsync(u => u.Email == existing.Email)));
    }

    [Fact]
    public async Task Disable_UserCannotSignIn_UntilEnabledAgain()
    {
        var admin = await factory.AdminAsync();
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, admin);
        var page = $"{ListUrl}/{user.Id}";

        var disabled = await client.PostFormAsync(page + "?handler=Disable", new(), page);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        var refused = await PageClient.Create(factory).PostFormAsync("/compte/connexion", new() { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Adresse électronique ou mot de passe incorrect.", await refused.Content.ReadAsStringAsync());
        Assert.Contains("Désactivé", (await client.GetDocumentAsync(page)).QuerySelector("#etat")!.TextContent);
        // A disabled account gets no reset mail either.
        await PageClient.Create(factory).PostFormAsync("/compte/mot-de-passe-oublie", new() { ["Input.Email"] = user.Email });
        Assert.Empty(factory.MailsTo(user.Email));

        await client.PostFormAsync(page + "?handler=Enable", new(), page);
        await PageClient.SignedInAsync(factory, user);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.UserDisabled && e.EntityId == user.Id.ToString())));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.UserEnabled && e.EntityId == user.Id.ToString())));
    }

    [Fact]
    public async Task Edit_ChangesNameOrganisationAndRoles_WithAudit()
    {
        var admin = await factory.AdminAsync();
        var user = await factory.UserAsync(null, Roles.ContractCreator);
        var newOrg = await factory.OrganisationAsync();
        var client = await PageClient.SignedInAsync(factory, admin);
        var page = $"{ListUrl}/{user.Id}";

        var response = await client.PostFormAsync(page, new()
        {
            ["Input.FullName"] = "Nom Modifié", ["Input.OrganisationId"] = newOrg.Id.ToString(), ["Input.Roles"] = Roles.Administrator,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).Select(u => new { u.FullName, u.OrganisationId }).SingleAsync());
        Assert.Equal("Nom Modifié", saved.FullName);
        Assert.Equal(newOrg.Id, saved.OrganisationId);
        var roles = await factory.WithDb(db => db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToListAsync());
        Assert.Equal([Roles.Administrator], roles);
        var kinds = await factory.WithDb(db => db.AuditEvents.Where(e => e.EntityId == user.Id.ToString()).Select(e => e.Kind).ToListAsync());
        Assert.Contains(AuditKinds.UserUpdated, kinds);
        Assert.Contains(AuditKinds.RoleGranted, kinds);
        Assert.Contains(AuditKinds.RoleRevoked, kinds);
    }

    [Fact]
    public async Task Edit_AdminRemovingOwnAdminRole_IsRefused()
    {
        var admin = await factory.AdminAsync();
        var client = await PageClient.SignedInAsync(factory, admin);
        var page = $"{ListUrl}/{admin.Id}";
        var response = await client.PostFormAsync(page, new() { ["Input.FullName"] = "Moi", ["Input.OrganisationId"] = admin.OrganisationId.ToString() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vous ne pouvez pas retirer votre propre rôle d'administrateur", PageClient.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent);
    }

    [Fact]
    public async Task ResetTwoFactor_ByAdmin_UserSignsInWithPasswordOnly()
    {
        var admin = await factory.AdminAsync();
        var user = await factory.UserAsync();
        await TwoFactorSteps.EnableAsync(await PageClient.SignedInAsync(factory, user));
        var client = await PageClient.SignedInAsync(factory, admin);
        var page = $"{ListUrl}/{user.Id}";
        Assert.Equal("Activée", (await client.GetDocumentAsync(page)).QuerySelector("#double-authentification")?.TextContent);

        var response = await client.PostFormAsync(page + "?handler=ResetTwoFactor", new(), page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        var signIn = await TwoFactorSteps.PasswordStepAsync(PageClient.Create(factory), user);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.UserTwoFactorReset && e.EntityId == user.Id.ToString())));
    }

    [Fact]
    public async Task Unlock_LockedUser_CanSignInAgain()
    {
        var admin = await factory.AdminAsync();
        var user = await factory.UserAsync();
        for (var i = 0; i < 5; i++)
            await PageClient.Create(factory).PostFormAsync("/compte/connexion", new() { ["Input.Email"] = user.Email, ["Input.Password"] = "Faux-mot-de-passe-1" });
        var client = await PageClient.SignedInAsync(factory, admin);
        var page = $"{ListUrl}/{user.Id}";
        Assert.Contains("Verrouillé", (await client.GetDocumentAsync(page)).QuerySelector("#etat")!.TextContent);

        await client.PostFormAsync(page + "?handler=Unlock", new(), page);

        await PageClient.SignedInAsync(factory, user);
    }
}
