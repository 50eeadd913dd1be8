using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// Open311 GeoReport v2 (specs §3.1), anonymous except POST (api_key), under <c>/open311/v2</c>: the format is the
/// file extension (<c>.xml</c> or <c>.json</c>), errors are <c>errors[]{code, description}</c> with 404 for an unknown
/// jurisdiction, service, request or token, 403 for a missing or invalid api_key and 400 for anything else.
/// </summary>
public static partial class Open311Api
{
    public const string Prefix = "/open311/v2";
    public const string Changeset = "2026-12-06T00:00:00Z";

    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup(Prefix).AllowAnonymous().RequireRateLimiting(RateLimits.Api).WithTags("Open311 GeoReport v2");

        g.MapGet("/discovery.{format}", (string format, PublicLinks links) =>
        {
            if (Format(format) is not { } f) return UnknownFormat();
            var endpoint = new O311Element(
            [
                ("specification", new O311Value("http://wiki.open311.org/GeoReport_v2")),
                ("url", new O311Value(links.To(Prefix))),
                ("changeset", new O311Value(Changeset)),
                ("type", new O311Value("production")),
                ("formats", new O311List("format", [new O311Value("text/xml"), new O311Value("application/json")])),
            ]);
            return Open311Writer.Write(f, "discovery", new O311Element(
            [
                ("changeset", new O311Value(Changeset)),
                ("contact", new O311Value("La coordination du CLSPD de chaque contrat, via Vigie.")),
                ("key_service", new O311Value("La clé api_key est délivrée par la coordination du contrat (Vigie, Signalements → Open311).")),
                ("endpoints", new O311List("endpoint", [endpoint])),
            ]));
        }).WithSummary("Open311 : découverte du service (XML ou JSON).");

        g.MapGet("/services.{format}", async (string format, HttpRequest request, Open311Service open311) =>
        {
            if (Format(format) is not { } f) return UnknownFormat();
            var (contractId, error) = await JurisdictionAsync(f, request, open311);
            if (error is not null) return error;
            var (partners, denied) = await PartnerAsync(f, request.HttpContext, contractId!.Value);
            if (denied is not null) return denied;
            var services = await open311.PublicCategoriesAsync(contractId!.Value, partners);
            return Open311Writer.Write(f, "services", new O311List("service", services.Select(Open311Service.Service).ToList()));
        }).WithSummary("Open311 : liste des services (catégories publiques du contrat).");

        g.MapGet("/services/{code}.{format}", async (string code, string format, HttpRequest request, Open311Service open311) =>
        {
            if (Format(format) is not { } f) return UnknownFormat();
            var (contractId, error) = await JurisdictionAsync(f, request, open311);
            if (error is not null) return error;
            var (partners, denied) = await PartnerAsync(f, request.HttpContext, contractId!.Value);
            if (denied is not null) return denied;
            var service = (await open311.PublicCategoriesAsync(contractId!.Value, partners)).FirstOrDefault(c => c.Code == code);
            if (service is null) return Open311Writer.Error(f, StatusCodes.Status404NotFound, $"service_code inconnu : {code}");
            return Open311Writer.Write(f, "service_definition", new O311Element(
                [("service_code", new O311Value(service.Code)), ("attributes", new O311List("attribute", []))]));
        }).WithSummary("Open311 : définition d'un service (aucun attribut : metadata=false).");

        g.MapPost("/requests.{format}", PostRequestAsync).WithSummary("Open311 : dépose un signalement (api_key obligatoire, formulaire x-www-form-urlencoded).");

        g.MapGet("/requests.{format}", GetRequestsAsync)
            .WithSummary("Open311 : signalements des catégories publiques (90 jours au plus, 1 000 au plus), localisation approximative, texte expurgé.");

        g.MapGet("/requests/{id}.{format}", async (string id, string format, HttpRequest request, Open311Service open311) =>
        {
            if (Format(format) is not { } f) return UnknownFormat();
            var (contractId, error) = await JurisdictionAsync(f, request, open311);
            if (error is not null) return error;
            var (partners, denied) = await PartnerAsync(f, request.HttpContext, contractId!.Value);
            if (denied is not null) return denied;
            var found = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? await open311.RequestsAsync(contractId!.Value, new Open311Service.RequestQuery([number], null, default, default, null), partners)
                : [];
            return found.Count == 0
                ? Open311Writer.Error(f, StatusCodes.Status404NotFound, $"service_request_id inconnu : {id}")
                : Open311Writer.Write(f, "service_requests", new O311List("request", [.. found]));
        }).WithSummary("Open311 : un signalement.");

