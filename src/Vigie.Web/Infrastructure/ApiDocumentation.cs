using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;
using ProblemDetails = Microsoft.AspNetCore.Mvc.ProblemDetails;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// Completes the OpenAPI document served at /openapi/v1.json so that a third-party client can be generated from it
/// (CONTRIBUTING "Add the API"):
/// <list type="bullet">
/// <item>the bearer scheme of personal access tokens, required by every /api/v1 operation, and French tag descriptions;</item>
/// <item><see cref="WithApiConventions"/> on the /api/v1 group: the problem+json errors every endpoint can answer
/// (401, 403, 429) and those that follow from its shape (400 for inputs, 404 for route ids, 409 for writes, 413 for uploads);</item>
/// <item>an operation id for every operation (the endpoint name given with <c>.WithName</c>, else one derived from the
/// method and the route, e.g. <c>POST /contracts/{id}/signatories</c> → <c>createContractSignatory</c>);</item>
/// <item>a description for every operation and response, the <c>Retry-After</c> header of 429, binary schemas of file
/// answers (<see cref="ProducesFile"/>), and meeting times as "HH:mm" (Europe/Paris local time).</item>
/// </list>
/// </summary>
public static class ApiDocumentation
{
    public const string BearerScheme = "bearer";
    public const string Pdf = "application/pdf";
    public const string Csv = "text/csv";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Ics = "text/calendar";
    public const string ProblemJson = "application/problem+json";

