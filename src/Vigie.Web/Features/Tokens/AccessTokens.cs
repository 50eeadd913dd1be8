using System.ComponentModel.DataAnnotations;

namespace Vigie.Web.Features.Tokens;

/// <summary>What a user types to create a personal access token (tokens page only: a token never mints tokens).</summary>
public sealed class TokenInput : IValidatableInput
{
    [Required(ErrorMessage = "Le nom du jeton est obligatoire (par exemple : « Script d'export »).")]
    [StringLength(100, ErrorMessage = "Le nom du jeton ne doit pas dépasser 100 caractères.")]
    public string? Name { get; set; }

    /// <summary>Last day the token works (inclusive, Paris time); mandatory, at most one year ahead.</summary>
    [Required(ErrorMessage = "La date d'expiration est obligatoire (un an au plus).")]
    public DateOnly? ExpiresOn { get; set; }

    /// <summary>Opt-in: without it the token only reads (GET).</summary>
    public bool Write { get; set; }

    /// <summary>Opt-in, administrators only: without it an administrator's token has no administrator rights.</summary>
    public bool Admin { get; set; }

    /// <summary>Fresh authentication: the password is typed again for every new token.</summary>
    [Required(ErrorMessage = "Saisissez votre mot de passe actuel pour confirmer la création du jeton.")]
    public string? CurrentPassword { get; set; }
}

public enum TokenStatus { Active, Expired, Revoked }

/// <summary>Creation, status and revocation of personal access tokens (docs/adr/0003-authorization-model.md).</summary>
public static class AccessTokens
{
    public const int PrefixLength = 12;
    public const int DefaultLifetimeDays = 90;

    public static DateOnly Today(DateTimeOffset now) => Culture.ParisDate(now);

    public static string? CheckExpiry(DateOnly? expiresOn, DateTimeOffset now)
    {
        if (expiresOn is not { } d) return "La date d'expiration est obligatoire (un an au plus).";
        var today = Today(now);
        if (d <= today) return "La date d'expiration doit être postérieure à aujourd'hui.";
        if (d > today.AddYears(1)) return $"La date d'expiration ne peut pas dépasser un an (au plus tard le {Culture.Date(today.AddYears(1))}).";
        return null;
    }

    /// <summary>The token stops working at the end of the chosen day, Paris time.</summary>
    public static DateTimeOffset ExpiresAt(DateOnly d)
    {
        var midnight = d.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Culture.Paris.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>Adds the token and its audit event to the context (caller saves); returns the plain token, shown once.</summary>
    public static (PersonalAccessToken Token, string Plain) Add(AppDbContext db, Auditor auditor, Guid userId, TokenInput input, DateTimeOffset now)
    {
        var plain = AccessTokenAuthentication.NewToken();
        var token = new PersonalAccessToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Name = input.Name!.Trim(),
            TokenHash = AccessTokenAuthentication.Hash(plain),
            Prefix = plain[..PrefixLength],
            CreatedAt = now,
            ExpiresAt = ExpiresAt(input.ExpiresOn!.Value),
            Scopes = TokenScopes.Format(input.Write, input.Admin),
        };
        db.AccessTokens.Add(token);
        auditor.Record(AuditKinds.TokenCreated, nameof(PersonalAccessToken), token.Id, data: new { ownerId = userId, scopes = token.Scopes });
        return (token, plain);
    }

    /// <summary>
    /// Revokes every token and calendar feed of a user at once (password changed or reset, 2FA reset, account
    /// disabled, contract membership removed): whatever copy of a secret leaked stops working. Audited with counts.
    /// </summary>
    public static async Task<int> RevokeAllAsync(AppDbContext db, Auditor auditor, Guid userId, string reason, DateTimeOffset now, CancellationToken ct = default)
    {
        // A bulk update bypasses change tracking: tell the token cache (dropped at the save below, or at the commit).
        HotPathCacheInterceptor.MarkTokensChanged(db);
        var tokens = await db.AccessTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        var feeds = await db.CalendarFeeds.Where(f => f.UserId == userId && f.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.RevokedAt, now), ct);
        if (tokens + feeds > 0)
        {
            auditor.Record(AuditKinds.CredentialsRevoked, "User", userId, data: new { reason, tokens, feeds });
            await db.SaveChangesAsync(ct);
        }
        return tokens + feeds;
    }

    public static void Revoke(PersonalAccessToken token, Auditor auditor, DateTimeOffset now)
    {
        token.RevokedAt = now;
        auditor.Record(AuditKinds.TokenRevoked, nameof(PersonalAccessToken), token.Id, data: new { ownerId = token.UserId });
    }

    public static TokenStatus Status(DateTimeOffset? revokedAt, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        revokedAt is not null ? TokenStatus.Revoked : expiresAt is { } e && e <= now ? TokenStatus.Expired : TokenStatus.Active;

    public static string Label(TokenStatus s) => s switch
    {
        TokenStatus.Active => "Actif",
        TokenStatus.Expired => "Expiré",
        TokenStatus.Revoked => "Révoqué",
        _ => s.ToString(),
    };

    public static string Badge(TokenStatus s) => s switch
    {
        TokenStatus.Active => "success",
        TokenStatus.Expired => "warning",
        _ => "error",
    };
}
