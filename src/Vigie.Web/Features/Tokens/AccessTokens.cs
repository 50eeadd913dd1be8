using System.ComponentModel.DataAnnotations;
using Vigie.Web.Data;
using Vigie.Web.Domain;
using Vigie.Web.Features.Shared;
using Vigie.Web.Infrastructure;

namespace Vigie.Web.Features.Tokens;

/// <summary>What a user types to create a personal access token (page form and API body).</summary>
public sealed class TokenInput : IValidatableInput
{
    [Required(ErrorMessage = "Le nom du jeton est obligatoire (par exemple : « Script d'export »).")]
    [StringLength(100, ErrorMessage = "Le nom du jeton ne doit pas dépasser 100 caractères.")]
    public string? Name { get; set; }

    /// <summary>Last day the token works (inclusive, Paris time); empty = no expiry. At most one year ahead.</summary>
    public DateOnly? ExpiresOn { get; set; }
}

public enum TokenStatus { Active, Expired, Revoked }

/// <summary>Creation and status of personal access tokens, shared by the pages and the API.</summary>
public static class AccessTokens
{
    public const int PrefixLength = 12;

    public static string? CheckExpiry(DateOnly? expiresOn, DateTimeOffset now)
    {
        if (expiresOn is not { } d) return null;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Culture.Paris).DateTime);
        if (d <= today) return "La date d'expiration doit être postérieure à aujourd'hui.";
        if (d > today.AddYears(1)) return $"La date d'expiration ne peut pas dépasser un an (au plus tard le {Culture.Date(today.AddYears(1))}).";
        return null;
    }

    /// <summary>The token stops working at the end of the chosen day, Paris time.</summary>
    public static DateTimeOffset? ExpiresAt(DateOnly? expiresOn)
    {
        if (expiresOn is not { } d) return null;
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
            ExpiresAt = ExpiresAt(input.ExpiresOn),
        };
        db.AccessTokens.Add(token);
        auditor.Record(AuditKinds.TokenCreated, nameof(PersonalAccessToken), token.Id, data: new { ownerId = userId });
        return (token, plain);
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