    /// <summary>The time format accepted and written for times of day (<see cref="TimeOnly"/>): Paris local time, no offset.</summary>
    public const string TimePattern = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Partenaires"] = "Répertoire des institutions partenaires (communes, préfectures, forces de sécurité…) et de leurs contacts.",
        ["Compte"] = "Le compte du porteur du jeton et ses jetons d'accès personnels.",
        ["Contrats"] = "Contrats locaux de sécurité visibles par le porteur du jeton.",
        ["Territoires"] = "Référentiel géographique (communes, départements, intercommunalités).",
        ["Secteurs"] = "Secteurs d'un contrat : quartiers, quartiers prioritaires de la politique de la ville (QPV), sites.",
        ["Gouvernance"] = "Instances, réunions, comptes rendus, suites et tâches d'un contrat.",
        ["Plan d'action"] = "Plan d'action d'un contrat : axes, objectifs, fiches action, engagements, jalons, budget, indicateurs.",
        ["Observatoire"] = "Statistiques de la délinquance (SSMSI, état 4001) et séries des partenaires.",
        ["Observatoire — état 4001"] = "Faits constatés par service de police ou unité de gendarmerie (état 4001, data.gouv.fr).",
        ["Observatoire — séries des partenaires"] = "Séries de données apportées par les partenaires d'un contrat (bailleurs, transporteurs, éducation…).",
        ["Suivi individuel confidentiel"] = "Dispositifs de suivi individuel sous charte déontologique (cellule de veille, groupes L132-5, CDDF) : membres, charte, fiches par code, accès par niveau, tout journalisé.",
        ["Vidéoprotection"] = "Registre de vidéoprotection d'un contrat : systèmes, diagnostics de sûreté, demandes et autorisations préfectorales, caméras, enregistreurs, réquisitions, registre des extractions, demandes d'accès, comité d'éthique et alertes.",
        ["Signalements"] = "Incivilités et dégradations d'un contrat : routage vers le partenaire pilote, cycle de vie, boîte de réception, vue hebdomadaire, zones de routage.",
        ["Open311 GeoReport v2"] = "Publication des signalements de catégories publiques au format Open311 GeoReport v2 (localisation approchée, textes expurgés).",
        ["Enquêtes"] = "Enquêtes locales de tranquillité publique et de victimation : questionnaires, vagues, import des réponses, résultats pondérés avec intervalles.",
        ["Diagnostic"] = "Diagnostic local de sécurité : sections par auteur et état, constats sur les quatre axes, registre des sources, versions figées et publiées, brouillons générés à partir des données.",
        ["Évaluation"] = "Évaluation d'un contrat et bilans annuels : mandat, objectifs atteints calculés depuis le plan, gouvernance, appréciations par critère, recommandations, rapport PDF.",
    };

    private static readonly Dictionary<int, string> ResponseDescriptions = new()
    {
        [200] = "Succès.",
        [201] = "Créé : l'adresse de l'élément est dans l'en-tête Location.",
        [202] = "Accepté : le traitement se poursuit en arrière-plan.",
        [204] = "Fait, sans contenu.",
        [400] = "Requête invalide : les champs en erreur sont nommés dans « errors », avec un message en français.",
        [401] = "Jeton absent, invalide, expiré ou révoqué.",
        [403] = "Action non permise à ce compte ou à ce jeton (portée lecture seule, rôle insuffisant).",
        [404] = "Élément inexistant, ou que vous n'avez pas le droit de voir.",
        [405] = "Méthode HTTP non prise en charge par cette adresse.",
        [409] = "Conflit : l'élément a changé entre-temps ou son état ne permet pas l'action.",
        [413] = "Fichier trop volumineux (20 Mo au plus).",
        [429] = "Trop de requêtes : réessayez après le délai indiqué par l'en-tête Retry-After (secondes).",
    };

    /// <summary>
    /// The error metadata of every endpoint of an API group (call once on the group that maps a module's API).
    /// Endpoints still declare their success answers with typed results (<c>Results&lt;Ok&lt;T&gt;, …&gt;</c>).
    /// </summary>
    public static TBuilder WithApiConventions<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder route) return;
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var writes = methods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE");
            var routeParameters = route.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var bound = endpoint.Metadata.OfType<IParameterBindingMetadata>().ToList();
            var takesQuery = bound.Any(p => !routeParameters.Contains(p.Name) && (p.HasTryParse || p.ParameterInfo.ParameterType.IsEnum
                || Nullable.GetUnderlyingType(p.ParameterInfo.ParameterType) is { IsPrimitive: true } or { IsEnum: true }));
            var upload = endpoint.Metadata.OfType<IAcceptsMetadata>().Any(a => a.ContentTypes.Any(c => c.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)));
            var textRouteParameter = route.RoutePattern.Parameters.Any(p => p.ParameterPolicies.Count == 0);

            Problem(endpoint, StatusCodes.Status401Unauthorized);
            Problem(endpoint, StatusCodes.Status403Forbidden);
            Problem(endpoint, StatusCodes.Status429TooManyRequests);
            if (writes || takesQuery || upload || textRouteParameter) Problem(endpoint, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
            if (routeParameters.Count > 0) Problem(endpoint, StatusCodes.Status404NotFound);
            if (writes) Problem(endpoint, StatusCodes.Status409Conflict);
            if (upload) Problem(endpoint, StatusCodes.Status413PayloadTooLarge);
        });
        return builder;
    }

    private static void Problem(EndpointBuilder endpoint, int status, Type? type = null)
    {
        if (endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status)) return;
        endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type ?? typeof(ProblemDetails), [ProblemJson]));
    }

    /// <summary>A 200 file answer (PDF, CSV, XLSX, ICS…), documented as binary content of these media types.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType, params string[] more) =>
        builder.WithMetadata(new FileAnswerMetadata([contentType, .. more]));

    /// <summary>The media types of an endpoint's 200 file answer (see <see cref="ProducesFile"/>).</summary>
    public sealed record FileAnswerMetadata(IReadOnlyList<string> ContentTypes);

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((doc, context, _) =>
        {
            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "vigie_…",
                Description = "Jeton d'accès personnel, créé sur la page « Jetons d'accès à l'API » (/compte/jetons) et envoyé dans l'en-tête "
                    + "« Authorization: Bearer vigie_… ». Un jeton révoqué ou expiré reçoit une réponse 401.",
            };

            // Redocly: a server URL must not end with a slash (paths start with one).
            foreach (var server in doc.Servers ?? [])
                if (server.Url is { Length: > 1 } url && url.EndsWith('/')) server.Url = url.TrimEnd('/');

            var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, doc)] = [] };
            var usedTags = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, item) in doc.Paths)
            {
                // Bearer tokens guard /api/v1; other documented roots (Open311) carry their own keys.
                var bearer = path.StartsWith("/api/v1/", StringComparison.Ordinal) || path == "/api/v1";
                foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                {
                    if (bearer) operation.Security = [requirement];
                    foreach (var tag in operation.Tags ?? Enumerable.Empty<OpenApiTagReference>())
                        if (tag.Name is { } name) usedTags.Add(name);
                }
            }

            var components = doc.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>();
            foreach (var schema in components.Values) AnyInsteadOfNullOrAny(schema, components, 0);

            doc.Tags ??= new HashSet<OpenApiTag>();
            foreach (var name in usedTags)
            {
                var existing = doc.Tags.FirstOrDefault(t => t.Name == name);
                if (existing is null) doc.Tags.Add(existing = new OpenApiTag { Name = name });
                if (TagDescriptions.TryGetValue(name, out var description)) existing.Description = description;
            }
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            operation.OperationId ??= OperationId(description.HttpMethod ?? "GET", description.RelativePath ?? "");
            if (string.IsNullOrWhiteSpace(operation.Description)) operation.Description = operation.Summary;
            if (description.ActionDescriptor.EndpointMetadata.OfType<FileAnswerMetadata>().LastOrDefault() is { } file)
            {
                operation.Responses ??= new OpenApiResponses();
                operation.Responses["200"] = new OpenApiResponse
                {
                    Description = "Le fichier (" + string.Join(" ou ", file.ContentTypes) + ").",
                    Content = file.ContentTypes.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
                };
            }
            foreach (var (code, response) in operation.Responses ?? [])
            {
                if (response is not OpenApiResponse r || !int.TryParse(code, out var status)) continue;
                if (ResponseDescriptions.TryGetValue(status, out var text) && (string.IsNullOrEmpty(r.Description) || IsDefaultDescription(r.Description)))
                    r.Description = text;
                foreach (var (mediaType, content) in r.Content ?? new Dictionary<string, OpenApiMediaType>())
                    if (content.Schema is null && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
                        content.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                if (status == StatusCodes.Status429TooManyRequests)
                {
                    r.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    r.Headers["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Nombre de secondes à attendre avant de réessayer.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                    };
                }
            }
            return Task.CompletedTask;
        });

        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(TimeOnly))
            {
                schema.Type = Nullable.GetUnderlyingType(type) is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                schema.Format = null;
                schema.Pattern = TimePattern;
                schema.Description = "Heure locale de Paris au format HH:mm (par exemple 14:30), sans fuseau horaire.";
                schema.Examples = [JsonValue.Create("14:30")!];
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// A nullable free-form value (<c>JsonElement?</c>, e.g. a GeoJSON geometry) is exported as <c>oneOf: [null, {}]</c>,
    /// which no value can satisfy (null matches both); it is any JSON value, null included.
    /// </summary>
    private static void AnyInsteadOfNullOrAny(IOpenApiSchema schema, IDictionary<string, IOpenApiSchema> components, int depth)
    {
        if (schema is not OpenApiSchema s || depth > 20) return;
        if (s.OneOf is { Count: 2 } one && one.Any(o => IsEmpty(o, components, 0)) && one.Any(o => o is OpenApiSchema { Type: JsonSchemaType.Null })) s.OneOf = null;
        foreach (var property in s.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>()) AnyInsteadOfNullOrAny(property, components, depth + 1);
        if (s.Items is { } items) AnyInsteadOfNullOrAny(items, components, depth + 1);
    }

    private static bool IsEmpty(IOpenApiSchema schema, IDictionary<string, IOpenApiSchema> components, int depth) => schema switch
    {
        OpenApiSchemaReference r => depth < 5 && r.Reference.Id is { } id && components.TryGetValue(id, out var target) && IsEmpty(target, components, depth + 1),
        OpenApiSchema
        {
            Type: null, Properties: null or { Count: 0 }, Items: null, OneOf: null or { Count: 0 }, AnyOf: null or { Count: 0 }, AllOf: null or { Count: 0 }, Enum: null or { Count: 0 },
        } => true,
        _ => false,
    };

    private static bool IsDefaultDescription(string description) =>
        description is "OK" or "Created" or "Accepted" or "No Content" or "Bad Request" or "Unauthorized" or "Forbidden" or "Not Found"
            or "Conflict" or "Payload Too Large" or "Content Too Large" or "Too Many Requests" or "Method Not Allowed";

    /// <summary>
    /// "GET api/v1/contracts/{id}/signatories" → "getContractSignatories"; "POST …/signatories" → "createContractSignatory";
    /// "PUT …/{signatoryId}" → "updateContractSignatory"; "DELETE" → "delete…"; a POST ending in an action word keeps it
    /// ("POST …/status" → "postContractStatus"). The OpenAPI test checks that they are unique.
    /// </summary>
    public static string OperationId(string method, string relativePath)
    {
        var segments = RoutePatternFactory.Parse("/" + relativePath.TrimStart('/')).PathSegments
            .Select(s => s.Parts.Count == 1 && s.Parts[0] is RoutePatternLiteralPart literal ? literal.Content : null)
            .ToList();
        var start = segments.Count >= 2 && segments[0] == "api" ? 2 : 0;
        var words = new List<string>();
        for (var i = start; i < segments.Count; i++)
        {
            if (segments[i] is not { } word) continue;
            // A literal followed by a parameter names one element ("contracts/{id}" → "Contract").
            var singular = i + 1 < segments.Count && segments[i + 1] is null || (i == segments.Count - 1 && method is "POST" && IsCollection(segments, i));
            words.Add(Pascal(singular ? Singular(word) : word));
        }
        var lastIsParameter = segments.Count > 0 && segments[^1] is null;
        var verb = method.ToUpperInvariant() switch
        {
            "GET" => "get",
            "PUT" => "update",
            "DELETE" => "delete",
            "POST" when IsCollection(segments, segments.Count - 1) && !lastIsParameter => "create",
            _ => method.ToLowerInvariant(),
        };
        if (words.Count == 0) words.Add("Root");
        return verb + string.Concat(words);
    }

    // Plural resource names (a POST on them creates an element); other last words are actions (status, move, send…).
    private static bool IsCollection(List<string?> segments, int index) =>
        index >= 0 && segments[index] is { } word && word.EndsWith('s') && word is not ("status" or "progress");

    private static string Singular(string word) => word switch
    {
        "series" or "status" => word,
        _ when word.EndsWith("ies", StringComparison.Ordinal) => word[..^3] + "y",
        _ when word.EndsWith('s') => word[..^1],
        _ => word,
    };

    private static string Pascal(string word) =>
        string.Concat(word.Split('-', '_', '.').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
