using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Vigie.Tests.Infrastructure;

/// <summary>An identity at the test provider: what it will assert about the person who logs in as <see cref="Login"/>.</summary>
public sealed record TestOidcIdentity(string Login, string Subject, string Email, bool EmailVerified = true, string Acr = "eidas1", params string[] Amr)
{
    public string Email { get; set; } = Email;
}

/// <summary>
/// A real OpenID Connect provider (OpenIddict server, in-memory store) on a loopback Kestrel port, standing in for
/// ProConnect: authorization code flow with PKCE, id_token with acr/amr, userinfo, end_session. Its login page is a
/// plain form (identifier, button) that the tests and the browser journey fill in; no network is needed.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "vigie-tests";
    public const string ClientSecret = "secret-du-fournisseur-de-test";
    private const string LoginCookie = "provider-login";
    private WebApplication? _app;

    public string Authority { get; private set; } = "";
    public ConcurrentDictionary<string, TestOidcIdentity> Identities { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>End-session requests received with a valid id_token_hint.</summary>
    public ConcurrentQueue<string> EndSessions { get; } = new();

    public TestOidcIdentity Add(string? email = null, string acr = "eidas1", params string[] amr)
    {
        var login = $"agent-{Guid.NewGuid():N}"[..14];
        var identity = new TestOidcIdentity(login, Guid.NewGuid().ToString("N"), email ?? $"{login}@example.gouv.fr", true, acr, amr);
        Identities[login] = identity;
        return identity;
    }

    public static async Task<TestOidcProvider> StartAsync()
    {
        var provider = new TestOidcProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var store = $"oidc-{Guid.NewGuid():N}";
        builder.Services.AddDbContext<DbContext>(o => { o.UseInMemoryDatabase(store); o.UseOpenIddict(); });
        builder.Services.AddAuthentication(LoginCookie).AddCookie(LoginCookie, o => o.LoginPath = "/login");
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo").SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                o.RegisterClaims("acr", "amr", Claims.Email, Claims.EmailVerified);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough().EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        app.UseAuthentication();

        app.MapGet("/favicon.ico", () => Results.NoContent()); // no 404 in the browser console of the journeys
        app.MapGet("/login", (string? returnUrl) => Results.Content($"""
            <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Fournisseur d'identité de test</title></head>
            <body><main><h1>Fournisseur d'identité de test</h1>
            <form method="post" action="/login"><input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? "/")}">
            <label for="identifiant">Identifiant</label> <input id="identifiant" name="login" autocomplete="username">
            <button type="submit">Se connecter au fournisseur</button></form></main></body></html>
            """, "text/html; charset=utf-8"));
        app.MapPost("/login", async (HttpContext ctx) =>
        {
            var form = await ctx.Request.ReadFormAsync();
            var login = form["login"].ToString();
            if (!provider.Identities.ContainsKey(login)) return Results.Content("Identifiant inconnu", "text/plain; charset=utf-8", statusCode: 401);
            await ctx.SignInAsync(LoginCookie, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, login)], LoginCookie)));
            var returnUrl = form["returnUrl"].ToString();
            return Results.Redirect(returnUrl.StartsWith('/') ? returnUrl : "/");
        });

        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext ctx) =>
        {
            var request = ctx.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Pas de requête OpenID Connect.");
            var session = await ctx.AuthenticateAsync(LoginCookie);
            if (!session.Succeeded || !provider.Identities.TryGetValue(session.Principal!.Identity!.Name!, out var who))
                return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(ctx.Request.Path + ctx.Request.QueryString));
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, who.Subject));
            identity.AddClaim(new Claim(Claims.Email, who.Email));
            identity.AddClaim(new Claim(Claims.EmailVerified, who.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
            identity.AddClaim(new Claim("acr", who.Acr));
            foreach (var amr in who.Amr) identity.AddClaim(new Claim("amr", amr));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/connect/token", async (HttpContext ctx) =>
        {
            var result = await ctx.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(result.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapMethods("/connect/userinfo", ["GET", "POST"], async (HttpContext ctx) =>
        {
            var principal = (await ctx.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
            return Results.Json(new Dictionary<string, object?>
            {
                ["sub"] = principal.GetClaim(Claims.Subject),
                ["email"] = principal.GetClaim(Claims.Email),
                ["email_verified"] = principal.GetClaim(Claims.EmailVerified) == "true",
            });
        });
        app.MapMethods("/connect/logout", ["GET", "POST"], async (HttpContext ctx) =>
        {
            var request = ctx.GetOpenIddictServerRequest();
            if (!string.IsNullOrEmpty(request?.IdTokenHint)) provider.EndSessions.Enqueue(request.IdTokenHint);
            await ctx.SignOutAsync(LoginCookie);
            return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });

        await app.StartAsync();
        provider._app = app;
        provider.Authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + "/";
        return provider;
    }

    /// <summary>Registers Vigie as a confidential client with its callback and post-logout addresses (known once Vigie listens).</summary>
    public async Task RegisterClientAsync(string vigieBaseUrl)
    {
        var root = vigieBaseUrl.TrimEnd('/');
        using var scope = _app!.Services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync(ClientId) is { } existing) await manager.DeleteAsync(existing);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { new Uri(root + "/signin-proconnect") },
            PostLogoutRedirectUris = { new Uri(root + "/compte/connexion") },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var p in new[] { Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                     Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile })
            descriptor.Permissions.Add(p);
        await manager.CreateAsync(descriptor);
    }

    /// <summary>The settings that point Vigie at this provider.</summary>
    public Dictionary<string, string?> VigieSettings() => new()
    {
        ["ProConnect:Authority"] = Authority,
        ["ProConnect:ClientId"] = ClientId,
        ["ProConnect:ClientSecret"] = ClientSecret,
    };

    public async ValueTask DisposeAsync()
    {
        if (_app is not { } app) return; // idempotent: a test may stop the provider before its fixture does
        _app = null;
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
