using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// Completes the OpenAPI document served at /openapi/v1.json: the bearer scheme of personal access
/// tokens declared once and required by every /api/v1 operation, and French descriptions of the tags.
/// </summary>
public static class ApiDocumentation
{
    public const string BearerScheme = "bearer";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Partenaires"] = "Répertoire des institutions partenaires (communes, préfectures, forces de sécurité…) et de leurs contacts.",
        ["Compte"] = "Le compte du porteur du jeton et ses jetons d'accès personnels.",
        ["Contrats"] = "Contrats locaux de sécurité visibles par le porteur du jeton.",
        ["Territoires"] = "Référentiel géographique (communes, départements, intercommunalités).",
    };

    public static void Configure(OpenApiOptions options) => options.AddDocumentTransformer((doc, _, _) =>
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

        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, doc)] = [] };
        var usedTags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in doc.Paths)
        {
            if (!path.StartsWith("/api/v1/", StringComparison.Ordinal) && path != "/api/v1") continue;
            foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                operation.Security = [requirement];
                foreach (var tag in operation.Tags ?? Enumerable.Empty<OpenApiTagReference>())
                    if (tag.Name is { } name) usedTags.Add(name);
            }
        }

        doc.Tags ??= new HashSet<OpenApiTag>();
        foreach (var name in usedTags)
        {
            var existing = doc.Tags.FirstOrDefault(t => t.Name == name);
            if (existing is null) doc.Tags.Add(existing = new OpenApiTag { Name = name });
            if (TagDescriptions.TryGetValue(name, out var description)) existing.Description = description;
        }
        return Task.CompletedTask;
    });
}
