using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Partners;

/// <summary>Small helpers for the partner registry tests.</summary>
public static class PartnerTestKit
{
    /// <summary>A random SIREN with a valid Luhn key.</summary>
    public static string ValidSiren()
    {
        var digits = string.Concat(Enumerable.Range(0, 8).Select(_ => Random.Shared.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        for (var key = 0; key < 10; key++)
        {
            var candidate = digits + key.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Vigie.Web.Features.Partners.PartnerRules.IsValidSirenChecksum(candidate)) return candidate;
        }
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>The same SIREN with its last digit changed: the key no longer matches.</summary>
    public static string BadKey(string siren) => siren[..8] + ((siren[8] - '0' + 1) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Dictionary<string, string> Form(string name, string type = "commune", string? siren = null, string? email = null) => new()
    {
        ["Input.Name"] = name,
        ["Input.Type"] = type,
        ["Input.Siren"] = siren ?? "",
        ["Input.Email"] = email ?? "",
        ["Input.Phone"] = "01 23 45 67 89",
        ["Input.Website"] = "https://www.exemple.fr",
        ["Input.Address"] = "1 place de la Mairie",
        ["Input.TerritoryCode"] = "",
    };

    /// <summary>Text of the error summary of a re-displayed form.</summary>
    public static async Task<string> ErrorSummaryAsync(HttpResponseMessage response)
    {
        var doc = PageClient.Parse(await response.Content.ReadAsStringAsync());
        return doc.QuerySelector(".fr-alert--error")?.TextContent ?? "";
    }

    public static Task<int> CountNamedAsync(this VigieFactory f, string name) =>
        f.WithDb(db => db.Organisations.CountAsync(o => o.Name.ToLower() == name.ToLower()));

    public static Task<Organisation?> FindAsync(this VigieFactory f, Guid id) =>
        f.WithDb(db => db.Organisations.AsNoTracking().Include(o => o.Contacts).FirstOrDefaultAsync(o => o.Id == id));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        // Read as a string (buffered) so a response can be inspected several times.
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    /// <summary>The messages of a ValidationProblem for one field.</summary>
    public static async Task<string> ProblemFieldAsync(HttpResponseMessage response, string field)
    {
        var json = await JsonAsync(response);
        return string.Join(" ", json.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }
}