        g.MapGet("/media/{photoId:guid}", async Task<Results<FileContentHttpResult, NotFound>> (Guid photoId, IncidentPhotos photos, HttpContext http) =>
        {
            if (await photos.PublicFileAsync(photoId) is not { } file) return TypedResults.NotFound();
            // A photo can be withdrawn (refused after approval, its category made partner-only): caches must ask again each time.
            http.Response.Headers.CacheControl = "no-cache, max-age=0, must-revalidate";
            return TypedResults.File(file.Content, file.ContentType);
        }).ProducesFile("image/jpeg", "image/png", "image/webp").Produces(StatusCodes.Status404NotFound)
            .WithSummary("Open311 : une photo publiée (media_url) — approuvée par la coordination, métadonnées retirées.");

        g.MapGet("/tokens/{token}.{format}", async (string token, string format, HttpRequest request, Open311Service open311) =>
        {
            if (Format(format) is not { } f) return UnknownFormat();
            var (_, error) = await JurisdictionAsync(f, request, open311);
            if (error is not null) return error;
            // Requests get their service_request_id at once (type realtime): no token is ever issued.
            return Open311Writer.Error(f, StatusCodes.Status404NotFound, $"token inconnu : {token}");
        }).WithSummary("Open311 : jeton de demande (jamais émis : identifiants immédiats).");
    }

    private static async Task<IResult> PostRequestAsync(string format, HttpRequest request, Open311Service open311, IncidentCommands commands)
    {
        if (Format(format) is not { } f) return UnknownFormat();
        if (!request.HasFormContentType)
            return Open311Writer.Error(f, StatusCodes.Status400BadRequest, "Le corps de la requête doit être au format application/x-www-form-urlencoded.");
        var form = await request.ReadFormAsync();
        string? Arg(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

        var (contractId, error) = await JurisdictionAsync(f, Arg("jurisdiction_id"), open311);
        if (error is not null) return error;
        if (Arg("api_key") is not { } key) return Open311Writer.Error(f, StatusCodes.Status403Forbidden, "api_key est obligatoire.");
        if (await open311.ClientAsync(contractId!.Value, key) is not { } client)
            return Open311Writer.Error(f, StatusCodes.Status403Forbidden, "api_key est invalide ou révoquée.");
        if (Arg("service_code") is not { } code) return Open311Writer.Error(f, StatusCodes.Status400BadRequest, "service_code est obligatoire.");
        if (!await open311.KnowsCategoryAsync(contractId.Value, code))
            return Open311Writer.Error(f, StatusCodes.Status404NotFound, $"service_code inconnu : {code}");
        // No service has attributes (metadata=false): an attribute[code] names nothing the service defines (specs §3.1).
        if (form.Keys.FirstOrDefault(k => k.StartsWith("attribute[", StringComparison.Ordinal)) is { } attribute)
            return Open311Writer.Error(f, StatusCodes.Status400BadRequest, $"{attribute} : le service {code} ne définit aucun attribut (metadata=false).");
        double? lat = null, lon = null;
        if (Arg("lat") is { } latText)
        {
            if (!double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return Open311Writer.Error(f, 400, "lat doit être un nombre (WGS84).");
            lat = v;
        }
        if (Arg("long") is { } lonText)
        {
            if (!double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return Open311Writer.Error(f, 400, "long doit être un nombre (WGS84).");
            lon = v;
        }
        var address = Arg("address_string") ?? Arg("address_id");
        if (lat is null && lon is null && address is null)
            return Open311Writer.Error(f, StatusCodes.Status400BadRequest, "Le lieu est obligatoire : lat et long, address_string ou address_id.");
        // email, first_name, last_name, phone, device_id, account_id and media_url are accepted and not kept (specs §3.3: no named person).
        var result = await commands.CreateAsync(contractId.Value,
            new NewIncident(code, address, lat, lon, Arg("description"), null, IncidentSource.Open311, client), null);
        if (!result.Succeeded)
        {
            var messages = result.Errors.Select(e => $"{Open311Field(e.Key)}: {string.Join(" ", e.Value)}").ToList();
            return Open311Writer.Write(f, "errors", new O311List("error", messages.Select(m =>
                (O311Node)new O311Element([("code", new O311Value("400")), ("description", new O311Value(m))])).ToList()), StatusCodes.Status400BadRequest);
        }
        var incident = result.Value!.Incident;
        return Open311Writer.Write(f, "service_requests", new O311List("request",
        [
            new O311Element(
            [
                ("service_request_id", new O311Value(incident.Number.ToString(CultureInfo.InvariantCulture))),
                ("service_notice", new O311Value(Open311Service.Notice(incident.Category!))),
                ("account_id", new O311Value(null)),
            ]),
        ]));
    }

    private static async Task<IResult> GetRequestsAsync(string format, HttpRequest request, Open311Service open311, TimeProvider clock)
    {
        if (Format(format) is not { } f) return UnknownFormat();
        var (contractId, error) = await JurisdictionAsync(f, request, open311);
        if (error is not null) return error;
        var (partners, denied) = await PartnerAsync(f, request.HttpContext, contractId!.Value);
        if (denied is not null) return denied;
        string? Arg(string name) => request.Query[name].ToString() is { Length: > 0 } v ? v.Trim() : null;

        if (Arg("service_request_id") is { } idList)
        {
            var ids = new List<int>();
            foreach (var part in idList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    return Open311Writer.Error(f, 400, $"service_request_id doit être une liste d'identifiants séparés par des virgules : {part}");
                ids.Add(n);
            }
            if (ids.Count > Open311Service.MaxRequests) return Open311Writer.Error(f, 400, $"{Open311Service.MaxRequests} service_request_id au plus.");
            var byId = await open311.RequestsAsync(contractId!.Value, new Open311Service.RequestQuery(ids, null, default, default, null), partners);
            return Open311Writer.Write(f, "service_requests", new O311List("request", [.. byId]));
        }
        DateTimeOffset? start = null, end = null;
        foreach (var (name, set) in new (string, Action<DateTimeOffset>)[] { ("start_date", d => start = d), ("end_date", d => end = d) })
        {
            if (Arg(name) is not { } text) continue;
            if (ParseDate(text) is not { } d) return Open311Writer.Error(f, 400, $"{name} doit être une date ISO 8601 avec fuseau horaire, par exemple 2026-01-01T00:00:00Z.");
            set(d);
        }
        var now = clock.GetUtcNow();
        var to = end ?? (start is { } s0 ? s0.AddDays(Open311Service.MaxDays) : now);
        var from = start ?? to.AddDays(-Open311Service.MaxDays);
        if (from > to) return Open311Writer.Error(f, 400, "start_date doit précéder end_date.");
        if (to - from > TimeSpan.FromDays(Open311Service.MaxDays)) return Open311Writer.Error(f, 400, $"L'écart entre start_date et end_date ne doit pas dépasser {Open311Service.MaxDays} jours.");
        List<string>? statuses = null;
        if (Arg("status") is { } statusText)
        {
            statuses = statusText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToLowerInvariant()).Distinct().ToList();
            if (statuses.Any(x => x is not ("open" or "closed"))) return Open311Writer.Error(f, 400, "status doit valoir open, closed, ou les deux séparés par une virgule.");
        }
        var codes = Arg("service_code")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var rows = await open311.RequestsAsync(contractId!.Value, new Open311Service.RequestQuery(null, codes, from, to, statuses), partners);
        return Open311Writer.Write(f, "service_requests", new O311List("request", [.. rows]));
    }

    /// <summary>
    /// Partner authentication of the GET endpoints (specs §3.3: partner-only categories "never in GET /requests without
    /// partner authentication"): a Vigie personal access token (<c>Authorization: Bearer vigie_…</c>) of a partner member or
    /// coordinator of the jurisdiction's contract adds its partner-only categories. No header: the anonymous answer. A
    /// token that is invalid, or whose owner is not a partner of this contract: 403, never a silent anonymous answer.
    /// </summary>
    private static async Task<(bool Partners, IResult? Error)> PartnerAsync(string format, HttpContext http, Guid contractId)
    {
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return (false, null);
        var auth = await http.AuthenticateAsync(AccessTokenAuthentication.SchemeName);
        if (!auth.Succeeded) return (false, Open311Writer.Error(format, StatusCodes.Status403Forbidden, "Jeton d'accès inconnu, révoqué ou expiré."));
        http.User = auth.Principal;
        var viewer = await http.RequestServices.GetRequiredService<ContractViewers>().ForAsync(contractId);
        return IncidentAudience.SeesPartnerOnly(viewer)
            ? (true, null)
            : (false, Open311Writer.Error(format, StatusCodes.Status403Forbidden, "Ce jeton n'est pas celui d'un partenaire de cette juridiction."));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+\-]\d{2}:\d{2})$")]
    private static partial Regex W3cDate();

    /// <summary>W3C ISO 8601 with a mandatory time zone (specs §3.1).</summary>
    public static DateTimeOffset? ParseDate(string text) =>
        W3cDate().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToUniversalTime() : null;

    private static string? Format(string format) => format.ToLowerInvariant() switch
    {
        "xml" => Open311Writer.Xml,
        "json" => Open311Writer.Json,
        _ => null,
    };

    private static IResult UnknownFormat() => Open311Writer.Error(Open311Writer.Xml, StatusCodes.Status404NotFound, "Format inconnu : utilisez .xml ou .json.");

    private static Task<(Guid? ContractId, IResult? Error)> JurisdictionAsync(string format, HttpRequest request, Open311Service open311) =>
        JurisdictionAsync(format, request.Query["jurisdiction_id"].ToString(), open311);

    private static async Task<(Guid? ContractId, IResult? Error)> JurisdictionAsync(string format, string? jurisdictionId, Open311Service open311)
    {
        var (contractId, status, error) = await open311.JurisdictionAsync(jurisdictionId);
        return error is null ? (contractId, null) : (null, Open311Writer.Error(format, status, error));
    }

    private static string Open311Field(string field) => field switch
    {
        "categoryCode" => "service_code",
        "latitude" => "lat",
        "longitude" => "long",
        "address" => "address_string",
        _ => field,
    };
}
