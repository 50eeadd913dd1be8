using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Vigie.Web.Features.Shared;

/// <summary>
/// The pages' counterpart of <see cref="ValidationFilter"/>'s NUL check (issue 16, hostile input): a form post whose field
/// names, values or uploaded file names hold the NUL character (<c>\u0000</c>) never reaches its handler — PostgreSQL text
/// columns cannot store it, so the save would end in a 500, and a handler that clears the model state would not see an
/// error added to it. An urlencoded body with <c>%00</c> is not even a readable form for ASP.NET Core (its form reader
/// refuses it, and the antiforgery check then answered an empty 400). So this runs as an authorization filter before the
/// antiforgery one (order 0 &lt; 1000): the person is sent back to the form page (a redirect to its GET) with a French
/// message naming the field in the layout's error banner; nothing is saved. Registered once for every page
/// (<see cref="SharedRegistration"/>).
/// The same rule holds for a page's query string, whatever the method (a search box, a filter, a page number): a query
/// parameter whose name or value holds NUL never reaches the binder — the search would otherwise end in a 500 on
/// PostgreSQL — and the person gets the page again at the same address without that parameter, with a French message
/// naming it (<see cref="QueryMessage"/>).
/// </summary>
public sealed class FormNulFilter(IModelMetadataProvider metadata, ITempDataDictionaryFactory tempData) : IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the antiforgery check (<c>AutoValidateAntiforgeryToken</c>, order 1000), which cannot read such a form.</summary>
    public int Order => 0;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (request.Query.FirstOrDefault(q => q.Key.Contains('\0') || q.Value.Any(v => v?.Contains('\0') == true)) is { Key: { } parameter })
        {
            BackToThePage(context, QueryMessage(parameter.Replace("\0", "", StringComparison.Ordinal)));
            return;
        }
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || !request.HasFormContentType) return;
        var urlEncoded = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        if (urlEncoded) request.EnableBuffering(); // small bodies: read again below when the form reader refuses them
        string? field;
        try
        {
            field = FindField(await request.ReadFormAsync(context.HttpContext.RequestAborted));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unreadable: an urlencoded body may hold %00; anything else is left to the antiforgery check as before (the form
            // feature keeps the failed read, so it answers the same 400/413 it did without this filter).
            field = urlEncoded ? await EncodedNulFieldAsync(request) : null;
        }
        finally
        {
            if (urlEncoded) request.Body.Position = 0;
        }
        if (field is null) return;
        var page = (context.ActionDescriptor as Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor)?.ModelTypeInfo?.AsType();
        BackToThePage(context, Message(page is null ? field : Label(page, field)));
    }

    /// <summary>
    /// Answers with a redirect to the page itself as a GET (the same path and query, without the handler and without any
    /// parameter holding NUL, so it cannot loop) and the French message in the layout's error banner.
    /// </summary>
    private void BackToThePage(AuthorizationFilterContext context, string message)
    {
        var request = context.HttpContext.Request;
        var flash = tempData.GetTempData(context.HttpContext);
        flash["FlashError"] = message;
        flash.Save(); // a short-circuited authorization skips the filter that saves it
        var query = QueryString.Create(request.Query.Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase)
            && !q.Key.Contains('\0') && !q.Value.ToString().Contains('\0')));
        context.Result = new LocalRedirectResult(request.PathBase + request.Path + query) { PreserveMethod = false };
        context.HttpContext.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>The French message naming the query parameter that was dropped.</summary>
    public static string QueryMessage(string parameter) =>
        $"Le paramètre « {parameter} » de l'adresse contient un caractère nul (\\u0000), qui n'est pas accepté : il a été retiré et la page est affichée sans lui.";

    /// <summary>The first field of a raw urlencoded body whose name or value is <c>%00</c>-encoded (decoded name), or null.</summary>
    private static async Task<string?> EncodedNulFieldAsync(HttpRequest request)
    {
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        foreach (var pair in body.Split('&'))
        {
            if (!pair.Contains("%00", StringComparison.Ordinal)) continue;
            var name = pair.Split('=', 2)[0].Replace('+', ' ');
            try { name = Uri.UnescapeDataString(name); } catch (UriFormatException) { }
            return name.Replace("\0", "", StringComparison.Ordinal);
        }
        return null;
    }

    /// <summary>The French message naming the field (its display name, else its form name).</summary>
    public static string Message(string label) =>
        $"Le champ « {label} » contient un caractère nul (\\u0000), qui n'est pas accepté : rien n'a été enregistré. Retirez ce caractère et enregistrez de nouveau.";

    /// <summary>The form name of the first field whose name or value (or uploaded file name) holds U+0000, or null.</summary>
    public static string? FindField(IFormCollection form)
    {
        foreach (var (key, values) in form)
        {
            if (key.Contains('\0')) return key.Replace("\0", "", StringComparison.Ordinal);
            foreach (var v in values)
                if (v is not null && v.Contains('\0')) return key;
        }
        foreach (var file in form.Files)
            if (file.FileName.Contains('\0') || file.Name.Contains('\0')) return file.Name.Replace("\0", "", StringComparison.Ordinal);
        return null;
    }

    /// <summary>"Input.Title" → the [Display] name of PageModel.Input.Title when it has one, else the form name.</summary>
    private string Label(Type pageType, string field)
    {
        var type = pageType;
        ModelMetadata? m = null;
        foreach (var segment in field.Split('.'))
        {
            var name = segment.Split('[')[0];
            m = metadata.GetMetadataForProperties(type).FirstOrDefault(p => string.Equals(p.PropertyName, name, StringComparison.OrdinalIgnoreCase));
            if (m is null) return field;
            type = m.ElementMetadata?.ModelType ?? m.ModelType;
        }
        return m?.DisplayName ?? field;
    }
}
