using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Data;

namespace Vigie.Tests.Documentation;

/// <summary>
/// The EF Core compiled models (src/Vigie.Web/Data/CompiledModels, one per provider: a cold start no longer builds the
/// model from OnModelCreating) are exactly what <c>scripts/compiled-model.sh</c> would generate from the model now, and
/// the app runs on the one of its provider. The files are generated here in memory by the same EF Core design-time
/// services as <c>dotnet ef dbcontext optimize</c>, from the same design-time contexts, and compared text for text.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class CompiledModelTests(VigieFactory factory)
{
    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void CompiledModel_MatchesTheModelOfOnModelCreating(string provider)
    {
        var generated = Generate(provider);
        Assert.Contains(generated, f => f.Path == $"{provider}AppDbContextModel.cs");
        var folder = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Vigie.Web", "Data", "CompiledModels", provider);
        var committed = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.cs").ToDictionary(f => Path.GetFileName(f), f => Normalize(File.ReadAllText(f)))
            : [];
        var stale = generated.Where(f => !committed.TryGetValue(f.Path, out var code) || code != Normalize(f.Code)).Select(f => f.Path)
            .Concat(committed.Keys.Except(generated.Select(f => f.Path)))
            .Order(StringComparer.Ordinal).ToList();
        if (stale.Count > 0)
            Assert.Fail($"Le modèle compilé {provider} ne correspond plus au modèle ({stale.Count} fichier(s) : {string.Join(", ", stale.Take(5))}) : " +
                "lancez scripts/compiled-model.sh (CONTRIBUTING.md, « Add a migration »)." + FirstDifference(generated, committed, stale[0]));
    }

    [Fact]
    public async Task App_UsesTheCompiledModelOfItsProvider()
    {
        var model = await factory.WithDb(db => Task.FromResult(db.Model.GetType().FullName));
        var provider = TestEnvironment.IsPostgres ? "Postgres" : "Sqlite";
        Assert.Equal($"Vigie.Web.Data.CompiledModels.{provider}.{provider}AppDbContextModel", model);
    }

    private static List<ScaffoldedFile> Generate(string provider)
    {
        // The contexts `dotnet ef` builds (Data/DesignTimeFactories.cs): no connection is opened.
        using DbContext context = provider == "Sqlite"
            ? new SqliteDesignTimeFactory().CreateDbContext([])
            : new PostgresDesignTimeFactory().CreateDbContext([]);
        var assembly = typeof(AppDbContext).Assembly;
#pragma warning disable EF1001 // EF's own design-time service builder, as used by `dotnet ef dbcontext optimize`.
        var services = new DesignTimeServicesBuilder(assembly, assembly, new OperationReporter(handler: null), []).Build(context);
#pragma warning restore EF1001
        var options = new CompiledModelCodeGenerationOptions
        {
            ContextType = context.GetType(),
            ModelNamespace = $"Vigie.Web.Data.CompiledModels.{provider}",
            Language = "C#",
            UseNullableReferenceTypes = true,
        };
        var generator = services.GetRequiredService<ICompiledModelCodeGeneratorSelector>().Select(options);
        return [.. generator.GenerateModel(context.GetService<IDesignTimeModel>().Model, options)];
    }

    private static string FirstDifference(List<ScaffoldedFile> generated, Dictionary<string, string> committed, string path)
    {
        var expected = (generated.FirstOrDefault(f => f.Path == path) is { } f ? Normalize(f.Code) : "").Split('\n');
        var actual = (committed.TryGetValue(path, out var c) ? c : "").Split('\n');
        var line = Enumerable.Range(0, Math.Max(expected.Length, actual.Length))
            .First(i => i >= expected.Length || i >= actual.Length || expected[i] != actual[i]);
        return $"\n{path}:{line + 1}\n  généré : {expected.ElementAtOrDefault(line)}\n  dépôt  : {actual.ElementAtOrDefault(line)}";
    }

    /// <summary>
    /// Line endings aside, the model id (a new random Guid at each generation) and the EF Core version that generated
    /// it (this test process may load a newer patch of EF Core than the app, through the test packages).
    /// </summary>
    private static string Normalize(string code) =>
        ProductVersion().Replace(ModelId().Replace(code.ReplaceLineEndings("\n").Trim(), "modelId: new Guid()"), "\"ProductVersion\", \"\"");

    [GeneratedRegex(@"modelId: new Guid\(""[0-9a-f-]{36}""\)")]
    private static partial Regex ModelId();

    [GeneratedRegex(@"""ProductVersion"", ""[0-9.]+""")]
    private static partial Regex ProductVersion();
}
