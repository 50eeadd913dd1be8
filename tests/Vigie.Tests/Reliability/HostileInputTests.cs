using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Vigie.Tests.Reliability;

/// <summary>
/// Issue 16, "Hostile input corpus": every entry of <c>tests/hostile/index.json</c> (files made by
/// <c>tests/hostile/generate.py</c>: truncated, oversized, wrongly encoded, zip bombs, XML entity expansion and external
/// entities, path-traversal names, lying content types, huge and deeply nested JSON…) is sent as a coordinator of a
/// contract. Each must get a 4xx with a French message and leave the plan's row count unchanged — never a 5xx. The
/// formula-injection file is accepted, and the CSV export must neutralise its cells (a leading apostrophe). The "form"
/// entries are HTML form posts to pages (signed in, with the page's antiforgery token) holding a NUL character: they must be
/// sent back to their form page (a redirect, never a 5xx) whose banner names the field in French, and save nothing. The
/// "page-query" entries are page GETs whose query string (search, filter, paging) holds a NUL character: the page must come
/// back at the same address without that parameter (a redirect, never a 5xx) with a French banner naming it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class HostileInputTests(VigieFactory factory, ITestOutputHelper output)
{
    private sealed record Entry(string Id, string Target, string Why, string File, long PadTo, string ContentType,
        string? FileName, bool Accepted, string? Method, string? Path);

    private static string CorpusFolder()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(System.IO.Path.Combine(d.FullName, "tests", "hostile", "index.json"))) return System.IO.Path.Combine(d.FullName, "tests", "hostile");
        throw new InvalidOperationException("tests/hostile/index.json not found above " + AppContext.BaseDirectory);
    }

    private static List<Entry> Corpus(string folder) =>
        [.. JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(folder, "index.json"))).RootElement.EnumerateArray().Select(e => new Entry(
            e.GetProperty("id").GetString()!, e.GetProperty("target").GetString()!, e.GetProperty("why").GetString()!, e.GetProperty("file").GetString()!,
            e.GetProperty("padTo").GetInt64(), e.GetProperty("contentType").GetString()!,
            e.TryGetProperty("fileName", out var n) ? n.GetString() : null, e.TryGetProperty("accepted", out var a) && a.GetBoolean(),
            e.TryGetProperty("method", out var m) ? m.GetString() : null, e.TryGetProperty("path", out var p) ? p.GetString() : null))];

    /// <summary>The content of an entry; a padded one gets spaces up to its size (JSON and CSV ignore trailing blanks).</summary>
    private static byte[] Content(string folder, Entry e)
    {
        var bytes = File.ReadAllBytes(System.IO.Path.Combine(folder, "files", e.File));
        if (e.PadTo <= bytes.Length) return bytes;
        var padded = new byte[e.PadTo];
        bytes.CopyTo(padded, 0);
        Array.Fill(padded, (byte)' ', bytes.Length, padded.Length - bytes.Length);
        return padded;
    }

    [GeneratedRegex("[àâçéèêëîïôûùüœÀÉÈ]|fichier|ligne|valeur|champ|requête", RegexOptions.IgnoreCase)]
    private static partial Regex French();

    [Fact]
    public async Task EveryHostileFileAndRequest_GetsAFrench4xx_AndChangesNothing()
    {
        var folder = CorpusFolder();
        var corpus = Corpus(folder);
        Assert.True(corpus.Count >= 40, $"{corpus.Count} entries only");
        var p = await factory.PlanFixtureAsync();
        var contract = p.Contract.Id;
        Task<int> RowsAsync() => factory.WithDb(async db => await db.PlanItems.CountAsync(i => i.ContractId == contract) + await db.Bodies.CountAsync(b => b.ContractId == contract));
        var failures = new List<string>();
        var pages = await PageClient.SignedInAsync(factory, p.Coordinator);

        foreach (var e in corpus.Where(x => x.Target == "form"))
        {
            var before = await RowsAsync();
            var path = e.Path!.Replace("{contract}", contract.ToString(), StringComparison.Ordinal);
            var token = await pages.AntiforgeryTokenAsync(path);
            var content = new ByteArrayContent([.. Content(folder, e), .. Encoding.ASCII.GetBytes("&__RequestVerificationToken=" + Uri.EscapeDataString(token))]);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(e.ContentType);
            var response = await pages.Http.PostAsync(path, content);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location?.OriginalString ?? "";
            var banner = status == 302 ? (await pages.GetDocumentAsync(location)).Body!.TextContent : await response.Content.ReadAsStringAsync();
            var after = await RowsAsync();
            output.WriteLine($"{e.Id,-32} {status} {location} {Shorten(banner[Math.Max(0, banner.IndexOf("caractère nul", StringComparison.Ordinal) - 80)..])}");
            if (status != 302 || location != path) failures.Add($"{e.Id} ({e.Why}) → {status} {location}, attendu : 302 vers {path}");
            else if (!banner.Contains("contient un caractère nul", StringComparison.Ordinal) || !banner.Contains("« " + FieldOf(folder, e) + " »", StringComparison.Ordinal))
                failures.Add($"{e.Id} ({e.Why}) → pas de message en français nommant le champ {FieldOf(folder, e)}");
            if (after != before) failures.Add($"{e.Id} ({e.Why}) → {after - before} ligne(s) enregistrée(s)");
        }

        foreach (var e in corpus.Where(x => x.Target == "page-query"))
        {
            var before = await RowsAsync();
            var path = e.Path!.Replace("{contract}", contract.ToString(), StringComparison.Ordinal);
            var response = await pages.Http.GetAsync(path);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location?.OriginalString ?? "";
            var parameter = QueryParameterOf(path);
            var expected = path.Split('?')[0] + Microsoft.AspNetCore.Http.QueryString.Create(System.Web.HttpUtility.ParseQueryString(path.Split('?')[1]) is var q
                ? q.AllKeys.Where(k => k is not null && !k.Contains('\0') && !q[k]!.Contains('\0')).Select(k => new KeyValuePair<string, string?>(k!, q[k]))
                : []);
            var banner = status == 302 ? (await pages.GetDocumentAsync(location)).Body!.TextContent : await response.Content.ReadAsStringAsync();
            output.WriteLine($"{e.Id,-32} {status} {location}");
            if (status != 302 || location != expected) failures.Add($"{e.Id} ({e.Why}) → {status} {location}, attendu : 302 vers {expected}");
            else if (!banner.Contains("contient un caractère nul", StringComparison.Ordinal) || !banner.Contains("« " + parameter + " »", StringComparison.Ordinal))
                failures.Add($"{e.Id} ({e.Why}) → pas de message en français nommant le paramètre {parameter}");
            if (await RowsAsync() != before) failures.Add($"{e.Id} ({e.Why}) → des lignes ont changé");
        }

        foreach (var e in corpus.Where(x => !x.Accepted && x.Target is not ("form" or "page-query")))
        {
            var before = await RowsAsync();
            var content = new ByteArrayContent(Content(folder, e));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(e.ContentType);
            HttpResponseMessage response;
            if (e.Target == "plan-import")
            {
                var form = new MultipartFormDataContent { { content, "file", e.FileName! } };
                response = await p.CoordinatorApi.PostAsync($"{p.Plan}/import", form);
            }
            else
            {
                response = await p.CoordinatorApi.SendAsync(new HttpRequestMessage(new HttpMethod(e.Method!), e.Path!.Replace("{contract}", contract.ToString(), StringComparison.Ordinal)) { Content = content });
            }
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var after = await RowsAsync();
            output.WriteLine($"{e.Id,-32} {status} {Shorten(body)}");
            if (status is < 400 or >= 500 || status is 401 or 403) failures.Add($"{e.Id} ({e.Why}) → {status} {Shorten(body)}");
            else if (!French().IsMatch(body)) failures.Add($"{e.Id} ({e.Why}) → {status} sans message en français : {Shorten(body)}");
            if (after != before) failures.Add($"{e.Id} ({e.Why}) → {after - before} élément(s) de plan enregistré(s)");
            if (body.Contains("root:x:0:0", StringComparison.Ordinal)) failures.Add($"{e.Id} → le contenu de /etc/passwd est dans la réponse");
        }

        // Formula injection: imported as text, exported with the cells neutralised.
        var formula = corpus.Single(x => x.Accepted);
        var upload = new ByteArrayContent(Content(folder, formula));
        upload.Headers.ContentType = MediaTypeHeaderValue.Parse(formula.ContentType);
        var imported = await p.CoordinatorApi.PostAsync($"{p.Plan}/import", new MultipartFormDataContent { { upload, "file", formula.FileName! } });
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        var csv = Encoding.UTF8.GetString(await p.CoordinatorApi.GetByteArrayAsync($"{p.Plan}/export?format=csv"));
        foreach (var start in new[] { "=HYPERLINK", "+33", "-2+3", "@SUM" })
        {
            Assert.DoesNotMatch($"(^|;){Regex.Escape(start)}", csv.Replace("\"", "", StringComparison.Ordinal));
            Assert.Contains("'" + start, csv, StringComparison.Ordinal);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} entrée(s) du corpus mal traitée(s) :\n" + string.Join("\n", failures));
    }

    /// <summary>The form name of the field holding the NUL character (without it), as the message names it.</summary>
    private static string FieldOf(string folder, Entry e) =>
        System.Web.HttpUtility.ParseQueryString(Encoding.ASCII.GetString(Content(folder, e))) is var form
            ? form.AllKeys.First(k => k!.Contains('\0') || form[k]!.Contains('\0'))!.Replace("\0", "", StringComparison.Ordinal) : "";

    /// <summary>The query parameter of a page address whose name or value holds the NUL character (without it), as the message names it.</summary>
    private static string QueryParameterOf(string path) =>
        System.Web.HttpUtility.ParseQueryString(path.Split('?')[1]) is var q
            ? q.AllKeys.First(k => k!.Contains('\0') || q[k]!.Contains('\0'))!.Replace("\0", "", StringComparison.Ordinal) : "";

    private static string Shorten(string s) => s.Length <= 200 ? s.ReplaceLineEndings(" ") : s[..200].ReplaceLineEndings(" ") + "…";
}
