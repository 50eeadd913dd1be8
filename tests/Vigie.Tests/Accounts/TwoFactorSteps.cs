using System.Net;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Accounts;

/// <summary>The 2FA set-up done through the pages, as a user with an authenticator app would.</summary>
public static class TwoFactorSteps
{
    public const string SetupUrl = "/compte/double-authentification";

    public static async Task<string> SharedKeyAsync(PageClient client)
    {
        var doc = await client.GetDocumentAsync(SetupUrl);
        var key = doc.QuerySelector("#cle-partagee")?.TextContent
            ?? throw new InvalidOperationException("Pas de clé partagée sur la page de double authentification.");
        return key.Replace(" ", "", StringComparison.Ordinal);
    }

    /// <summary>Enables 2FA and returns the shared key and the recovery codes shown once.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAsync(PageClient client)
    {
        var key = await SharedKeyAsync(client);
        var response = await client.PostFormAsync(SetupUrl + "?handler=Enable", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, SetupUrl);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Activation refusée : {response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        var doc = await client.GetDocumentAsync(SetupUrl);
        var codes = doc.QuerySelectorAll(".vigie-recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        return (key, codes);
    }

    /// <summary>Password step of the sign-in; returns the response (a redirect to the 2FA page when enabled).</summary>
    public static Task<HttpResponseMessage> PasswordStepAsync(PageClient client, TestUser user) =>
        client.PostFormAsync("/compte/connexion", new() { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });
}
