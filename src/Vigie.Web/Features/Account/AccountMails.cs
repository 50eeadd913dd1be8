using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Vigie.Web.Features.Account;

/// <summary>
/// Password-reset and invitation e-mails. Both carry a link with an Identity password-reset token,
/// so an administrator never types (or knows) a user's password.
/// </summary>
public sealed class AccountMails(UserManager<AppUser> users, IMailer mailer, PublicLinks links)
{
    public static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>Null when the code is not valid Base64Url (a mangled link): the page then says the link is invalid.</summary>
    public static string? DecodeToken(string code)
    {
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }

    private async Task<string> LinkAsync(AppUser user, HttpRequest request, bool invitation)
    {
        var token = EncodeToken(await users.GeneratePasswordResetTokenAsync(user));
        // Absolute URL from the configured public address, never from the request's Host header (which a client can forge).
        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["userId"] = user.Id.ToString(),
            ["code"] = token,
            ["invitation"] = invitation ? "1" : null,
        }.Where(kv => kv.Value is not null));
        return links.To(links.PagePath("/Account/ResetPassword") + query);
    }

    public async Task SendResetAsync(AppUser user, HttpRequest request, CancellationToken ct)
    {
        var link = await LinkAsync(user, request, invitation: false);
        var text = $"""
            Bonjour {user.FullName},

            Une réinitialisation du mot de passe de votre compte Vigie a été demandée.
            Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 24 heures) :

            {link}

            Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.

            — Vigie
            """;
        await mailer.SendAsync(user.Email!, "Vigie : réinitialisation de votre mot de passe", text, ct: ct);
    }

    public async Task SendInvitationAsync(AppUser user, HttpRequest request, CancellationToken ct)
    {
        var link = await LinkAsync(user, request, invitation: true);
        var text = $"""
            Bonjour {user.FullName},

            Un compte a été créé pour vous sur Vigie, la plateforme de suivi des contrats locaux de sécurité.
            Votre identifiant est votre adresse électronique : {user.Email}

            Pour choisir votre mot de passe et activer votre compte, ouvrez ce lien (valable 24 heures) :

            {link}

            Si le lien a expiré, utilisez « Mot de passe oublié ? » sur la page de connexion.

            — Vigie
            """;
        await mailer.SendAsync(user.Email!, "Vigie : votre compte a été créé", text, ct: ct);
    }
}
