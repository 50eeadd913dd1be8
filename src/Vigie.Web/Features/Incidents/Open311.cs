using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Vigie.Web.Features.Territories;

namespace Vigie.Web.Features.Incidents;

/// <summary>An Open311 answer: a tree of named values written as XML (required) or JSON (Spark convention).</summary>
public abstract record O311Node;
public sealed record O311Value(string? Text) : O311Node;
/// <summary>An element with children, in order (XML element / JSON object).</summary>
public sealed record O311Element(IReadOnlyList<(string Name, O311Node Node)> Children) : O311Node;
/// <summary>A repeated element (XML: a wrapper holding items named <see cref="ItemName"/>; JSON: an array).</summary>
public sealed record O311List(string ItemName, IReadOnlyList<O311Node> Items) : O311Node;

/// <summary>Serialises Open311 answers in UTF-8: XML with its declaration, or JSON.</summary>
public static class Open311Writer
{
    public const string Xml = "xml";
    public const string Json = "json";

    public static string ContentType(string format) => format == Json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";

    public static IResult Write(string format, string rootName, O311Node root, int status = StatusCodes.Status200OK)
    {
        var body = format == Json ? ToJson(root) : ToXml(rootName, root);
        return Results.Text(body, ContentType(format), Encoding.UTF8, status);
    }

    /// <summary>The spec's error body: <c>errors[]{code, description}</c>, the HTTP code also in the body.</summary>
    public static IResult Error(string format, int status, string description) =>
        Write(format, "errors", new O311List("error", [new O311Element([("code", new O311Value(status.ToString(CultureInfo.InvariantCulture))), ("description", new O311Value(description))])]), status);

    private static string ToXml(string rootName, O311Node root)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, settings))
        {
            w.WriteStartDocument();
            WriteXml(w, rootName, root);
            w.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteXml(XmlWriter w, string name, O311Node node)
    {
        w.WriteStartElement(name);
        switch (node)
        {
            case O311Value v:
                if (v.Text is not null) w.WriteString(v.Text);
                break;
            case O311Element e:
                foreach (var (n, child) in e.Children) WriteXml(w, n, child);
                break;
            case O311List l:
                foreach (var item in l.Items) WriteXml(w, l.ItemName, item);
                break;
        }
        w.WriteEndElement();
    }

    private static string ToJson(O311Node root)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
            WriteJson(w, root);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter w, O311Node node)
    {
        switch (node)
        {
            case O311Value v:
                if (v.Text is null) w.WriteNullValue(); else w.WriteStringValue(v.Text);
                break;
            case O311Element e:
                w.WriteStartObject();
                foreach (var (n, child) in e.Children)
                {
                    w.WritePropertyName(n);
                    WriteJson(w, child);
                }
                w.WriteEndObject();
                break;
            case O311List l:
                w.WriteStartArray();
                foreach (var item in l.Items) WriteJson(w, item);
                w.WriteEndArray();
                break;
        }
    }
}

