using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Shared;

/// <summary>
/// The API's error answers, in one place. An explicit ProblemDetails body matters: an empty 404/403
/// would be re-executed by the status-code pages into the HTML error page.
/// </summary>
public static class ApiErrors
{
    /// <summary>A 400 ProblemDetails naming one field, for business rules checked in code.</summary>
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Données invalides", detail: message);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Introuvable");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Accès refusé");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflit");
}
