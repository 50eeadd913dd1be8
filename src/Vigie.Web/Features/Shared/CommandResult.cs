using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Vigie.Web.Features.Shared;

/// <summary>
/// Outcome of a business command shared by a page and the API: either a value, or French error
/// messages keyed by the input field's camelCase name (as in the API's JSON).
/// </summary>
public sealed class CommandResult<T>
{
    public T? Value { get; private init; }
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);
    public bool Succeeded => !NotFound && !Forbidden && Conflict is null && Errors.Count == 0;
    public bool NotFound { get; private init; }
    public bool Forbidden { get; private init; }
    /// <summary>Why the action is refused, in French, when a generic "no rights" would mislead.</summary>
    public string? ForbiddenReason { get; private init; }
    /// <summary>Someone else saved the record since the writer's version (ADR 0019): a 409 for the API, the message and the new version for a page.</summary>
    public EditConflict? Conflict { get; private init; }

    public static CommandResult<T> Ok(T value) => new() { Value = value };
    public static CommandResult<T> Missing() => new() { NotFound = true };
    public static CommandResult<T> Denied() => new() { Forbidden = true };
    public static CommandResult<T> Denied(string reason) => new() { Forbidden = true, ForbiddenReason = reason };
    public static CommandResult<T> Stale(EditConflict conflict) => new() { Conflict = conflict };

    public static CommandResult<T> Invalid(string field, string message)
    {
        var r = new CommandResult<T>();
        r.Errors[field] = [message];
        return r;
    }

    public static CommandResult<T> Invalid(Dictionary<string, string[]> errors)
    {
        var r = new CommandResult<T>();
        foreach (var (k, v) in errors) r.Errors[k] = v;
        return r;
    }

    /// <summary>Copies the errors onto a page's ModelState ("startDate" → "Input.StartDate").</summary>
    public void CopyTo(ModelStateDictionary modelState, string prefix = "Input")
    {
        Conflict?.CopyTo(modelState, prefix);
        foreach (var (field, messages) in Errors)
        {
            var name = field.Length == 0 ? "" : $"{char.ToUpperInvariant(field[0])}{field[1..]}";
            var key = field.Length == 0 ? "" : prefix.Length == 0 ? name : $"{prefix}.{name}";
            foreach (var m in messages) modelState.AddModelError(key, m);
        }
    }

    /// <summary>The API answer for a failed command: 404, 403 or a 400 ProblemDetails naming the fields.</summary>
    public IResult ToProblem() => NotFound || Forbidden || Conflict is not null ? Refused() : Invalid();

    /// <summary>
    /// The API answer of a command without a body: 204, or the typed 400/403/404. Typed so that the OpenAPI
    /// document lists each status (CONTRIBUTING "Add the API").
    /// </summary>
    public Results<NoContent, ValidationProblem, ProblemHttpResult> ToNoContent() =>
        Succeeded ? TypedResults.NoContent() : NotFound || Forbidden || Conflict is not null ? Refused() : Invalid();

    /// <summary>The API answer of a command returning a body: 200 with <paramref name="body"/>, or the typed 400/403/404.</summary>
    public Results<Ok<TBody>, ValidationProblem, ProblemHttpResult> ToOk<TBody>(Func<T, TBody> body) =>
        Succeeded ? TypedResults.Ok(body(Value!)) : NotFound || Forbidden || Conflict is not null ? Refused() : Invalid();

    internal ValidationProblem Invalid() =>
        TypedResults.ValidationProblem(Errors, title: "Données invalides", detail: string.Join(" ", Errors.Values.SelectMany(m => m)));

    internal ProblemHttpResult Refused() => Conflict is not null ? Conflict.ToProblem() : NotFound
        ? ApiErrors.NotFound("Cet élément n'existe pas ou vous n'y avez pas accès.")
        : ApiErrors.Forbidden(ForbiddenReason ?? "Vous n'avez pas les droits nécessaires pour cette action.");
}

/// <summary>Typed API answers of commands creating something.</summary>
public static class CommandResultApi
{
    /// <summary>201 with <see cref="CreatedDto"/> and a Location header, or the typed 400/403/404.</summary>
    public static Results<Created<CreatedDto>, ValidationProblem, ProblemHttpResult> ToCreated(this CommandResult<Guid> r, Func<Guid, string> location) =>
        r.Succeeded ? TypedResults.Created(location(r.Value), new CreatedDto(r.Value)) : r.NotFound || r.Forbidden || r.Conflict is not null ? r.Refused() : r.Invalid();
}

public sealed class ErrorBag
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);
    public bool Any => Errors.Count > 0;
    public void Add(string field, string message) =>
        Errors[field] = Errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}
