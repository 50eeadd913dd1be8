using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Contracts;

internal static class ContractTestSupport
{
    /// <summary>Minimal valid PDF bytes.</summary>
    public static byte[] Pdf(string text = "contrat") =>
        System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    public static async Task<int> CountContractsAsync(this VigieFactory f) => await f.WithDb(db => db.Contracts.CountAsync());

    public static async Task<SecurityContract> ReloadAsync(this VigieFactory f, Guid id) =>
        await f.WithDb(db => db.Contracts.AsNoTracking().Include(c => c.Territories).ThenInclude(t => t.Territory)
            .Include(c => c.Signatories).Include(c => c.Amendments).Include(c => c.Memberships).SingleAsync(c => c.Id == id));

    /// <summary>Puts a contract in force: one signed signatory, then the two status changes, via the API.</summary>
    public static async Task SignAsync(this VigieFactory f, HttpClient api, Guid contractId)
    {
        var org = await f.OrganisationAsync();
        var add = await api.PostAsJsonAsync($"/api/v1/contracts/{contractId}/signatories",
            new { organisationId = org.Id, representativeName = "Camille Martin", representativePosition = "Maire", signedOn = "2025-01-10" });
        add.EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/v1/contracts/{contractId}/status", new { status = "inSignature" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/v1/contracts/{contractId}/status", new { status = "inForce" })).EnsureSuccessStatusCode();
    }
}
