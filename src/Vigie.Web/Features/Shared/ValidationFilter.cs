using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Vigie.Web.Features.Shared;

/// <summary>
/// Validates every API argument that carries data-annotation attributes and answers with a
/// ProblemDetails (400) listing the fields in error, with the attributes' French messages. Also refuses the NUL
/// character (<c>\u0000</c>) in every string of the JSON body, route and query: PostgreSQL text columns cannot store
/// it, so it would otherwise end in a 500 at the save (issue 16, hostile input).
/// </summary>
public sealed class ValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var (name, argument) in NamedArguments(context))
        {
            if (NulCharacters.FindIn(argument, name) is { } field)
            {
                errors ??= [];
                errors[field] = [NulCharacters.Message];
                continue;
            }
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

    /// <summary>Each argument with its parameter's name (the handler's method, when the endpoint exposes it).</summary>
    private static IEnumerable<(string Name, object? Value)> NamedArguments(EndpointFilterInvocationContext context)
    {
        var parameters = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters();
        var body = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        for (var i = 0; i < context.Arguments.Count; i++)
        {
            var value = context.Arguments[i];
            // Only data from the request: strings (route, query, header) and the JSON body; never injected services.
            if (value is not string && value is not IValidatableInput && (body is null || value?.GetType() != body)) continue;
            // The body's fields are named from the JSON root ("title"), a route or query value by its parameter.
            var name = value is string && parameters is not null && i < parameters.Length ? parameters[i].Name ?? "" : "";
            yield return (name, value);
        }
    }

    internal static string JsonName(string member) =>
        string.IsNullOrEmpty(member) ? "" : char.ToLowerInvariant(member[0]) + member[1..];
}

/// <summary>Marks an API input record validated by <see cref="ValidationFilter"/>.</summary>
public interface IValidatableInput;

/// <summary>Finds a string holding U+0000 in a request value: a string, or the strings of a body record, its lists and nested records.</summary>
public static class NulCharacters
{
    public const string Message = "Texte invalide : le caractère nul (\\u0000) n'est pas accepté.";
    private const int MaxDepth = 6;
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>The JSON path of the first string holding U+0000 ("items[2].title"), or null.</summary>
    public static string? FindIn(object? value, string name)
    {
        // The path is built on the way back from a hit only (no string per list item or property walked).
        if (Find(value, 0) is not { } suffix) return null;
        var root = ValidationFilter.JsonName(name);
        return root.Length == 0 && suffix.StartsWith('.') ? suffix[1..] : root + suffix;
    }

    /// <summary>The path below <paramref name="value"/> (".title", "[2].title", "" for the value itself) of the first string holding U+0000, or null.</summary>
    private static string? Find(object? value, int depth)
    {
        switch (value)
        {
            case null: return null;
            case string s: return s.Contains('\0') ? "" : null;
            case IDictionary dictionary:
                foreach (DictionaryEntry e in dictionary)
                {
                    if (Find(e.Key, depth + 1) is not null) return "";
                    if (Find(e.Value, depth + 1) is { } found) return $".{e.Key}{found}";
                }
                return null;
            case IEnumerable list when depth < MaxDepth:
                var i = 0;
                foreach (var item in list)
                {
                    if (Find(item, depth + 1) is { } found) return $"[{i}]{found}";
                    i++;
                }
                return null;
        }
        var type = value.GetType();
        if (depth >= MaxDepth || type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("Vigie.", StringComparison.Ordinal) != true) return null;
        foreach (var p in Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray()))
            if (Find(p.GetValue(value), depth + 1) is { } found) return $".{ValidationFilter.JsonName(p.Name)}{found}";
        return null;
    }
}
