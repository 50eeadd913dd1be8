using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;

namespace Vigie.Web.Features.Partners;

/// <summary>
/// What can be typed into an organisation, shared by the pages (bound from the form) and the API
/// (bound from JSON) so both enforce the same shape and the same French messages.
/// </summary>
public sealed class PartnerInput : IValidatableInput
{
    /// <summary>The version the writer started from (ADR 0019): a stale one answers 409 with what changed; omitted, the change is not checked.</summary>
    public int? Version { get; set; }

    [Required(ErrorMessage = "Le nom est obligatoire.")]
    [StringLength(200, ErrorMessage = "Le nom ne doit pas dépasser 200 caractères.")]
    public string? Name { get; set; }

    /// <summary>Type code in camelCase, e.g. "policeNationale" (see GET /api/v1/partner-types).</summary>
    [Required(ErrorMessage = "Le type de partenaire est obligatoire.")]
    [PartnerTypeCode]
    public string? Type { get; set; }

    /// <summary>SIREN: 9 digits (spaces allowed), valid check digit.</summary>
    [Siren]
    public string? Siren { get; set; }

    [StringLength(400, ErrorMessage = "L'adresse postale ne doit pas dépasser 400 caractères.")]
    public string? Address { get; set; }

    [OptionalEmail]
    [StringLength(254, ErrorMessage = "L'adresse électronique ne doit pas dépasser 254 caractères.")]
    public string? Email { get; set; }

    [PhoneNumber]
    public string? Phone { get; set; }

    [Website]
    [StringLength(400, ErrorMessage = "Le site internet ne doit pas dépasser 400 caractères.")]
    public string? Website { get; set; }

    /// <summary>INSEE code of the territory it serves (commune, département, EPCI SIREN).</summary>
    [StringLength(12, ErrorMessage = "Le code de territoire ne doit pas dépasser 12 caractères.")]
    public string? TerritoryCode { get; set; }

    /// <summary>Confirms that an organisation sharing this SIREN with an existing one is another establishment.</summary>
    public bool OtherEstablishment { get; set; }

    public static PartnerInput From(Organisation o) => new()
    {
        Name = o.Name, Type = PartnerTypes.Code(o.Type), Siren = o.Siren, Address = o.Address,
        Email = o.Email, Phone = o.Phone, Website = o.Website, TerritoryCode = o.TerritoryCode, Version = o.Version,
    };

    /// <summary>Copies the (already validated) input onto the entity, normalised.</summary>
    public void ApplyTo(Organisation o)
    {
        o.Name = PartnerRules.NormaliseName(Name!);
        o.Type = PartnerTypes.Parse(Type!)!.Value;
        o.Siren = PartnerRules.NormaliseSiren(Siren);
        o.Address = PartnerRules.Clean(Address);
        o.Email = PartnerRules.Clean(Email);
        o.Phone = PartnerRules.Clean(Phone);
        o.Website = PartnerRules.Clean(Website);
        o.TerritoryCode = PartnerRules.Clean(TerritoryCode);
    }
}

/// <summary>A person at an organisation; same sharing as <see cref="PartnerInput"/>.</summary>
public sealed class ContactInput : IValidatableInput
{
    [Required(ErrorMessage = "Le nom complet est obligatoire.")]
    [StringLength(200, ErrorMessage = "Le nom complet ne doit pas dépasser 200 caractères.")]
    public string? FullName { get; set; }

    [StringLength(200, ErrorMessage = "La fonction ne doit pas dépasser 200 caractères.")]
    public string? Position { get; set; }

    [OptionalEmail]
    [StringLength(254, ErrorMessage = "L'adresse électronique ne doit pas dépasser 254 caractères.")]
    public string? Email { get; set; }

    [PhoneNumber]
    public string? Phone { get; set; }

    /// <summary>A representative can sign contracts on behalf of the organisation.</summary>
    public bool IsRepresentative { get; set; }

    public static ContactInput From(Contact c) => new()
    {
        FullName = c.FullName, Position = c.Position, Email = c.Email, Phone = c.Phone, IsRepresentative = c.IsRepresentative,
    };

    public void ApplyTo(Contact c)
    {
        c.FullName = PartnerRules.NormaliseName(FullName!);
        c.Position = PartnerRules.Clean(Position);
        c.Email = PartnerRules.Clean(Email);
        c.Phone = PartnerRules.Clean(Phone);
        c.IsRepresentative = IsRepresentative;
    }
}

