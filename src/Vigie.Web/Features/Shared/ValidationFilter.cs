using System.ComponentModel.DataAnnotations;

namespace Vigie.Web.Features.Shared;

/// <summary>
/// Validates every API argument that carries data-annotation attributes and answers with a
/// ProblemDetails (400) listing the fields in error, with the attributes' French messages.
/// </summary>
public sealed class ValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var argument in context.Arguments)
        {
            if (argument is null || argument is IValidatableInput == false) continue;
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(argument, new ValidationContext(argument), results, validateAllProperties: true)) continue;
            errors ??= [];
            foreach (var r in results)
                foreach (var member in r.MemberNames.DefaultIfEmpty(""))
                {
                    var key = JsonName(member);
                    errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, r.ErrorMessage ?? "Valeur invalide."] : [r.ErrorMessage ?? "Valeur invalide."];
                }
        }
        if (errors is not null)
            return TypedResults.ValidationProblem(errors, title: "Données invalides", detail: "Un ou plusieurs champs sont invalides : " + string.Join(", ", errors.Keys) + ".");
        return await next(context);
    }

    private static string JsonName(string member) =>
        string.IsNullOrEmpty(member) ? "" : char.ToLowerInvariant(member[0]) + member[1..];
}

/// <summary>Marks an API input record validated by <see cref="ValidationFilter"/>.</summary>
public interface IValidatableInput;