/// <summary>
/// The GeoReport v2 side of incidents (specs §3.1): jurisdictions, api_key clients, the request objects with the
/// privacy rules of §3.3 (public categories only, coarse location, scrubbed text).
/// </summary>
public sealed partial class Open311Service(AppDbContext db, ContractCoverage coverage, TimeProvider clock, Auditor auditor, IncidentCategoryCatalog categories,
    IncidentPhotos photos, PublicLinks links)
{
    public const string KeyPrefix = "o311_";
    public const int MaxDays = 90;
    public const int MaxRequests = 1000;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new client key: shown once, only its hash is stored.</summary>
    public async Task<(Open311Client Client, string Key)> IssueClientAsync(Guid contractId, string name)
    {
        var key = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var client = new Open311Client { ContractId = contractId, Name = name.Trim(), KeyHash = Hash(key), Prefix = key[..10] };
        db.Open311Clients.Add(client);
        auditor.Record(AuditKinds.Open311ClientCreated, "Open311Client", client.Id, contractId);
        await db.SaveChangesAsync();
        return (client, key);
    }

    public async Task<bool> RevokeClientAsync(Guid contractId, Guid clientId)
    {
        var client = await db.Open311Clients.FirstOrDefaultAsync(c => c.ContractId == contractId && c.Id == clientId && c.RevokedAt == null);
        if (client is null) return false;
        client.RevokedAt = clock.GetUtcNow();
        auditor.Record(AuditKinds.Open311ClientRevoked, "Open311Client", client.Id, contractId);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Sets the contract's jurisdiction_id (a domain name, stored in lower case); null stops Open311 for the contract.</summary>
    public async Task<string?> SetJurisdictionAsync(Guid contractId, string? jurisdiction)
    {
        var value = string.IsNullOrWhiteSpace(jurisdiction) ? null : jurisdiction.Trim().ToLowerInvariant();
        if (value is not null && !DomainName().IsMatch(value)) return "Le jurisdiction_id doit être un nom de domaine (par exemple lille.fr).";
        if (value is not null && await db.IncidentSettings.AnyAsync(s => s.Jurisdiction == value && s.ContractId != contractId))
            return "Ce jurisdiction_id est déjà celui d'un autre contrat.";
        var settings = await db.IncidentSettings.FirstOrDefaultAsync(s => s.ContractId == contractId);
        if (settings is null) db.IncidentSettings.Add(settings = new IncidentSettings { ContractId = contractId });
        settings.Jurisdiction = value;
        auditor.Record(AuditKinds.IncidentSettingsChanged, "Contract", contractId, contractId, new { open311 = value is not null });
        await db.SaveChangesAsync();
        return null;
    }

    [GeneratedRegex(@"^(?=.{3,200}$)[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex DomainName();

    [GeneratedRegex(@"^(?:\d{5}|2[AB]\d{3})$", RegexOptions.IgnoreCase)]
    private static partial Regex InseeCode();

    /// <summary>
    /// The contract a jurisdiction_id names: its domain, or the INSEE code of a commune it covers [P]. Absent: the only
    /// jurisdiction when there is one. (Contract, error status, error text).
    /// </summary>
    public async Task<(Guid? ContractId, int Status, string? Error)> JurisdictionAsync(string? jurisdictionId)
    {
        var id = string.IsNullOrWhiteSpace(jurisdictionId) ? null : jurisdictionId.Trim().ToLowerInvariant();
        var enabled = db.IncidentSettings.AsNoTracking().Where(s => s.Jurisdiction != null);
        if (id is null)
        {
            var two = await enabled.Select(s => s.ContractId).Take(2).ToListAsync();
            return two.Count == 1 ? (two[0], 200, null)
                : (null, StatusCodes.Status400BadRequest, "jurisdiction_id est obligatoire : ce point d'accès sert plusieurs juridictions.");
        }
        var byDomain = await enabled.Where(s => s.Jurisdiction == id).Select(s => (Guid?)s.ContractId).FirstOrDefaultAsync();
        if (byDomain is not null) return (byDomain, 200, null);
        if (InseeCode().IsMatch(id))
        {
            var code = id.ToUpperInvariant();
            foreach (var contractId in await enabled.Select(s => s.ContractId).ToListAsync())
                if ((await coverage.OfContractAsync(contractId)).Covers(code)) return (contractId, 200, null);
        }
        return (null, StatusCodes.Status404NotFound, $"jurisdiction_id inconnu : {jurisdictionId}");
    }

    /// <summary>The client an api_key names in the contract (not revoked), or null.</summary>
    public async Task<Guid?> ClientAsync(Guid contractId, string? apiKey)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || !apiKey.StartsWith(KeyPrefix, StringComparison.Ordinal)) return null;
        var hash = Hash(apiKey.Trim());
        return await db.Open311Clients.AsNoTracking().Where(c => c.ContractId == contractId && c.KeyHash == hash && c.RevokedAt == null)
            .Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
    }

    public static string Date(DateTimeOffset d) =>
        TimeZoneInfo.ConvertTime(d, Culture.Paris).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Notice(IncidentCategory c) => $"Prise en compte sous {IncidentCategoryCatalog.SlaText(c.SlaValue, c.SlaUnit)}.";

    /// <summary>One service of GET /services.</summary>
    public static O311Element Service(IncidentCategory c) => new(
    [
        ("service_code", new O311Value(c.Code)),
        ("service_name", new O311Value(c.Name)),
        ("description", new O311Value($"{c.Name}. {Notice(c)}")),
        ("metadata", new O311Value("false")),
        ("type", new O311Value("realtime")),
        ("keywords", new O311Value(c.Group)),
        ("group", new O311Value(IncidentLabels.Group(c.Group))),
    ]);

    /// <summary>Public categories of the contract (and partner-only ones for an authenticated partner), in the table's order (seeded on first use).</summary>
    public async Task<List<IncidentCategory>> PublicCategoriesAsync(Guid contractId, bool partners = false) =>
        (await categories.EnsureAsync(contractId)).Where(c => !c.IsArchived && (partners || c.Visibility == IncidentVisibility.Public)).ToList();

    /// <summary>Whether a category code exists in the contract (public or not: a client issued by the coordination may report both).</summary>
    public async Task<bool> KnowsCategoryAsync(Guid contractId, string code) =>
        (await categories.EnsureAsync(contractId)).Any(c => !c.IsArchived && c.Code == code);

    public sealed record RequestQuery(IReadOnlyList<int>? Ids, IReadOnlyList<string>? Codes, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<string>? Statuses);

    /// <summary>
    /// What an incident of a public category shows outside the contract (Open311 and the public map): scrubbed
    /// description and note, address without its house number, point snapped to the grid (specs §3.3).
    /// </summary>
    public sealed record PublicIncident(int Number, IncidentStatus Status, string? StatusNotes, IncidentCategory Category, string Description,
        string? Agency, DateTimeOffset ReportedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ExpectedAt, string? Address, double? Latitude, double? Longitude,
        Guid? PhotoId = null);

    /// <summary>
    /// Incidents of public categories only (<paramref name="partners"/>: all categories, for a partner authenticated with
    /// its access token): by ids (overriding the rest), or by codes, period and status, newest first, at most 1000.
    /// </summary>
    public async Task<List<PublicIncident>> PublicIncidentsAsync(Guid contractId, RequestQuery q, bool partners = false)
    {
        var incidents = db.Incidents.AsNoTracking().Where(i => i.ContractId == contractId && (partners || i.Category!.Visibility == IncidentVisibility.Public));
        if (q.Ids is { } ids) incidents = incidents.Where(i => ids.Contains(i.Number));
        else
        {
            incidents = incidents.Where(i => i.ReportedAt >= q.Start && i.ReportedAt <= q.End);
            if (q.Codes is { Count: > 0 } codes) incidents = incidents.Where(i => codes.Contains(i.Category!.Code));
            if (q.Statuses is { Count: 1 } st)
                incidents = st[0] == "closed" ? incidents.Where(i => i.Status == IncidentStatus.Cloture) : incidents.Where(i => i.Status != IncidentStatus.Cloture);
        }
        var rows = await incidents.OrderByDescending(i => i.ReportedAt).Take(MaxRequests)
            .Select(i => new
            {
                i.Id, i.Number, i.Status, i.Description, i.Address, i.Latitude, i.Longitude, i.ReportedAt, i.UpdatedAt, i.ClosedAt, i.DueAt,
                Category = i.Category!, Pilot = i.PilotOrganisation != null ? i.PilotOrganisation.Name : null,
                Note = db.IncidentEvents.Where(e => e.IncidentId == i.Id && e.IsPublic).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.Note).FirstOrDefault(),
            }).ToListAsync();
        // media_url only where /media/{id} serves it (public categories): a partner's answer never links a photo that answers 404.
        var approved = await photos.FirstApprovedAsync(rows.Where(r => r.Category.Visibility == IncidentVisibility.Public).Select(r => r.Id).ToList());
        return rows.Select(r => new PublicIncident(r.Number, r.Status, r.Note is null ? null : PublicText.Scrub(r.Note), r.Category, PublicText.Scrub(r.Description),
            r.Pilot, r.ReportedAt, r.ClosedAt ?? r.UpdatedAt, r.DueAt, PublicText.CoarseAddress(r.Address),
            r.Latitude is { } la ? PublicText.Coarse(la) : null, r.Longitude is { } lo ? PublicText.Coarse(lo) : null,
            approved.TryGetValue(r.Id, out var photo) ? photo : null)).ToList();
    }

    /// <summary>Request objects (specs §3.1) of <see cref="PublicIncidentsAsync"/>.</summary>
    public async Task<List<O311Element>> RequestsAsync(Guid contractId, RequestQuery q, bool partners = false) =>
        (await PublicIncidentsAsync(contractId, q, partners)).Select(r => new O311Element(
        [
            ("service_request_id", new O311Value(r.Number.ToString(CultureInfo.InvariantCulture))),
            ("status", new O311Value(IncidentStatusMachine.Open311Status(r.Status))),
            ("status_notes", new O311Value(r.StatusNotes)),
            ("service_name", new O311Value(r.Category.Name)),
            ("service_code", new O311Value(r.Category.Code)),
            ("description", new O311Value(r.Description)),
            ("agency_responsible", new O311Value(r.Agency)),
            ("service_notice", new O311Value(Notice(r.Category))),
            ("requested_datetime", new O311Value(Date(r.ReportedAt))),
            ("updated_datetime", new O311Value(Date(r.UpdatedAt))),
            ("expected_datetime", new O311Value(r.ExpectedAt is { } d ? Date(d) : null)),
            ("address", new O311Value(r.Address)),
            ("address_id", new O311Value(null)),
            ("zipcode", new O311Value(null)),
            ("lat", new O311Value(r.Latitude?.ToString("0.000", CultureInfo.InvariantCulture))),
            ("long", new O311Value(r.Longitude?.ToString("0.000", CultureInfo.InvariantCulture))),
            ("media_url", new O311Value(r.PhotoId is { } photo ? MediaUrl(photo) : null)),
        ])).ToList();

    /// <summary>The public address of an approved photo (Open311 media_url).</summary>
    public string MediaUrl(Guid photoId) => links.To($"{Open311Api.Prefix}/media/{photoId}");

    /// <summary>The contract's jurisdiction when it publishes through Open311 (and so has a public map), else null.</summary>
    public Task<string?> PublishedJurisdictionAsync(Guid contractId) =>
        db.IncidentSettings.AsNoTracking().Where(s => s.ContractId == contractId).Select(s => s.Jurisdiction).FirstOrDefaultAsync();
}
