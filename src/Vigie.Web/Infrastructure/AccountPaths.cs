namespace Vigie.Web.Infrastructure;

/// <summary>
/// The only account page addresses written out in C#. They are needed before routing exists: the cookie handler's
/// login, logout and access-denied paths and the two-factor redirect are configured at start-up, and a Razor
/// <c>@page</c> directive accepts only a literal. Each page's <c>@page</c> route repeats its constant once;
/// <c>Documentation/AccountPathsTests</c> fails when the two disagree, so renaming a French URL stays a two-line change
/// that cannot be half done. Everything else links to these pages by name (<c>asp-page</c>, <c>RedirectToPage</c>).
/// </summary>
public static class AccountPaths
{
    /// <summary>Page <c>/Account/Login</c>.</summary>
    public const string Login = "/compte/connexion";
    /// <summary>Page <c>/Account/Logout</c>.</summary>
    public const string Logout = "/compte/deconnexion";
    /// <summary>Page <c>/Account/AccessDenied</c>.</summary>
    public const string AccessDenied = "/compte/acces-refuse";
    /// <summary>Page <c>/Account/TwoFactor</c>.</summary>
    public const string TwoFactorSetup = "/compte/double-authentification";
}