/// <summary>Partner type codes as the API spells them (camelCase enum names) and their French labels.</summary>
public static class PartnerTypes
{
    private static readonly Dictionary<string, PartnerType> ByCode =
        Enum.GetValues<PartnerType>().ToDictionary(Code, t => t, StringComparer.OrdinalIgnoreCase);

    public static string Code(PartnerType t) => JsonNamingPolicy.CamelCase.ConvertName(t.ToString());

    public static PartnerType? Parse(string? code) =>
        code is not null && ByCode.TryGetValue(code.Trim(), out var t) ? t : null;

    public static IReadOnlyList<PartnerType> All { get; } =
        [.. Enum.GetValues<PartnerType>().OrderBy(t => t == PartnerType.Autre).ThenBy(Labels.PartnerType, StringComparer.Create(Culture.French, true))];
}

/// <summary>Business rules of the partner registry (docs: authorization decisions in the partners ADR).</summary>
public static class PartnerRules
{
    /// <summary>Creating a new organisation in the shared registry.</summary>
    public static bool CanCreate(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.ContractCreator);

    /// <summary>
    /// Adding an organisation to the shared directory from the page or the API: the platform roles, and the coordinator of a
    /// contract that is not ended (issue 11 A: she meets a missing partner while filling in the signatories, the seats or the
    /// plan). Adding gives no right over existing records: editing stays <see cref="CanEdit"/>.
    /// </summary>
    public static async Task<bool> CanAddAsync(AppDbContext db, ClaimsPrincipal user, CancellationToken ct = default) =>
        CanCreate(user) || (user.UserId() is { } uid
            && await db.Memberships.AnyAsync(m => m.UserId == uid && m.Role == ContractRole.Coordinator && m.Contract!.Status != ContractStatus.Ended, ct));

