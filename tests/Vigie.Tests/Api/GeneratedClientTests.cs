using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Api;

/// <summary>
/// A third-party client generated from /openapi/v1.json (NSwag, as in the README's "Generate a client"), compiled with
/// Roslyn and used for a short scenario through HTTP with a personal access token: no knowledge of the source needed.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class GeneratedClientTests(VigieFactory factory)
{
    private const string Scenario = """
        using System;
        using System.Linq;
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace Vigie.Generated;

        // NSwag declares multipart parameters with this type and leaves its definition to the caller's code.
        public sealed class FileParameter(System.IO.Stream data, string fileName = null, string contentType = null)
        {
            public System.IO.Stream Data { get; } = data;
            public string FileName { get; } = fileName;
            public string ContentType { get; } = contentType;
        }

        public static class Scenario
        {
            public static async Task<string> RunAsync(HttpClient http, Guid contractId)
            {
                var client = new VigieClient(http) { ReadResponseAsString = true };
                try
                {
                    var created = await client.CreatePartnerAsync(new PartnerInput { Name = "Bailleur généré", Type = "commune" });
                    var partner = await client.GetPartnerAsync(created.Id);
                    var contract = await client.GetContractAsync(contractId);
                    var plan = await client.GetContractPlanAsync(contractId);
                    var listed = (await client.GetContractsAsync(null)).Any(c => c.Id == contractId);
                    try
                    {
                        await client.GetContractAsync(Guid.NewGuid());
                        return "pas d'erreur pour un contrat inexistant";
                    }
                    catch (ApiException<ProblemDetails> e) when (e.StatusCode == 404)
                    {
                        return string.Join("|", partner.Name, contract.Id == contractId, plan.Items.Count, listed, e.Result.Detail);
                    }
                }
                catch (ApiException e)
                {
                    return "refusé : " + e.StatusCode + " " + e.Response;
                }
            }
        }
        """;

    [Fact]
    public async Task ClientGeneratedFromTheDocument_CreatesAPartnerAndReadsAContractAndItsPlan()
    {
        var json = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        var document = await NSwag.OpenApiDocument.FromJsonAsync(json);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "VigieClient",
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
        };
        settings.CSharpGeneratorSettings.Namespace = "Vigie.Generated";
        settings.CSharpGeneratorSettings.JsonLibrary = CSharpJsonLibrary.SystemTextJson;
        settings.CSharpGeneratorSettings.DateType = "System.DateOnly";
        var code = new CSharpClientGenerator(document, settings).GenerateFile();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Vigie.Generated",
            [CSharpSyntaxTree.ParseText(code), CSharpSyntaxTree.ParseText(Scenario)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var assembly = new MemoryStream();
        var emitted = compilation.Emit(assembly);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(15).Select(d => d.ToString()).ToList();
        if (errors.Count > 0) File.WriteAllText(Path.Combine(Path.GetTempPath(), "vigie-generated-client.cs"), code);
        Assert.True(emitted.Success, "Le client généré ne compile pas :\n" + string.Join("\n", errors));

        var admin = await factory.AdminAsync();
        var contract = await factory.ContractAsync((admin, Vigie.Web.Domain.ContractRole.Coordinator));
        var http = await factory.ApiClientAsync(admin);
        var run = Assembly.Load(assembly.ToArray()).GetType("Vigie.Generated.Scenario")!.GetMethod("RunAsync")!;
        var result = await (Task<string>)run.Invoke(null, [http, contract.Id])!;

        Assert.Equal("Bailleur généré|True|0|True|Ce contrat n'existe pas ou vous n'y avez pas accès.", result);
    }
}
