using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Shared;

/// <summary>
/// ProblemDetails answers for the API's non-validation errors. An explicit body matters: an empty
/// 404/403 would be re-executed by the status-code pages into the HTML error page.
/// </summary>
public static class ApiErrors
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Introuvable");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Accès refusé");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflit");
}