    /// <summary>Editing, archiving, deleting an organisation and its contacts: platform roles, or members of that organisation.</summary>
    public static bool CanEdit(ClaimsPrincipal user, Guid organisationId) =>
        CanCreate(user) || user.OrganisationId() == organisationId;

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Trimmed, inner runs of spaces collapsed, so "Mairie  de X" and "Mairie de X" are the same name.</summary>
    public static string NormaliseName(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string? NormaliseSiren(string? siren) =>
        string.IsNullOrWhiteSpace(siren) ? null : new string([.. siren.Where(c => !char.IsWhiteSpace(c))]);

    /// <summary>Luhn checksum, which every SIREN satisfies (La Poste's exception concerns SIRET numbers, not SIREN).</summary>
    public static bool IsValidSirenChecksum(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /// <summary>
    /// Rules that need the database: unique name (case-insensitive, trimmed) and a known territory code.
    /// Returns (property name, French message) pairs; empty when the input can be saved.
    /// </summary>
    public static async Task<List<(string Field, string Message)>> CheckAsync(AppDbContext db, PartnerInput input, Guid? excludingId, CancellationToken ct = default)
    {
        var errors = new List<(string, string)>();
        var name = NormaliseName(input.Name ?? "").ToLowerInvariant();
        // lower() in SQL: full Unicode folding on PostgreSQL, ASCII only on SQLite (accents must then match exactly).
        var duplicate = await db.Organisations.AnyAsync(o => o.Name.ToLower() == name && (excludingId == null || o.Id != excludingId), ct);
        if (duplicate)
            errors.Add((nameof(PartnerInput.Name), "Une organisation porte déjà ce nom : choisissez un autre nom ou modifiez l'organisation existante."));
        // Same SIREN: most often the same organisation typed again; several establishments of one legal person (the
        // State's services) may share it, so the person adding it confirms that it is another one (checked on creation).
        if (excludingId is null && NormaliseSiren(input.Siren) is { } siren && !input.OtherEstablishment
            && await db.Organisations.Where(o => o.Siren == siren).Select(o => o.Name).FirstOrDefaultAsync(ct) is { } same)
            errors.Add((nameof(PartnerInput.Siren), $"L'organisation « {same} » porte déjà ce SIREN : choisissez-la plutôt que d'en créer une autre, ou, s'il s'agit d'un autre établissement de la même personne morale, cochez « Autre établissement du même SIREN »."));
        if (Clean(input.TerritoryCode) is { } code && !await db.Territories.AnyAsync(t => t.Code == code, ct))
            errors.Add((nameof(PartnerInput.TerritoryCode), "Le code de territoire ne correspond à aucun territoire connu (code INSEE de la commune ou du département)."));
        return errors;
    }

    /// <summary>
    /// ADR 0019: null when the writer started from the current version (which the save then checks), else the conflict naming
    /// the stored fields that differ from the input. Call after validation: the input is applied to a scratch copy.
    /// </summary>
    public static Task<EditConflict?> CheckVersionAsync(AppDbContext db, Organisation org, PartnerInput input)
    {
        var proposed = new Organisation { Name = org.Name };
        input.ApplyTo(proposed);
        return EditConflicts.CheckAsync(db, org, input.Version, Fields(org), Fields(proposed));
    }

    private static Dictionary<string, string?> Fields(Organisation o) => new()
    {
        ["Nom"] = o.Name, ["Type"] = Labels.PartnerType(o.Type), ["SIREN"] = o.Siren, ["Adresse"] = o.Address, ["Courriel"] = o.Email,
        ["Téléphone"] = o.Phone, ["Site internet"] = o.Website, ["Code du territoire"] = o.TerritoryCode,
    };

    /// <summary>What still points at an organisation; any reference means archive instead of delete.</summary>
    public static async Task<(int Users, int Signatories)> ReferencesAsync(AppDbContext db, Guid organisationId, CancellationToken ct = default) =>
        (await db.Users.CountAsync(u => u.OrganisationId == organisationId, ct),
         await db.Signatories.CountAsync(s => s.OrganisationId == organisationId, ct)
         // Governance rows (seats, attendance, tasks) keep their history: they count as contract references too.
         + await db.BodyMemberships.CountAsync(m => m.OrganisationId == organisationId, ct)
         + await db.Attendances.CountAsync(a => a.OrganisationId == organisationId, ct)
         + await db.FollowUpTasks.CountAsync(t => t.OwnerOrganisationId == organisationId, ct)
         // A partner's commitments in an action plan are its own record: deleting it would erase them (Restrict).
         + await db.Commitments.CountAsync(c => c.OrganisationId == organisationId, ct));

    public static string JsonField(string property) => char.ToLowerInvariant(property[0]) + property[1..];
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class SirenAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var digits = PartnerRules.NormaliseSiren(value as string);
        if (digits is null) return ValidationResult.Success;
        if (digits.Length != 9 || !digits.All(char.IsAsciiDigit))
            return new ValidationResult("Le SIREN doit comporter 9 chiffres (espaces acceptés).", [validationContext.MemberName!]);
        if (!PartnerRules.IsValidSirenChecksum(digits))
            return new ValidationResult("Le SIREN n'est pas valide : sa clé de contrôle est fausse (vérifiez les chiffres saisis).", [validationContext.MemberName!]);
        return ValidationResult.Success;
    }
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class PartnerTypeCodeAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string s || string.IsNullOrWhiteSpace(s) || PartnerTypes.Parse(s) is not null
            ? ValidationResult.Success
            : new ValidationResult($"Le type de partenaire « {Truncate(s)} » est inconnu (liste : GET /api/v1/partner-types).", [validationContext.MemberName!]);

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

/// <summary>E-mail checked only when filled: an empty field means "none".</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionalEmailAttribute : ValidationAttribute
{
    private static readonly EmailAddressAttribute Inner = new();

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string s || string.IsNullOrWhiteSpace(s) || (Inner.IsValid(s.Trim()) && !s.Trim().Contains(' ', StringComparison.Ordinal) && s.Trim().IndexOf('@', StringComparison.Ordinal) < s.Trim().LastIndexOf('.'))
            ? ValidationResult.Success
            : new ValidationResult("L'adresse électronique n'est pas valide (exemple : nom@domaine.fr).", [validationContext.MemberName!]);
}

/// <summary>A phone number: digits with the usual separators, optional leading +, 6 to 15 digits.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PhoneNumberAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string s || string.IsNullOrWhiteSpace(s)) return ValidationResult.Success;
        var t = s.Trim();
        var body = t.StartsWith('+') ? t[1..] : t;
        var digits = body.Count(char.IsAsciiDigit);
        var ok = t.Length <= 30 && body.All(c => char.IsAsciiDigit(c) || c is ' ' or '.' or '-' or '(' or ')') && digits is >= 6 and <= 15;
        return ok ? ValidationResult.Success
            : new ValidationResult("Le numéro de téléphone n'est pas valide (exemple : 01 23 45 67 89 ou +33 1 23 45 67 89).", [validationContext.MemberName!]);
    }
}

/// <summary>An absolute http(s) address.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WebsiteAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string s || string.IsNullOrWhiteSpace(s)
        || (Uri.TryCreate(s.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Contains('.', StringComparison.Ordinal))
            ? ValidationResult.Success
            : new ValidationResult("Le site internet doit être une adresse complète commençant par https:// (exemple : https://www.ville.fr).", [validationContext.MemberName!]);
}
