using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Vigie.Web.Features.Account;

/// <summary>Two-factor authentication with an authenticator app (TOTP, Identity's authenticator token provider).</summary>
[Authorize]
public sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, Auditor auditor) : PageModel
{
    public const int RecoveryCodeCount = 10;
    private const string RecoveryCodesKey = "RecoveryCodes";

    public sealed class InputModel
    {
        public string? Code { get; set; }
        public string? CurrentPassword { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "obligatoire")] public int? MandatoryFlag { get; set; }

    public bool Enabled { get; private set; }
    public bool Mandatory { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        if (TempData[RecoveryCodesKey] is string codes) NewRecoveryCodes = codes.Split(' ');
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return RedirectToPage();

        var code = NormaliseCode(Input.Code);
        if (code.Length == 0)
            ModelState.AddModelError("Input.Code", "Saisissez le code à 6 chiffres affiché par votre application.");
        else if (code.Length != 6 || !code.All(char.IsAsciiDigit))
            ModelState.AddModelError("Input.Code", "Le code de vérification doit comporter exactement 6 chiffres.");
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            ModelState.AddModelError("Input.Code", "Le code de vérification est incorrect ou a expiré : saisissez le code affiché en ce moment par votre application.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        await auditor.RecordNowAsync(AuditKinds.TwoFactorEnabled, "User", user.Id, userId: user.Id);
        // The cookie carries the vigie:2fa claim read by TwoFactorEnforcement: reissue it now.
        await signIn.RefreshSignInAsync(user);
        TempData[RecoveryCodesKey] = string.Join(' ', codes);
        TempData["Flash"] = "La double authentification est activée.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage();

        if (await IsMandatoryAsync(user))
            ModelState.AddModelError(string.Empty, "Un administrateur a rendu la double authentification obligatoire pour l'un de vos rôles : vous ne pouvez pas la désactiver.");
        else if (string.IsNullOrEmpty(Input.CurrentPassword))
            ModelState.AddModelError("Input.CurrentPassword", "Saisissez votre mot de passe actuel pour désactiver la double authentification.");
        else if (!await users.CheckPasswordAsync(user, Input.CurrentPassword))
            ModelState.AddModelError("Input.CurrentPassword", "Le mot de passe actuel est incorrect.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key next time: the old one may sit in a lost phone.
        await users.ResetAuthenticatorKeyAsync(user);
        await auditor.RecordNowAsync(AuditKinds.TwoFactorDisabled, "User", user.Id, userId: user.Id, data: new { by = "self" });
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = "La double authentification est désactivée.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage();

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        await auditor.RecordNowAsync(AuditKinds.RecoveryCodesRegenerated, "User", user.Id, userId: user.Id);
        TempData[RecoveryCodesKey] = string.Join(' ', codes);
        TempData["Flash"] = "De nouveaux codes de récupération ont été générés ; les anciens ne fonctionnent plus.";
        return RedirectToPage();
    }

    private Task<bool> IsMandatoryAsync(AppUser user) =>
        TwoFactorEnforcement.IsRequiredAsync(db, user.Id, Roles.Platform.Where(User.IsInRole), HttpContext.RequestAborted);

    private async Task LoadAsync(AppUser user)
    {
        ViewData["Title"] = "Double authentification";
        Enabled = user.TwoFactorEnabled;
        Mandatory = await IsMandatoryAsync(user);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
            // A new key changes the security stamp: reissue the cookie, or the stamp check would sign the user out mid-set-up.
            await signIn.RefreshSignInAsync(user);
        }
        SharedKey = FormatKey(key);
        AuthenticatorUri = BuildUri(user.Email ?? user.UserName ?? "", key);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.Q);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    public static string BuildUri(string email, string key) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/Vigie:{UrlEncoder.Default.Encode(email)}?secret={key}&issuer=Vigie&digits=6");

    /// <summary>Groups of 4 lower-case characters, easier to type into an app than one long string.</summary>
    public static string FormatKey(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return sb.ToString().ToLowerInvariant();
    }

    /// <summary>Apps often show "123 456"; people paste "123-456".</summary>
    public static string NormaliseCode(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
}
