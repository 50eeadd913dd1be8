using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Vigie.Tests.Infrastructure;

/// <summary>
/// A cookie-keeping client that uses the pages as a browser would: GET a form, send it back with its
/// antiforgery token. Redirects are not followed so tests can assert them.
/// </summary>
public sealed class PageClient(HttpClient http)
{
    private static readonly HtmlParser Parser = new();
    public HttpClient Http { get; } = http;

    public static PageClient Create(VigieFactory f) =>
        new(f.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public static async Task<PageClient> SignedInAsync(VigieFactory f, TestUser user)
    {
        var client = Create(f);
        var response = await client.PostFormAsync("/compte/connexion", new() { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Connexion impossible pour {user.Email} : {response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public async Task<IHtmlDocument> GetDocumentAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url} → {(int)response.StatusCode}\n{body}");
        return Parser.ParseDocument(body);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Loads the page at <paramref name="formPageUrl"/> (or the action url), takes its antiforgery token and posts the fields.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string actionUrl, Dictionary<string, string> fields, string? formPageUrl = null)
    {
        var token = await AntiforgeryTokenAsync(formPageUrl ?? actionUrl);
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await Http.PostAsync(actionUrl, content);
    }

    /// <summary>Multipart post (file uploads) with the antiforgery token of the form page.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string actionUrl, MultipartFormDataContent content, string? formPageUrl = null)
    {
        var token = await AntiforgeryTokenAsync(formPageUrl ?? actionUrl);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await Http.PostAsync(actionUrl, content);
    }

    public async Task<string> AntiforgeryTokenAsync(string pageUrl)
    {
        var doc = await GetDocumentAsync(pageUrl);
        var input = doc.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement
            ?? throw new InvalidOperationException($"Pas de jeton antiforgery sur {pageUrl}");
        return input.Value;
    }
}
