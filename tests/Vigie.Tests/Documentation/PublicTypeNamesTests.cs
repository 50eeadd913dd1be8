using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Data;

namespace Vigie.Tests.Documentation;

/// <summary>
/// Two public types of Vigie.Web with the same simple name are read as one concept and collide as OpenAPI schema
/// names: every public record/class/enum outside migrations, compiled models and Razor pages must have a name of its own.
/// </summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed class PublicTypeNamesTests
{
    [Fact]
    public void PublicTypes_HaveUniqueSimpleNames()
    {
        var types = typeof(AppDbContext).Assembly.GetTypes().Where(IsChecked).ToList();
        Assert.Contains(types, t => t.Name == "CreatedDto");
        var clashes = types.GroupBy(t => t.Name).Where(g => g.Count() > 1)
            .Select(g => g.Key + " : " + string.Join(", ", g.Select(t => t.FullName))).ToList();
        Assert.True(clashes.Count == 0, "Noms de types publics en double :\n" + string.Join("\n", clashes));
    }

    internal static bool IsChecked(Type t) =>
        IsVisible(t) && !t.IsInterface && t.GetCustomAttribute<CompilerGeneratedAttribute>() is null
        && t.Namespace is { } ns && ns.StartsWith("Vigie.Web", StringComparison.Ordinal) && !ns.Contains(".Migrations", StringComparison.Ordinal)
        && !ns.Contains(".CompiledModels", StringComparison.Ordinal) // generated per provider (scripts/compiled-model.sh)
        && !IsRazor(t) && !(t.DeclaringType is { } d && IsRazor(d));

    private static bool IsVisible(Type t) => t.IsPublic || (t.IsNestedPublic && t.DeclaringType is { } d && IsVisible(d));

    private static bool IsRazor(Type t) =>
        typeof(PageModel).IsAssignableFrom(t) || t.Namespace == "AspNetCoreGeneratedDocument"
        || typeof(Microsoft.AspNetCore.Mvc.Razor.IRazorPage).IsAssignableFrom(t);
}
