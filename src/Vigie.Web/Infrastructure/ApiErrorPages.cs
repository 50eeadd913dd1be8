using Microsoft.AspNetCore.Diagnostics;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// problem+json bodies for API answers that no handler wrote (unknown route, wrong method, refused authentication…),
/// in French; the pages keep their HTML error pages (<c>/erreur/{code}</c>).
/// </summary>
public static class ApiErrorPages
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status400BadRequest => ("Requête invalide", "Requête invalide : corps absent ou mal formé."),
            StatusCodes.Status401Unauthorized => ("Authentification requise", "Envoyez un jeton d'accès valide dans l'en-tête « Authorization: Bearer vigie_… »."),
            StatusCodes.Status403Forbidden => ("Accès refusé", "Vous n'avez pas les droits nécessaires pour cette action."),
            StatusCodes.Status404NotFound => ("Introuvable", "Aucune opération de l'API ne correspond à cette adresse (voir /openapi/v1.json)."),
            StatusCodes.Status405MethodNotAllowed => ("Méthode non permise",
                $"La méthode {http.Request.Method} n'est pas prise en charge par cette adresse" + (http.Response.Headers.Allow is { Count: > 0 } allow ? $" (méthodes permises : {allow})." : ".")),
            StatusCodes.Status413PayloadTooLarge => ("Requête trop volumineuse", HttpHardening.TooLargeMessage(VigieApp.MaxUploadBytes)),
            StatusCodes.Status415UnsupportedMediaType => ("Type de contenu non pris en charge", "Envoyez le corps en JSON (Content-Type: application/json) ou, pour un fichier, en multipart/form-data."),
            _ => ("Erreur", $"La requête a échoué (statut {status})."),
        };
        await Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(http);
    }
}
