using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Contracts;

[Collection(AppCollection.Name)]
public sealed class DocumentUploadTests(VigieFactory factory)
{
    private static MultipartFormDataContent Upload(byte[] content, string name) =>
        new() { { new ByteArrayContent(content), "document", name } };

    [Fact]
    public async Task Upload_Pdf_IsStoredAndDownloadableByMembersOnly()
    {
        var coordinator = await factory.UserAsync();
        var stranger = await factory.UserAsync();
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var client = await PageClient.SignedInAsync(factory, coordinator);
        var pdf = ContractTestSupport.Pdf("signé");

        var response = await client.PostMultipartAsync($"/contrats/{c.Id}?handler=Document", Upload(pdf, "cls-signe.pdf"), $"/contrats/{c.Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var fileId = (await factory.ReloadAsync(c.Id)).SignedDocumentId!.Value;

        var download = await client.Http.GetAsync($"/contrats/{c.Id}/fichiers/{fileId}");
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Contains("cls-signe.pdf", download.Content.Headers.ContentDisposition!.ToString());

        var other = await PageClient.SignedInAsync(factory, stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/contrats/{c.Id}/fichiers/{fileId}")).StatusCode);
    }

    [Fact]
    public async Task Upload_NotAPdf_IsRefusedWithFrenchMessage()
    {
        var coordinator = await factory.UserAsync();
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var client = await PageClient.SignedInAsync(factory, coordinator);
        var files = await factory.WithDb(db => db.Files.CountAsync());

        var response = await client.PostMultipartAsync($"/contrats/{c.Id}?handler=Document", Upload("MZ\u0090 exécutable"u8.ToArray(), "contrat.pdf"), $"/contrats/{c.Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetDocumentAsync($"/contrats/{c.Id}");
        Assert.Contains("n'est pas un document PDF valide", page.Body!.TextContent);

        var wrongExtension = await client.PostMultipartAsync($"/contrats/{c.Id}?handler=Document", Upload(ContractTestSupport.Pdf(), "contrat.docx"), $"/contrats/{c.Id}");
        Assert.Equal(HttpStatusCode.Redirect, wrongExtension.StatusCode);
        Assert.Contains("n'est pas un PDF", (await client.GetDocumentAsync($"/contrats/{c.Id}")).Body!.TextContent);
        Assert.Equal(files, await factory.WithDb(db => db.Files.CountAsync()));
        Assert.Null((await factory.ReloadAsync(c.Id)).SignedDocumentId);
    }

    [Fact]
    public async Task Upload_OverTheLimit_IsRefusedWithoutServerError()
    {
        var coordinator = await factory.UserAsync();
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(coordinator);
        var big = new byte[21 * 1024 * 1024];
        ContractTestSupport.Pdf().CopyTo(big, 0);
        using var content = new MultipartFormDataContent { { new ByteArrayContent(big), "file", "gros.pdf" } };

        var response = await api.PutAsync($"/api/v1/contracts/{c.Id}/document", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains("taille maximale"), body);
        Assert.Null((await factory.ReloadAsync(c.Id)).SignedDocumentId);
    }
}
